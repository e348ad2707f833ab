/**
 * `npm run bench -- [--json] [--quick] [--budget SECONDS] [--keep] [--render REPORT.jsonl]`
 *
 * Measures ingestion (lexical, hybrid, dense, offline semantic), reload, query latency (ask:
 * lexical on the seed corpus and at scale, hybrid, hybrid+rerank, static word vectors; timeline),
 * how they scale from ~1k to ~100k chunks, incremental re-ingestion, event-loop delay during a
 * reindex, the PostgreSQL backend, peer libraries and memory while streaming a large JSON Lines
 * import. Every figure is the median of several runs (latencies: percentiles over many queries)
 * and is printed with the machine it ran on.
 *
 * Bounded: the whole run has a time budget (`--budget`, default per plan); every worker process
 * gets a time limit (its section's cap, or what is left of the budget), peers index at most a
 * capped number of chunks, and a section that no longer fits is skipped with the reason printed.
 * Each table is printed as its section finishes (with `--json`: one JSON Lines record per
 * finished unit), so Ctrl-C or the budget running out still leaves every completed figure and
 * the targets judged on them. Ingestions and query sessions run in fresh child processes so peak
 * RSS belongs to them alone. Progress goes to stderr; tables or records to stdout.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { killWorkers, runWorker, type WorkerOptions, type WorkerOutcome } from './bench/child.js';
import { writeCorpus, type CorpusStats } from './bench/corpus.js';
import type { DenseInput, DenseOutput } from './bench/dense-worker.js';
import type { IngestInput, IngestOutput } from './bench/ingest-worker.js';
import { machineInfo } from './bench/machine.js';
import type { PeerInput, PeerOutput } from './bench/peers-worker.js';
import type { PgInput, PgOutput } from './bench/pg-worker.js';
import type { QueryInput, QueryOutput, Samples } from './bench/query-worker.js';
import type { SemanticInput, SemanticOutput } from './bench/semantic-worker.js';
import type { StallInput, StallOutput } from './bench/stall-worker.js';
import { benchQuestions, benchTopics } from './bench/questions.js';
import {
  emptyReport,
  isSkipped,
  mergeRecord,
  parseRecords,
  renderAll,
  renderDense,
  renderHeader,
  renderIncremental,
  renderIngestion,
  renderMemory,
  renderPeers,
  renderPostgres,
  renderScale,
  renderScaling,
  renderSeedQueries,
  renderSemantic,
  renderStalls,
  renderSummary,
  skipped,
  targetsOf,
  type DenseFigure,
  type IncrementalFigure,
  type IngestFigure,
  type LatencyFigure,
  type MemoryFigure,
  type PgFigure,
  type QueryFigure,
  type Report,
  type ReportRecord,
  type Skipped,
} from './bench/report.js';
import { STATIC, SYNTHETIC } from './bench/synthetic-embedder.js';
import { growthExponent, latency, median } from './bench/stats.js';
import { renderTables, type Table } from './bench/table.js';

const USAGE = 'usage: npm run bench -- [--json] [--quick] [--budget SECONDS] [--keep] [--render REPORT.jsonl]';
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const WORKER = (name: string) => join(HERE, 'bench', `${name}.ts`);
const SEED_ARTICLES = join(ROOT, 'data', 'articles');
/** The seed corpus's own questions (answerable, unanswerable, near-unanswerable): the seed `ask` row. */
const SEED_QUESTION_FILES = ['seed-dev', 'seed-unanswerable', 'seed-near-unanswerable'].map((n) =>
  join(ROOT, 'test', 'answer', 'fixtures', `${n}.jsonl`),
);
/** Random-weight models in real shapes (speed and memory only); override with BENCH_MODELS_DIR. */
const MODELS = process.env.BENCH_MODELS_DIR ?? resolve(import.meta.dirname, '../../shared/models/random-weights');
const EMBED_MODEL = join(MODELS, 'minilm-l6-random-weights');
const RERANK_MODEL = join(MODELS, 'ms-marco-minilm-l6-random-weights');
/** xquad-dev (answer@3 of the peers' excerpts); override with BENCH_XQUAD_DIR. */
const XQUAD = process.env.BENCH_XQUAD_DIR ?? resolve(import.meta.dirname, '../../shared/eval/xquad-dev');
/**
 * A PostgreSQL server for the PostgreSQL rows (BENCH_PG_URL, else the tests' NQB_TEST_PG_URL, else
 * DATABASE_URL): the bench creates a database of its own there and drops it afterwards (it never
 * writes into the database the URL names). None: PGlite in the worker process.
 */
const PG_URL = [process.env.BENCH_PG_URL, process.env.NQB_TEST_PG_URL, process.env.DATABASE_URL]
  .map((u) => u?.trim())
  .find((u) => u && /^postgres(ql)?:\/\//i.test(u));
const CORPUS_SEED = 20231103;
/** Articles per JSON Lines file: changing one file is then a 1% change of the 10k corpus. */
const ARTICLES_PER_FILE = 100;

/** How much work each section does; `--quick` trades precision for a run of a few minutes. */
interface Plan {
  readonly name: 'quick' | 'full';
  /** Corpus sizes in articles (≈10 chunks each). */
  readonly scales: readonly number[];
  /** Ingestion runs per scale (median taken), aligned with `scales`. */
  readonly ingestRuns: readonly number[];
  readonly seedRuns: number;
  readonly reloads: readonly number[];
  readonly questions: number;
  readonly topics: number;
  readonly warmup: number;
  /** Scales (articles) where hybrid / rerank latency is measured. */
  readonly hybridScales: readonly number[];
  /**
   * Skip hybrid at a scale when the HNSW build over its synthetic vectors is predicted (from the
   * previous scale, growing as n^1.35 as measured here) to take longer than this, or to leave
   * less than `reserveS` of the budget.
   */
  readonly maxHnswBuildS: number;
  /** Default time budget of the whole run (seconds; `--budget` overrides). */
  readonly budgetS: number;
  /** Budget kept for the sections after the hybrid build (semantic, incremental, stall, PostgreSQL, peers, imports). */
  readonly reserveS: number;
  readonly hybridQuestions: number;
  readonly rerankQuestions: number;
  readonly incrementalRuns: number;
  /** Articles in the single-file streaming imports (one ingestion each). */
  readonly bigFileArticles: readonly number[];
  /** V8 heap cap of those imports, in MiB. */
  readonly importHeapCapMiB: number;
  readonly denseChunks: number;
  readonly denseRuns: number;
  /** Articles of a small corpus ingested end to end with the embedder (0: skipped). */
  readonly denseIngestArticles: number;
  /** Also measure event-loop delay with ingestion in the main thread (the comparison; costs a second full reindex). */
  readonly stallInProcess: boolean;
  /** Questions fired at once when the measured reindex starts. */
  readonly stallBurst: number;
  /** Bench questions each peer answers. */
  readonly peerQuestions: number;
  /**
   * Chunks each peer indexes at most (whole articles, the same for every peer): Orama took over
   * 5 minutes to index 100k chunks here, so an uncapped peer could hold the run for ever.
   */
  readonly peerMaxChunks: number;
  /** Time limit of each section's worker process, in seconds (the budget may cut it shorter). */
  readonly capS: { readonly peer: number; readonly postgres: number; readonly semantic: number; readonly worker: number };
}

const QUICK: Plan = {
  name: 'quick',
  scales: [100, 1000],
  ingestRuns: [2, 1],
  seedRuns: 2,
  reloads: [3, 1],
  questions: 40,
  topics: 15,
  warmup: 3,
  hybridScales: [100, 1000],
  maxHnswBuildS: 60,
  budgetS: 420,
  reserveS: 150,
  hybridQuestions: 15,
  rerankQuestions: 3,
  incrementalRuns: 1,
  bigFileArticles: [200],
  importHeapCapMiB: 64,
  denseChunks: 32,
  denseRuns: 3,
  denseIngestArticles: 0,
  stallInProcess: true,
  stallBurst: 100,
  peerQuestions: 40,
  peerMaxChunks: 5000,
  capS: { peer: 90, postgres: 180, semantic: 120, worker: 300 },
};

const FULL: Plan = {
  name: 'full',
  scales: [100, 1000, 10000],
  ingestRuns: [3, 2, 2],
  seedRuns: 5,
  reloads: [5, 3, 1],
  questions: 200,
  topics: 50,
  warmup: 5,
  hybridScales: [100, 1000, 10000],
  maxHnswBuildS: 400,
  budgetS: 2100,
  reserveS: 900,
  hybridQuestions: 60,
  rerankQuestions: 10,
  incrementalRuns: 3,
  bigFileArticles: [1000, 16000],
  importHeapCapMiB: 64,
  denseChunks: 96,
  denseRuns: 6,
  denseIngestArticles: 30,
  stallInProcess: false,
  stallBurst: 100,
  peerQuestions: 200,
  peerMaxChunks: 25_000,
  capS: { peer: 240, postgres: 1200, semantic: 600, worker: 900 },
};

const log = (m: string) => process.stderr.write(`${m}\n`);

/** Bytes on disk under `dir`, each hard-linked file counted once. */
async function diskBytes(dir: string): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const s = await stat(join(e.parentPath, e.name));
    const key = `${s.dev}:${s.ino}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total += s.size;
  }
  return total;
}

/** Labels (live and deleted) in the live generation's HNSW graph of the index at `dir`. */
async function labelCount(dir: string): Promise<number> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { generation: string };
  return (await stat(join(dir, manifest.generation, 'vectors.hnsw.labels'))).size / 4;
}

async function corpusBytes(dir: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += (await stat(join(e.parentPath, e.name))).size;
  }
  return { files, bytes };
}

/** The run's time budget was spent: the run stops and reports what it measured. */
class BudgetSpent extends Error {
  constructor(readonly during: string) {
    super(`time budget spent during ${during}`);
  }
}

/** The budget clock of one run. */
class Clock {
  constructor(
    readonly started: number,
    readonly budgetS: number,
  ) {}
  elapsedS(): number {
    return (performance.now() - this.started) / 1000;
  }
  leftS(): number {
    return this.budgetS - this.elapsedS();
  }
  /** Worker options: a section cap, cut to what is left of the budget. Throws when nothing is left. */
  limit(what: string, capS: number, extra: Omit<WorkerOptions, 'timeoutMs'> = {}): WorkerOptions {
    const s = Math.min(capS, this.leftS());
    if (s <= 1) throw new BudgetSpent(what);
    return { ...extra, timeoutMs: s * 1000 };
  }
  /** A failed worker: a budget expiry ends the run; a section cap or an error becomes the returned reason. */
  failure(what: string, r: { reason: string; timedOut: boolean }): string {
    if (r.timedOut && this.leftS() <= 2) throw new BudgetSpent(what);
    return r.timedOut ? `${what}: ${r.reason}` : `${what} failed: ${r.reason.split('\n')[0]}`;
  }
}

/**
 * Writes the report as it grows: text tables (list sections — stalls, peers, imports — once the
 * list is complete) or one JSON Lines record per unit.
 */
class Output {
  readonly report: Report = emptyReport();
  private readonly open = new Set<'stall' | 'peer' | 'memory'>();
  constructor(private readonly json: boolean) {}

  emit(rec: ReportRecord): void {
    mergeRecord(this.report, rec);
    if (this.json) {
      process.stdout.write(`${JSON.stringify(rec)}\n`);
      return;
    }
    switch (rec.section) {
      case 'header':
        return this.text(renderHeader(rec.data));
      case 'ingestion':
        return this.tables(renderIngestion(rec.data));
      case 'seedQueries':
        return this.tables(renderSeedQueries(rec.data));
      case 'dense':
        return this.tables(renderDense(rec.data));
      case 'scale':
        return this.tables(renderScale(rec.data));
      case 'scaling':
        return this.tables(renderScaling(rec.data));
      case 'semantic':
        return this.tables(renderSemantic(rec.data));
      case 'incremental':
        return this.tables(renderIncremental(rec.data));
      case 'postgres':
        return this.tables(renderPostgres(rec.data));
      case 'stall':
      case 'peer':
      case 'memory':
        this.open.add(rec.section);
        return;
      case 'peersNote':
        this.open.add('peer');
        return;
      case 'summary':
        return this.tables(renderSummary(rec.data));
      default:
        return assertNever(rec);
    }
  }

  /** Prints a finished list section (text mode). */
  close(section: 'stall' | 'peer' | 'memory'): void {
    if (this.json || !this.open.delete(section)) return;
    const r = this.report;
    if (section === 'stall') this.tables(renderStalls(r.stalls));
    else if (section === 'peer') this.tables(renderPeers(r.peers, r.peersNotes));
    else this.tables(renderMemory(r.memory));
  }

  /** Closes the open list sections and writes the targets judged on everything measured. */
  finish(clock: Clock, notes: readonly string[], interrupted: string | null): void {
    for (const s of ['stall', 'peer', 'memory'] as const) this.close(s);
    this.emit({
      section: 'summary',
      data: { seconds: clock.elapsedS(), loadEnd: roundedLoad(), interrupted, targets: targetsOf(this.report), notes },
    });
  }

  private text(s: string): void {
    process.stdout.write(s);
  }
  private tables(t: Table[]): void {
    process.stdout.write(`${renderTables(t)}\n`);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

/** Runs `runs` full ingestions of `articlesDir` into fresh index dirs; keeps the last index. */
async function measureIngest(
  clock: Clock,
  label: string,
  articlesDir: string,
  indexRoot: string,
  runs: number,
  modelDir: string | null,
  capS: number,
) {
  const outs: IngestOutput[] = [];
  let indexDir = '';
  for (let i = 0; i < runs; i++) {
    if (indexDir) await rm(indexDir, { recursive: true, force: true });
    indexDir = join(indexRoot, `${label}-${i}`);
    const input: IngestInput = { articlesDir, indexDir, full: true, modelDir, label };
    const r: WorkerOutcome<IngestOutput> = await runWorker(WORKER('ingest-worker'), input, clock.limit(`ingestion of ${label}`, capS));
    if (r.kind === 'failed') throw new Error(clock.failure(`ingestion of ${label}`, r));
    outs.push(r.result);
    log(
      `  ${label}: run ${i + 1}/${runs} ${r.result.articles} articles, ${r.result.chunks} chunks in ${(r.result.ms / 1000).toFixed(2)} s, peak RSS ${r.result.peakRssMiB.toFixed(0)} MiB`,
    );
  }
  const { bytes } = await corpusBytes(articlesDir);
  const seconds = median(outs.map((o) => o.ms)) / 1000;
  const last = outs.at(-1)!;
  const figure: IngestFigure = {
    corpus: label,
    articles: last.articles,
    chunks: last.chunks,
    inputMiB: bytes / 2 ** 20,
    runs,
    seconds,
    articlesPerS: last.articles / seconds,
    chunksPerS: last.chunks / seconds,
    peakRssMiB: median(outs.map((o) => o.peakRssMiB)),
    rssGrowthMiB: median(outs.map((o) => o.peakRssMiB - o.baselineRssMiB)),
    indexMiB: (await diskBytes(indexDir)) / 2 ** 20,
  };
  return { figure, indexDir, embedder: last.embedder };
}

function toLatency(s: Samples): LatencyFigure | Skipped {
  switch (s.kind) {
    case 'measured':
      return { ...latency(s.ms), answeredShare: s.answered / Math.max(1, s.ms.length), ...(s.note ? { note: s.note } : {}) };
    case 'skipped':
      return skipped(s.reason);
    default:
      return assertNever(s);
  }
}

/** 1/5/15-minute load averages: other work on the machine inflates every figure. */
const roundedLoad = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

/** The `question` of every line of the seed question files. */
async function seedQuestions(): Promise<string[]> {
  const out: string[] = [];
  for (const f of SEED_QUESTION_FILES) {
    if (!existsSync(f)) continue;
    for (const line of (await readFile(f, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const q = (JSON.parse(line) as { question?: unknown }).question;
      if (typeof q === 'string' && q.trim()) out.push(q);
    }
  }
  return out;
}

/** A database of the bench's own on the PostgreSQL server, dropped by `drop`. */
async function benchDatabase(url: string): Promise<{ url: string; label: string; drop: () => Promise<void> }> {
  const { openDatabase } = await import('../src/index/pg/db.js');
  const name = `nqb_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = await openDatabase(url);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    label: `${admin.label.replace(/\/[^/]*$/, '')}/${name}`,
    drop: async () => {
      const a = await openDatabase(url);
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}

async function main(): Promise<number> {
  const args = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      budget: { type: 'string' },
      render: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.render) {
    // Re-print a saved `--json` run as tables (e.g. to compare machines or commits).
    let report: Report;
    try {
      report = parseRecords(await readFile(args.render, 'utf8'));
    } catch (e) {
      process.stderr.write(`cannot render ${args.render}: ${(e as Error).message}\n`);
      return 2;
    }
    const head = report.header ? renderHeader(report.header) : '';
    process.stdout.write(head + renderTables(renderAll(report)));
    return 0;
  }
  const plan = args.quick ? QUICK : FULL;
  const budgetS = args.budget === undefined ? plan.budgetS : Number(args.budget);
  if (!Number.isFinite(budgetS) || budgetS <= 0) {
    process.stderr.write(`--budget must be a number of seconds > 0, got "${args.budget}"\n${USAGE}\n`);
    return 2;
  }
  const clock = new Clock(performance.now(), budgetS);
  const machine = machineInfo();
  const out = new Output(args.json);
  const work = await mkdtemp(join(tmpdir(), 'news-bench-'));
  log(
    `bench (${plan.name}, budget ${budgetS} s) in ${work} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`,
  );
  const notes: string[] = [];
  // Ctrl-C: end the workers, report what was measured, and leave no corpus or index behind.
  process.once('SIGINT', () => {
    killWorkers();
    out.finish(clock, notes, 'interrupted (SIGINT)');
    if (!args.keep) rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
  out.emit({
    section: 'header',
    data: { benchmark: 'news-quote-bot', plan: plan.name, machine, startedAt: new Date().toISOString(), budgetS, loadStart: roundedLoad() },
  });
  try {
    await runSections(plan, clock, out, work, notes);
    out.finish(clock, notes, null);
    return 0;
  } catch (e) {
    // Whatever stopped the run, the figures measured so far and the targets judged on them are reported.
    const budget = e instanceof BudgetSpent;
    log(budget ? `bench: ${e.message}; reporting what was measured` : `bench failed: ${(e as Error).stack ?? String(e)}`);
    const why = budget ? `time budget (${budgetS} s) spent during ${e.during}` : `failed: ${(e as Error).message.split('\n')[0]}`;
    out.finish(clock, notes, why);
    return budget ? 0 : 1;
  } finally {
    if (args.keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

async function runSections(plan: Plan, clock: Clock, out: Output, work: string, notes: string[]): Promise<void> {
  const modelsPresent = existsSync(join(EMBED_MODEL, 'onnx'));
  const rerankerPresent = existsSync(join(RERANK_MODEL, 'onnx'));
  if (!modelsPresent) notes.push(`dense figures skipped: no random-weight model at ${EMBED_MODEL}`);
  const cap = plan.capS.worker;

  // 1. Corpora: one directory per scale, 100 articles per JSON Lines file.
  const corpora: CorpusStats[] = [];
  for (const n of plan.scales) {
    const t = performance.now();
    const c = await writeCorpus(join(work, `corpus-${n}`), {
      articles: n,
      files: Math.max(1, Math.ceil(n / ARTICLES_PER_FILE)),
      seed: CORPUS_SEED,
    });
    corpora.push(c);
    log(
      `generated ${n} articles in ${c.files.length} files (${(c.bytes / 2 ** 20).toFixed(1)} MiB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }

  // 2. Lexical ingestion: the seed corpus, then each scale.
  log('ingestion (lexical): seed corpus');
  const seed = await measureIngest(clock, 'seed', SEED_ARTICLES, join(work, 'index'), plan.seedRuns, null, cap);
  const scaleIngest: { figure: IngestFigure; indexDir: string }[] = [];
  for (const [i, c] of corpora.entries()) {
    log(`ingestion (lexical): ${c.articles} articles`);
    scaleIngest.push(await measureIngest(clock, `gen-${c.articles}`, c.dir, join(work, 'index'), plan.ingestRuns[i] ?? 1, null, cap));
  }
  out.emit({ section: 'ingestion', data: { seed: seed.figure, generated: scaleIngest.map((s) => s.figure) } });

  const questions = benchQuestions(plan.questions);
  const topics = benchTopics(plan.topics);

  // 2b. The seed corpus's own questions through the engine (what a fresh install answers).
  {
    const seedQs = await seedQuestions();
    log(`queries: seed corpus, ${seedQs.length} questions`);
    const input: QueryInput = {
      label: 'q-seed',
      indexDir: seed.indexDir,
      articlesDir: SEED_ARTICLES,
      reloads: 3,
      warmup: plan.warmup,
      questions: seedQs,
      topics: benchTopics(Math.min(plan.topics, 20), 41),
      models: null,
      hybridQuestions: [],
      rerankQuestions: [],
      vectorIndexDir: null,
    };
    const r: WorkerOutcome<QueryOutput> = await runWorker(WORKER('query-worker'), input, clock.limit('seed queries', cap));
    if (r.kind === 'failed' || seedQs.length === 0) {
      out.emit({
        section: 'seedQueries',
        data: skipped(r.kind === 'failed' ? clock.failure('seed queries', r) : 'no seed question files'),
      });
    } else {
      const lex = toLatency(r.result.lexical);
      const tl = toLatency(r.result.timeline);
      out.emit({
        section: 'seedQueries',
        data:
          isSkipped(lex) || isSkipped(tl)
            ? skipped('not measured')
            : { ...lex, chunks: r.result.chunks, reloadS: median(r.result.reloadMs) / 1000, timeline: tl },
      });
    }
  }

  // 3. Dense: embedder vs raw onnxruntime, and one end-to-end dense ingestion.
  {
    let dense: DenseFigure | Skipped = skipped(`no model at ${EMBED_MODEL}`);
    let denseIngest: IngestFigure | Skipped = skipped(modelsPresent ? 'not in the quick run' : `no model at ${EMBED_MODEL}`);
    if (modelsPresent) {
      log(`dense: embedder vs raw onnxruntime on ${plan.denseChunks} chunks × ${plan.denseRuns} runs`);
      const input: DenseInput = { modelDir: EMBED_MODEL, chunks: plan.denseChunks, runs: plan.denseRuns };
      const r: WorkerOutcome<DenseOutput> = await runWorker(WORKER('dense-worker'), input, clock.limit('dense throughput', cap));
      if (r.kind === 'failed') {
        dense = skipped(clock.failure('dense throughput', r));
      } else {
        dense = {
          chunks: r.result.texts,
          meanChars: r.result.meanChars,
          batchSize: r.result.batchSize,
          runs: plan.denseRuns,
          embedderChunksPerS: median(r.result.embedder),
          rawOrtChunksPerS: median(r.result.raw),
          rawOrtInferenceOnlyChunksPerS: median(r.result.rawInference),
          // Paired per run (the two paths ran back to back), so load changes between runs cancel out.
          ratio: median(r.result.embedder.map((e, i) => e / r.result.raw[i]!)),
        };
      }
      if (plan.denseIngestArticles > 0) {
        const c = await writeCorpus(join(work, `corpus-dense-${plan.denseIngestArticles}`), {
          articles: plan.denseIngestArticles,
          files: 1,
          seed: CORPUS_SEED,
        });
        log(`ingestion (dense): ${c.articles} articles through the pipeline with the embedder`);
        denseIngest = (await measureIngest(clock, `dense-${c.articles}`, c.dir, join(work, 'index'), 1, EMBED_MODEL, cap)).figure;
      }
    }
    out.emit({ section: 'dense', data: { throughput: dense, ingestion: denseIngest } });
  }

  // 4. Queries per scale (with the hybrid index of synthetic vectors where it fits).
  const queries: QueryFigure[] = [];
  let lastBuild: { chunks: number; ms: number } | null = null;
  const hybridIngest: IngestFigure[] = [];
  /** The hybrid index of the last hybrid scale (the largest one when it was measured). */
  let hybridIndexDir: string | null = null;
  for (const [i, c] of corpora.entries()) {
    const chunks = scaleIngest[i]!.figure.chunks;
    let withVectors = plan.hybridScales.includes(c.articles);
    let notMeasured = `not measured at this scale in the ${plan.name} run`;
    const predictedS = lastBuild ? (lastBuild.ms / 1000) * (chunks / lastBuild.chunks) ** 1.35 : 0;
    if (withVectors && lastBuild && (predictedS > plan.maxHnswBuildS || clock.leftS() - predictedS < plan.reserveS)) {
      withVectors = false;
      notMeasured =
        `HNSW build over ${chunks} vectors predicted at ~${Math.round(predictedS)} s (from ${lastBuild.chunks} vectors in ` +
        `${(lastBuild.ms / 1000).toFixed(1)} s): over the ${plan.maxHnswBuildS} s build limit or into the ${plan.reserveS} s kept for later sections (${Math.round(clock.leftS())} s of the budget left)`;
    }
    let vectorIndexDir: string | null = null;
    let hybridFigure: IngestFigure | null = null;
    if (withVectors) {
      log(`ingestion (hybrid, synthetic vectors): ${c.articles} articles`);
      const h = await measureIngest(clock, `hybrid-${c.articles}`, c.dir, join(work, 'index'), 1, SYNTHETIC, cap);
      hybridIngest.push(h.figure);
      hybridFigure = h.figure;
      vectorIndexDir = h.indexDir;
      if (i === corpora.length - 1) hybridIndexDir = h.indexDir;
      lastBuild = { chunks: h.figure.chunks, ms: (h.figure.seconds - scaleIngest[i]!.figure.seconds) * 1000 };
    }
    const withModels = withVectors && modelsPresent;
    if (withVectors && !modelsPresent) notMeasured = `no model at ${EMBED_MODEL}`;
    log(`queries: ${c.articles} articles (${chunks} chunks)${withModels ? ', with hybrid' : ''}`);
    const input: QueryInput = {
      label: `q-${c.articles}`,
      indexDir: scaleIngest[i]!.indexDir,
      articlesDir: c.dir,
      reloads: plan.reloads[i] ?? 1,
      warmup: plan.warmup,
      questions,
      topics,
      models: withModels ? { embedder: EMBED_MODEL, reranker: rerankerPresent ? RERANK_MODEL : null } : null,
      hybridQuestions: benchQuestions(plan.hybridQuestions, 17),
      rerankQuestions: benchQuestions(plan.rerankQuestions, 19),
      vectorIndexDir,
    };
    const r: WorkerOutcome<QueryOutput> = await runWorker(
      WORKER('query-worker'),
      input,
      clock.limit(`queries at ${c.articles} articles`, cap),
    );
    if (r.kind === 'failed') throw new Error(clock.failure(`queries at ${c.articles} articles`, r));
    const o = r.result;
    const q: QueryFigure = {
      corpus: `gen-${c.articles}`,
      chunks: o.chunks,
      reloadS: median(o.reloadMs) / 1000,
      reloadRuns: o.reloadMs.length,
      loadedRssMiB: o.loadedRssMiB,
      lexical: toLatency(o.lexical),
      hybrid: withModels ? toLatency(o.hybrid) : skipped(notMeasured),
      hybridRerank: withModels ? toLatency(o.rerank) : skipped(notMeasured),
      timeline: toLatency(o.timeline),
    };
    queries.push(q);
    out.emit({ section: 'scale', data: { query: q, hybridIngest: hybridFigure } });
  }

  // 4b. Scaling exponents between consecutive scales.
  {
    const scaling = [];
    for (let i = 1; i < scaleIngest.length; i++) {
      const a = scaleIngest[i - 1]!.figure;
      const b = scaleIngest[i]!.figure;
      const qa = queries[i - 1]!;
      const qb = queries[i]!;
      const lat = (q: QueryFigure) => (isSkipped(q.lexical) ? Number.NaN : q.lexical.p50);
      const tl = (q: QueryFigure) => (isSkipped(q.timeline) ? Number.NaN : q.timeline.p50);
      scaling.push({
        from: a.chunks,
        to: b.chunks,
        ingestTime: growthExponent(a.chunks, a.seconds, b.chunks, b.seconds),
        ingestRssGrowth: growthExponent(a.chunks, a.rssGrowthMiB, b.chunks, b.rssGrowthMiB),
        indexSize: growthExponent(a.chunks, a.indexMiB, b.chunks, b.indexMiB),
        reloadTime: growthExponent(a.chunks, qa.reloadS, b.chunks, qb.reloadS),
        askLexicalP50: growthExponent(a.chunks, lat(qa), b.chunks, lat(qb)),
        timelineP50: growthExponent(a.chunks, tl(qa), b.chunks, tl(qb)),
      });
    }
    out.emit({ section: 'scaling', data: scaling });
  }

  const largest = corpora.at(-1)!;
  const largestIndex = scaleIngest.at(-1)!;

  // 5. The offline semantic path: the largest corpus embedded by the static word vectors, then asked.
  {
    log(`offline semantic: ${largest.articles} articles embedded by the static word vectors`);
    let data;
    try {
      const s = await measureIngest(clock, `static-${largest.articles}`, largest.dir, join(work, 'index'), 1, STATIC, plan.capS.semantic);
      const input: SemanticInput = { indexDir: s.indexDir, articlesDir: largest.dir, questions, warmup: plan.warmup };
      const r: WorkerOutcome<SemanticOutput> = await runWorker(
        WORKER('semantic-worker'),
        input,
        clock.limit('offline semantic queries', cap),
      );
      if (r.kind === 'failed') data = skipped(clock.failure('offline semantic queries', r));
      else if (!r.result.hybrid) data = skipped('the static index loaded without its vectors');
      else
        data = {
          model: r.result.model,
          chunks: r.result.chunks,
          ingest: s.figure,
          loadS: r.result.loadMs / 1000,
          loadedRssMiB: r.result.loadedRssMiB,
          embed: latency(r.result.embedMs),
          ask: { ...latency(r.result.askMs), answeredShare: r.result.answered / Math.max(1, r.result.askMs.length) },
        };
      await rm(s.indexDir, { recursive: true, force: true });
    } catch (e) {
      if (e instanceof BudgetSpent) throw e;
      data = skipped((e as Error).message.split('\n')[0]!);
    }
    out.emit({ section: 'semantic', data });
  }

  // 6. Incremental: change one file of the largest corpus, re-ingest.
  {
    const incRuns: IngestOutput[] = [];
    const hybridIncRuns: { ms: number; peakRssMiB: number; graphLabels: number; chunks: number }[] = [];
    let failed: string | null = null;
    for (let i = 0; i < plan.incrementalRuns && !failed; i++) {
      const file = largest.files[(i * 7) % largest.files.length]!;
      const path = join(largest.dir, file);
      // An edit inside one article: the file's hash changes, the other files' do not.
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replace('"text":"', `"text":"Update ${i}: officials revised the figures. `));
      log(`incremental: changed ${file}, re-ingesting ${largest.articles} articles`);
      const input: IngestInput = {
        articlesDir: largest.dir,
        indexDir: largestIndex.indexDir,
        full: false,
        modelDir: null,
        label: `incremental-${i}`,
      };
      const r: WorkerOutcome<IngestOutput> = await runWorker(WORKER('ingest-worker'), input, clock.limit('incremental ingestion', cap));
      if (r.kind === 'failed') {
        failed = clock.failure('incremental ingestion', r);
        break;
      }
      incRuns.push(r.result);
      log(`  ${(r.result.ms / 1000).toFixed(2)} s, ${r.result.reparsedFiles} file(s) re-parsed`);
      if (hybridIndexDir) {
        // The same change re-ingested into the hybrid index: the previous HNSW graph is updated.
        const h: WorkerOutcome<IngestOutput> = await runWorker(
          WORKER('ingest-worker'),
          { ...input, indexDir: hybridIndexDir, modelDir: SYNTHETIC, label: `incremental-hybrid-${i}` },
          clock.limit('incremental hybrid ingestion', cap),
        );
        if (h.kind === 'failed') {
          failed = clock.failure('incremental hybrid ingestion', h);
          break;
        }
        const graphLabels = await labelCount(hybridIndexDir);
        hybridIncRuns.push({ ms: h.result.ms, peakRssMiB: h.result.peakRssMiB, graphLabels, chunks: h.result.chunks });
        log(`  hybrid: ${(h.result.ms / 1000).toFixed(2)} s, graph ${graphLabels} labels for ${h.result.chunks} chunks`);
      }
    }
    const hybridFull = hybridIngest.at(-1);
    let incremental: IncrementalFigure | Skipped;
    if (incRuns.length === 0) incremental = skipped(failed ?? 'no run');
    else {
      const incSeconds = median(incRuns.map((o) => o.ms)) / 1000;
      incremental = {
        corpus: `gen-${largest.articles}`,
        files: largest.files.length,
        changedFiles: 1,
        runs: incRuns.length,
        seconds: incSeconds,
        reparsedFiles: incRuns.at(-1)?.reparsedFiles ?? 0,
        fullIngestSeconds: largestIndex.figure.seconds,
        shareOfFull: incSeconds / largestIndex.figure.seconds,
        peakRssMiB: median(incRuns.map((o) => o.peakRssMiB)),
        hybrid:
          hybridIndexDir && hybridFull && hybridIncRuns.length > 0
            ? {
                seconds: median(hybridIncRuns.map((o) => o.ms)) / 1000,
                fullIngestSeconds: hybridFull.seconds,
                peakRssMiB: median(hybridIncRuns.map((o) => o.peakRssMiB)),
                graphLabels: hybridIncRuns.at(-1)!.graphLabels,
                chunks: hybridIncRuns.at(-1)!.chunks,
              }
            : skipped(failed ?? `no hybrid index at ${largest.articles} articles in this run`),
      };
    }
    out.emit({ section: 'incremental', data: incremental });
  }

  // 7. Event-loop delay during a full reindex of the largest corpus while questions keep coming.
  for (const inThread of plan.stallInProcess ? [true, false] : [true]) {
    const where = inThread ? 'worker thread' : 'main thread';
    log(`event loop: full reindex of ${largest.articles} articles, ingestion in the ${where}, questions meanwhile`);
    const input: StallInput = {
      label: `stall-${inThread ? 'thread' : 'main'}`,
      indexDir: largestIndex.indexDir,
      articlesDir: largest.dir,
      questions: benchQuestions(200, 23),
      burst: plan.stallBurst,
      inThread,
    };
    const r: WorkerOutcome<StallOutput> = await runWorker(WORKER('stall-worker'), input, clock.limit('event-loop measurement', cap));
    if (r.kind === 'failed') {
      notes.push(clock.failure(`event-loop measurement (${where})`, r));
      continue;
    }
    const o = r.result;
    out.emit({
      section: 'stall',
      data: {
        ingestion: where,
        chunks: o.chunks,
        reindexS: o.reindexMs / 1000,
        ingestMaxMs: o.ingestMaxMs,
        ingestP99Ms: o.ingestP99Ms,
        swapMaxMs: o.swapMaxMs,
        worstMs: Math.max(o.ingestMaxMs, o.swapMaxMs),
        questions: o.questionsAsked,
        ask: latency(o.askMs),
      },
    });
    log(
      `  worst delay ${Math.round(Math.max(o.ingestMaxMs, o.swapMaxMs))} ms (ingesting ${Math.round(o.ingestMaxMs)}, swap ${Math.round(o.swapMaxMs)}), ${o.questionsAsked} questions`,
    );
  }
  out.close('stall');

  // 8. The PostgreSQL backend over the largest corpus: ingestion, queries, memory, a reindex under questions.
  out.emit({ section: 'postgres', data: await measurePostgres(plan, clock, largest.dir, questions, topics) });

  // 9. Peers: the same chunks and questions through MiniSearch, Orama and SQLite FTS5, each in its own process.
  {
    const xquadDir = existsSync(join(XQUAD, 'questions.jsonl')) ? XQUAD : null;
    if (!xquadDir) out.emit({ section: 'peersNote', data: `answer@3 skipped: no xquad-dev at ${XQUAD}` });
    if (largestIndex.figure.chunks > plan.peerMaxChunks)
      out.emit({
        section: 'peersNote',
        data: `capped at ${plan.peerMaxChunks} chunks (whole articles; the largest index has ${largestIndex.figure.chunks}): each peer also gets at most ${plan.capS.peer} s.`,
      });
    for (const peer of ['ours', 'minisearch', 'orama', 'sqlite-fts5'] as const) {
      log(`peers: ${peer} over at most ${Math.min(plan.peerMaxChunks, largestIndex.figure.chunks)} chunks`);
      const input: PeerInput = {
        peer,
        indexDir: largestIndex.indexDir,
        questions: questions.slice(0, plan.peerQuestions),
        xquadDir,
        maxChunks: plan.peerMaxChunks,
      };
      const r: WorkerOutcome<PeerOutput> = await runWorker(WORKER('peers-worker'), input, clock.limit(`peer ${peer}`, plan.capS.peer));
      if (r.kind === 'failed') {
        out.emit({ section: 'peersNote', data: clock.failure(`peer ${peer}`, r) });
        continue;
      }
      const o = r.result;
      out.emit({
        section: 'peer',
        data: {
          peer,
          chunks: o.chunks,
          indexChunks: o.indexChunks,
          buildS: o.buildMs / 1000,
          memoryMiB: o.memoryMiB,
          query: latency(o.queryMs),
          answeredShare: o.answered / Math.max(1, o.queryMs.length),
          xquad: o.xquad,
        },
      });
    }
    out.close('peer');
  }

  // 10. Memory while streaming single large JSON Lines files of growing size, each in a child
  // whose V8 heap is capped: an import that held its file would die of heap exhaustion.
  for (const n of plan.bigFileArticles) {
    const bigDir = join(work, `big-${n}`);
    const big = await writeCorpus(bigDir, { articles: n, files: 1, seed: CORPUS_SEED + 1, prefix: 'import' });
    const fileMiB = big.bytes / 2 ** 20;
    log(`memory: one ${fileMiB.toFixed(1)} MiB JSON Lines file (${big.articles} articles), heap capped at ${plan.importHeapCapMiB} MiB`);
    const input: IngestInput = {
      articlesDir: bigDir,
      indexDir: join(work, 'index', `import-${n}`),
      full: true,
      modelDir: null,
      label: `import-${n}`,
    };
    const r: WorkerOutcome<IngestOutput> = await runWorker(
      WORKER('ingest-worker'),
      input,
      clock.limit(`import of ${n} articles`, cap, { heapCapMiB: plan.importHeapCapMiB }),
    );
    if (r.kind === 'failed') log(`  import-${n} failed under the heap cap: ${clock.failure(`import of ${n} articles`, r)}`);
    const ok = r.kind === 'ok' ? r.result : null;
    const figure: MemoryFigure = {
      fileMiB,
      articles: big.articles,
      heapCapMiB: plan.importHeapCapMiB,
      completed: ok !== null,
      seconds: ok ? ok.ms / 1000 : null,
      peakRssMiB: ok?.peakRssMiB ?? null,
      rssGrowthMiB: ok ? ok.peakRssMiB - ok.baselineRssMiB : null,
      growthPerInputByte: ok ? (ok.peakRssMiB - ok.baselineRssMiB) / fileMiB : null,
    };
    out.emit({ section: 'memory', data: figure });
    await rm(bigDir, { recursive: true, force: true });
    await rm(input.indexDir, { recursive: true, force: true });
  }
  out.close('memory');
}

/** The PostgreSQL rows: on the configured server (a database of the bench's own), else PGlite. */
async function measurePostgres(
  plan: Plan,
  clock: Clock,
  articlesDir: string,
  questions: readonly string[],
  topics: readonly string[],
): Promise<PgFigure | Skipped> {
  let db: { url: string; label: string; drop: () => Promise<void> } | null = null;
  let fallback = '';
  if (PG_URL) {
    try {
      db = await benchDatabase(PG_URL);
    } catch (e) {
      fallback = ` (the server could not be used: ${(e as Error).message.split('\n')[0]})`;
    }
  }
  const url = db?.url ?? 'pglite:memory';
  log(
    `postgres: ${db ? `server, database ${db.label}` : `PGlite${fallback}`}, full ingestion of ${articlesDir}, questions, reindex under questions`,
  );
  try {
    const limit = clock.limit('PostgreSQL', plan.capS.postgres);
    const input: PgInput = {
      url,
      articlesDir,
      questions,
      topics: topics.slice(0, Math.min(topics.length, 20)),
      warmup: plan.warmup,
      stallQuestions: benchQuestions(200, 23),
      burst: plan.stallBurst,
      // The worker skips the reindex when a second full ingestion would not end before this, and stops waiting for it then.
      deadlineEpochMs: Date.now() + (limit.timeoutMs ?? 0) - 20_000,
    };
    const r: WorkerOutcome<PgOutput> = await runWorker(WORKER('pg-worker'), input, limit);
    if (r.kind === 'failed') return skipped(clock.failure('PostgreSQL', r));
    const o = r.result;
    const ingestS = o.ingestMs / 1000;
    return {
      backend: `${o.backend}${fallback}`,
      articles: o.articles,
      chunks: o.chunks,
      ingestS,
      articlesPerS: o.articles / ingestS,
      chunksPerS: o.chunks / ingestS,
      servingRssMiB: o.servingRssMiB,
      peakRssMiB: o.peakRssMiB,
      ask: { ...latency(o.askMs), answeredShare: o.answered / Math.max(1, o.askMs.length) },
      timeline: latency(o.timelineMs),
      stall:
        o.stall.kind === 'skipped'
          ? skipped(o.stall.reason)
          : {
              where: o.stall.inThread ? 'ingestion in a worker thread' : 'ingestion on the serving thread',
              reindexS: o.stall.reindexMs / 1000,
              worstMs: o.stall.maxMs,
              p99Ms: o.stall.p99Ms,
              questions: o.stall.questionsAsked,
              ask: latency(o.stall.askMs),
            },
    };
  } finally {
    await db?.drop().catch((e: unknown) => log(`  could not drop the bench database: ${(e as Error).message}`));
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
