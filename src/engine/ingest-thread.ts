/**
 * Worker-thread side of a reindex (see reindex-thread.ts): runs the whole ingestion — scanning,
 * parsing, tokenizing, duplicate detection, the HNSW update or the PostgreSQL writes — off the
 * bot's event loop.
 * Embedding stays with the caller's model (one loaded copy, the same model id): texts are sent
 * to the main thread and vectors come back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from '../embed/types.js';
import { ingest } from '../ingest/pipeline.js';
import type { IngestProgress } from '../ingest/types.js';
import type { FromThread, IngestThreadInput, ToThread } from './reindex-thread.js';

const port = parentPort;
if (!port) throw new Error('ingest-thread must run in a worker thread');
const input = workerData as IngestThreadInput;
const post = (m: FromThread) => port.postMessage(m);

const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
let nextId = 0;
port.on('message', (m: ToThread) => {
  const waiter = pending.get(m.id);
  if (!waiter) return;
  pending.delete(m.id);
  if (m.kind === 'vectors') waiter.resolve(m.vectors);
  else waiter.reject(new Error(m.message));
});

/** An embedder whose work is done by the main thread's model. */
const embedder: Embedder | null = input.embedder && {
  modelId: input.embedder.modelId,
  dimension: input.embedder.dimension,
  embed: (texts) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      post({ kind: 'embed', id, texts: [...texts] });
    }),
};

const onProgress = (progress: IngestProgress) => post({ kind: 'progress', progress });

/** A PostgreSQL ingestion on the thread's own connection (the advisory lock still serialises it with every other). */
async function ingestDatabase(url: string) {
  const { openDatabase } = await import('../index/pg/db.js');
  const { ingestToDatabase } = await import('../index/pg/ingest.js');
  const db = await openDatabase(url);
  try {
    return await ingestToDatabase({ db, articlesDir: input.articlesDir, full: input.full, embedder, onProgress });
  } finally {
    await db.close();
  }
}

try {
  const summary = input.databaseUrl
    ? await ingestDatabase(input.databaseUrl)
    : await ingest({ articlesDir: input.articlesDir, indexDir: input.indexDir, full: input.full, embedder, onProgress });
  post({ kind: 'done', summary });
} catch (e) {
  const error = e as Error & { pid?: number };
  post({ kind: 'failed', name: error.name, message: error.message, ...(error.pid !== undefined ? { pid: error.pid } : {}) });
} finally {
  port.close();
}
