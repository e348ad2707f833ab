/**
 * `npm run eval -- --docs DOCS.jsonl --questions Q.jsonl [--k 3] [--json] [--extractive] [--half 1|2] [--embedding none|static|MODEL] [--reranker MODEL] [--expansion on|off] [--backend embedded|postgres] [--unanswerable U.jsonl …] [--threshold T] [--sweep]`
 *
 * Builds a temporary index of the docs with the real ingestion pipeline (JSON Lines `id`
 * becomes Article.id), answers every question and prints answer@1, answer@k, article recall@k,
 * MRR, the no-answer rate and latency. `--unanswerable` adds questions that must be declined
 * (`{question}` lines; optional `docs` field naming another JSONL file or articles directory to
 * ask them against); `--sweep` prints how the abstention threshold trades answers for refusals.
 * `--extractive` keeps the extractively answerable questions (see `src/eval/split.ts`); `--half`
 * answers only one deterministic half (by question date for news, by article parity otherwise),
 * so a constant chosen on one half can be confirmed on the other. Every run also reports a plain
 * sentence-level BM25 on the same questions, as the baseline.
 *
 * Questions are passed exactly as `npm run ask -- --questions` passes them: the text alone (no
 * question date), so the figures are what a user of the bot would get.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { runMain } from '../src/cli/run.js';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseCli, usageError } from '../src/cli/args.js';
import type { AnswerResult } from '../src/core/types.js';
import type { SearchIndex } from '../src/index/types.js';
import { ABSTAIN_THRESHOLD } from '../src/answer/abstain.js';
import { answerWithTrace, type AnswerOptions, type AnswerTrace } from '../src/answer/answer.js';
import type { PgAnswerer } from '../src/index/pg/answerer.js';
import { loadConfig } from '../src/config.js';
import type { Embedder, Reranker } from '../src/embed/types.js';
import type { Lexicon } from '../src/lexicon/types.js';
import { sentenceBaseline } from '../src/eval/baseline.js';
import { extractive, half } from '../src/eval/split.js';

const USAGE =
  'usage: npm run eval -- --docs DOCS.jsonl --questions Q.jsonl [--k 3] [--json] [--extractive] [--half 1|2] [--embedding none|static|MODEL] [--reranker MODEL] [--expansion on|off] [--backend embedded|postgres] [--unanswerable U.jsonl ...] [--threshold T] [--sweep] [--failures OUT.jsonl]';

interface EvalQuestion {
  readonly id: string;
  readonly question: string;
  readonly answers: readonly string[];
  readonly doc_ids: readonly string[];
  readonly question_date?: string | undefined;
}

interface Outcome {
  readonly q: EvalQuestion;
  readonly result: AnswerResult;
  readonly confidence: number;
  readonly ms: number;
  /** 1-based rank of the first excerpt holding a gold answer, or 0. */
  readonly answerRank: number;
  readonly docHit: boolean;
}

async function main(): Promise<number> {
  const cli = parseCli(
    process.argv.slice(2),
    {
      docs: { type: 'string' },
      questions: { type: 'string' },
      k: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
      unanswerable: { type: 'string', multiple: true, default: [] },
      threshold: { type: 'string' },
      sweep: { type: 'boolean', default: false },
      extractive: { type: 'boolean', default: false },
      half: { type: 'string' },
      embedding: { type: 'string', default: 'none' },
      reranker: { type: 'string' },
      expansion: { type: 'string', default: 'on' },
      backend: { type: 'string', default: 'embedded' },
      failures: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  const args = cli.values;
  if (!args.docs || !args.questions) return usageError('--docs and --questions are required', USAGE).code;
  const k = Number(args.k);
  if (!Number.isInteger(k) || k < 1) return usageError('--k must be a positive integer', USAGE).code;
  const halfArg = args.half === undefined ? null : Number(args.half);
  if (halfArg !== null && halfArg !== 1 && halfArg !== 2) return usageError('--half must be 1 or 2', USAGE).code;
  const threshold = args.threshold !== undefined ? Number(args.threshold) : undefined;
  // Sweeping needs every candidate answer, so nothing is withheld while measuring.
  const runThreshold = args.sweep ? 0 : threshold;

  const t0 = performance.now();
  const embedder = await evalEmbedder(args.embedding);
  const reranker = args.reranker ? await evalReranker(args.reranker) : null;
  if (args.expansion !== 'on' && args.expansion !== 'off') return usageError('--expansion must be on or off', USAGE).code;
  const lexicon = args.expansion === 'on' ? await evalLexicon(embedder) : null;
  if (args.backend !== 'embedded' && args.backend !== 'postgres') return usageError('--backend must be embedded or postgres', USAGE).code;
  // --backend postgres: the same docs in an in-process PostgreSQL (PGlite), questions answered from it.
  let pg: PgAnswerer | null = null;
  const index = await buildIndex(args.docs, embedder, async (dir) => {
    if (args.backend === 'postgres') pg = await (await import('../src/index/pg/answerer.js')).pgliteAnswerer(dir, embedder, lexicon);
  });
  process.stderr.write(
    `indexed ${index.articles.length} articles, ${index.chunks.length} chunks in ${Math.round(performance.now() - t0)} ms\n`,
  );

  let questions = (await readJsonl(args.questions)).map(toEvalQuestion);
  if (args.extractive) questions = extractive(questions);
  if (halfArg !== null) {
    const articleOf = await articleNumbers(args.docs);
    questions = half(questions, halfArg, (id) => articleOf.get(id) ?? null);
  }
  const outcomes: Outcome[] = [];
  const ask: Ask = pg
    ? (pg as PgAnswerer).ask
    : (question, options) => answerWithTrace({ index, embedder, reranker, lexicon }, question, options);
  for (const q of questions) outcomes.push(await runOne(ask, q, k, runThreshold));
  await (pg as PgAnswerer | null)?.close();
  const bm25 = sentenceBaseline(index.articles);
  const baselineRanks = questions.map((q) => {
    const gold = q.answers.map((a) => a.toLowerCase());
    return bm25.top(q.question, k).findIndex((t) => gold.some((g) => t.toLowerCase().includes(g))) + 1;
  });

  const unanswerable: { question: string; confidence: number; result: AnswerResult; set: string }[] = [];
  for (const file of args.unanswerable) {
    // With --half, unanswerable sets are halved by line parity (line 1, 3, … in half 1).
    const rows = (await readJsonl(file)).filter((_, i) => halfArg === null || i % 2 === halfArg - 1);
    const cache = new Map<string, SearchIndex>();
    for (const row of rows) {
      const question = String(row.question ?? '');
      const docsField = typeof row.docs === 'string' ? resolve(dirname(file), row.docs) : null;
      let target = index;
      if (docsField) {
        if (!cache.has(docsField)) cache.set(docsField, await buildIndex(docsField, embedder));
        target = cache.get(docsField)!;
      }
      const { result, trace } = await answerWithTrace({ index: target, embedder, reranker, lexicon }, question, {
        k,
        ...(runThreshold !== undefined ? { threshold: runThreshold } : {}),
      });
      unanswerable.push({ question, confidence: trace.confidence, result, set: basename(file) });
    }
  }

  const report = summarise(outcomes, k, unanswerable, runThreshold ?? ABSTAIN_THRESHOLD, baselineRanks);
  if (args.failures) {
    await writeFile(
      args.failures,
      outcomes
        .filter((o) => o.answerRank !== 1)
        .map((o) =>
          JSON.stringify({
            id: o.q.id,
            question: o.q.question,
            answers: o.q.answers,
            rank: o.answerRank,
            confidence: round(o.confidence),
            first: o.result.kind === 'answer' ? o.result.excerpts[0]?.quote : o.result.reason,
            firstDoc: o.result.kind === 'answer' ? o.result.excerpts[0]?.article.id : null,
            gold: o.q.doc_ids,
          }),
        )
        .join('\n') + '\n',
    );
  }
  if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(describe(report));
  if (args.sweep) process.stdout.write(sweep(outcomes, unanswerable));
  return 0;
}

type Ask = (question: string, options: AnswerOptions) => Promise<{ result: AnswerResult; trace: AnswerTrace }>;

async function runOne(ask: Ask, q: EvalQuestion, k: number, threshold: number | undefined): Promise<Outcome> {
  const started = performance.now();
  const { result, trace } = await ask(q.question, { k, ...(threshold !== undefined ? { threshold } : {}) });
  const ms = performance.now() - started;
  let answerRank = 0;
  let docHit = false;
  if (result.kind === 'answer') {
    const gold = q.answers.map((a) => a.toLowerCase());
    result.excerpts.slice(0, k).forEach((e, i) => {
      const quote = e.quote.toLowerCase();
      if (answerRank === 0 && gold.some((g) => quote.includes(g))) answerRank = i + 1;
      if (q.doc_ids.includes(e.article.id)) docHit = true;
    });
  }
  return { q, result, confidence: trace.confidence, ms, answerRank, docHit };
}

interface Report {
  readonly questions: number;
  readonly k: number;
  readonly answerAt1: number;
  readonly answerAtK: number;
  readonly recallAtK: number;
  readonly mrr: number;
  readonly noAnswerRate: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number };
  readonly excerpts: { readonly maxChars: number; readonly maxSentences: number; readonly twoSentenceShare: number };
  readonly unanswerable?: { readonly questions: number; readonly noAnswerRate: number };
  readonly threshold: number;
  /** Plain sentence-level BM25 on the same questions (see `src/eval/baseline.ts`). */
  readonly baseline: { readonly answerAt1: number; readonly answerAtK: number };
}

function summarise(
  outcomes: readonly Outcome[],
  k: number,
  unanswerable: readonly { result: AnswerResult }[],
  threshold: number,
  baselineRanks: readonly number[],
): Report {
  const n = Math.max(1, outcomes.length);
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  let maxChars = 0;
  let maxSentences = 0;
  let count = 0;
  let two = 0;
  for (const o of outcomes) {
    if (o.result.kind !== 'answer') continue;
    for (const e of o.result.excerpts) {
      const sentences = sentenceCount(e.quote);
      maxChars = Math.max(maxChars, e.quote.length);
      maxSentences = Math.max(maxSentences, sentences);
      count++;
      if (sentences >= 2) two++;
    }
  }
  return {
    questions: outcomes.length,
    k,
    answerAt1: round(outcomes.filter((o) => o.answerRank === 1).length / n),
    answerAtK: round(outcomes.filter((o) => o.answerRank >= 1).length / n),
    recallAtK: round(outcomes.filter((o) => o.docHit).length / n),
    mrr: round(outcomes.reduce((s, o) => s + (o.answerRank ? 1 / o.answerRank : 0), 0) / n),
    noAnswerRate: round(outcomes.filter((o) => o.result.kind === 'noAnswer').length / n),
    latencyMs: { p50: round(percentile(ms, 0.5)), p95: round(percentile(ms, 0.95)) },
    excerpts: { maxChars, maxSentences, twoSentenceShare: round(count ? two / count : 0) },
    ...(unanswerable.length
      ? {
          unanswerable: {
            questions: unanswerable.length,
            noAnswerRate: round(unanswerable.filter((u) => u.result.kind === 'noAnswer').length / unanswerable.length),
          },
        }
      : {}),
    threshold,
    baseline: {
      answerAt1: round(baselineRanks.filter((r) => r === 1).length / n),
      answerAtK: round(baselineRanks.filter((r) => r >= 1).length / n),
    },
  };
}

/** Rough sentence count of a quote, for the report's sanity check (the engine enforces the cap). */
function sentenceCount(quote: string): number {
  return Array.from(new Intl.Segmenter('en', { granularity: 'sentence' }).segment(quote)).filter((s) => s.segment.trim()).length;
}

function describe(r: Report): string {
  const lines = [
    `questions        ${r.questions}`,
    `answer@1         ${r.answerAt1.toFixed(3)}`,
    `answer@${r.k}         ${r.answerAtK.toFixed(3)}`,
    `recall@${r.k}         ${r.recallAtK.toFixed(3)}  (excerpt from a gold article)`,
    `MRR              ${r.mrr.toFixed(3)}  (rank of the first excerpt holding the answer)`,
    `no-answer rate   ${r.noAnswerRate.toFixed(3)}  (threshold ${r.threshold})`,
    `latency          p50 ${r.latencyMs.p50.toFixed(1)} ms · p95 ${r.latencyMs.p95.toFixed(1)} ms`,
    `BM25 baseline    answer@1 ${r.baseline.answerAt1.toFixed(3)} · answer@${r.k} ${r.baseline.answerAtK.toFixed(3)}  (plain sentence-level BM25)`,
    `excerpts         longest ${r.excerpts.maxChars} chars · ${(r.excerpts.twoSentenceShare * 100).toFixed(0)}% hold two sentences`,
  ];
  if (r.unanswerable)
    lines.push(`unanswerable     ${r.unanswerable.questions} questions, declined ${r.unanswerable.noAnswerRate.toFixed(3)}`);
  return `${lines.join('\n')}\n`;
}

/** For each threshold: share of answerable questions still answered correctly at 1 and at k, and share of unanswerable ones declined. */
function sweep(outcomes: readonly Outcome[], unanswerable: readonly { confidence: number; set: string }[]): string {
  const sets = [...new Set(unanswerable.map((u) => u.set))];
  const lines = [['threshold', 'answer@1', 'answer@k', 'declined(all)', ...sets.map((s) => `declined(${s})`)].join('  ')];
  const n = Math.max(1, outcomes.length);
  const rate = (xs: readonly { confidence: number }[], t: number) =>
    xs.length ? xs.filter((u) => u.confidence < t).length / xs.length : NaN;
  for (let t = 0.05; t <= 0.601; t += 0.025) {
    const kept = outcomes.filter((o) => o.confidence >= t);
    lines.push(
      [
        t.toFixed(3).padEnd(9),
        (kept.filter((o) => o.answerRank === 1).length / n).toFixed(3).padEnd(8),
        (kept.filter((o) => o.answerRank >= 1).length / n).toFixed(3).padEnd(8),
        rate(unanswerable, t).toFixed(3).padEnd(13),
        ...sets.map((s) =>
          rate(
            unanswerable.filter((u) => u.set === s),
            t,
          )
            .toFixed(3)
            .padEnd(s.length + 10),
        ),
      ].join('  '),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Index of the docs, built by the real ingestion pipeline into a temporary directory and loaded
 * back, so eval measures what the bot would serve. A JSON Lines file (`{id, title, text}`; `id`
 * becomes Article.id) is copied into a temporary articles directory first; a directory is
 * ingested as it is.
 */
async function buildIndex(
  path: string,
  embedder: Embedder | null,
  alsoInto?: (articlesDir: string) => Promise<void>,
): Promise<SearchIndex> {
  const { ingest } = await import('../src/ingest/pipeline.js');
  const { loadSearchIndex } = await import('../src/index/store.js');
  const tmp = await mkdtemp(join(tmpdir(), 'eval-'));
  try {
    let articlesDir = path;
    if (!(await stat(path)).isDirectory()) {
      articlesDir = join(tmp, 'articles');
      await mkdir(articlesDir);
      // The pipeline picks the parser by extension; keep .jsonl whatever the file is called.
      await copyFile(path, join(articlesDir, `${basename(path).replace(/\.(?:jsonl|ndjson)$/i, '')}.jsonl`));
    }
    const indexDir = join(tmp, 'index');
    const summary = await ingest({ articlesDir, indexDir, full: true, embedder });
    for (const w of summary.warnings) process.stderr.write(`ingest: ${w}\n`);
    await alsoInto?.(articlesDir);
    return await loadSearchIndex(indexDir, { modelId: embedder?.modelId ?? null });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * `--embedding`: `none` (default: lexical, as on a machine without a model), `static` (the offline
 * word vectors) or a transformers.js model id / directory. Failing to load one is an error here:
 * a silent fallback would measure the wrong mode.
 */
async function evalEmbedder(spec: string): Promise<Embedder | null> {
  if (spec === 'none') return null;
  const { loadModels } = await import('../src/engine/models.js');
  const config = loadConfig({ ...process.env, EMBEDDING_MODEL: spec });
  const models = await loadModels({ ...config, staticEmbedding: spec === 'static' ? config.staticEmbedding : null }, false, {
    onNote: (m) => process.stderr.write(`${m}\n`),
  });
  if (!models.embedder) throw new Error(models.warnings.join(' '));
  process.stderr.write(`embedding with ${models.embedder.modelId}\n`);
  return models.embedder;
}

/**
 * `--reranker`: a cross-encoder (transformers.js model id or local directory) reranking the
 * excerpt candidates, as RERANKER_MODEL does in the bot. Failing to load it is an error here.
 */
async function evalReranker(spec: string): Promise<Reranker> {
  const { loadReranker } = await import('../src/embed/transformers-reranker.js');
  const config = loadConfig();
  const r = await loadReranker(spec, { cacheDir: config.modelCacheDir, allowRemote: config.allowRemoteModels });
  if (r.kind === 'unavailable') throw new Error(r.reason);
  process.stderr.write(`reranking with ${r.model.modelId}\n`);
  return r.model;
}

/** Query expansion as the engine does it (WordNet and the offline word vectors); `--expansion off` measures without it. */
async function evalLexicon(embedder: Embedder | null): Promise<Lexicon | null> {
  const { loadLexicon } = await import('../src/lexicon/load.js');
  const config = loadConfig();
  // The word vectors as the engine would have them (the eval's lexical mode still expands with them).
  return loadLexicon({ ...config, queryExpansion: true, embeddingModel: config.embeddingModel ?? 'static', embedder }, (m) =>
    process.stderr.write(`${m}\n`),
  );
}

async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function toEvalQuestion(row: Record<string, unknown>, i: number): EvalQuestion {
  return {
    id: String(row.id ?? i),
    question: String(row.question ?? ''),
    answers: Array.isArray(row.answers) ? row.answers.map(String) : [],
    doc_ids: Array.isArray(row.doc_ids) ? row.doc_ids.map(String) : [],
    question_date: typeof row.question_date === 'string' ? row.question_date : undefined,
  };
}

/** Article number of each doc id, from the docs' `article_index` field (XQuAD), for the article-parity split. */
async function articleNumbers(docsPath: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if ((await stat(docsPath)).isDirectory()) return out;
  for (const row of await readJsonl(docsPath)) {
    if (typeof row.article_index === 'number') out.set(String(row.id), row.article_index);
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

runMain(main);
