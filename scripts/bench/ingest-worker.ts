/**
 * Worker: one ingestion (lexical, or dense with a local model directory) in a fresh process.
 * Reports the pipeline's own timing, wall time and the process's peak RSS against its RSS
 * before ingesting (Node + tsx + libraries), so the growth is the ingestion's own.
 */
import type { Embedder } from '../../src/embed/types.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { peakRssMiB, rssMiB, workerMain } from './child.js';
import { STATIC, SYNTHETIC, SyntheticEmbedder } from './synthetic-embedder.js';

export interface IngestInput {
  readonly articlesDir: string;
  readonly indexDir: string;
  readonly full: boolean;
  /**
   * Local embedding model directory for a dense ingestion, {@link SYNTHETIC} for seeded random
   * vectors (hybrid index at scale: the HNSW work is real, the embedding is not), {@link STATIC}
   * for the offline word-vector model (real embedding, see static-model.ts); null for lexical.
   */
  readonly modelDir: string | null;
  readonly label: string;
}

export interface IngestOutput {
  readonly articles: number;
  readonly chunks: number;
  readonly noop: boolean;
  readonly mode: 'hybrid' | 'lexical';
  /** Files the pipeline parsed again (added or changed). */
  readonly reparsedFiles: number;
  readonly ms: number;
  readonly baselineRssMiB: number;
  readonly peakRssMiB: number;
  readonly warnings: number;
  /** Which embedder made the vectors (for the static model: the real table or the random stand-in). */
  readonly embedder: string | null;
}

await workerMain<IngestInput, IngestOutput>(async (input) => {
  let embedder: Embedder | null = null;
  let embedderLabel: string | null = null;
  if (input.modelDir === SYNTHETIC) {
    embedder = new SyntheticEmbedder();
    embedderLabel = 'seeded random 384-d vectors';
  } else if (input.modelDir === STATIC) {
    const { benchStaticModel } = await import('./static-model.js');
    const m = await benchStaticModel();
    embedder = m.embedder;
    embedderLabel = m.label;
  } else if (input.modelDir) {
    // Imported only here: a lexical run's heap (capped in the import test) holds no transformers.js.
    const { loadEmbedder } = await import('../../src/embed/transformers-embedder.js');
    const loaded = await loadEmbedder(input.modelDir, { allowRemote: false });
    if (loaded.kind === 'unavailable') throw new Error(loaded.reason);
    embedder = loaded.model;
    embedderLabel = loaded.model.modelId;
  }
  const baseline = rssMiB();
  let lastReport = 0;
  const started = performance.now();
  const summary = await ingest({
    articlesDir: input.articlesDir,
    indexDir: input.indexDir,
    full: input.full,
    embedder,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastReport < 5000 || p.stage === 'done') return;
      lastReport = now;
      const detail = p.stage === 'parse' || p.stage === 'embed' ? ` ${p.done}/${p.total}` : '';
      process.stderr.write(`  [${input.label}] ${p.stage}${detail} (${Math.round((now - started) / 1000)} s)\n`);
    },
  });
  return {
    articles: summary.articles,
    chunks: summary.chunks,
    noop: summary.noop,
    mode: summary.mode,
    reparsedFiles: summary.files.filter((f) => f.status === 'added' || f.status === 'changed').length,
    ms: performance.now() - started,
    baselineRssMiB: baseline,
    peakRssMiB: peakRssMiB(),
    warnings: summary.warnings.length,
    embedder: embedderLabel,
  };
});
