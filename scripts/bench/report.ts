/**
 * The benchmark report: its shape, how it is built one section at a time (so a run cut short by
 * Ctrl-C or its time budget still reports what it measured), its targets, and its rendering as
 * plain-text tables. A run emits one JSON Lines record per completed unit (`{"section", "data"}`);
 * {@link mergeRecord} rebuilds the report from them, so `--render` re-prints a saved run.
 */
import type { MachineInfo } from './machine.js';
import type { Latency } from './stats.js';
import { fmt, type Table } from './table.js';

export type Skipped = { readonly skipped: string };
export const skipped = (reason: string): Skipped => ({ skipped: reason });
export const isSkipped = (x: object): x is Skipped => 'skipped' in x;

export interface IngestFigure {
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

export interface DenseFigure {
  readonly chunks: number;
  readonly meanChars: number;
  readonly batchSize: number;
  readonly runs: number;
  readonly embedderChunksPerS: number;
  readonly rawOrtChunksPerS: number;
  readonly rawOrtInferenceOnlyChunksPerS: number;
  readonly ratio: number;
}

export type LatencyFigure = Latency & { readonly answeredShare: number; readonly note?: string };

export interface QueryFigure {
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

/** One scale: its queries, and the hybrid (synthetic-vector) ingestion made for them, if any. */
export interface ScaleFigure {
  readonly query: QueryFigure;
  readonly hybridIngest: IngestFigure | null;
}

/** One-file change re-ingested into the largest corpus's lexical (and hybrid) index. */
export interface IncrementalFigure {
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

/** The offline semantic path (static word vectors) at the largest scale. */
export interface SemanticFigure {
  readonly model: string;
  readonly chunks: number;
  readonly ingest: IngestFigure;
  readonly loadS: number;
  readonly loadedRssMiB: number;
  readonly embed: Latency;
  readonly ask: LatencyFigure;
}

/** One search library over the same chunks and questions. */
export interface PeerFigure {
  readonly peer: string;
  readonly chunks: number;
  /** Chunks of the index the peers were given (more than `chunks` when capped). */
  readonly indexChunks?: number;
  readonly buildS: number;
  readonly memoryMiB: number;
  readonly query: Latency;
  readonly answeredShare: number;
  readonly xquad: { readonly questions: number; readonly answerAt3: number } | null;
}

/** Event-loop delay of the serving process during one full reindex, questions arriving meanwhile. */
export interface StallFigure {
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

/** The PostgreSQL backend at the largest scale (lexical). */
export interface PgFigure {
  readonly backend: string;
  readonly articles: number;
  readonly chunks: number;
  readonly ingestS: number;
  readonly articlesPerS: number;
  readonly chunksPerS: number;
  readonly servingRssMiB: number;
  readonly peakRssMiB: number;
  readonly ask: LatencyFigure;
  readonly timeline: Latency;
  readonly stall:
    | {
        readonly where: string;
        readonly reindexS: number;
        readonly worstMs: number;
        readonly p99Ms: number;
        readonly questions: number;
        readonly ask: Latency;
      }
    | Skipped;
}

/** One single-file JSON Lines import under a capped V8 heap. */
export interface MemoryFigure {
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

/** A goal from the issues and whether this run met it (null: not measured). */
export interface Target {
  readonly name: string;
  readonly measured: number | null;
  readonly unit: string;
  readonly at: string;
  readonly met: boolean | null;
}

export interface Header {
  readonly benchmark: 'news-quote-bot';
  readonly plan: string;
  readonly machine: MachineInfo;
  readonly startedAt: string;
  readonly budgetS: number;
  readonly loadStart: readonly number[];
}

export interface Summary {
  readonly seconds: number;
  readonly loadEnd: readonly number[];
  /** Why the run ended before its last section (Ctrl-C, time budget), if it did. */
  readonly interrupted: string | null;
  readonly targets: readonly Target[];
  readonly notes: readonly string[];
}

/** Everything a run measured so far; list sections grow one unit at a time. */
export interface Report {
  header?: Header;
  ingestion?: { seed: IngestFigure; generated: IngestFigure[] };
  seedQueries?: (LatencyFigure & { readonly chunks: number; readonly reloadS: number; readonly timeline: Latency }) | Skipped;
  dense?: { throughput: DenseFigure | Skipped; ingestion: IngestFigure | Skipped };
  scales: ScaleFigure[];
  scaling?: Record<string, number>[];
  semantic?: SemanticFigure | Skipped;
  incremental?: IncrementalFigure | Skipped;
  stalls: StallFigure[];
  postgres?: PgFigure | Skipped;
  peers: PeerFigure[];
  /** Why the peers indexed fewer chunks than the largest index holds, or were cut short. */
  peersNotes: string[];
  memory: MemoryFigure[];
  summary?: Summary;
}

export const emptyReport = (): Report => ({ scales: [], stalls: [], peers: [], peersNotes: [], memory: [] });

/** One JSON Lines record of a run. */
export type ReportRecord =
  | { readonly section: 'header'; readonly data: Header }
  | { readonly section: 'ingestion'; readonly data: NonNullable<Report['ingestion']> }
  | { readonly section: 'seedQueries'; readonly data: NonNullable<Report['seedQueries']> }
  | { readonly section: 'dense'; readonly data: NonNullable<Report['dense']> }
  | { readonly section: 'scale'; readonly data: ScaleFigure }
  | { readonly section: 'scaling'; readonly data: Record<string, number>[] }
  | { readonly section: 'semantic'; readonly data: SemanticFigure | Skipped }
  | { readonly section: 'incremental'; readonly data: IncrementalFigure | Skipped }
  | { readonly section: 'stall'; readonly data: StallFigure }
  | { readonly section: 'postgres'; readonly data: PgFigure | Skipped }
  | { readonly section: 'peer'; readonly data: PeerFigure }
  | { readonly section: 'peersNote'; readonly data: string }
  | { readonly section: 'memory'; readonly data: MemoryFigure }
  | { readonly section: 'summary'; readonly data: Summary };

/** Adds one record to the report (list sections append). */
export function mergeRecord(r: Report, rec: ReportRecord): void {
  switch (rec.section) {
    case 'header':
      r.header = rec.data;
      return;
    case 'ingestion':
      r.ingestion = rec.data;
      return;
    case 'seedQueries':
      r.seedQueries = rec.data;
      return;
    case 'dense':
      r.dense = rec.data;
      return;
    case 'scale':
      r.scales.push(rec.data);
      return;
    case 'scaling':
      r.scaling = rec.data;
      return;
    case 'semantic':
      r.semantic = rec.data;
      return;
    case 'incremental':
      r.incremental = rec.data;
      return;
    case 'stall':
      r.stalls.push(rec.data);
      return;
    case 'postgres':
      r.postgres = rec.data;
      return;
    case 'peer':
      r.peers.push(rec.data);
      return;
    case 'peersNote':
      r.peersNotes.push(rec.data);
      return;
    case 'memory':
      r.memory.push(rec.data);
      return;
    case 'summary':
      r.summary = rec.data;
      return;
    default:
      return assertNever(rec);
  }
}

/** Parses a saved `--json` run (JSON Lines, one record per line); a cut-off last line is ignored. */
export function parseRecords(text: string): Report {
  const r = emptyReport();
  if (isWholeJsonObject(text))
    throw new Error('this is a report saved by an older bench (one JSON object), not JSON Lines: re-run `npm run bench -- --json`');
  const lines = text.split('\n').filter((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    let rec: ReportRecord;
    try {
      rec = JSON.parse(line) as ReportRecord;
    } catch (e) {
      if (i === lines.length - 1) break; // the run was killed while writing it
      throw new Error(`line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    if (!rec || typeof rec !== 'object' || !('section' in rec)) throw new Error(`line ${i + 1} is not a bench record (no "section")`);
    mergeRecord(r, rec);
  }
  return r;
}

/** True for one multi-line JSON object without a `section` (the format before JSON Lines). */
function isWholeJsonObject(text: string): boolean {
  if (!text.trimStart().startsWith('{') || !text.includes('\n', text.indexOf('{'))) return false;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !('section' in v);
  } catch {
    return false;
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

const below100k = (chunks: number) => `${chunks} chunks${chunks < 90_000 ? ' (below 100k)' : ''}`;

/** The targets of issues 14 and 15, judged on what the report holds (null: not measured in this run). */
export function targetsOf(r: Report): Target[] {
  const biggest = r.scales.at(-1)?.query;
  const lex = biggest && !isSkipped(biggest.lexical) ? biggest.lexical : null;
  const tl = biggest && !isSkipped(biggest.timeline) ? biggest.timeline : null;
  const at = biggest ? below100k(biggest.chunks) : 'not run';
  const inc = r.incremental && !isSkipped(r.incremental) ? r.incremental : null;
  const hinc = inc && !isSkipped(inc.hybrid) ? inc.hybrid : null;
  const dense = r.dense && !isSkipped(r.dense.throughput) ? r.dense.throughput : null;
  const sem = r.semantic && !isSkipped(r.semantic) ? r.semantic : null;
  const seed = r.seedQueries && !isSkipped(r.seedQueries) ? r.seedQueries : null;
  const pg = r.postgres && !isSkipped(r.postgres) ? r.postgres : null;
  const pgStall = pg && !isSkipped(pg.stall) ? pg.stall : null;
  const stall = r.stalls[0];
  const why = (x: object | undefined, fallback = 'not run') => (x && isSkipped(x) ? x.skipped : fallback);
  return [
    { name: 'lexical ask p95 < 100 ms at 100k chunks', measured: lex?.p95 ?? null, unit: 'ms', at, met: lex ? lex.p95 < 100 : null },
    {
      name: 'lexical ask p95 ≤ 22 ms at 100k chunks (issue 14: unchanged or better)',
      measured: lex?.p95 ?? null,
      unit: 'ms',
      at,
      met: lex ? lex.p95 <= 22 : null,
    },
    {
      name: 'lexical ask p95 < 20 ms on the seed corpus',
      measured: seed?.p95 ?? null,
      unit: 'ms',
      at: seed ? `${seed.chunks} chunks (data/articles)` : why(r.seedQueries),
      met: seed ? seed.p95 < 20 : null,
    },
    {
      name: 'offline semantic (static word vectors) ask p95 < 50 ms at 100k chunks',
      measured: sem?.ask.p95 ?? null,
      unit: 'ms',
      at: sem ? `${below100k(sem.chunks)}, ${sem.model}` : why(r.semantic),
      met: sem ? sem.ask.p95 < 50 : null,
    },
    { name: 'timeline p95 < 100 ms at 100k chunks', measured: tl?.p95 ?? null, unit: 'ms', at, met: tl ? tl.p95 < 100 : null },
    {
      name: 'reload < 1.5 s at 100k chunks',
      measured: biggest?.reloadS ?? null,
      unit: 's',
      at,
      met: biggest ? biggest.reloadS < 1.5 : null,
    },
    {
      name: 'RSS after load < 400 MiB at 100k chunks',
      measured: biggest?.loadedRssMiB ?? null,
      unit: 'MiB',
      at,
      met: biggest ? biggest.loadedRssMiB < 400 : null,
    },
    {
      name: 'incremental re-ingestion of a one-file change < 2 s (lexical)',
      measured: inc?.seconds ?? null,
      unit: 's',
      at: inc ? inc.corpus : why(r.incremental),
      met: inc ? inc.seconds < 2 : null,
    },
    {
      name: 'incremental re-ingestion of a one-file change < 5 s (hybrid, 100k chunks)',
      measured: hinc?.seconds ?? null,
      unit: 's',
      at: hinc ? below100k(hinc.chunks) : inc ? why(inc.hybrid) : why(r.incremental),
      met: hinc ? hinc.seconds < 5 : null,
    },
    {
      name: 'dense: embedder / raw onnxruntime throughput ≥ 0.9',
      measured: dense?.ratio ?? null,
      unit: '×',
      at: dense ? `${dense.chunks} chunks` : r.dense ? why(r.dense.throughput) : 'not run',
      met: dense ? dense.ratio >= 0.9 : null,
    },
    {
      name: 'worst event-loop delay during a reindex < 100 ms (100k chunks, questions meanwhile)',
      measured: stall?.worstMs ?? null,
      unit: 'ms',
      at: stall ? `${below100k(stall.chunks)}, ingestion in a worker thread` : 'not run',
      met: stall ? stall.worstMs < 100 : null,
    },
    {
      name: 'worst event-loop delay during a PostgreSQL reindex < 100 ms (100k chunks, questions meanwhile)',
      measured: pgStall?.worstMs ?? null,
      unit: 'ms',
      at: pg && pgStall ? `${below100k(pg.chunks)}, ${pg.backend}, ${pgStall.where}` : pg ? why(pg.stall) : why(r.postgres),
      met: pgStall ? pgStall.worstMs < 100 : null,
    },
    importTarget(r.memory.at(-1)),
  ];
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

// ---------------------------------------------------------------------------------------------
// Rendering: one function per section, used both as the run goes and by `--render`.

export function renderHeader(h: Header): string {
  const m = h.machine;
  return (
    `News-quote-bot benchmark (${h.plan}, time budget ${fmt(h.budgetS)} s) — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}\n` +
    `Started ${h.startedAt}; load average (1/5/15 min) at start ${h.loadStart.join(' ')}. Figures are medians of the runs shown; tables appear as their sections finish.\n\n`
  );
}

export function ingestionTables(rows: readonly IngestFigure[], title: string, notes: readonly string[] = []): Table {
  return {
    title,
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
    rows: rows.map((f) => [
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
    notes,
  };
}

export function renderIngestion(x: NonNullable<Report['ingestion']>): Table[] {
  return [
    ingestionTables([x.seed, ...x.generated], 'Ingestion (lexical)', [
      'RSS growth = peak RSS of the ingesting process minus its RSS before ingesting (Node, tsx and libraries, ≈150 MiB here).',
    ]),
  ];
}

const cell = (x: LatencyFigure | Skipped, k: 'p50' | 'p95' | 'p99') => (isSkipped(x) ? 'skip' : fmt(x[k]));

export function renderSeedQueries(x: NonNullable<Report['seedQueries']>): Table[] {
  if (isSkipped(x)) return [{ title: 'Seed corpus (data/articles): ask', header: ['query'], rows: [], notes: [`skipped: ${x.skipped}`] }];
  return [
    {
      title: `Seed corpus (data/articles, ${x.chunks} chunks): latency (ms, through the engine)`,
      header: ['query', 'n', 'p50', 'p95', 'p99', 'answered'],
      rows: [
        ['ask lexical', String(x.n), fmt(x.p50), fmt(x.p95), fmt(x.p99), `${Math.round(x.answeredShare * 100)}%`],
        ['timeline', String(x.timeline.n), fmt(x.timeline.p50), fmt(x.timeline.p95), fmt(x.timeline.p99), '–'],
      ],
      notes: [
        `questions: test/answer/fixtures seed-dev (answerable), seed-unanswerable and seed-near-unanswerable, each asked once after a warm-up; reload ${fmt(x.reloadS)} s.`,
      ],
    },
  ];
}

export function renderDense(x: NonNullable<Report['dense']>): Table[] {
  const d = x.throughput;
  const out: Table[] = [
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
  ];
  out.push(
    isSkipped(x.ingestion)
      ? { title: 'Dense end-to-end ingestion', header: ['corpus'], rows: [], notes: [`skipped: ${x.ingestion.skipped}`] }
      : ingestionTables([x.ingestion], 'Dense end-to-end ingestion', [
          'the random-weight all-MiniLM-L6-v2 embeds every chunk, then the HNSW graph is built.',
        ]),
  );
  return out;
}

export function renderScale(s: ScaleFigure): Table[] {
  const q = s.query;
  const rows: string[][] = [];
  const notes: string[] = [
    `reload (loadSearchIndex) ${fmt(q.reloadS)} s (median of ${q.reloadRuns}), RSS after load ${fmt(q.loadedRssMiB)} MiB.`,
  ];
  for (const [name, x] of [
    ['ask lexical', q.lexical],
    ['ask hybrid', q.hybrid],
    ['ask hybrid+rerank', q.hybridRerank],
    ['timeline', q.timeline],
  ] as const) {
    rows.push([
      name,
      isSkipped(x) ? '0' : String(x.n),
      cell(x, 'p50'),
      cell(x, 'p95'),
      cell(x, 'p99'),
      isSkipped(x) ? '–' : `${Math.round(x.answeredShare * 100)}%`,
    ]);
    if (isSkipped(x)) notes.push(`${name} skipped: ${x.skipped}`);
    else if (x.note) notes.push(`${name}: ${x.note}`);
  }
  const out: Table[] = [];
  if (s.hybridIngest)
    out.push(
      ingestionTables([s.hybridIngest], `Hybrid ingestion at ${s.hybridIngest.chunks} chunks (synthetic vectors)`, [
        'the same corpus ingested with seeded random 384-d vectors (synthetic embedder): the HNSW build is real, the embedding is not; the hybrid rows below use this graph.',
      ]),
    );
  out.push({
    title: `Queries at ${q.chunks} chunks (${q.corpus}; ms per query, through the engine)`,
    header: ['query', 'n', 'p50', 'p95', 'p99', 'answered'],
    rows,
    notes: [
      ...notes,
      'answered = share of queries that returned excerpts/events rather than an abstention (the random-weight models make hybrid ranking meaningless; only their cost is real).',
    ],
  });
  return out;
}

export function renderScaling(rows: readonly Record<string, number>[]): Table[] {
  return [
    {
      title: 'Scaling exponents per 10× chunks (log(t2/t1)/log(n2/n1): 1 = linear, 2 = quadratic)',
      header: ['chunks', 'ingest time', 'ingest RSS growth', 'index size', 'reload', 'ask lexical p50', 'timeline p50'],
      rows: rows.map((s) => [
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
    },
  ];
}

export function renderSemantic(x: SemanticFigure | Skipped): Table[] {
  if (isSkipped(x))
    return [{ title: 'Offline semantic path (static word vectors)', header: ['figure'], rows: [], notes: [`skipped: ${x.skipped}`] }];
  return [
    ingestionTables([x.ingest], `Offline semantic ingestion (${x.model})`, [
      'every chunk embedded by the word table (SIF-weighted average, src/embed/static-embedder.ts), then the 100-d HNSW graph built.',
    ]),
    {
      title: `Offline semantic path at ${x.chunks} chunks (${x.model}; ms)`,
      header: ['query', 'n', 'p50', 'p95', 'p99', 'answered'],
      rows: [
        ['embed the question (word table)', String(x.embed.n), fmt(x.embed.p50), fmt(x.embed.p95), fmt(x.embed.p99), '–'],
        [
          'ask hybrid (static vectors + BM25)',
          String(x.ask.n),
          fmt(x.ask.p50),
          fmt(x.ask.p95),
          fmt(x.ask.p99),
          `${Math.round(x.ask.answeredShare * 100)}%`,
        ],
      ],
      notes: [`index with its graph loaded in ${fmt(x.loadS)} s, RSS after load ${fmt(x.loadedRssMiB)} MiB; target ask p95 < 50 ms.`],
    },
  ];
}

export function renderIncremental(inc: IncrementalFigure | Skipped): Table[] {
  if (isSkipped(inc)) return [{ title: 'Incremental re-ingestion', header: ['index'], rows: [], notes: [`skipped: ${inc.skipped}`] }];
  const hinc = inc.hybrid;
  return [
    {
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
            `hybrid: the previous HNSW graph is read, the changed file's old vectors marked deleted and its new ones added; after the last run the graph holds ${hinc.graphLabels} labels for ${hinc.chunks} chunks.`,
          ],
    },
  ];
}

export function renderStalls(stalls: readonly StallFigure[]): Table[] {
  return [
    {
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
    },
  ];
}

export function renderPostgres(x: PgFigure | Skipped): Table[] {
  if (isSkipped(x)) return [{ title: 'PostgreSQL backend', header: ['figure'], rows: [], notes: [`skipped: ${x.skipped}`] }];
  const st = x.stall;
  return [
    {
      title: `PostgreSQL backend at ${x.chunks} chunks (${x.backend}, lexical)`,
      header: ['figure', 'value'],
      rows: [
        ['full ingestion s', fmt(x.ingestS)],
        ['ingestion articles/s (chunks/s)', `${fmt(x.articlesPerS)} (${fmt(x.chunksPerS)})`],
        [
          `ask p50 / p95 / p99 ms (n ${x.ask.n}, answered ${Math.round(x.ask.answeredShare * 100)}%)`,
          `${fmt(x.ask.p50)} / ${fmt(x.ask.p95)} / ${fmt(x.ask.p99)}`,
        ],
        [`timeline p50 / p95 ms (n ${x.timeline.n})`, `${fmt(x.timeline.p50)} / ${fmt(x.timeline.p95)}`],
        ['bot process RSS while serving MiB', fmt(x.servingRssMiB)],
        ['bot process peak RSS MiB', fmt(x.peakRssMiB)],
        ...(isSkipped(st)
          ? [['reindex under questions', `skipped: ${st.skipped}`]]
          : [
              [`full reindex (${st.where}) s`, fmt(st.reindexS)],
              ['worst / p99 event-loop delay ms', `${fmt(st.worstMs)} / ${fmt(st.p99Ms)}`],
              [`questions during it (ask p50 / p95 ms)`, `${st.questions} (${fmt(st.ask.p50)} / ${fmt(st.ask.p95)})`],
            ]),
      ],
      notes: [
        'one process: a full ingestion into an empty migrated database, then the same bench questions and topics as the embedded rows through the PostgreSQL engine, then a full reindex with a burst of questions and one every 25 ms.',
        x.backend.startsWith('PGlite')
          ? 'PGlite runs PostgreSQL in this process (WASM): its RSS includes the database, and a reindex runs on the serving thread (PGlite cannot be opened twice).'
          : 'the database is another process: RSS is the bot process alone; the reindex runs in a worker thread on its own connection, as the bot’s /reindex does.',
        'lexical only (BM25 statistics in tables): no chunk vectors, so no pgvector HNSW figures in this run.',
      ],
    },
  ];
}

export function renderPeers(peers: readonly PeerFigure[], peerNotes: readonly string[]): Table[] {
  const ours = peers.find((p) => p.peer === 'ours');
  const ratio = (x: number | undefined, base: number | undefined) => (x === undefined || !base ? '–' : `${fmt(x / base)}×`);
  const first = peers[0];
  const cap = first?.indexChunks && first.indexChunks > first.chunks ? ` (capped at ${first.chunks} of ${first.indexChunks} chunks)` : '';
  return [
    {
      title: `Peers over the same ${first?.chunks ?? '–'} chunks and questions${cap} (ratios: peer / ours)`,
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
        ...peerNotes,
        'each library indexes the title + text of every chunk given in its own process, with its default analysis (SQLite: FTS5 with bm25(), words OR-ed); build = indexing those texts in memory (ours: tokenize + BM25 postings, as a full ingestion does).',
        'query = top 3 for each bench question; ours = engine.ask, the whole answer (retrieval, sentence selection, verbatim check), so it does more per query than the peers.',
        'memory = RSS after building minus RSS with the texts loaded (garbage not yet collected counts too).',
        'answer@3 = share of xquad-dev questions with a gold answer inside one of the 3 excerpts: peers rank the sentences of the same documents (capped at 500 chars like our excerpts); ours are the engine’s answers. No constant was tuned on it.',
      ],
    },
  ];
}

export function renderMemory(memory: readonly MemoryFigure[]): Table[] {
  return [
    {
      title: 'Memory while importing one large JSON Lines file (V8 heap capped)',
      header: ['file MiB', 'articles', 'heap cap MiB', 'completed', 'time s', 'peak RSS MiB', 'RSS growth MiB', 'growth / file size'],
      rows: memory.map((mem) => [
        fmt(mem.fileMiB),
        String(mem.articles),
        String(mem.heapCapMiB),
        mem.completed ? 'yes' : 'NO (heap exhausted or time limit)',
        fmt(mem.seconds),
        fmt(mem.peakRssMiB),
        fmt(mem.rssGrowthMiB),
        mem.growthPerInputByte === null ? '–' : `${fmt(mem.growthPerInputByte)}×`,
      ]),
      notes: [
        'each import runs with --max-old-space-size at the cap: finishing a file larger than the cap shows the import streams rather than holding the file.',
        'what stays in memory grows with the article count, not the text: per article its id and a duplicate-detection sketch (a 1-in-8 shingle sample and 16 smallest hashes, a few hundred bytes).',
      ],
    },
  ];
}

export function renderSummary(s: Summary): Table[] {
  return [
    {
      title: 'Targets',
      header: ['target', 'measured', 'at', 'verdict'],
      rows: s.targets.map((t) => [t.name, fmt(t.measured, t.unit), t.at, t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met']),
      notes: [
        `took ${fmt(s.seconds)} s; load average (1/5/15 min) at end ${s.loadEnd.join(' ')}${s.interrupted ? `; ENDED EARLY: ${s.interrupted} — sections after it were not measured` : ''}.`,
        ...s.notes,
      ],
    },
  ];
}

/** Every section of a (possibly partial) report, in run order. */
export function renderAll(r: Report): Table[] {
  const t: Table[] = [];
  if (r.ingestion) t.push(...renderIngestion(r.ingestion));
  if (r.seedQueries) t.push(...renderSeedQueries(r.seedQueries));
  if (r.dense) t.push(...renderDense(r.dense));
  for (const s of r.scales) t.push(...renderScale(s));
  if (r.scaling) t.push(...renderScaling(r.scaling));
  if (r.semantic) t.push(...renderSemantic(r.semantic));
  if (r.incremental) t.push(...renderIncremental(r.incremental));
  if (r.stalls.length) t.push(...renderStalls(r.stalls));
  if (r.postgres) t.push(...renderPostgres(r.postgres));
  if (r.peers.length || r.peersNotes.length) t.push(...renderPeers(r.peers, r.peersNotes));
  if (r.memory.length) t.push(...renderMemory(r.memory));
  if (r.summary) t.push(...renderSummary(r.summary));
  return t;
}
