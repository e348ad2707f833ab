/**
 * Worker: loads a saved index (timing the reload), then measures per-query latency of `ask`
 * (lexical; hybrid and hybrid+rerank when models are given) and of `timeline` through the
 * engine, as every front end calls them. Returns raw samples; the parent takes percentiles.
 */
import { join } from 'node:path';
import { loadReranker } from '../../src/embed/transformers-reranker.js';
import { loadEmbedder } from '../../src/embed/transformers-embedder.js';
import type { Embedder, Reranker } from '../../src/embed/types.js';
import { engineFrom } from '../../src/engine/engine.js';
import { HnswVectorIndex } from '../../src/index/hnsw-index.js';
import { loadSearchIndex, readManifest } from '../../src/index/store.js';
import type { SearchIndex } from '../../src/index/types.js';
import { peakRssMiB, rssMiB, workerMain } from './child.js';
import { benchQuestions, benchTopics } from './questions.js';

export interface QueryInput {
  readonly label: string;
  readonly indexDir: string;
  readonly articlesDir: string;
  readonly reloads: number;
  readonly warmup: number;
  readonly questions: readonly string[];
  readonly topics: readonly string[];
  /** Local model directories for hybrid queries; null for lexical only. */
  readonly models: { readonly embedder: string; readonly reranker: string | null } | null;
  /**
   * Separate question sets for hybrid and rerank: quote selection caches per-article terms, so
   * re-asking the lexical questions would find their articles already tokenized.
   */
  readonly hybridQuestions: readonly string[];
  readonly rerankQuestions: readonly string[];
  /**
   * A hybrid index of the same corpus, ingested with the synthetic embedder: its HNSW graph is
   * used for the hybrid queries (the chunks are the same as the lexical index's).
   */
  readonly vectorIndexDir: string | null;
}

/** Samples of one query kind, or why it was not measured. */
export type Samples =
  | { readonly kind: 'measured'; readonly ms: readonly number[]; readonly answered: number; readonly note?: string }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface QueryOutput {
  readonly chunks: number;
  readonly articles: number;
  readonly reloadMs: readonly number[];
  readonly baselineRssMiB: number;
  readonly loadedRssMiB: number;
  readonly peakRssMiB: number;
  readonly lexical: Samples;
  readonly timeline: Samples;
  readonly hybrid: Samples;
  readonly rerank: Samples;
  /** Time to load the HNSW graph of the hybrid index; null when not loaded. */
  readonly vectorLoadMs: number | null;
}

/** Runs the untimed `warmup` items (JIT, first-use allocations), then times each of `items`. */
async function timeAll<T>(items: readonly string[], warmup: readonly string[], run: (q: string) => Promise<T>, ok: (r: T) => boolean) {
  for (const q of warmup) await run(q);
  const ms: number[] = [];
  let answered = 0;
  for (const q of items) {
    const started = performance.now();
    const r = await run(q);
    ms.push(performance.now() - started);
    if (ok(r)) answered++;
  }
  return { kind: 'measured' as const, ms, answered };
}

await workerMain<QueryInput, QueryOutput>(async (input) => {
  const log = (m: string) => process.stderr.write(`  [${input.label}] ${m}\n`);
  const baseline = rssMiB();
  const reloadMs: number[] = [];
  let index: SearchIndex | null = null;
  for (let i = 0; i < input.reloads; i++) {
    index = null; // let the previous copy go before loading the next
    const started = performance.now();
    index = await loadSearchIndex(input.indexDir, { modelId: null });
    reloadMs.push(performance.now() - started);
  }
  if (!index) throw new Error('reloads must be ≥ 1');
  const loadedRss = rssMiB();
  log(`loaded ${index.chunks.length} chunks in ${Math.round(reloadMs.at(-1)!)} ms`);

  const parts = { articlesDir: input.articlesDir, indexDir: input.indexDir };
  const lexicalEngine = engineFrom({ index, embedder: null, reranker: null, ...parts });
  const isAnswer = (r: { kind: string }) => r.kind === 'answer';
  // Warm-up queries differ from the timed ones, so no timed query finds its own work cached.
  const warmQuestions = benchQuestions(input.warmup, 29);
  const lexical = await timeAll(input.questions, warmQuestions, (q) => lexicalEngine.ask(q), isAnswer);
  log(`lexical ask ×${input.questions.length} done`);
  const timeline = await timeAll(
    input.topics,
    benchTopics(input.warmup, 31),
    (t) => lexicalEngine.timeline(t),
    (r) => r.kind === 'timeline',
  );
  log(`timeline ×${input.topics.length} done`);

  let hybrid: Samples = { kind: 'skipped', reason: 'no model directory' };
  let rerank: Samples = { kind: 'skipped', reason: 'no model directory' };
  let vectorLoadMs: number | null = null;
  if (input.models) {
    const opts = { allowRemote: false };
    const e = await loadEmbedder(input.models.embedder, opts);
    const embedder: Embedder | null = e.kind === 'loaded' ? e.model : null;
    if (!embedder) {
      const reason = e.kind === 'unavailable' ? e.reason : '';
      hybrid = rerank = { kind: 'skipped', reason };
    } else {
      if (!input.vectorIndexDir) throw new Error('hybrid queries need vectorIndexDir');
      // Embedding every chunk would take far longer than the benchmark budget on CPU, and HNSW
      // cost depends on count and dimension, not on meaning: the graph holds synthetic vectors.
      const started = performance.now();
      const manifest = await readManifest(input.vectorIndexDir);
      if (!manifest?.model || manifest.counts.chunks !== index.chunks.length)
        throw new Error('hybrid index does not match the lexical one');
      const path = join(input.vectorIndexDir, manifest.generation, 'vectors.hnsw');
      const vectors = await HnswVectorIndex.load(path, manifest.model.dimension, index.chunks.length);
      vectorLoadMs = performance.now() - started;
      const hybridIndex: SearchIndex = { ...index, vectors };
      const note = `synthetic chunk vectors (HNSW graph loaded in ${(vectorLoadMs / 1000).toFixed(1)} s); query embedding and reranking use the model`;
      log(note);
      const hq = input.hybridQuestions;
      const hybridEngine = engineFrom({ index: hybridIndex, embedder, reranker: null, ...parts });
      hybrid = { ...(await timeAll(hq, warmQuestions, (q) => hybridEngine.ask(q), isAnswer)), note };
      log(`hybrid ask ×${hq.length} done`);
      let reranker: Reranker | null = null;
      let rerankReason = 'no reranker directory';
      if (input.models.reranker) {
        const r = await loadReranker(input.models.reranker, opts);
        if (r.kind === 'loaded') reranker = r.model;
        else rerankReason = r.reason;
      }
      if (reranker) {
        const rq = input.rerankQuestions;
        const rerankEngine = engineFrom({ index: hybridIndex, embedder, reranker, ...parts });
        rerank = { ...(await timeAll(rq, warmQuestions.slice(0, 2), (q) => rerankEngine.ask(q), isAnswer)), note };
        log(`hybrid+rerank ask ×${rq.length} done`);
      } else {
        rerank = { kind: 'skipped', reason: rerankReason };
      }
    }
  }
  return {
    chunks: index.chunks.length,
    articles: index.articles.length,
    reloadMs,
    baselineRssMiB: baseline,
    loadedRssMiB: loadedRss,
    peakRssMiB: peakRssMiB(),
    lexical,
    timeline,
    hybrid,
    rerank,
    vectorLoadMs,
  };
});
