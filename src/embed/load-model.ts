/**
 * Shared loading for transformers.js models: applies the location / cache / network settings,
 * guards against hangs with an inactivity timeout, and turns every failure into
 * `{ kind: 'unavailable', reason }` with advice on how to turn the feature on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { env } from '@xenova/transformers';
import type { ModelLoad } from './types.js';
import { locateModel } from './model-location.js';

/** Options shared by the embedder and reranker loaders. */
export interface ModelOptions {
  /** Where downloaded hub models are cached (transformers.js `env.cacheDir`). */
  cacheDir?: string;
  /** Allow downloading hub models; default true. Local directories never touch the network. */
  allowRemote?: boolean;
  /** Give up when loading makes no progress for this long (ms); default 20 000. Download progress resets the clock. */
  timeoutMs?: number;
  /** Load onnx/model_quantized.onnx instead of onnx/model.onnx; default true, except for a local directory that has only model.onnx. */
  quantized?: boolean;
  /** Texts (or pairs) per inference call; default 32. */
  batchSize?: number;
  /** Longest token sequence fed to the model (longer inputs are truncated); default per model kind. */
  maxTokens?: number;
  /** What the app does without the model, when it differs from the default (e.g. a fallback model). */
  consequence?: string;
}

/** What the loader needs from transformers.js for one `from_pretrained` call. */
export interface PretrainedOptions {
  readonly quantized: boolean;
  readonly local_files_only: boolean;
  readonly cache_dir?: string;
  readonly progress_callback: (progress: unknown) => void;
}

/** How the feature that needs the model is described in the "unavailable" reason. */
export interface FeatureText {
  /** e.g. "embedding" → "could not load embedding model …". */
  readonly modelKind: string;
  /** What the app does without the model, e.g. "Semantic search is off; lexical search only." */
  readonly consequence: string;
  /** Setting that names the model, e.g. EMBEDDING_MODEL. */
  readonly setting: string;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** transformers.js keeps its settings in one global object, so loads that change it run one at a time. */
let envLock: Promise<void> = Promise.resolve();

async function withEnvLock<T>(work: () => Promise<T>): Promise<T> {
  const previous = envLock;
  let release!: () => void;
  envLock = new Promise<void>((r) => (release = r));
  await previous;
  try {
    return await work();
  } finally {
    release();
  }
}

/** Message of an error, with the network cause (e.g. ENOTFOUND) that `fetch failed` hides. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

class LoadTimeout extends Error {}

/**
 * Runs `load` with an inactivity timeout: the clock restarts on every progress report, so a slow
 * but moving download is not cut off while a hung connection is.
 */
function withInactivityTimeout<T>(
  timeoutMs: number,
  load: (onProgress: () => void) => Promise<T>,
  onLateResult: (value: T) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        settled = true;
        const waited = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
        reject(new LoadTimeout(`no progress for ${waited} (network unreachable or very slow?)`));
      }, timeoutMs);
      timer.unref?.();
    };
    arm();
    load(() => {
      if (!settled) arm();
    }).then(
      (value) => {
        if (settled) return onLateResult(value);
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return; // already reported as a timeout
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Loads a model through transformers.js. `load` receives the name to pass to `from_pretrained`
 * and its options; it should also run a probe inference so a broken model fails here, not later.
 */
export async function loadPretrained<T>(
  spec: string,
  options: ModelOptions,
  feature: FeatureText,
  load: (name: string, pretrained: PretrainedOptions) => Promise<T>,
  dispose: (value: T) => void = () => {},
): Promise<ModelLoad<T>> {
  const unavailable = (cause: string): ModelLoad<T> => ({
    kind: 'unavailable',
    reason:
      `could not load ${feature.modelKind} model ${spec}: ${cause}. ${feature.consequence} ` +
      `Set ${feature.setting} to a local model directory or allow network access to download it.`,
  });
  const location = locateModel(spec);
  if (location.kind === 'missing-dir') return unavailable(`directory ${location.dir} does not exist`);
  const allowRemote = location.kind === 'hub' && (options.allowRemote ?? true);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // A local directory with only onnx/model.onnx is used as is unless quantized was asked for explicitly.
  const quantized =
    options.quantized ??
    (location.kind !== 'local' ||
      existsSync(join(location.dir, 'onnx', 'model_quantized.onnx')) ||
      !existsSync(join(location.dir, 'onnx', 'model.onnx')));

  return withEnvLock(async () => {
    const saved = { localModelPath: env.localModelPath, allowRemoteModels: env.allowRemoteModels, cacheDir: env.cacheDir };
    if (location.kind === 'local') env.localModelPath = location.parent;
    env.allowRemoteModels = allowRemote;
    if (options.cacheDir) env.cacheDir = options.cacheDir;
    const name = location.kind === 'local' ? location.name : location.id;
    try {
      const model = await withInactivityTimeout(
        timeoutMs,
        (onProgress) =>
          load(name, {
            quantized,
            // Per-call switch too, in case a concurrent timed-out load is still reading the globals.
            local_files_only: !allowRemote,
            ...(options.cacheDir ? { cache_dir: options.cacheDir } : {}),
            progress_callback: onProgress,
          }),
        dispose,
      );
      return { kind: 'loaded', model };
    } catch (error) {
      if (error instanceof LoadTimeout) return unavailable(`timed out: ${error.message}`);
      const cause = describeError(error).replace(/\.+$/, '');
      if (location.kind === 'hub' && !allowRemote) {
        return unavailable(`it is not in the model cache (${options.cacheDir ?? env.cacheDir}) and downloads are disabled [${cause}]`);
      }
      return unavailable(cause);
    } finally {
      env.localModelPath = saved.localModelPath;
      env.allowRemoteModels = saved.allowRemoteModels;
      env.cacheDir = saved.cacheDir;
    }
  });
}
