/**
 * Timeline of a topic: relevant sentences placed on the date they talk about, the dates the
 * collection treats most as event days (later stories refer back to them, coverage jumps on
 * them: see dateSalience), a few quoted events per date, the most typical report of the day
 * first, near-duplicate reports collapsed. Every quote is a whole sentence, verbatim from its article.
 */
import { terms } from '../core/text.js';
import { citationOf } from '../core/types.js';
import type { Article, Citation, DateMention, DatePrecision, TimelineEvent, TimelineResult } from '../core/types.js';
import type { SearchIndex } from '../index/types.js';
import { addDays } from './calendar.js';
import { SALIENCE_WEIGHTS, dateSalience, type DateEvidence, type SalienceWeights, type Story } from './date-salience.js';
import { eventness } from './eventness.js';
import { withFigureEvents } from './figure-events.js';
import { centrality, sentenceTerms } from './sentence-terms.js';
import { denseWeight, retrieve } from '../answer/retrieve.js';
import type { Embedder } from '../embed/types.js';
import {
  DEFAULT_CHUNKS,
  articleRelevance,
  lexicalHits,
  rankSentencesOfChunks,
  type RankedSentence,
  type RelevanceParams,
} from './relevance.js';

export type { RankedSentence } from './relevance.js';

export interface TimelineParams {
  /** Inclusive bounds `YYYY-MM-DD`; a month or year event is kept when its period overlaps them. */
  readonly from?: string;
  readonly to?: string;
  /** Dates kept (default 8): the ones the collection says most about. */
  readonly maxDates?: number;
  /** Events shown per date (default 2). */
  readonly perDate?: number;
  /** Keep only day-precise dates (evaluation against day-level reference timelines). */
  readonly dayOnly?: boolean;
  /**
   * Weight of a sentence that names no date and is placed on its article's publication date
   * (default 0.5): it may report that day's news, or background.
   */
  readonly publicationWeight?: number;
  /** Weights of the date-salience signals (defaults {@link SALIENCE_WEIGHTS}); for ablations. */
  readonly salience?: Partial<SalienceWeights>;
  /**
   * A sentence naming no date is placed on its article's publication day only when it is among
   * the article's first this many sentences (default {@link PUBLICATION_LEAD}).
   */
  readonly publicationLead?: number;
  /** Factor on the salience of a month or year (default {@link COARSE_WEIGHT}). */
  readonly coarseWeight?: number;
}

/**
 * A month or year competes with days at a quarter of its salience, once days alone can fill the
 * timeline: it stands for many events, so it takes a slot only when the collection treats it as
 * far more an event than the days it holds, or when few days can be dated ("relations were
 * severed in 2009" in a small collection). Timeline17 dev, Date-F1 unrestricted with month and
 * year events as `npm run timeline` prints them (`eval:timeline`), salience scaled over days
 * (date-salience.ts): 1 → half A 0.534, B 0.608; 0.5 → A 0.644, B 0.646; 0.25 → A 0.666,
 * B 0.656; 0 ties 0.25. Span Date-F1 is A 0.758, B 0.827 for all. Before both changes: span
 * A 0.731, B 0.822; unrestricted A 0.594, B 0.618.
 */
export const COARSE_WEIGHT = 0.25;

/**
 * News leads with the news: the first sentences of an article report the day's events, the rest
 * is background, quotes and history (DATEWISE's sentence collector, Gholipour Ghalandari & Ifrim
 * 2020, likewise reads only each article's first sentences for its publication day). Timeline17
 * dev, Date-F1 span / unrestricted: 5 → half A 0.758 / 0.666, half B 0.827 / 0.656; every
 * sentence (before) → A 0.749 / 0.657, B 0.822 / 0.656; 3 and 10 score as 5.
 */
export const PUBLICATION_LEAD = 5;

const DEFAULTS = { maxDates: 8, perDate: 2, publicationWeight: 0.5 } as const;

/** Fewer words than this besides the date itself is a dateline or caption, not an event. */
const MIN_EVENT_WORDS = 5;

/** Only this many best candidates of a date are clustered: enough to find duplicates worth citing. */
const CLUSTER_POOL = 150;

/**
 * Two sentences on the same date report the same event when their term sets overlap this much
 * (Jaccard), or when this share of the shorter one's terms is in the longer one: outlets
 * reword and extend the same wire sentence ("Israel waged the war on Gaza on October 7 after…").
 */
const DUPLICATE_JACCARD = 0.45;
const DUPLICATE_CONTAINMENT = 0.65;
/** Lower bar when the index already knows the two articles are near-duplicates. */
const DUPLICATE_ARTICLE_JACCARD = 0.3;

/** One sentence placed on a date. */
interface Candidate {
  readonly article: Article;
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly date: string;
  readonly precision: DatePrecision;
  readonly approximate: boolean;
  readonly fromPublication: boolean;
  /** Placed on an undated article's lower bound: the event is on or after `date`. */
  readonly bound?: boolean;
  readonly score: number;
}

/**
 * Builds the timeline of `topic` from sentences already ranked by relevance (see
 * {@link rankSentencesLexically}, or the answer engine's retrieval). Returns `noEvents` with
 * `emptyTopic`, `noMatch` (nothing relevant) or `noDates` (relevant sentences, none datable).
 */
export function buildTimeline(
  index: SearchIndex,
  topic: string,
  relevant: readonly RankedSentence[],
  params: TimelineParams = {},
  articles?: ReadonlyMap<string, number>,
): TimelineResult {
  const cleanTopic = topic.trim();
  if (cleanTopic === '' || terms(cleanTopic).length === 0) return { kind: 'noEvents', topic: cleanTopic, reason: 'emptyTopic' };
  if (relevant.length === 0) return { kind: 'noEvents', topic: cleanTopic, reason: 'noMatch' };

  const candidates = collectCandidates(index, relevant, params);
  if (candidates.length === 0) return { kind: 'noEvents', topic: cleanTopic, reason: 'noDates' };

  const byDate = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.date}|${c.precision}${c.bound ? '|after' : ''}`;
    let list = byDate.get(key);
    if (!list) byDate.set(key, (list = []));
    list.push(c);
  }
  const maxDates = Math.max(1, params.maxDates ?? DEFAULTS.maxDates);
  const perDate = Math.max(1, params.perDate ?? DEFAULTS.perDate);
  const groups = [...byDate.values()];
  const coarseWeight = groups.filter((l) => l[0]!.precision === 'day').length > maxDates ? (params.coarseWeight ?? COARSE_WEIGHT) : 1;
  const stories = storiesOf(index, relevant, articles);
  const salience = dateSalience(
    groups.map((list) => evidenceOf(index, stories, list)),
    [...stories.values()],
    { ...SALIENCE_WEIGHTS, ...params.salience },
  );
  const ranked = groups
    .map((list, i) => ({ list, weight: salience[i]! * (list[0]!.precision === 'day' ? 1 : coarseWeight) }))
    .sort((a, b) => b.weight - a.weight || a.list[0]!.date.localeCompare(b.list[0]!.date));
  const chosen = withoutCoveredPeriods(ranked, maxDates);

  const events: TimelineEvent[] = [];
  for (const { list } of chosen) events.push(...pickEvents(index, list, perDate));
  events.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision] ||
      Number(a.bound === true) - Number(b.bound === true) ||
      b.score - a.score,
  );
  return { kind: 'timeline', topic: cleanTopic, events };
}

/**
 * The `maxDates` best dates, best first, where a month or year is left out once a chosen, more
 * specific date lies inside it: "October 2008" says less than the October days already on the
 * timeline, while a year nothing finer covers ("relations were severed in 2009") stays. A day
 * chosen after its month replaces the month.
 */
function withoutCoveredPeriods<T extends { readonly list: readonly Candidate[] }>(ranked: readonly T[], maxDates: number): T[] {
  const chosen: T[] = [];
  const inside = (outer: Candidate, inner: Candidate) =>
    SPECIFICITY[inner.precision] > SPECIFICITY[outer.precision] &&
    inner.date >= outer.date &&
    inner.date <= periodEnd(outer.date, outer.precision);
  for (const g of ranked) {
    if (chosen.length >= maxDates) break;
    const c = g.list[0]!;
    if (c.precision !== 'day' && chosen.some((k) => inside(c, k.list[0]!))) continue;
    const covering = chosen.findIndex((k) => inside(k.list[0]!, c));
    if (covering >= 0) chosen.splice(covering, 1);
    chosen.push(g);
  }
  return chosen;
}

/** What {@link timelineFor} needs; the engine's answer dependencies satisfy it. */
export interface TimelineDeps {
  readonly index: SearchIndex;
  readonly embedder?: Embedder | null;
}

/**
 * The engine's entry point: {@link buildTimeline} over the sentences of the chunks that the
 * answer engine's retrieval finds for `topic` (hybrid when the index has vectors and a model is
 * loaded). Lexical matching still decides whether the collection knows the topic at all:
 * dense search always returns neighbours, even for a topic no article mentions.
 */
export async function timelineFor(
  deps: TimelineDeps,
  topic: string,
  params: TimelineParams = {},
  relevance: RelevanceParams = {},
): Promise<TimelineResult> {
  let result = await rankedTimeline(deps, topic, params, relevance);
  // The best-matching passages may all be undated; widen to every matching passage before giving up.
  if (result.kind === 'noEvents' && result.reason === 'noDates' && relevance.minChunkShare !== 0) {
    result = await rankedTimeline(deps, topic, params, { ...relevance, minChunkShare: 0 });
  }
  // A topic about a changing figure also gets every figure it can place in time (figure-events.ts).
  return withFigureEvents(deps.index, topic, result, params);
}

async function rankedTimeline(
  deps: TimelineDeps,
  topic: string,
  params: TimelineParams,
  relevance: RelevanceParams,
): Promise<TimelineResult> {
  // Only sentences that can be placed on a date are worth scoring (see collectCandidates).
  const lead = params.publicationLead ?? PUBLICATION_LEAD;
  const datable = (article: Article, sentence: number) =>
    (sentence < lead && (article.published !== null || article.publishedAfter != null)) || mentionsBySentence(article).has(sentence);
  const { weights, hits } = lexicalHits(deps.index, topic, relevance);
  if (hits.length === 0 || !deps.embedder || !deps.index.vectors || !denseHasSay(deps.embedder)) {
    const sentences = rankSentencesOfChunks(deps.index, topic, hits, relevance, weights, datable);
    return buildTimeline(deps.index, topic, sentences, params, articleRelevance(deps.index, hits, relevance));
  }
  // A sentence model reorders the same expanded query's passages, over the same budget.
  const ranked = await retrieve({ index: deps.index, embedder: deps.embedder }, topic, relevance.chunks ?? DEFAULT_CHUNKS, weights);
  const fused = ranked.map((r) => ({ id: r.chunkId, score: r.score }));
  const hybrid = rankSentencesOfChunks(deps.index, topic, fused, relevance, weights, datable);
  return buildTimeline(deps.index, topic, hybrid, params, articleRelevance(deps.index, fused, relevance));
}

/**
 * Does the embedder's dense list change the order of passages? Not for the offline word vectors
 * (`FUSION.staticDense` = 0 in retrieve.ts): their hits only fill in below every lexical hit, and
 * such fill-ins fall under the timeline's chunk floor, so the lexical path gives the same
 * timeline without a dense search. Before, a hybrid index (what `npm run ingest` builds offline)
 * took a separate path: the literal topic's BM25 and 300 passages, no feedback terms — Timeline17
 * dev Date-F1 span / unrestricted half A 0.683 / 0.490, B 0.738 / 0.608 against the lexical
 * path's A 0.758 / 0.666, B 0.827 / 0.656 (`eval:timeline --embedder static`).
 */
function denseHasSay(embedder: Embedder): boolean {
  return denseWeight(embedder) > 0;
}

/** Year before month before day: a coarser period starting on the same day comes first. */
const PRECISION_ORDER: Readonly<Record<DatePrecision, number>> = { year: 0, month: 1, day: 2 };
const SPECIFICITY: Readonly<Record<DatePrecision, number>> = { year: 0, month: 1, day: 2 };

function collectCandidates(index: SearchIndex, relevant: readonly RankedSentence[], params: TimelineParams): Candidate[] {
  const publicationWeight = params.publicationWeight ?? DEFAULTS.publicationWeight;
  const lead = params.publicationLead ?? PUBLICATION_LEAD;
  const seen = new Map<Article, Set<number>>();
  const out: Candidate[] = [];
  for (const r of relevant) {
    const article = index.articleById.get(r.articleId);
    const span = article?.sentences[r.sentence];
    if (!article || !span || r.score <= 0) continue;
    const mention = mainMention(mentionsBySentence(article).get(r.sentence));
    // Cheap tests first: most sentences of a long collection fall out here. An undated article's
    // sentence goes on its lower bound, marked as such ("after 31 Oct 2023").
    const bound = article.published === null ? (article.publishedAfter ?? null) : null;
    if (!mention && ((article.published === null && bound === null) || r.sentence >= lead)) continue;
    const placed: Pick<Candidate, 'date' | 'precision' | 'approximate' | 'fromPublication' | 'bound'> = mention
      ? { date: mention.date, precision: mention.precision, approximate: mention.approximate, fromPublication: false }
      : article.published !== null
        ? { date: article.published, precision: 'day', approximate: false, fromPublication: true }
        : { date: bound!.after, precision: 'day', approximate: bound!.approximate, fromPublication: true, bound: true };
    if (params.dayOnly && placed.precision !== 'day') continue;
    if (!inRange(placed.date, placed.precision, params.from, params.to)) continue;
    let own = seen.get(article);
    if (!own) seen.set(article, (own = new Set()));
    if (own.has(r.sentence)) continue;
    own.add(r.sentence);
    const factor = sentenceFactor(article, r.sentence, mention);
    if (factor === 0) continue;
    out.push({
      article,
      sentence: r.sentence,
      start: span.start,
      end: span.end,
      ...placed,
      score: r.score * factor * (mention ? 1 : publicationWeight),
    });
  }
  return out;
}

const factorCache = new WeakMap<Article, Float32Array>();

/**
 * A sentence's {@link eventness} about its main date mention (or its publication day when it
 * names none), 0 when it has too few words besides the date to be an event; computed once per
 * loaded article and sentence (the mention a sentence is placed on is fixed).
 */
function sentenceFactor(article: Article, i: number, mention: DateMention | undefined): number {
  let f = factorCache.get(article);
  if (!f) factorCache.set(article, (f = new Float32Array(article.sentences.length).fill(-1)));
  if (f[i]! < 0) {
    const span = article.sentences[i]!;
    const text = article.text.slice(span.start, span.end);
    const words = wordCount(text) - (mention ? wordCount(mention.text) : 0);
    f[i] =
      words < MIN_EVENT_WORDS
        ? 0
        : mention
          ? eventness(text, mention.start - span.start, mention.end - span.start)
          : eventness(text, null, null);
  }
  return f[i]!;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Words in a sentence, roughly: runs of letters or digits (the count of `/[\p{L}\p{N}]+/gu`
 * matches, without building the match array: this ran for every datable sentence a timeline
 * reads and was a sixth of `timeline`'s CPU at 100k chunks).
 */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let word: boolean;
    if (c < 0x80) word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    else {
      const cp = s.codePointAt(i)!;
      word = WORD_CHAR.test(String.fromCodePoint(cp));
      if (cp > 0xffff) i++; // the low surrogate belongs to the same character
    }
    if (word && !inWord) n++;
    inWord = word;
  }
  return n;
}

const mentionCache = new WeakMap<Article, Map<number, DateMention[]>>();

function mentionsBySentence(article: Article): Map<number, DateMention[]> {
  let m = mentionCache.get(article);
  if (!m) {
    m = new Map();
    for (const d of article.dates) {
      let list = m.get(d.sentence);
      if (!list) m.set(d.sentence, (list = []));
      list.push(d);
    }
    mentionCache.set(article, m);
  }
  return m;
}

/** The date a sentence talks about: its most specific mention, the first one on ties. */
function mainMention(mentions: readonly DateMention[] | undefined): DateMention | undefined {
  let best: DateMention | undefined;
  for (const d of mentions ?? []) {
    if (!best || SPECIFICITY[d.precision] > SPECIFICITY[best.precision]) best = d;
  }
  return best;
}

function inRange(date: string, precision: DatePrecision, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || periodEnd(date, precision) >= from) && (to === undefined || date <= to);
}

/** Last day of the period that starts on `date`. */
function periodEnd(date: string, precision: DatePrecision): string {
  switch (precision) {
    case 'day':
      return date;
    case 'month':
      return addDays(nextMonth(date), -1);
    case 'year':
      return `${date.slice(0, 4)}-12-31`;
  }
}

function nextMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The relevant stories, keyed by canonical article: near-duplicates are one story, published
 * when its first copy was, as relevant as its best sentence anywhere — or, when the retrieval
 * gives it (`articles`: article id → relevance), as its article.
 */
function storiesOf(
  index: SearchIndex,
  relevant: readonly RankedSentence[],
  articles: ReadonlyMap<string, number> | undefined,
): Map<string, Story> {
  const out = new Map<string, Story>();
  const add = (articleId: string, score: number) => {
    const article = index.articleById.get(articleId);
    if (!article || score <= 0) return;
    const id = index.duplicateOf.get(article.id) ?? article.id;
    const prev = out.get(id);
    const published = earlier(prev?.published ?? null, article.published);
    if (!prev || prev.relevance < score || prev.published !== published) {
      out.set(id, { id, published, relevance: Math.max(prev?.relevance ?? 0, score) });
    }
  };
  if (articles) for (const [id, score] of articles) add(id, score);
  else for (const r of relevant) add(r.articleId, r.score);
  return out;
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** What the collection says on one date, for {@link dateSalience}. */
function evidenceOf(index: SearchIndex, stories: ReadonlyMap<string, Story>, list: readonly Candidate[]): DateEvidence {
  const mentionedBy = new Map<string, Story>();
  for (const c of list) {
    if (c.fromPublication) continue;
    const story = stories.get(index.duplicateOf.get(c.article.id) ?? c.article.id);
    if (story) mentionedBy.set(story.id, story);
  }
  const first = list[0]!;
  return {
    date: first.date,
    end: periodEnd(first.date, first.precision),
    mentionedBy: [...mentionedBy.values()],
    reports: dateWeight(index, list),
  };
}

/**
 * How much a date's own sentences say: per (canonical) article its best sentence's score,
 * plus a quarter of the rest, so one long article cannot outweigh several reports.
 */
function dateWeight(index: SearchIndex, list: readonly Candidate[]): number {
  const perArticle = new Map<string, number[]>();
  for (const c of list) {
    const canon = index.duplicateOf.get(c.article.id) ?? c.article.id;
    let s = perArticle.get(canon);
    if (!s) perArticle.set(canon, (s = []));
    s.push(c.score);
  }
  let w = 0;
  for (const scores of perArticle.values()) {
    scores.sort((a, b) => b - a);
    w += scores[0]! + 0.25 * scores.slice(1).reduce((x, y) => x + y, 0);
  }
  return w;
}

/**
 * A reader comment or its page chrome, not a report: a comment header ("At 13:57 30th Apr 2009 ,
 * Madarchol wrote :", "Posted by : tom | September 19 , 2008 2:30 PM | Report abuse") or a
 * moderation note. Such sentences still count as evidence that a day was talked about, but a
 * timeline quotes what happened, not what a reader wrote about it.
 */
const READER_COMMENT = /\bposted by\s*:|\breport abuse\b|\b\d{1,2}:\d{2}\b[^.!?]{0,40}\bwrote\s*:|\bthis comment was removed\b/i;

/** Is the candidate's sentence a reader comment ({@link READER_COMMENT})? */
function isReaderComment(c: Candidate): boolean {
  return READER_COMMENT.test(c.article.text.slice(c.start, c.end));
}

/**
 * The date's candidates, best first by score × centrality: among equally relevant reports the
 * one that says what most reports of the day say is the day's news, not a side detail. Reader
 * comments come last, kept only so that a date talked about in comments alone still has a quote.
 * Timeline17 dev, dm-R1 span / unrestricted: comments last → half A 0.188 / 0.165 → 0.190 / 0.166,
 * half B 0.229 / 0.197 → 0.233 / 0.201 (Date-F1 unchanged: the quote does not choose the date).
 */
function byCentrality(list: readonly Candidate[]): Candidate[] {
  const typical = centrality(list.map((c) => sentenceTerms(c.article, c.sentence)));
  return list
    .map((c, i) => ({ c, comment: isReaderComment(c), key: c.score * typical[i]! }))
    .sort((a, b) => Number(a.comment) - Number(b.comment) || b.key - a.key || b.c.score - a.c.score)
    .map((x) => x.c);
}

interface Cluster {
  readonly members: Candidate[];
  readonly terms: ReadonlySet<string>;
  readonly canon: string;
}

/** The `perDate` best distinct events of one date, each with the reports it absorbed. */
function pickEvents(index: SearchIndex, list: readonly Candidate[], perDate: number): TimelineEvent[] {
  const sorted = byCentrality(list).slice(0, CLUSTER_POOL);
  const clusters: Cluster[] = [];
  for (const c of sorted) {
    const t = sentenceTerms(c.article, c.sentence);
    const canon = index.duplicateOf.get(c.article.id) ?? c.article.id;
    const home = clusters.find((k) => {
      const sameStory = k.canon === canon && !k.members.some((m) => m.article.id === c.article.id);
      return sameReport(k.terms, t, sameStory ? DUPLICATE_ARTICLE_JACCARD : DUPLICATE_JACCARD);
    });
    if (home) home.members.push(c);
    // Once the date has its events, later candidates matter only as duplicates worth citing.
    else if (clusters.length < perDate) clusters.push({ members: [c], terms: t, canon });
  }
  return clusters.map(toEvent);
}

/**
 * The cluster's report: the earliest published, then the best scored, a reader comment only when
 * the cluster holds nothing else; the others are cited.
 */
function toEvent(k: Cluster): TimelineEvent {
  const best = k.members[0]!;
  // The first member that no other precedes (what a stable sort would put first), each member's
  // comment test run once rather than in every comparison.
  const ranked = k.members.map((m) => ({ m, comment: isReaderComment(m) }));
  const before = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
    Number(a.comment) - Number(b.comment) ||
    (a.m.article.published ?? '9999').localeCompare(b.m.article.published ?? '9999') ||
    b.m.score - a.m.score;
  let first = ranked[0]!;
  for (const r of ranked) if (before(r, first) < 0) first = r;
  const primary = first.m;
  const others = new Map<string, Citation>();
  for (const m of k.members) if (m.article.id !== primary.article.id) others.set(m.article.id, citationOf(m.article));
  const quote = primary.article.text.slice(primary.start, primary.end);
  return {
    date: primary.date,
    precision: primary.precision,
    approximate: primary.approximate,
    fromPublication: primary.fromPublication,
    ...(primary.bound ? { bound: true } : {}),
    quote,
    start: primary.start,
    end: primary.end,
    score: best.score,
    article: citationOf(primary.article),
    alsoReportedBy: [...others.values()],
  };
}

function sameReport(a: ReadonlySet<string>, b: ReadonlySet<string>, minJaccard: number): boolean {
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter) >= minJaccard || inter / Math.min(a.size, b.size) >= DUPLICATE_CONTAINMENT;
}
