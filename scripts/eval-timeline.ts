/**
 * `npm run eval:timeline -- --docs DOCS.jsonl --timelines T.jsonl [--query keywords|topic|none] [--range reference|none]
 *   [--salience referenced=W,burst=W,reports=W] [--publication-weight W] [--json]`
 *
 * Evaluates timeline building on a news-tls style dataset (e.g. Timeline17). For each reference
 * timeline, the topic's documents (ids starting with the timeline's `topic`) are ingested in
 * memory (sentence spans + extractDates, publication date = doc date) and a timeline is built
 * with as many dates as the reference, about as many sentences per date, day-precise dates only,
 * and, as in news-tls, restricted to the reference's first..last date (`--range none` lifts the
 * restriction, which alone earns a random system the `rand-DF1` column).
 *
 * `--salience` overrides the weights of the date-salience signals (see dateSalience in
 * src/timeline/eventness.ts) for ablations; `reports=1` with the others 0 ranks dates by their
 * own sentences only, as the engine did before.
 *
 * The data has no query, so `--query` picks the relevance signal:
 *   keywords (default): a short keyword query per topic group (KEYWORDS below; falls back to the group name);
 *   topic:              the topic group name alone ("H1N1", "haiti");
 *   none:               every sentence equally relevant: dates ranked purely by how many articles talk about them.
 *
 * Reports Date-F1 and ROUGE-1/2 F1 in the concat, agreement (same date) and align (date-cost,
 * many-to-one) variants, per timeline and macro-averaged; see src/timeline/tls-metrics.ts.
 */
import { readFileSync } from 'node:fs';
import { runMain } from '../src/cli/run.js';
import { parseCli, usageError } from '../src/cli/args.js';
import { buildArticle } from '../src/ingest/article.js';
import type { Article } from '../src/core/types.js';
import { buildSearchIndexInMemory } from '../src/index/memory.js';
import type { SearchIndex } from '../src/index/types.js';
import { daysBetween } from '../src/timeline/calendar.js';
import { rankSentencesLexically, type RankedSentence } from '../src/timeline/relevance.js';
import type { SalienceWeights } from '../src/timeline/date-salience.js';
import { buildTimeline, type TimelineParams } from '../src/timeline/timeline.js';
import { scoreTimeline, type Prf, type TimelineScores } from '../src/timeline/tls-metrics.js';

const USAGE =
  'usage: npm run eval:timeline -- --docs DOCS.jsonl --timelines T.jsonl [--query keywords|topic|none] [--publication-weight W] [--salience referenced=W,burst=W,reports=W] [--range reference|none] [--json]';

/** Query per topic group when the data gives none (lower-cased group name → keywords). */
const KEYWORDS: Readonly<Record<string, string>> = {
  h1n1: 'H1N1 swine flu influenza',
  haiti: 'Haiti earthquake',
};

interface Doc {
  readonly id: string;
  readonly date: string;
  readonly text: string;
}
interface RefTimeline {
  readonly topic: string;
  readonly topic_group: string;
  readonly timeline_id: string;
  readonly entries: readonly { readonly date: string; readonly text: string; readonly sentences: readonly string[] }[];
}

type QueryMode = 'keywords' | 'topic' | 'none';

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

/** One eval document as an article, through the ingestion's own article builder (sentences, dates). */
function toArticle(d: Doc): Article {
  const topic = d.id.split('/')[0] ?? d.id;
  return buildArticle(
    { id: d.id, title: '', source: topic.split('_')[1] ?? null, url: null, published: d.date, text: cleanText(d.text) },
    topic,
    1,
  );
}

function relevanceFor(index: SearchIndex, group: string, mode: QueryMode): { query: string; ranked: RankedSentence[] } {
  switch (mode) {
    case 'none': {
      const ranked: RankedSentence[] = [];
      for (const a of index.articles) a.sentences.forEach((_, sentence) => ranked.push({ articleId: a.id, sentence, score: 1 }));
      return { query: group, ranked };
    }
    case 'topic':
      return { query: group, ranked: rankSentencesLexically(index, group, { chunks: 100_000, minChunkShare: 0 }) };
    case 'keywords': {
      const query = KEYWORDS[group.toLowerCase()] ?? group;
      return { query, ranked: rankSentencesLexically(index, query, { chunks: 100_000, minChunkShare: 0 }) };
    }
  }
}

interface Row {
  readonly timeline: string;
  readonly query: string;
  readonly articles: number;
  readonly referenceDates: number;
  readonly predictedDates: number;
  readonly perDate: number;
  readonly scores: TimelineScores;
  /** Expected Date-F1 of picking the same number of days at random in the reference span. */
  readonly randomDateF1: number;
  readonly ms: number;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function averaged(rows: readonly Row[]) {
  const f = (pick: (s: TimelineScores) => Prf) => mean(rows.map((r) => pick(r.scores).f1));
  return {
    dateF1: f((s) => s.dateF1),
    randomDateF1: mean(rows.map((r) => r.randomDateF1)),
    concat: { rouge1: f((s) => s.concat.rouge1), rouge2: f((s) => s.concat.rouge2) },
    agreement: { rouge1: f((s) => s.agreement.rouge1), rouge2: f((s) => s.agreement.rouge2) },
    align: { rouge1: f((s) => s.align.rouge1), rouge2: f((s) => s.align.rouge2) },
  };
}

/** `referenced=1,burst=0.5` → weights; null when malformed. */
function parseSalience(spec: string): Partial<SalienceWeights> | null {
  const out: Record<string, number> = {};
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=');
    const w = Number(value);
    if (!name || !['referenced', 'burst', 'reports'].includes(name) || value === undefined || value.trim() === '' || !Number.isFinite(w))
      return null;
    out[name] = w;
  }
  return out;
}

function main(): number {
  const cli = parseCli(
    process.argv.slice(2),
    {
      docs: { type: 'string' },
      timelines: { type: 'string' },
      query: { type: 'string', default: 'keywords' },
      'publication-weight': { type: 'string' },
      salience: { type: 'string' },
      range: { type: 'string', default: 'reference' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  const values = cli.values;
  const mode = values.query as QueryMode;
  const useRange = values.range === 'reference';
  if (!values.docs || !values.timelines) return usageError('--docs and --timelines are required', USAGE).code;
  if (!['keywords', 'topic', 'none'].includes(mode) || !['reference', 'none'].includes(values.range)) {
    return usageError('--query takes keywords|topic|none and --range reference|none', USAGE).code;
  }
  const publicationWeight = values['publication-weight'] === undefined ? undefined : Number(values['publication-weight']);
  const salience = values.salience === undefined ? undefined : parseSalience(values.salience);
  if (salience === null) return usageError('--salience takes NAME=W[,NAME=W…] with NAME one of referenced, burst, reports', USAGE).code;

  const t0 = performance.now();
  const docs = readJsonl<Doc>(values.docs);
  const refs = readJsonl<RefTimeline>(values.timelines);
  const byTopic = new Map<string, Article[]>();
  for (const d of docs) {
    const topic = d.id.split('/')[0]!;
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(toArticle(d));
  }
  const ingestMs = performance.now() - t0;
  const indexes = new Map<string, SearchIndex>();

  const rows: Row[] = [];
  for (const ref of refs) {
    const articles = [...byTopic.entries()].filter(([t]) => t.startsWith(ref.topic)).flatMap(([, a]) => a);
    let index = indexes.get(ref.topic);
    if (!index) indexes.set(ref.topic, (index = buildSearchIndexInMemory(articles)));
    const dates = ref.entries.map((e) => e.date).sort();
    const perDate = Math.max(1, Math.round(mean(ref.entries.map((e) => e.sentences.length))));
    const params: TimelineParams = {
      maxDates: ref.entries.length,
      perDate,
      dayOnly: true,
      ...(useRange && { from: dates[0]!, to: dates[dates.length - 1]! }),
      ...(publicationWeight !== undefined && { publicationWeight }),
      ...(salience !== undefined && { salience }),
    };
    const t1 = performance.now();
    const { query, ranked } = relevanceFor(index, ref.topic_group, mode);
    const result = buildTimeline(index, query, ranked, params);
    const ms = performance.now() - t1;
    const predicted = new Map<string, string>();
    if (result.kind === 'timeline') {
      for (const e of result.events) predicted.set(e.date, predicted.has(e.date) ? `${predicted.get(e.date)} ${e.quote}` : e.quote);
    }
    const reference = new Map(ref.entries.map((e) => [e.date, e.text] as const));
    rows.push({
      timeline: ref.timeline_id,
      query,
      articles: articles.length,
      referenceDates: reference.size,
      predictedDates: predicted.size,
      perDate,
      scores: scoreTimeline(predicted, reference),
      randomDateF1: useRange ? Math.min(1, reference.size / (daysBetween(dates[0]!, dates[dates.length - 1]!) + 1)) : 0,
      ms: Math.round(ms),
    });
  }
  const avg = averaged(rows);

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ query: mode, range: values.range, ingestMs: Math.round(ingestMs), timelines: rows, average: avg })}\n`,
    );
    return 0;
  }
  const pct = (x: number) => x.toFixed(3);
  process.stdout.write(
    `query mode: ${mode}; dates restricted to the reference span: ${useRange ? 'yes' : 'no'}; ingested ${docs.length} docs in ${Math.round(ingestMs)} ms\n\n`,
  );
  process.stdout.write(
    'timeline                                          docs dates  k  rand-DF1 Date-F1  AR1-F1  AR2-F1 | agr R1  agr R2 | cat R1  cat R2    ms\n',
  );
  for (const r of rows) {
    const s = r.scores;
    process.stdout.write(
      `${r.timeline.padEnd(48)} ${String(r.articles).padStart(5)} ${String(r.predictedDates).padStart(2)}/${String(r.referenceDates).padEnd(2)} ${String(r.perDate).padStart(2)}  ` +
        `${pct(r.randomDateF1)}    ${pct(s.dateF1.f1)}   ${pct(s.align.rouge1.f1)}   ${pct(s.align.rouge2.f1)} | ${pct(s.agreement.rouge1.f1)}   ${pct(s.agreement.rouge2.f1)} | ${pct(s.concat.rouge1.f1)}   ${pct(s.concat.rouge2.f1)} ${String(r.ms).padStart(5)}\n`,
    );
  }
  process.stdout.write(
    `${'average'.padEnd(48)} ${''.padStart(5)} ${''.padStart(5)} ${''.padStart(2)}  ` +
      `${pct(avg.randomDateF1)}    ${pct(avg.dateF1)}   ${pct(avg.align.rouge1)}   ${pct(avg.align.rouge2)} | ${pct(avg.agreement.rouge1)}   ${pct(avg.agreement.rouge2)} | ${pct(avg.concat.rouge1)}   ${pct(avg.concat.rouge2)}\n`,
  );
  process.stdout.write(
    '\nAR = date-aligned ROUGE (date-cost alignment, many-to-one, weight 1/(|Δdays|+1)); agr = same-date only; cat = concatenated text.\nrand-DF1 = expected Date-F1 of as many random days inside the reference span (the span restriction alone earns this).\n',
  );
  return 0;
}

runMain(main);
