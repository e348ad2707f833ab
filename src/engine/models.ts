import type { Config } from '../config.js';
import { isStaticModelId, loadStaticEmbedder, resolveStaticSource, STATIC_PACKAGE } from '../embed/static-embedder.js';
import { loadEmbedder } from '../embed/transformers-embedder.js';
import { loadReranker } from '../embed/transformers-reranker.js';
import type { Embedder, Reranker } from '../embed/types.js';

/** The models an engine or ingestion runs with, and why any is missing. */
export interface LoadedModels {
  readonly embedder: Embedder | null;
  readonly reranker: Reranker | null;
  /** One line per model that was configured but could not be loaded. */
  readonly warnings: readonly string[];
}

type ModelConfig = Pick<Config, 'embeddingModel' | 'rerankerModel' | 'modelCacheDir' | 'allowRemoteModels' | 'modelLoadTimeoutMs'> &
  Partial<Pick<Config, 'staticEmbedding'>>;

/** `EMBEDDING_MODEL=static` asks for the offline word vectors directly, without trying a transformers.js model. */
export const STATIC_MODEL_SETTING = 'static';

export { isStaticModelId };

export interface LoadModelsOptions {
  /** Model id of the saved index: when it is the offline vectors, they are loaded directly (no download attempt). */
  readonly indexModelId?: string | null;
  /** Told once before the one-time conversion of the offline vectors. */
  readonly onNote?: (message: string) => void;
}

/**
 * Loads the configured embedding model (and reranker when asked). Order: the configured
 * transformers.js model (e.g. all-MiniLM-L6-v2); when it cannot be loaded, the offline word
 * vectors (`STATIC_EMBEDDING`, converted once and cached); `EMBEDDING_MODEL=none` means lexical
 * only. A model that cannot be loaded is not an error: the warning says what happened and how to fix it.
 */
export async function loadModels(config: ModelConfig, withReranker: boolean, options: LoadModelsOptions = {}): Promise<LoadedModels> {
  const modelOptions = {
    cacheDir: config.modelCacheDir,
    allowRemote: config.allowRemoteModels,
    timeoutMs: config.modelLoadTimeoutMs,
  };
  const warnings: string[] = [];
  let embedder: Embedder | null = null;
  const spec = config.embeddingModel;
  const staticOnly = spec === STATIC_MODEL_SETTING || (spec !== null && isStaticModelId(options.indexModelId));
  const staticSpec = spec === STATIC_MODEL_SETTING ? (config.staticEmbedding ?? STATIC_PACKAGE) : (config.staticEmbedding ?? null);
  if (spec && !staticOnly) {
    const r = await loadEmbedder(spec, {
      ...modelOptions,
      ...(staticSpec ? { consequence: 'Semantic search uses the offline word vectors instead.' } : {}),
    });
    if (r.kind === 'loaded') embedder = r.model;
    else warnings.push(r.reason);
  }
  if (spec && !embedder && staticSpec) {
    const source = resolveStaticSource(staticSpec);
    const r = source
      ? await loadStaticEmbedder(source, { cacheDir: config.modelCacheDir, ...(options.onNote ? { onConvert: options.onNote } : {}) })
      : { kind: 'unavailable' as const, reason: `offline word vectors: package ${STATIC_PACKAGE} is not installed` };
    if (r.kind === 'loaded') embedder = r.model;
    else warnings.push(`${r.reason} Semantic search is off; lexical search only.`);
  }
  let reranker: Reranker | null = null;
  if (withReranker && config.rerankerModel) {
    const r = await loadReranker(config.rerankerModel, modelOptions);
    if (r.kind === 'loaded') reranker = r.model;
    else warnings.push(r.reason);
  }
  return { embedder, reranker, warnings };
}
