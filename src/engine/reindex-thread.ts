/**
 * Runs an ingestion in a worker thread, so a reindex never stalls the bot's event loop: the
 * thread parses, tokenizes and builds the index (the embedded one in a directory, or a
 * PostgreSQL generation over its own connection); this side only answers its embedding requests
 * with the engine's model (onnxruntime runs those on its own threads) and relays progress.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder } from '../embed/types.js';
import { IndexLockedError } from '../index/lock.js';
import { DatabaseLockedError } from '../index/pg/ingest.js';
import type { IngestProgress, IngestSummary } from '../ingest/types.js';

/** What the thread is started with. */
export interface IngestThreadInput {
  readonly articlesDir: string;
  readonly indexDir: string;
  /** A postgres:// URL: ingest into that database (indexDir unused). PGlite cannot be opened twice, so never a pglite: one. */
  readonly databaseUrl?: string;
  readonly full: boolean;
  /** The model the thread's embedding requests go to, or null for a lexical index. */
  readonly embedder: { readonly modelId: string; readonly dimension: number } | null;
}

/** Messages from the thread. */
export type FromThread =
  | { readonly kind: 'progress'; readonly progress: IngestProgress }
  | { readonly kind: 'embed'; readonly id: number; readonly texts: readonly string[] }
  | { readonly kind: 'done'; readonly summary: IngestSummary }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string; readonly pid?: number };

/** Messages to the thread: the answer to one embedding request. */
export type ToThread =
  | { readonly kind: 'vectors'; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

// The thread runs the same kind of file as this one (.ts under tsx and the tests, .js if compiled).
const THREAD = new URL(`./ingest-thread${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** URL of tsx's ESM register API (require.resolve finds its CommonJS twin beside it). */
function tsxApi(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}

/** Runs one ingestion in a worker thread; rejects with the ingestion's error (IndexLockedError and DatabaseLockedError kept as such). */
export function ingestInThread(
  options: { readonly articlesDir: string; readonly indexDir: string; readonly databaseUrl?: string; readonly full: boolean },
  embedder: Embedder | null,
  onProgress?: (p: IngestProgress) => void,
): Promise<IngestSummary> {
  const workerData: IngestThreadInput = {
    ...options,
    embedder: embedder ? { modelId: embedder.modelId, dimension: embedder.dimension } : null,
  };
  const worker = THREAD.pathname.endsWith('.ts')
    ? // A .ts thread registers tsx's loader first (a thread does not inherit the test runner's or always tsx's); compiled .js needs nothing.
      new Worker(
        `import(${JSON.stringify(tsxApi())})` + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(THREAD, { workerData });
  return new Promise<IngestSummary>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.on('message', (m: FromThread) => {
      switch (m.kind) {
        case 'progress':
          onProgress?.(m.progress);
          return;
        case 'embed':
          if (!embedder) {
            worker.postMessage({ kind: 'error', id: m.id, message: 'no embedder' } satisfies ToThread);
            return;
          }
          embedder.embed(m.texts).then(
            // Copied, not transferred: the model may keep views of its output buffers.
            (vectors) => worker.postMessage({ kind: 'vectors', id: m.id, vectors } satisfies ToThread),
            (e: unknown) => worker.postMessage({ kind: 'error', id: m.id, message: (e as Error).message } satisfies ToThread),
          );
          return;
        case 'done':
          settle(() => resolve(m.summary));
          return;
        case 'failed':
          settle(() =>
            reject(
              m.name === 'IndexLockedError' && m.pid !== undefined
                ? new IndexLockedError(m.pid)
                : m.name === 'DatabaseLockedError'
                  ? Object.assign(new DatabaseLockedError(''), { message: m.message })
                  : namedError(m.name, m.message),
            ),
          );
          return;
        default:
          return assertNever(m);
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the ingestion thread exited (code ${code}) before finishing`))));
  });
}

function namedError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
