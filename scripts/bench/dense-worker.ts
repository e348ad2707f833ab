/**
 * Worker: embedding throughput of the real transformers.js embedder against its limit, raw
 * onnxruntime-node on the same model with the same tokenization, length sorting and batches
 * (src/embed/raw-ort.ts). Runs alternate (raw, embedder, raw, …) so machine noise hits both.
 */
import { rawOrtThroughput } from '../../src/embed/raw-ort.js';
import { DEFAULT_BATCH_SIZE, loadEmbedder } from '../../src/embed/transformers-embedder.js';
import type { Article } from '../../src/core/types.js';
import { buildArticle } from '../../src/ingest/article.js';
import { chunkArticles, chunkSearchText } from '../../src/index/memory.js';
import { workerMain } from './child.js';
import { generateArticle, lexicon } from './corpus.js';
import { createRng } from './prng.js';

export interface DenseInput {
  readonly modelDir: string;
  readonly chunks: number;
  readonly runs: number;
}

export interface DenseOutput {
  readonly texts: number;
  readonly batchSize: number;
  readonly meanChars: number;
  /** texts/s per run (run i of both paths ran back to back, so their ratio is the least noisy figure). */
  readonly embedder: readonly number[];
  readonly raw: readonly number[];
  /** texts/s inside session.run only, per raw run. */
  readonly rawInference: readonly number[];
}

/** Chunk texts exactly as ingestion embeds them (title + chunk), from the synthetic corpus. */
function chunkTexts(n: number): string[] {
  const rng = createRng(3);
  const words = lexicon();
  const articles: Article[] = [];
  const texts: string[] = [];
  for (let i = 0; texts.length < n; i++) {
    const a = buildArticle(generateArticle(rng, i, words), 'dense.jsonl', i + 1);
    articles.push(a);
    for (const c of chunkArticles([a])) texts.push(chunkSearchText(a, c));
  }
  return texts.slice(0, n);
}

await workerMain<DenseInput, DenseOutput>(async (input) => {
  const texts = chunkTexts(input.chunks);
  const loaded = await loadEmbedder(input.modelDir, { allowRemote: false });
  if (loaded.kind === 'unavailable') throw new Error(loaded.reason);
  const embedder = loaded.model;
  const embedderRates: number[] = [];
  const raw: number[] = [];
  const rawInference: number[] = [];
  // One untimed pass each: onnxruntime allocates its arenas and V8 compiles the hot paths.
  await embedder.embed(texts.slice(0, DEFAULT_BATCH_SIZE * 2));
  await rawOrtThroughput(input.modelDir, texts.slice(0, DEFAULT_BATCH_SIZE * 2), DEFAULT_BATCH_SIZE);
  for (let run = 0; run < input.runs; run++) {
    const r = await rawOrtThroughput(input.modelDir, texts, DEFAULT_BATCH_SIZE);
    raw.push(r.textsPerSecond);
    rawInference.push(r.inferenceTextsPerSecond);
    const started = performance.now();
    await embedder.embed(texts);
    embedderRates.push(texts.length / ((performance.now() - started) / 1000));
    process.stderr.write(
      `  [dense] run ${run + 1}/${input.runs}: raw ${r.textsPerSecond.toFixed(0)}/s, embedder ${embedderRates.at(-1)!.toFixed(0)}/s\n`,
    );
  }
  return {
    texts: texts.length,
    batchSize: DEFAULT_BATCH_SIZE,
    meanChars: Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length),
    embedder: embedderRates,
    raw,
    rawInference,
  };
});
