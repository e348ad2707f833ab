/**
 * `npm run bench -- [--json] [--quick] [--keep] [--render REPORT.json]`
 *
 * Measures ingestion (lexical and dense), reload, query latency (ask: lexical, hybrid,
 * hybrid+rerank; timeline), how they scale from ~1k to ~100k chunks, incremental re-ingestion
 * and memory while streaming a large JSON Lines import. Every figure is the median of several
 * runs (latencies: percentiles over many queries) and is printed with the machine it ran on.
 * Ingestions and query sessions run in fresh child processes so peak RSS belongs to them alone.
 * Progress goes to stderr; the table (or one JSON object with --json) to stdout. `--keep` leaves
 * the generated corpora and indexes in the temp dir; `--render` re-prints a saved JSON report.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runWorker, type WorkerOutcome } from './bench/child.js';
import { writeCorpus, type CorpusStats } from './bench/corpus.js';
import type { DenseInput, DenseOutput } from './bench/dense-worker.js';
import type { IngestInput, IngestOutput } from './bench/ingest-worker.js';
import { machineInfo } from './bench/machine.js';
import type { QueryInput, QueryOutput, Samples } from './bench/query-worker.js';
import type { StallInput, StallOutput } from './bench/stall-worker.js';
import type { PeerInput, PeerOutput } from './bench/peers-worker.js';
import { benchQuestions, benchTopics } from './bench/questions.js';
import { COMPACT_DELETED_SHARE } from '../src/index/hnsw-index.js';
import { SYNTHETIC } from './bench/synthetic-embedder.js';
import { growthExponent, latency, median, type Latency } from './bench/stats.js';
import { fmt, renderTables, type Table } from './bench/table.js';

const USAGE = 'usage: npm run bench -- [--json] [--quick] [--keep] [--render REPORT.json]';
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const WORKER = (name: string) => join(HERE, 'bench', `${name}.ts`);
const SEED_ARTICLES = join(ROOT, 'data', 'articles');
/** Random-weight models in real shapes (speed and memory only); override with BENCH_MODELS_DIR. */
const MODELS = process.env.BENCH_MODELS_DIR ?? resolve(import.meta.dirname, '../../shared/models/random-weights');
const EMBED_MODEL = join(MODELS, 'minilm-l6-random-weights');
const RERANK_MODEL = join(MODELS, 'ms-marco-minilm-l6-random-weights');
/** xquad-dev (answer@3 of the peers' excerpts); override with BENCH_XQUAD_DIR. */
const XQUAD = process.env.BENCH_XQUAD_DIR ?? resolve(import.meta.dirname, '../../shared/eval/xquad-dev');
const CORPUS_SEED = 20231103;
/** Articles per JSON Lines file: changing one file is then a 1% change of the 10k corpus. */
const ARTICLES_PER_FILE = 100;

/** How much work each section does; `--quick` trades precision for a sub-minute run. */
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
   * previous scale, growing as n^1.35 as measured here) to take longer than this, or to end the
   * run past `budgetS`.
   */
  readonly maxHnswBuildS: number;
  /** Wall-time budget of the whole run, in seconds, and the part of it needed after the last query session. */
  readonly budgetS: number;
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
  budgetS: 240,
  reserveS: 10,
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
  maxHnswBuildS: 300,
  budgetS: 600,
  reserveS: 120,
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

type Skipped = { readonly skipped: string };
const skipped = (reason: string): Skipped => ({ skipped: reason });

interface IngestFigure {
  readonly corpus: string;
  readonly articles: number;
  readonly chunks: number;
  readonly inputMiB: number;
  readonly runs: number;
  readonly seconds: number;
  readonly articlesPerS: number;
  readonly chunksPerS: number;
  readonly peakRssMiB: number;
  readonly rssGrowthMiB: number;
  readonly indexMiB: number;
}

/** Runs `runs` full ingestions of `articlesDir` into fresh index dirs; keeps the last index. */
async function measureIngest(label: string, articlesDir: string, indexRoot: string, runs: number, modelDir: string | null) {
  const outs: IngestOutput[] = [];
  let indexDir = '';
  for (let i = 0; i < runs; i++) {
    if (indexDir) await rm(indexDir, { recursive: true, force: true });
    indexDir = join(indexRoot, `${label}-${i}`);
    const input: IngestInput = { articlesDir, indexDir, full: true, modelDir, label };
    const r: WorkerOutcome<IngestOutput> = await runWorker(WORKER('ingest-worker'), input);
    if (r.kind === 'failed') throw new Error(`ingestion of ${label} failed: ${r.reason}`);
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
  return { figure, indexDir };
}

interface DenseFigure {
  readonly chunks: number;
  readonly meanChars: number;
  readonly batchSize: number;
  readonly runs: number;
  readonly embedderChunksPerS: number;
  readonly rawOrtChunksPerS: number;
  readonly rawOrtInferenceOnlyChunksPerS: number;
  readonly ratio: number;
}

interface QueryFigure {
  readonly corpus: string;
  readonly chunks: number;
  readonly reloadS: number;
  readonly reloadRuns: number;
  readonly loadedRssMiB: number;
  readonly lexical: LatencyFigure | Skipped;
  readonly hybrid: LatencyFigure | Skipped;
  readonly hybridRerank: LatencyFigure | Skipped;
  readonly timeline: LatencyFigure | Skipped;
}

type LatencyFigure = Latency & { readonly answeredShare: number; readonly note?: string };

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

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

const isSkipped = (x: object): x is Skipped => 'skipped' in x;

/** 1/5/15-minute load averages: other work on the machine inflates every figure. */
const roundedLoad = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

async function main(): Promise<number> {
  const args = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      render: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.render) {
    // Re-print a saved `--json` report as tables (e.g. to compare machines or commits).
    process.stdout.write(renderReport(JSON.parse(await readFile(args.render, 'utf8')) as Report));
    return 0;
  }
  const plan = args.quick ? QUICK : FULL;
  const started = performance.now();
  const machine = machineInfo();
  const loadStart = roundedLoad();
  const work = await mkdtemp(join(tmpdir(), 'news-bench-'));
  log(`bench (${plan.name}) in ${work} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  // Ctrl-C must not leave hundreds of MiB of corpus and indexes behind in the temp dir.
  process.once('SIGINT', () => {
    if (!args.keep) rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
  const notes: string[] = [];
  const modelsPresent = existsSync(join(EMBED_MODEL, 'onnx'));
  const rerankerPresent = existsSync(join(RERANK_MODEL, 'onnx'));
  if (!modelsPresent) notes.push(`dense figures skipped: no random-weight model at ${EMBED_MODEL}`);
  try {
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
    const seed = await measureIngest('seed', SEED_ARTICLES, join(work, 'index'), plan.seedRuns, null);
    const scaleIngest: { figure: IngestFigure; indexDir: string }[] = [];
    for (const [i, c] of corpora.entries()) {
      log(`ingestion (lexical): ${c.articles} articles`);
      scaleIngest.push(await measureIngest(`gen-${c.articles}`, c.dir, join(work, 'index'), plan.ingestRuns[i] ?? 1, null));
    }

    // 3. Dense: embedder vs raw onnxruntime, and one end-to-end dense ingestion.
    let dense: DenseFigure | Skipped = skipped(`no model at ${EMBED_MODEL}`);
    let denseIngest: IngestFigure | Skipped = skipped(modelsPresent ? 'not in the quick run' : `no model at ${EMBED_MODEL}`);
    if (modelsPresent) {
      log(`dense: embedder vs raw onnxruntime on ${plan.denseChunks} chunks × ${plan.denseRuns} runs`);
      const input: DenseInput = { modelDir: EMBED_MODEL, chunks: plan.denseChunks, runs: plan.denseRuns };
      const r: WorkerOutcome<DenseOutput> = await runWorker(WORKER('dense-worker'), input);
      if (r.kind === 'failed') {
        dense = skipped(`failed: ${r.reason.split('\n')[0]}`);
        notes.push(`dense throughput failed: ${r.reason.split('\n')[0]}`);
      } else {
        const embedderRate = median(r.result.embedder);
        const rawRate = median(r.result.raw);
        dense = {
          chunks: r.result.texts,
          meanChars: r.result.meanChars,
          batchSize: r.result.batchSize,
          runs: plan.denseRuns,
          embedderChunksPerS: embedderRate,
          rawOrtChunksPerS: rawRate,
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
        const d = await measureIngest(`dense-${c.articles}`, c.dir, join(work, 'index'), 1, EMBED_MODEL);
        denseIngest = d.figure;
      }
    }

    // 4. Queries per scale.
    const questions = benchQuestions(plan.questions);
    const topics = benchTopics(plan.topics);
    const queries: QueryFigure[] = [];
    let lastBuild: { chunks: number; ms: number } | null = null;
    const hybridIngest: IngestFigure[] = [];
    /** The hybrid index of the last hybrid scale (the largest one when it was measured). */
    let hybridIndexDir: string | null = null;
    for (const [i, c] of corpora.entries()) {
      const chunks = scaleIngest[i]!.figure.chunks;
      // The hybrid index (synthetic vectors) needs no model; the hybrid queries do.
      let withVectors = plan.hybridScales.includes(c.articles);
      let notMeasured = `not measured at this scale in the ${plan.name} run`;
      const predictedS = lastBuild ? (lastBuild.ms / 1000) * (chunks / lastBuild.chunks) ** 1.35 : 0;
      // What still follows the build: its queries, then the incremental and memory runs.
      const endS = (performance.now() - started) / 1000 + predictedS + plan.reserveS;
      if (withVectors && lastBuild && (predictedS > plan.maxHnswBuildS || endS > plan.budgetS)) {
        withVectors = false;
        notMeasured =
          `HNSW build over ${chunks} vectors predicted at ~${Math.round(predictedS)} s (from ${lastBuild.chunks} vectors in ` +
          `${(lastBuild.ms / 1000).toFixed(1)} s): over the ${plan.name} run's limit (${plan.maxHnswBuildS} s build, ${plan.budgetS} s total)`;
      }
      let vectorIndexDir: string | null = null;
      if (withVectors) {
        // The hybrid index: the same corpus ingested with seeded random vectors (real HNSW work).
        log(`ingestion (hybrid, synthetic vectors): ${c.articles} articles`);
        const h = await measureIngest(`hybrid-${c.articles}`, c.dir, join(work, 'index'), 1, SYNTHETIC);
        hybridIngest.push(h.figure);
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
      const r: WorkerOutcome<QueryOutput> = await runWorker(WORKER('query-worker'), input);
      if (r.kind === 'failed') throw new Error(`queries at ${c.articles} articles failed: ${r.reason}`);
      const o = r.result;
      queries.push({
        corpus: `gen-${c.articles}`,
        chunks: o.chunks,
        reloadS: median(o.reloadMs) / 1000,
        reloadRuns: o.reloadMs.length,
        loadedRssMiB: o.loadedRssMiB,
        lexical: toLatency(o.lexical),
        hybrid: withModels ? toLatency(o.hybrid) : skipped(notMeasured),
        hybridRerank: withModels ? toLatency(o.rerank) : skipped(notMeasured),
        timeline: toLatency(o.timeline),
      });
    }

    // 5. Incremental: change one file of the largest corpus, re-ingest.
    const largest = corpora.at(-1)!;
    const largestIndex = scaleIngest.at(-1)!;
    const incRuns: IngestOutput[] = [];
    const hybridIncRuns: { ms: number; peakRssMiB: number; graphLabels: number; chunks: number }[] = [];
    for (let i = 0; i < plan.incrementalRuns; i++) {
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
      const r: WorkerOutcome<IngestOutput> = await runWorker(WORKER('ingest-worker'), input);
      if (r.kind === 'failed') throw new Error(`incremental ingestion failed: ${r.reason}`);
      incRuns.push(r.result);
      log(`  ${(r.result.ms / 1000).toFixed(2)} s, ${r.result.reparsedFiles} file(s) re-parsed`);
      if (hybridIndexDir) {
        // The same change re-ingested into the hybrid index: the previous HNSW graph is updated.
        const h: WorkerOutcome<IngestOutput> = await runWorker(WORKER('ingest-worker'), {
          ...input,
          indexDir: hybridIndexDir,
          modelDir: SYNTHETIC,
          label: `incremental-hybrid-${i}`,
        });
        if (h.kind === 'failed') throw new Error(`incremental hybrid ingestion failed: ${h.reason}`);
        const graphLabels = await labelCount(hybridIndexDir);
        hybridIncRuns.push({ ms: h.result.ms, peakRssMiB: h.result.peakRssMiB, graphLabels, chunks: h.result.chunks });
        log(`  hybrid: ${(h.result.ms / 1000).toFixed(2)} s, graph ${graphLabels} labels for ${h.result.chunks} chunks`);
      }
    }
    const incSeconds = median(incRuns.map((o) => o.ms)) / 1000;
    const hybridFull = hybridIngest.at(-1);
    const incremental: IncrementalFigure = {
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
          : skipped(`no hybrid index at ${largest.articles} articles in the ${plan.name} run`),
    };

    // 5b. Event-loop delay during a full reindex of the largest corpus while questions keep coming.
    const stalls: StallFigure[] = [];
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
      const r: WorkerOutcome<StallOutput> = await runWorker(WORKER('stall-worker'), input);
      if (r.kind === 'failed') throw new Error(`event-loop measurement failed: ${r.reason}`);
      const o = r.result;
      stalls.push({
        ingestion: where,
        chunks: o.chunks,
        reindexS: o.reindexMs / 1000,
        ingestMaxMs: o.ingestMaxMs,
        ingestP99Ms: o.ingestP99Ms,
        swapMaxMs: o.swapMaxMs,
        worstMs: Math.max(o.ingestMaxMs, o.swapMaxMs),
        questions: o.questionsAsked,
        ask: latency(o.askMs),
      });
      log(
        `  worst delay ${Math.round(Math.max(o.ingestMaxMs, o.swapMaxMs))} ms (ingesting ${Math.round(o.ingestMaxMs)}, swap ${Math.round(o.swapMaxMs)}), ${o.questionsAsked} questions`,
      );
    }

    // 5c. Peers: the same chunks and questions through MiniSearch, Orama and SQLite FTS5, each in its own process.
    const xquadDir = existsSync(join(XQUAD, 'questions.jsonl')) ? XQUAD : null;
    if (!xquadDir) notes.push(`peers' answer@3 skipped: no xquad-dev at ${XQUAD}`);
    const peers: PeerFigure[] = [];
    for (const peer of ['ours', 'minisearch', 'orama', 'sqlite-fts5'] as const) {
      log(`peers: ${peer} over ${largestIndex.figure.chunks} chunks`);
      const input: PeerInput = { peer, indexDir: largestIndex.indexDir, questions: questions.slice(0, plan.peerQuestions), xquadDir };
      const r: WorkerOutcome<PeerOutput> = await runWorker(WORKER('peers-worker'), input);
      if (r.kind === 'failed') {
        notes.push(`peer ${peer} failed: ${r.reason.split('\n')[0]}`);
        continue;
      }
      const o = r.result;
      peers.push({
        peer,
        chunks: o.chunks,
        buildS: o.buildMs / 1000,
        memoryMiB: o.memoryMiB,
        query: latency(o.queryMs),
        answeredShare: o.answered / Math.max(1, o.queryMs.length),
        xquad: o.xquad,
      });
    }

    // 6. Memory while streaming single large JSON Lines files of growing size, each in a child
    // whose V8 heap is capped: an import that held its file would die of heap exhaustion.
    const memory: MemoryFigure[] = [];
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
      const r: WorkerOutcome<IngestOutput> = await runWorker(WORKER('ingest-worker'), input, { heapCapMiB: plan.importHeapCapMiB });
      if (r.kind === 'failed') log(`  import-${n} failed under the heap cap: ${r.reason.split('\n')[0]}`);
      const ok = r.kind === 'ok' ? r.result : null;
      memory.push({
        fileMiB,
        articles: big.articles,
        heapCapMiB: plan.importHeapCapMiB,
        completed: ok !== null,
        seconds: ok ? ok.ms / 1000 : null,
        peakRssMiB: ok?.peakRssMiB ?? null,
        rssGrowthMiB: ok ? ok.peakRssMiB - ok.baselineRssMiB : null,
        growthPerInputByte: ok ? (ok.peakRssMiB - ok.baselineRssMiB) / fileMiB : null,
      });
      await rm(bigDir, { recursive: true, force: true });
      await rm(input.indexDir, { recursive: true, force: true });
    }

    // 7. Scaling exponents between consecutive scales.
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

    const biggest = queries.at(-1)!;
    const targets: Target[] = [
      {
        name: 'lexical ask p95 < 100 ms at 100k chunks',
        measured: isSkipped(biggest.lexical) ? null : biggest.lexical.p95,
        unit: 'ms',
        at: `${biggest.chunks} chunks${biggest.chunks < 90_000 ? ' (below 100k)' : ''}`,
        met: isSkipped(biggest.lexical) ? null : biggest.lexical.p95 < 100,
      },
      {
        name: 'lexical ask p95 ≤ 22 ms at 100k chunks (issue 14: unchanged or better)',
        measured: isSkipped(biggest.lexical) ? null : biggest.lexical.p95,
        unit: 'ms',
        at: `${biggest.chunks} chunks${biggest.chunks < 90_000 ? ' (below 100k)' : ''}`,
        met: isSkipped(biggest.lexical) ? null : biggest.lexical.p95 <= 22,
      },
      {
        name: 'timeline p95 < 100 ms at 100k chunks',
        measured: isSkipped(biggest.timeline) ? null : biggest.timeline.p95,
        unit: 'ms',
        at: `${biggest.chunks} chunks${biggest.chunks < 90_000 ? ' (below 100k)' : ''}`,
        met: isSkipped(biggest.timeline) ? null : biggest.timeline.p95 < 100,
      },
      {
        name: 'reload < 1.5 s at 100k chunks',
        measured: biggest.reloadS,
        unit: 's',
        at: `${biggest.chunks} chunks${biggest.chunks < 90_000 ? ' (below 100k)' : ''}`,
        met: biggest.reloadS < 1.5,
      },
      {
        name: 'RSS after load < 400 MiB at 100k chunks',
        measured: biggest.loadedRssMiB,
        unit: 'MiB',
        at: `${biggest.chunks} chunks${biggest.chunks < 90_000 ? ' (below 100k)' : ''}`,
        met: biggest.loadedRssMiB < 400,
      },
      {
        name: 'incremental re-ingestion of a one-file change < 2 s (lexical)',
        measured: incremental.seconds,
        unit: 's',
        at: incremental.corpus,
        met: incremental.seconds < 2,
      },
      {
        name: 'incremental re-ingestion of a one-file change < 5 s (hybrid, 100k chunks)',
        measured: isSkipped(incremental.hybrid) ? null : incremental.hybrid.seconds,
        unit: 's',
        at: isSkipped(incremental.hybrid)
          ? incremental.hybrid.skipped
          : `${incremental.hybrid.chunks} chunks${incremental.hybrid.chunks < 90_000 ? ' (below 100k)' : ''}`,
        met: isSkipped(incremental.hybrid) ? null : incremental.hybrid.seconds < 5,
      },
      {
        name: 'dense: embedder / raw onnxruntime throughput ≥ 0.9',
        measured: isSkipped(dense) ? null : dense.ratio,
        unit: '×',
        at: isSkipped(dense) ? dense.skipped : `${dense.chunks} chunks`,
        met: isSkipped(dense) ? null : dense.ratio >= 0.9,
      },
      {
        name: 'worst event-loop delay during a reindex < 100 ms (100k chunks, questions meanwhile)',
        measured: stalls[0]?.worstMs ?? null,
        unit: 'ms',
        at: stalls[0]
          ? `${stalls[0].chunks} chunks${stalls[0].chunks < 90_000 ? ' (below 100k)' : ''}, ingestion in a worker thread`
          : 'not run',
        met: stalls[0] ? stalls[0].worstMs < 100 : null,
      },
      importTarget(memory.at(-1)),
    ];
    const report = {
      benchmark: 'news-quote-bot',
      plan: plan.name,
      machine,
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      seconds: (performance.now() - started) / 1000,
      loadAverage: { start: loadStart, end: roundedLoad() },
      ingestion: { seed: seed.figure, generated: scaleIngest.map((s) => s.figure), hybrid: hybridIngest },
      dense: { throughput: dense, ingestion: denseIngest },
      queries,
      scaling,
      incremental,
      stalls,
      peers,
      memory,
      targets,
      notes,
    };
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    return 0;
  } finally {
    if (args.keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

/** One-file change re-ingested into the largest corpus's lexical (and hybrid) index. */
interface IncrementalFigure {
  readonly corpus: string;
  readonly files: number;
  readonly changedFiles: number;
  readonly runs: number;
  readonly seconds: number;
  readonly reparsedFiles: number;
  readonly fullIngestSeconds: number;
  readonly shareOfFull: number;
  readonly peakRssMiB: number;
  /** The same change into the hybrid index (HNSW graph updated, not rebuilt). */
  readonly hybrid:
    | {
        readonly seconds: number;
        readonly fullIngestSeconds: number;
        readonly peakRssMiB: number;
        /** Labels in the updated graph (live + deleted) and live chunks: more labels than chunks means it was updated in place. */
        readonly graphLabels: number;
        readonly chunks: number;
      }
    | Skipped;
}

/** One search library over the same chunks and questions. */
interface PeerFigure {
  readonly peer: string;
  readonly chunks: number;
  readonly buildS: number;
  readonly memoryMiB: number;
  readonly query: Latency;
  readonly answeredShare: number;
  readonly xquad: { readonly questions: number; readonly answerAt3: number } | null;
}

/** Event-loop delay of the serving process during one full reindex, questions arriving meanwhile. */
interface StallFigure {
  readonly ingestion: string;
  readonly chunks: number;
  readonly reindexS: number;
  readonly ingestMaxMs: number;
  readonly ingestP99Ms: number;
  /** While the new generation is loaded and swapped in, on the serving thread. */
  readonly swapMaxMs: number;
  readonly worstMs: number;
  readonly questions: number;
  readonly ask: Latency;
}

/** One single-file JSON Lines import under a capped V8 heap. */
interface MemoryFigure {
  readonly fileMiB: number;
  readonly articles: number;
  readonly heapCapMiB: number;
  /** False when the child died (heap exhaustion) before finishing. */
  readonly completed: boolean;
  readonly seconds: number | null;
  readonly peakRssMiB: number | null;
  readonly rssGrowthMiB: number | null;
  readonly growthPerInputByte: number | null;
}

/**
 * "A 1 GB JSON Lines import must not need 1 GB of heap", checked at the size this machine can
 * afford: the largest import must finish with a V8 heap capped below its file size. Measured is
 * file size / heap cap; a file smaller than the cap proves nothing, so it is not judged.
 */
function importTarget(m: MemoryFigure | undefined): Target {
  const name = 'bounded import memory: a JSON Lines file larger than the V8 heap cap imports';
  if (!m) return { name, measured: null, unit: '×', at: 'no import run', met: null };
  const at = `${fmt(m.fileMiB)} MiB file, heap ${m.heapCapMiB} MiB`;
  const measured = m.fileMiB / m.heapCapMiB;
  if (measured <= 1) return { name, measured, unit: '×', at: `${at} (file too small to judge)`, met: null };
  return { name, measured, unit: '×', at: m.completed ? at : `${at}: died`, met: m.completed };
}

/** A goal from the issue and whether this run met it (null: not measured). */
interface Target {
  readonly name: string;
  readonly measured: number | null;
  readonly unit: string;
  readonly at: string;
  readonly met: boolean | null;
}

type Report = {
  targets: Target[];
  plan: string;
  machine: ReturnType<typeof machineInfo>;
  seconds: number;
  loadAverage: { start: number[]; end: number[] };
  ingestion: { seed: IngestFigure; generated: IngestFigure[]; hybrid?: IngestFigure[] };
  dense: { throughput: DenseFigure | Skipped; ingestion: IngestFigure | Skipped };
  queries: QueryFigure[];
  scaling: Record<string, number>[];
  incremental: IncrementalFigure;
  stalls?: StallFigure[];
  peers?: PeerFigure[];
  memory: MemoryFigure[];
  notes: string[];
};

function renderReport(r: Report): string {
  const m = r.machine;
  const head =
    `News-quote-bot benchmark (${r.plan}) — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}\n` +
    `Load average (1/5/15 min) at start ${r.loadAverage.start.join(' ')}, at end ${r.loadAverage.end.join(' ')}; took ${fmt(r.seconds)} s. Figures are medians of the runs shown.\n\n`;
  const tables: Table[] = [];
  const ing = [r.ingestion.seed, ...r.ingestion.generated, ...(r.ingestion.hybrid ?? [])];
  const denseIng = r.dense.ingestion;
  tables.push({
    title: 'Ingestion (lexical unless noted)',
    header: [
      'corpus',
      'articles',
      'chunks',
      'input MiB',
      'runs',
      'time s',
      'articles/s',
      'chunks/s',
      'peak RSS MiB',
      'RSS growth MiB',
      'index MiB',
    ],
    rows: [...ing, ...(isSkipped(denseIng) ? [] : [denseIng])].map((f) => [
      f.corpus,
      String(f.articles),
      String(f.chunks),
      fmt(f.inputMiB),
      String(f.runs),
      fmt(f.seconds),
      fmt(f.articlesPerS),
      fmt(f.chunksPerS),
      fmt(f.peakRssMiB),
      fmt(f.rssGrowthMiB),
      fmt(f.indexMiB),
    ]),
    notes: [
      'RSS growth = peak RSS of the ingesting process minus its RSS before ingesting (Node, tsx and libraries, ≈150 MiB here; the model too for dense-*).',
      'hybrid-* = the same corpus ingested with seeded random 384-d vectors (synthetic embedder): the HNSW build is real, the embedding is not; the hybrid query rows use this graph.',
      ...(isSkipped(denseIng)
        ? [`dense end-to-end ingestion: ${denseIng.skipped}`]
        : ['dense-* = the same corpus ingested with the random-weight all-MiniLM-L6-v2 (embedding + HNSW build).']),
    ],
  });
  const d = r.dense.throughput;
  tables.push(
    isSkipped(d)
      ? { title: 'Dense embedding throughput', header: ['path', 'chunks/s'], rows: [], notes: [`skipped: ${d.skipped}`] }
      : {
          title: `Dense embedding throughput (${d.chunks} chunks of ~${d.meanChars} chars, batch ${d.batchSize}, ${d.runs} runs)`,
          header: ['path', 'chunks/s'],
          rows: [
            ['transformers.js embedder (src/embed)', fmt(d.embedderChunksPerS)],
            ['raw onnxruntime-node, same batches', fmt(d.rawOrtChunksPerS)],
            ['raw onnxruntime-node, session.run only', fmt(d.rawOrtInferenceOnlyChunksPerS)],
            ['ratio embedder / raw (median of per-run ratios; target ≥ 0.9)', fmt(d.ratio)],
          ],
        },
  );
  const cell = (x: LatencyFigure | Skipped, k: 'p50' | 'p95' | 'p99') => (isSkipped(x) ? 'skip' : fmt(x[k]));
  const qrows: string[][] = [];
  const qnotes = new Set<string>();
  for (const q of r.queries) {
    for (const [name, x] of [
      ['ask lexical', q.lexical],
      ['ask hybrid', q.hybrid],
      ['ask hybrid+rerank', q.hybridRerank],
      ['timeline', q.timeline],
    ] as const) {
      qrows.push([
        `${q.chunks} chunks: ${name}`,
        isSkipped(x) ? '0' : String(x.n),
        cell(x, 'p50'),
        cell(x, 'p95'),
        cell(x, 'p99'),
        isSkipped(x) ? '–' : `${Math.round(x.answeredShare * 100)}%`,
      ]);
      if (isSkipped(x)) qnotes.add(`${name} at ${q.chunks} chunks skipped: ${x.skipped}`);
      else if (x.note) qnotes.add(`${name} at ${q.chunks} chunks: ${x.note}`);
    }
  }
  tables.push({
    title: 'Query latency (ms, per query, through the engine)',
    header: ['scale / query', 'n', 'p50', 'p95', 'p99', 'answered'],
    rows: qrows,
    notes: [
      'answered = share of queries that returned excerpts/events rather than an abstention (the random-weight models make hybrid ranking meaningless; only their cost is real).',
      ...qnotes,
    ],
  });
  tables.push({
    title: 'Reload (loadSearchIndex) per scale',
    header: ['chunks', 'runs', 'reload s', 'RSS after load MiB'],
    rows: r.queries.map((q) => [String(q.chunks), String(q.reloadRuns), fmt(q.reloadS), fmt(q.loadedRssMiB)]),
  });
  tables.push({
    title: 'Scaling exponents per 10× chunks (log(t2/t1)/log(n2/n1): 1 = linear, 2 = quadratic)',
    header: ['chunks', 'ingest time', 'ingest RSS growth', 'index size', 'reload', 'ask lexical p50', 'timeline p50'],
    rows: r.scaling.map((s) => [
      `${s.from} → ${s.to}`,
      fmt(s.ingestTime),
      fmt(s.ingestRssGrowth),
      fmt(s.indexSize),
      fmt(s.reloadTime),
      fmt(s.askLexicalP50),
      fmt(s.timelineP50),
    ]),
    notes: [
      'small-scale exponents include fixed costs (process start-up is excluded, but per-ingestion setup is not), so they read low; watch the largest step.',
    ],
  });
  const inc = r.incremental;
  const hinc = inc.hybrid;
  tables.push({
    title: `Incremental re-ingestion (1 of ${inc.files} files changed in ${inc.corpus})`,
    header: ['index', 'runs', 'time s', 'files re-parsed', 'full ingest s', 'share of full', 'peak RSS MiB'],
    rows: [
      [
        'lexical',
        String(inc.runs),
        fmt(inc.seconds),
        String(inc.reparsedFiles),
        fmt(inc.fullIngestSeconds),
        fmt(inc.shareOfFull),
        fmt(inc.peakRssMiB),
      ],
      ...(isSkipped(hinc)
        ? []
        : [
            [
              'hybrid',
              String(inc.runs),
              fmt(hinc.seconds),
              String(inc.reparsedFiles),
              fmt(hinc.fullIngestSeconds),
              fmt(hinc.seconds / hinc.fullIngestSeconds),
              fmt(hinc.peakRssMiB),
            ],
          ]),
    ],
    notes: isSkipped(hinc)
      ? [`hybrid: ${hinc.skipped}`]
      : [
          `hybrid: the previous HNSW graph is read, the changed file's old vectors marked deleted and its new ones added; after the last run the graph holds ${hinc.graphLabels} labels for ${hinc.chunks} chunks (compacted by a rebuild past ${COMPACT_DELETED_SHARE * 100}% deleted).`,
        ],
  });
  const stalls = r.stalls ?? [];
  tables.push({
    title: 'Event-loop delay during a full reindex (questions keep coming; perf_hooks.monitorEventLoopDelay)',
    header: [
      'ingestion in',
      'chunks',
      'reindex s',
      'worst ms',
      'ingesting max / p99 ms',
      'load+swap max ms',
      'questions',
      'ask p50 / p95 ms',
    ],
    rows: stalls.map((x) => [
      x.ingestion,
      String(x.chunks),
      fmt(x.reindexS),
      fmt(x.worstMs),
      `${fmt(x.ingestMaxMs)} / ${fmt(x.ingestP99Ms)}`,
      fmt(x.swapMaxMs),
      String(x.questions),
      `${fmt(x.ask.p50)} / ${fmt(x.ask.p95)}`,
    ]),
    notes: [
      'a burst of concurrent questions when the reindex starts, then one every 25 ms until the new index is swapped in; the delay includes the questions’ own work.',
    ],
  });
  const peers = r.peers ?? [];
  const ours = peers.find((p) => p.peer === 'ours');
  const ratio = (x: number | undefined, base: number | undefined) => (x === undefined || !base ? '–' : `${fmt(x / base)}×`);
  tables.push({
    title: `Peers over the same ${peers[0]?.chunks ?? '–'} chunks and questions (ratios: peer / ours)`,
    header: [
      'library',
      'build s',
      '× ours',
      'query p50 ms',
      'p95 ms',
      '× ours (p95)',
      'memory MiB',
      '× ours',
      'answer@3 xquad-dev',
      '× ours',
    ],
    rows: peers.map((p) => [
      p.peer,
      fmt(p.buildS),
      ratio(p.buildS, ours?.buildS),
      fmt(p.query.p50),
      fmt(p.query.p95),
      ratio(p.query.p95, ours?.query.p95),
      fmt(p.memoryMiB),
      ratio(p.memoryMiB, ours?.memoryMiB),
      p.xquad ? fmt(p.xquad.answerAt3) : '–',
      ratio(p.xquad?.answerAt3, ours?.xquad?.answerAt3),
    ]),
    notes: [
      'each library indexes the title + text of every chunk of our index in its own process, with its default analysis (SQLite: FTS5 with bm25(), words OR-ed); build = indexing those texts in memory (ours: tokenize + BM25 postings, as a full ingestion does).',
      'query = top 3 for each bench question; ours = engine.ask, the whole answer (retrieval, sentence selection, verbatim check), so it does more per query than the peers.',
      'memory = RSS after building minus RSS with the texts loaded (garbage not yet collected counts too).',
      'answer@3 = share of xquad-dev questions with a gold answer inside one of the 3 excerpts: peers rank the sentences of the same documents (capped at 500 chars like our excerpts); ours are the engine’s answers. No constant was tuned on it.',
    ],
  });
  tables.push({
    title: 'Memory while importing one large JSON Lines file (V8 heap capped)',
    header: ['file MiB', 'articles', 'heap cap MiB', 'completed', 'time s', 'peak RSS MiB', 'RSS growth MiB', 'growth / file size'],
    rows: r.memory.map((mem) => [
      fmt(mem.fileMiB),
      String(mem.articles),
      String(mem.heapCapMiB),
      mem.completed ? 'yes' : 'NO (heap exhausted)',
      fmt(mem.seconds),
      fmt(mem.peakRssMiB),
      fmt(mem.rssGrowthMiB),
      mem.growthPerInputByte === null ? '–' : `${fmt(mem.growthPerInputByte)}×`,
    ]),
    notes: [
      'each import runs with --max-old-space-size at the cap: finishing a file larger than the cap shows the import streams rather than holding the file.',
      'what stays in memory grows with the article count, not the text: per article its id and a duplicate-detection sketch (a 1-in-8 shingle sample and 16 smallest hashes, a few hundred bytes).',
    ],
  });
  tables.push({
    title: 'Targets',
    header: ['target', 'measured', 'at', 'verdict'],
    rows: r.targets.map((t) => [t.name, fmt(t.measured, t.unit), t.at, t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met']),
  });
  const foot = r.notes.length ? `\nNotes:\n${r.notes.map((n) => `  * ${n}`).join('\n')}\n` : '';
  return head + renderTables(tables) + foot;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
