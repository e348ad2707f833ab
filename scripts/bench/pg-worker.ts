/**
 * Worker: the PostgreSQL backend at scale, as a bot process on it would see it. In one process:
 * a full ingestion into an empty, migrated database (the ingestion rate), the bench questions and
 * topics through the PostgreSQL engine (query latency; RSS of this process, i.e. the bot's — the
 * database itself is another process on a server, in this process with PGlite), then a second
 * full reindex through the engine while questions keep coming, measuring the worst event-loop
 * delay with perf_hooks.monitorEventLoopDelay, like the embedded stall measurement. On a
 * postgres:// server the reindex runs in a worker thread on its own connection (as the bot's
 * /reindex does); PGlite is one in-process database, so there it runs on this thread.
 *
 * Lexical only: the vectors would need pgvector (not in Debian's server) and an HNSW build over
 * 100k vectors in the database, which this run does not include.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pgEngineFrom } from '../../src/engine/pg-engine.js';
import { openDatabase } from '../../src/index/pg/db.js';
import { ingestToDatabase } from '../../src/index/pg/ingest.js';
import { migrate } from '../../src/index/pg/migrate.js';
import { peakRssMiB, rssMiB, workerMain } from './child.js';
import { benchQuestions, benchTopics } from './questions.js';

export interface PgInput {
  /** A postgres:// URL of an empty database made for this run, or "pglite:memory". */
  readonly url: string;
  readonly articlesDir: string;
  readonly questions: readonly string[];
  readonly topics: readonly string[];
  readonly warmup: number;
  /** Questions asked during the measured reindex (a burst of `burst` first, then one every 25 ms). */
  readonly stallQuestions: readonly string[];
  readonly burst: number;
  /** Wall-clock time (epoch ms) the worker must be done by: the reindex is skipped when it would not fit. */
  readonly deadlineEpochMs: number;
}

export interface PgOutput {
  readonly backend: string;
  readonly articles: number;
  readonly chunks: number;
  readonly ingestMs: number;
  readonly baselineRssMiB: number;
  /** RSS after the questions and topics: what the bot process holds serving from the database. */
  readonly servingRssMiB: number;
  readonly peakRssMiB: number;
  readonly askMs: readonly number[];
  readonly answered: number;
  readonly timelineMs: readonly number[];
  readonly stall:
    | {
        readonly kind: 'measured';
        readonly inThread: boolean;
        readonly reindexMs: number;
        readonly maxMs: number;
        readonly p99Ms: number;
        readonly questionsAsked: number;
        readonly askMs: readonly number[];
      }
    | { readonly kind: 'skipped'; readonly reason: string };
}

const ms = (ns: number) => ns / 1e6;
/** Set when a reindex was left running at the time limit: the process then exits once its result is written. */
let abandoned = false;

await workerMain<PgInput, PgOutput>(async (input) => {
  const log = (m: string) => process.stderr.write(`  [postgres] ${m}\n`);
  const server = /^postgres(ql)?:\/\//i.test(input.url);
  const baseline = rssMiB();
  const db = await openDatabase(input.url);
  try {
    await migrate(db);
    let lastReport = 0;
    const started = performance.now();
    const summary = await ingestToDatabase({
      db,
      articlesDir: input.articlesDir,
      full: true,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastReport < 10_000 || p.stage === 'done') return;
        lastReport = now;
        log(`ingesting: ${p.stage}${p.stage === 'parse' ? ` ${p.done}/${p.total}` : ''} (${Math.round((now - started) / 1000)} s)`);
      },
    });
    const ingestMs = performance.now() - started;
    log(`ingested ${summary.articles} articles, ${summary.chunks} chunks in ${(ingestMs / 1000).toFixed(1)} s`);

    const engine = await pgEngineFrom({
      db,
      embedder: null,
      reranker: null,
      articlesDir: input.articlesDir,
      pollMs: 0,
      ...(server ? { databaseUrl: input.url } : {}),
    });
    for (const q of benchQuestions(input.warmup, 29)) await engine.ask(q);
    const askMs: number[] = [];
    let answered = 0;
    for (const q of input.questions) {
      const t = performance.now();
      const r = await engine.ask(q);
      askMs.push(performance.now() - t);
      if (r.kind === 'answer') answered++;
    }
    log(`ask ×${askMs.length} done`);
    for (const t of benchTopics(Math.min(2, input.warmup), 31)) await engine.timeline(t);
    const timelineMs: number[] = [];
    for (const topic of input.topics) {
      const t = performance.now();
      await engine.timeline(topic);
      timelineMs.push(performance.now() - t);
    }
    log(`timeline ×${timelineMs.length} done`);
    const servingRssMiB = rssMiB();

    // Asked now: PGlite would queue it behind an abandoned reindex.
    const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
    // A full reindex costs about one more ingestion (more with questions competing): skip it when that would not fit.
    const needMs = ingestMs * 1.5;
    const leftMs = input.deadlineEpochMs - Date.now();
    let stall: PgOutput['stall'] = {
      kind: 'skipped',
      reason: `a second full ingestion (~${Math.round(needMs / 1000)} s) does not fit in the ${Math.max(0, Math.round(leftMs / 1000))} s left`,
    };
    if (needMs < leftMs) {
      log(`full reindex ${server ? 'in a worker thread' : 'on the main thread (PGlite)'} while questions keep coming`);
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      const t0 = performance.now();
      histogram.enable();
      const job = engine.reindex({ full: true });
      let done = false;
      void job.finally(() => (done = true)).catch(() => undefined);
      const stallAsk: number[] = [];
      let asked = 0;
      const next = () => input.stallQuestions[asked++ % input.stallQuestions.length]!;
      const ask = async (q: string) => {
        const t = performance.now();
        await engine.ask(q);
        stallAsk.push(performance.now() - t);
      };
      await Promise.all(Array.from({ length: input.burst }, () => ask(next())));
      while (!done && Date.now() < input.deadlineEpochMs) {
        await ask(next());
        await sleep(25);
      }
      histogram.disable();
      if (done) {
        await job;
        stall = {
          kind: 'measured',
          inThread: server,
          reindexMs: performance.now() - t0,
          maxMs: ms(histogram.max),
          p99Ms: ms(histogram.percentile(99)),
          questionsAsked: asked,
          askMs: stallAsk,
        };
        log(`reindex done in ${(stall.reindexMs / 1000).toFixed(1)} s, worst event-loop delay ${Math.round(stall.maxMs)} ms`);
      } else {
        // Out of time: report what was seen so far rather than lose the whole section to the kill.
        abandoned = true;
        stall = {
          kind: 'skipped',
          reason: `the reindex had not finished at the time limit (${Math.round((performance.now() - t0) / 1000)} s in; worst event-loop delay until then ${Math.round(ms(histogram.max))} ms over ${asked} questions)`,
        };
        log(stall.reason);
      }
    } else {
      log(stall.reason);
    }
    if (!abandoned) await engine.close();
    return {
      backend: server ? `PostgreSQL ${version} server` : `PGlite ${version} (in-process WASM)`,
      articles: summary.articles,
      chunks: summary.chunks,
      ingestMs,
      baselineRssMiB: baseline,
      servingRssMiB,
      peakRssMiB: peakRssMiB(),
      askMs,
      answered,
      timelineMs,
      stall,
    };
  } finally {
    if (!abandoned) await db.close();
  }
});
// A reindex thread left running would keep the process alive until the bench's kill.
if (abandoned) process.exit(0);
