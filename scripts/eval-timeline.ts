/**
 * `npm run eval:timeline -- --docs DOCS.jsonl --timelines T.jsonl [--query reference|none] [--only ID,…]
 *   [--salience referenced=W,burst=W,reports=W] [--publication-weight W] [--sample SHARE] [--seed N] [--json]`
 *
 * Evaluates timelines on a news-tls style dataset (e.g. Timeline17) the way a user gets them:
 * for each reference timeline the topic's documents (ids starting with the timeline's `topic`)
 * are ingested alone in memory (the ingestion's own article builder: sentences, dates,
 * publication date = doc date) and the timeline is built by `timelineFor`, the engine's and
 * `npm run timeline`'s entry point, from the timeline's `query` (the topic as a user types it),
 * with as many dates as the reference, about as many sentences per date, day-precise dates.
 *
 * Two protocols, both reported:
 * - span (news-tls): `--from/--to` = the reference's first..last date; random days inside that
 *   span already earn the `rand` column;
 * - unrestricted: no date bounds, what a user gets.
 *
 * `--embedder static` gives each topic's index chunk vectors from the offline word vectors, as
 * `npm run ingest` does when no transformers model can be loaded: the timeline then takes the
 * hybrid path of `npm run timeline` and the bot.
 *
 * Month and year events are kept as `npm run timeline` prints them (each scored as its period's
 * first day: `--precision any`, the default); `--precision day` keeps day-precise dates only.
 *
 * `--articles parsed` reads each document as `npm run ingest` reads a JSONL record (paragraphs,
 * boilerplate and page stamps removed, a title from the first sentence) instead of handing its
 * text to the article builder directly: the path a user's own ingested files take.
 *
 * `--sample 0.5` keeps a deterministic share of each topic's documents (drawn by `--seed`): a
 * robustness check that emulates a thinner collection than the one constants were chosen on.
 *
 * `--query none` gives every sentence the same relevance (no topic filter): a reference point for
 * the relevance step. Scores: Date-F1; ROUGE-1/2 F1 date-aligned (AR, date-cost many-to-one) and
 * date-matched (same date only); see src/timeline/tls-metrics.ts. Means are reported over all
 * timelines and over the two halves of {@link HALF_A} (constants are chosen on one half and
 * confirmed on the other).
 */
import { readFileSync } from 'node:fs';
import { runMain } from '../src/cli/run.js';
import { parseCli, usageError } from '../src/cli/args.js';
import { buildArticle } from '../src/ingest/article.js';
import { parseJsonLine } from '../src/ingest/parse.js';
import { inSample } from '../src/eval/sample.js';
import type { Article, TimelineResult } from '../src/core/types.js';
import { buildSearchIndexInMemory, chunkSearchText } from '../src/index/memory.js';
import { HnswVectorIndex } from '../src/index/hnsw-index.js';
import { loadStaticEmbedder, resolveStaticSource, STATIC_PACKAGE } from '../src/embed/static-embedder.js';
import type { Embedder } from '../src/embed/types.js';
import { loadConfig } from '../src/config.js';
import type { SearchIndex } from '../src/index/types.js';
import { daysBetween } from '../src/timeline/calendar.js';
import type { RankedSentence, RelevanceParams } from '../src/timeline/relevance.js';
import type { SalienceWeights } from '../src/timeline/date-salience.js';
import { buildTimeline, timelineFor, type TimelineParams } from '../src/timeline/timeline.js';
import { scoreTimeline, type TimelineScores } from '../src/timeline/tls-metrics.js';

const USAGE =
  'usage: npm run eval:timeline -- --docs DOCS.jsonl --timelines T.jsonl [--query reference|none] [--only TOPIC,…] [--publication-weight W] [--coarse-weight W] [--salience referenced=W,burst=W,reports=W] [--relevance NAME=N,…] [--sample SHARE] [--seed N] [--embedder none|static] [--precision day|any] [--articles direct|parsed] [--collection topic|mixed] [--dump] [--json]';

/**
 * The dev split (Timeline17 dev, by `topic`): half A = H1N1 BBC, H1N1 Reuters, Michael Jackson;
 * half B = H1N1 Guardian, Haiti, financial crisis. Each half holds short (weeks) and long
 * (months, years) timelines and different outlets of the same story. Timelines of other data
 * fall in half B.
 */
const HALF_A: ReadonlySet<string> = new Set(['H1N1_bbc', 'H1N1_reuters', 'MJ_bbc']);

interface Doc {
  readonly id: string;
  readonly date: string;
  readonly text: string;
}
interface RefTimeline {
  readonly topic: string;
  readonly timeline_id: string;
  readonly query?: string;
  readonly entries: readonly { readonly date: string; readonly text: string; readonly sentences: readonly string[] }[];
}

type QueryMode = 'reference' | 'none';
/** How eval documents become articles: see {@link toArticle}. */
type ArticleMode = 'direct' | 'parsed';
type Protocol = 'span' | 'unrestricted';
const PROTOCOLS: readonly Protocol[] = ['span', 'unrestricted'];

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Undoes the PTB bracket/quote escapes; one released line (a sentence) becomes one paragraph. */
function cleanText(text: string): string {
  return text
    .replace(/-LRB-/g, '(')
    .replace(/-RRB-/g, ')')
    .replace(/-LSB-/g, '[')
    .replace(/-RSB-/g, ']')
    .replace(/-LCB-/g, '{')
    .replace(/-RCB-/g, '}')
    .replace(/``|''/g, '"')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n\n');
}

/**
 * One eval document as an article, through the ingestion's own article builder (sentences, dates).
 * `parsed`: first through the record parser `npm run ingest` reads a JSONL line with (paragraphs,
 * boilerplate, page stamps, a title from the first sentence), as a user ingesting these files gets.
 */
function toArticle(d: Doc, articles: ArticleMode): Article {
  const topic = d.id.split('/')[0] ?? d.id;
  if (articles === 'parsed') {
    const r = parseJsonLine(JSON.stringify({ id: d.id, date: d.date, text: cleanText(d.text) }), 1);
    if (r.kind === 'article') return buildArticle(r.article, topic, 1);
  }
  return buildArticle(
    { id: d.id, title: '', source: topic.split('_')[1] ?? null, url: null, published: d.date, text: cleanText(d.text) },
    topic,
    1,
  );
}

/**
 * The topic's in-memory index; with an embedder also its chunk vectors, so the timeline takes the
 * path of a hybrid index in `npm run timeline` and the bot.
 */
async function indexOf(articles: readonly Article[], embedder: Embedder | null): Promise<SearchIndex> {
  if (!embedder) return buildSearchIndexInMemory(articles);
  const plain = buildSearchIndexInMemory(articles);
  const texts = plain.chunks.map((c) => chunkSearchText(plain.articleById.get(c.articleId)!, c));
  const vectors = await embedder.embed(texts);
  return buildSearchIndexInMemory(articles, { chunks: plain.chunks, vectors: HnswVectorIndex.build(embedder.dimension, vectors) });
}

/** Every sentence equally relevant (`--query none`). */
function allSentences(index: SearchIndex): RankedSentence[] {
  const ranked: RankedSentence[] = [];
  for (const a of index.articles) a.sentences.forEach((_, sentence) => ranked.push({ articleId: a.id, sentence, score: 1 }));
  return ranked;
}

interface Run {
  readonly predictedDates: number;
  readonly scores: TimelineScores;
  readonly ms: number;
}
interface Row {
  readonly timeline: string;
  readonly topic: string;
  readonly half: 'A' | 'B';
  readonly query: string;
  readonly articles: number;
  readonly chunks: number;
  readonly referenceDates: number;
  readonly perDate: number;
  /** Expected Date-F1 of as many random days inside the reference span. */
  readonly randomDateF1: number;
  readonly runs: Readonly<Record<Protocol, Run>>;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function averaged(rows: readonly Row[]) {
  const per = (p: Protocol) => {
    const f = (pick: (s: TimelineScores) => number) => mean(rows.map((r) => pick(r.runs[p].scores)));
    return {
      dateF1: f((s) => s.dateF1.f1),
      ar1: f((s) => s.align.rouge1.f1),
      ar2: f((s) => s.align.rouge2.f1),
      matched1: f((s) => s.agreement.rouge1.f1),
      matched2: f((s) => s.agreement.rouge2.f1),
    };
  };
  return {
    timelines: rows.length,
    randomDateF1: mean(rows.map((r) => r.randomDateF1)),
    span: per('span'),
    unrestricted: per('unrestricted'),
  };
}

const RELEVANCE_KEYS = [
  'chunks',
  'contextShare',
  'minChunkShare',
  'feedbackArticles',
  'expansionTerms',
  'expansionWeight',
  'saturation',
] as const;

/** `feedbackArticles=10,saturation=0.5` → relevance parameters (ablations); null when malformed. */
function parseRelevance(spec: string): RelevanceParams | null {
  const out: Record<string, number> = {};
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=');
    const w = Number(value);
    if (!name || !(RELEVANCE_KEYS as readonly string[]).includes(name) || value === undefined || value.trim() === '' || !Number.isFinite(w))
      return null;
    out[name] = w;
  }
  return out;
}

/** `referenced=1,burst=0.5` → weights; null when malformed. */
function parseSalience(spec: string): Partial<SalienceWeights> | null {
  const out: Record<string, number> = {};
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=');
    const w = Number(value);
    if (
      !name ||
      !['referenced', 'burst', 'reports', 'mentioned'].includes(name) ||
      value === undefined ||
      value.trim() === '' ||
      !Number.isFinite(w)
    )
      return null;
    out[name] = w;
  }
  return out;
}

async function main(): Promise<number> {
  const cli = parseCli(
    process.argv.slice(2),
    {
      docs: { type: 'string' },
      timelines: { type: 'string' },
      query: { type: 'string', default: 'reference' },
      only: { type: 'string' },
      'publication-weight': { type: 'string' },
      'coarse-weight': { type: 'string' },
      lead: { type: 'string' },
      salience: { type: 'string' },
      relevance: { type: 'string' },
      sample: { type: 'string' },
      embedder: { type: 'string', default: 'none' },
      precision: { type: 'string', default: 'any' },
      articles: { type: 'string', default: 'direct' },
      collection: { type: 'string', default: 'topic' },
      seed: { type: 'string', default: '1' },
      dump: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  const values = cli.values;
  const mode = values.query as QueryMode;
  if (!values.docs || !values.timelines) return usageError('--docs and --timelines are required', USAGE).code;
  if (!['reference', 'none'].includes(mode)) return usageError('--query takes reference|none', USAGE).code;
  const coarseWeight = values['coarse-weight'] === undefined ? undefined : Number(values['coarse-weight']);
  if (coarseWeight !== undefined && !(coarseWeight >= 0)) return usageError('--coarse-weight takes a number ≥ 0', USAGE).code;
  const publicationWeight = values['publication-weight'] === undefined ? undefined : Number(values['publication-weight']);
  if (publicationWeight !== undefined && !Number.isFinite(publicationWeight))
    return usageError('--publication-weight takes a number', USAGE).code;
  const salience = values.salience === undefined ? undefined : parseSalience(values.salience);
  if (salience === null) return usageError('--salience takes NAME=W[,NAME=W…] with NAME one of referenced, burst, reports', USAGE).code;
  const relevance = values.relevance === undefined ? {} : parseRelevance(values.relevance);
  if (relevance === null) return usageError(`--relevance takes NAME=N[,NAME=N…] with NAME one of ${RELEVANCE_KEYS.join(', ')}`, USAGE).code;
  const only = values.only === undefined ? null : new Set(values.only.split(',').map((s) => s.trim()));
  const sample = values.sample === undefined ? 1 : Number(values.sample);
  if (!(sample > 0 && sample <= 1)) return usageError('--sample takes a share in (0, 1]', USAGE).code;
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) return usageError('--seed takes an integer', USAGE).code;
  if (!['none', 'static'].includes(values.embedder)) return usageError('--embedder takes none|static', USAGE).code;
  if (!['day', 'any'].includes(values.precision)) return usageError('--precision takes day|any', USAGE).code;
  if (!['direct', 'parsed'].includes(values.articles)) return usageError('--articles takes direct|parsed', USAGE).code;
  if (!['topic', 'mixed'].includes(values.collection)) return usageError('--collection takes topic|mixed', USAGE).code;
  const mixed = values.collection === 'mixed';
  let embedder: Embedder | null = null;
  if (values.embedder === 'static') {
    const source = resolveStaticSource(STATIC_PACKAGE);
    const loaded = source ? await loadStaticEmbedder(source, { cacheDir: loadConfig().modelCacheDir }) : null;
    if (!loaded || loaded.kind !== 'loaded') {
      process.stderr.write(`error: ${loaded?.reason ?? `offline word vectors: package ${STATIC_PACKAGE} is not installed`}\n`);
      return 1;
    }
    embedder = loaded.model;
  }

  const t0 = performance.now();
  const docs = readJsonl<Doc>(values.docs);
  const refs = readJsonl<RefTimeline>(values.timelines).filter((r) => only === null || only.has(r.topic));
  const byTopic = new Map<string, Article[]>();
  for (const d of docs) {
    if (!inSample(d.id, sample, seed)) continue;
    const topic = d.id.split('/')[0]!;
    if (!mixed && !refs.some((r) => topic.startsWith(r.topic))) continue;
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(toArticle(d, values.articles as ArticleMode));
  }
  const ingestMs = performance.now() - t0;
  const indexes = new Map<string, SearchIndex>();

  const rows: Row[] = [];
  for (const ref of refs) {
    // `mixed`: one index of every topic's articles, as the bot's own collection holds many stories.
    const articles = [...byTopic.entries()].filter(([t]) => mixed || t.startsWith(ref.topic)).flatMap(([, a]) => a);
    const key = mixed ? '' : ref.topic;
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = await indexOf(articles, embedder)));
    const dates = ref.entries.map((e) => e.date).sort();
    const perDate = Math.max(1, Math.round(mean(ref.entries.map((e) => e.sentences.length))));
    const query = ref.query ?? ref.topic;
    const reference = new Map(ref.entries.map((e) => [e.date, e.text] as const));
    const runs = {} as Record<Protocol, Run>;
    for (const protocol of PROTOCOLS) {
      const params: TimelineParams = {
        maxDates: ref.entries.length,
        perDate,
        dayOnly: values.precision === 'day',
        ...(protocol === 'span' && { from: dates[0]!, to: dates[dates.length - 1]! }),
        ...(publicationWeight !== undefined && { publicationWeight }),
        ...(coarseWeight !== undefined && { coarseWeight }),
        ...(salience !== undefined && { salience }),
        ...(values.lead !== undefined && { publicationLead: Number(values.lead) }),
      };
      const t1 = performance.now();
      const result: TimelineResult =
        mode === 'none'
          ? buildTimeline(index, query, allSentences(index), params)
          : await timelineFor({ index, embedder }, query, params, relevance);
      const ms = performance.now() - t1;
      const predicted = new Map<string, string>();
      if (result.kind === 'timeline') {
        for (const e of result.events) predicted.set(e.date, predicted.has(e.date) ? `${predicted.get(e.date)} ${e.quote}` : e.quote);
      }
      if (values.dump && result.kind === 'timeline') {
        for (const d of [...new Set([...predicted.keys(), ...reference.keys()])].sort())
          process.stderr.write(
            `${protocol} ${ref.topic} ${d} ${predicted.has(d) ? 'P' : '-'}${reference.has(d) ? 'R' : '-'} ${(predicted.get(d) ?? '').slice(0, 150)}\n`,
          );
      }
      runs[protocol] = { predictedDates: predicted.size, scores: scoreTimeline(predicted, reference), ms: Math.round(ms) };
    }
    rows.push({
      timeline: ref.timeline_id,
      topic: ref.topic,
      half: HALF_A.has(ref.topic) ? 'A' : 'B',
      query,
      articles: articles.length,
      chunks: index.chunks.length,
      referenceDates: reference.size,
      perDate,
      randomDateF1: Math.min(1, reference.size / (daysBetween(dates[0]!, dates[dates.length - 1]!) + 1)),
      runs,
    });
  }
  const summary = {
    all: averaged(rows),
    halfA: averaged(rows.filter((r) => r.half === 'A')),
    halfB: averaged(rows.filter((r) => r.half === 'B')),
  };

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ query: mode, sample, seed, ingestMs: Math.round(ingestMs), timelines: rows, average: summary })}\n`,
    );
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  const out: string[] = [];
  out.push(
    `query: ${mode === 'none' ? 'none (every sentence equally relevant)' : "each timeline's query"}; ${sample < 1 ? `sample ${sample} of each topic's docs (seed ${seed}); ` : ''}ingested ${docs.length} docs in ${Math.round(ingestMs)} ms`,
    '',
  );
  out.push(
    `${'timeline'.padEnd(22)} half ${'query'.padEnd(18)} docs dates  k |  rand | span: DF1   AR1   AR2  dm-R1 |  unrestricted: DF1   AR1  dm-R1 |   ms`,
  );
  for (const r of rows) {
    const s = r.runs.span;
    const u = r.runs.unrestricted;
    out.push(
      `${r.topic.padEnd(22)}   ${r.half}  ${r.query.slice(0, 18).padEnd(18)} ${String(r.articles).padStart(4)} ${String(s.predictedDates).padStart(2)}/${String(r.referenceDates).padEnd(2)} ${String(r.perDate).padStart(2)} | ${f(r.randomDateF1)} | ` +
        `${f(s.scores.dateF1.f1)} ${f(s.scores.align.rouge1.f1)} ${f(s.scores.align.rouge2.f1)} ${f(s.scores.agreement.rouge1.f1)} | ` +
        `${f(u.scores.dateF1.f1)} ${f(u.scores.align.rouge1.f1)} ${f(u.scores.agreement.rouge1.f1)} | ${String(Math.max(s.ms, u.ms)).padStart(4)}`,
    );
  }
  out.push('');
  for (const [name, a] of [
    ['mean, half A', summary.halfA],
    ['mean, half B', summary.halfB],
    ['mean, all', summary.all],
  ] as const) {
    out.push(
      `${name.padEnd(22)} (${a.timelines})${' '.repeat(34)}| ${f(a.randomDateF1)} | ${f(a.span.dateF1)} ${f(a.span.ar1)} ${f(a.span.ar2)} ${f(a.span.matched1)} | ${f(a.unrestricted.dateF1)} ${f(a.unrestricted.ar1)} ${f(a.unrestricted.matched1)} |`,
    );
  }
  out.push(
    '',
    'span = news-tls protocol (dates kept inside the reference first..last date); rand = expected Date-F1 of as many random days in that span.',
    'AR = date-aligned ROUGE F1 (date-cost alignment, many-to-one, weight 1/(|Δdays|+1)); dm-R1 = date-matched ROUGE-1 F1 (same date only).',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

runMain(main);
