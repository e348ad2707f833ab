/**
 * Worker: does the bot stall during a reindex? Loads a saved index into an engine that reindexes
 * in a worker thread (as the bot's does), starts a full reindex and keeps asking questions while
 * it runs (a burst of concurrent ones first, then one after another), measuring event-loop delay
 * with perf_hooks.monitorEventLoopDelay — separately while the thread ingests and while the new
 * generation is loaded and swapped in on this thread.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineFrom } from '../../src/engine/engine.js';
import { loadSearchIndex } from '../../src/index/store.js';
import { peakRssMiB, workerMain } from './child.js';

export interface StallInput {
  readonly label: string;
  readonly indexDir: string;
  readonly articlesDir: string;
  readonly questions: readonly string[];
  /** Questions asked at once when the reindex starts. */
  readonly burst: number;
  readonly inThread: boolean;
}

export interface StallOutput {
  readonly chunks: number;
  readonly reindexMs: number;
  /** Worst and 99th-percentile event-loop delay while the thread ingested, and while the result was loaded and swapped in (ms). */
  readonly ingestMaxMs: number;
  readonly ingestP99Ms: number;
  readonly swapMaxMs: number;
  readonly questionsAsked: number;
  /** Latencies (ms) of the questions answered during the reindex. */
  readonly askMs: readonly number[];
  readonly peakRssMiB: number;
}

const ms = (ns: number) => ns / 1e6;

await workerMain<StallInput, StallOutput>(async (input) => {
  const index = await loadSearchIndex(input.indexDir, { modelId: null });
  const parts = { articlesDir: input.articlesDir, indexDir: input.indexDir };
  const engine = engineFrom({ index, embedder: null, reranker: null, ...parts, ingestInThread: input.inThread });
  for (const q of input.questions.slice(0, 5)) await engine.ask(q); // warm-up: JIT, term caches

  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let ingestMax = 0;
  let ingestP99 = 0;
  const started = performance.now();
  histogram.enable();
  const job = engine.reindex({ full: true }, (p) => {
    if (p.stage !== 'done') return;
    // Ingestion finished in the thread; what follows is the load and swap on this thread.
    ingestMax = ms(histogram.max);
    ingestP99 = ms(histogram.percentile(99));
    histogram.reset();
  });
  let done = false;
  void job.finally(() => (done = true));
  const askMs: number[] = [];
  const ask = async (q: string) => {
    const t = performance.now();
    await engine.ask(q);
    askMs.push(performance.now() - t);
  };
  let asked = 0;
  const next = () => input.questions[asked++ % input.questions.length]!;
  await Promise.all(Array.from({ length: input.burst }, () => ask(next())));
  while (!done) {
    await ask(next());
    await sleep(25);
  }
  await job;
  const reindexMs = performance.now() - started;
  histogram.disable();
  return {
    chunks: index.chunks.length,
    reindexMs,
    ingestMaxMs: ingestMax,
    ingestP99Ms: ingestP99,
    swapMaxMs: ms(histogram.max),
    questionsAsked: asked,
    askMs,
    peakRssMiB: peakRssMiB(),
  };
});
