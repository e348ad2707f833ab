/**
 * Worker: the offline semantic path at scale. Loads an index ingested with the static word-vector
 * embedder (its 100-d HNSW graph included, as the bot loads it) and times `ask` through an engine
 * with that embedder: each question is embedded by the word table and searched in the graph and
 * the BM25 index (hybrid fusion), as a bot without a transformers.js model answers.
 */
import { engineFrom } from '../../src/engine/engine.js';
import { loadSearchIndex } from '../../src/index/store.js';
import { peakRssMiB, rssMiB, workerMain } from './child.js';
import { benchQuestions } from './questions.js';
import { benchStaticModel } from './static-model.js';

export interface SemanticInput {
  readonly indexDir: string;
  readonly articlesDir: string;
  readonly questions: readonly string[];
  readonly warmup: number;
}

export interface SemanticOutput {
  readonly model: string;
  readonly chunks: number;
  readonly hybrid: boolean;
  readonly loadMs: number;
  readonly loadedRssMiB: number;
  readonly peakRssMiB: number;
  /** Time to embed one question with the word table (median-free raw samples, ms). */
  readonly embedMs: readonly number[];
  readonly askMs: readonly number[];
  readonly answered: number;
}

await workerMain<SemanticInput, SemanticOutput>(async (input) => {
  const model = await benchStaticModel();
  const started = performance.now();
  const index = await loadSearchIndex(input.indexDir, { modelId: model.embedder.modelId });
  const loadMs = performance.now() - started;
  const loadedRssMiB = rssMiB();
  const engine = engineFrom({
    index,
    embedder: model.embedder,
    reranker: null,
    articlesDir: input.articlesDir,
    indexDir: input.indexDir,
  });
  for (const q of benchQuestions(input.warmup, 37)) await engine.ask(q);
  const embedMs: number[] = [];
  const askMs: number[] = [];
  let answered = 0;
  for (const q of input.questions) {
    let t = performance.now();
    model.embedder.embedOne(q);
    embedMs.push(performance.now() - t);
    t = performance.now();
    const r = await engine.ask(q);
    askMs.push(performance.now() - t);
    if (r.kind === 'answer') answered++;
  }
  return {
    model: model.label,
    chunks: index.chunks.length,
    hybrid: index.vectors !== null,
    loadMs,
    loadedRssMiB,
    peakRssMiB: peakRssMiB(),
    embedMs,
    askMs,
    answered,
  };
});
