/**
 * Figures that change over time (death tolls, counts of wounded or detained). A question about
 * such a quantity ("How many Palestinians have been killed?", "What is the death toll?") is
 * answered with the series: every distinct figure the articles report for it, in time order
 * (dated, then bounded, then undated), each the verbatim sentence that states it with its
 * citation, repeats collapsed into "also reported by", different figures on one date shown side
 * by side as conflicting claims — never reconciled. Pure functions over the loaded index.
 */
import { articleTerms } from '../core/article-terms.js';
import { terms } from '../core/text.js';
import { citationOf } from '../core/types.js';
import type { Article, Citation, Excerpt, FigureEvolution, FigureReport, FigureStep, FigureTime, LaterFigure } from '../core/types.js';
import type { SearchIndex } from '../index/types.js';
import { roleAt } from '../ingest/article.js';

/** Kinds of running totals, each recognised by the words that report it. */
const MEASURES: readonly { readonly key: string; readonly words: RegExp }[] = [
  { key: 'killed', words: /^(?:kill(?:ed|ing|s)?|dead|deaths?|died|toll|lives|martyred|fatalities|massacred)$/i },
  { key: 'wounded', words: /^(?:wounded|wounding|injured|injuring|injuries|hurt)$/i },
  { key: 'missing', words: /^missing$/i },
  { key: 'displaced', words: /^(?:displaced|homeless|fled)$/i },
  { key: 'detained', words: /^(?:detained|detainees|arrested|prisoners|captives|hostages|jails?|imprisoned)$/i },
];

/** A question asks for a quantity when it says so ("how many", "the death toll", "number of"). */
const QUANTITY_CUE = /\b(?:how many|how much|number of|toll|casualt(?:y|ies)|figures?|count)\b/i;
/** Question words naming the measure (the question's wording, wider than a sentence's). */
const QUESTION_MEASURES: readonly { readonly key: string; readonly words: RegExp }[] = [
  { key: 'killed', words: /\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|death toll|toll|lives|martyred|fatalities|casualt(?:y|ies))\b/i },
  { key: 'wounded', words: /\b(?:wounded|injured|injuries|hurt)\b/i },
  { key: 'missing', words: /\bmissing\b/i },
  { key: 'displaced', words: /\b(?:displaced|homeless|refugees)\b/i },
  { key: 'detained', words: /\b(?:detained|arrested|prisoners|captives|hostages|jailed)\b/i },
];

/** Words counting people in general: such a figure belongs to whichever group the series is about. */
const GENERIC = /^(?:people|persons|civilians|individuals|others|residents|victims|citizens|inhabitants|more)$/i;
/** A count introduced by these is part of a total ("including 3,648 children"), not the total. */
const SUBCOUNT = /^(?:including|among|incl|of)$/i;
/** Numbers followed by these are not head counts. */
const NOT_COUNT =
  /^(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilometres?|kilometers?|miles?|metres?|meters?|tonnes?|tons?|percent|per|dollars?|euros?|times|am|pm)$/i;

/** A measure word must be this close (in words) to its figure: "killed at least 8,796", "8,500 Palestinians have been killed". */
const MAX_DISTANCE = 6;
/** Chunks scanned for figures: a budget, not tuned; far more than any one quantity's reports in the seed corpus (9). */
const SCAN_CHUNKS = 400;

/** One figure stated in one sentence. */
export interface FigureClaim {
  readonly measure: string;
  /** The group counted as written ("Palestinians"), or null for people in general. */
  readonly group: string | null;
  readonly groupKey: string | null;
  readonly figure: string;
  readonly value: number;
  readonly sentence: number;
}

/** The quantity a question asks about, or null when it does not ask for one. */
export interface QuantityQuestion {
  readonly measure: string;
  /** Terms of the question, to find the group it names ("Palestinians"). */
  readonly terms: readonly string[];
  /** What the question is about besides the quantity ("gaza", "morocco"): every report's article must mention it. */
  readonly topic: readonly string[];
  /** The group "how many …" names ("children", "Israelis"), as a group key; null for people in general. */
  readonly named: string | null;
}

/** Words of quantity questions that say nothing about their topic. */
const NOT_TOPIC = new Set(
  terms(
    'how many much number numbers toll tolls casualty casualties figure figures count total tally latest current reported so far now ' +
      'killed killing kill dead death deaths died lives martyred fatalities wounded injured injuries hurt missing displaced homeless ' +
      'refugees detained arrested prisoners captives hostages jailed people persons civilians individuals',
  ),
);

/** Detects a question about a changing quantity. */
export function quantityOfQuestion(question: string): QuantityQuestion | null {
  if (!QUANTITY_CUE.test(question)) return null;
  const m = QUESTION_MEASURES.find((x) => x.words.test(question));
  if (!m) return null;
  const noun = /\bhow many\s+(?:more\s+|other\s+)?([\p{L}]+)/iu.exec(question)?.[1] ?? null;
  const named =
    noun && !GENERIC.test(noun) && !MEASURES.some((x) => x.words.test(noun)) && !/^(?:have|has|were|was|are|is|had|did|do)$/i.test(noun)
      ? groupKeyOf(noun)
      : null;
  return {
    measure: m.key,
    named,
    terms: question.split(/[^\p{L}]+/u).flatMap((w) => (w ? [groupKeyOf(w)] : [])),
    topic: [...new Set(terms(question).filter((t) => !NOT_TOPIC.has(t) && !/^\d/.test(t)))],
  };
}

function groupKeyOf(word: string): string {
  const t = terms(word.replace(/s$/i, ''));
  return t[0] ?? word.toLowerCase();
}

interface Token {
  readonly text: string;
  readonly index: number;
  readonly number: number | null;
}

const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}]+(?:['’][\p{L}]+)?/gu;

function tokens(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const isNum = /^\d/.test(m[0]);
    out.push({ text: m[0], index: m.index, number: isNum ? Number(m[0].replace(/,/g, '')) : null });
  }
  return out;
}

const claimCache = new WeakMap<Article, Map<number, FigureClaim[]>>();

/** The figures one sentence states, each tied to the nearest measure word and the group it counts. */
export function figureClaims(article: Article, sentence: number): FigureClaim[] {
  let perArticle = claimCache.get(article);
  if (!perArticle) claimCache.set(article, (perArticle = new Map()));
  const cached = perArticle.get(sentence);
  if (cached) return cached;
  const span = article.sentences[sentence];
  const out: FigureClaim[] = [];
  if (span) {
    const s = article.text.slice(span.start, span.end);
    if (/\d{2}/.test(s)) out.push(...claimsOf(article, sentence, span.start, s));
  }
  perArticle.set(sentence, out);
  return out;
}

function claimsOf(article: Article, sentence: number, offset: number, s: string): FigureClaim[] {
  const toks = tokens(s);
  const measureAt = toks.map((t) => (t.number === null ? (MEASURES.find((m) => m.words.test(t.text))?.key ?? null) : null));
  const out: FigureClaim[] = [];
  toks.forEach((t, i) => {
    if (t.number === null || t.number < 10) return;
    if (/^(?:19|20)\d\d$/.test(t.text)) return; // a year
    const next = toks[i + 1];
    if (next && (NOT_COUNT.test(next.text) || s.slice(t.index + t.text.length, next.index).includes('%'))) return;
    if (s[t.index + t.text.length] === '%') return;
    const at = offset + t.index;
    if (article.dates.some((d) => d.start <= at && at < d.end)) return; // part of a date
    if (toks.slice(Math.max(0, i - 3), i).some((p) => SUBCOUNT.test(p.text) && p.text.toLowerCase() !== 'of')) return;
    // The nearest measure word within reach, not across a semicolon or colon.
    let best = -1;
    for (let d = 1; d <= MAX_DISTANCE && best < 0; d++) {
      for (const j of [i - d, i + d]) {
        if (j < 0 || j >= toks.length || measureAt[j] === null || best >= 0) continue;
        const between = j < i ? s.slice(toks[j]!.index, t.index) : s.slice(t.index, toks[j]!.index);
        if (/[;:]/.test(between) || /\d/.test(between.replace(/^\d[\d,.]*/, ''))) continue;
        best = j;
      }
    }
    if (best < 0) return;
    let value = t.number;
    let figure = t.text;
    if (next && /^(?:million|thousand)$/i.test(next.text)) {
      value *= next.text.toLowerCase() === 'million' ? 1e6 : 1e3;
      figure = `${t.text} ${next.text}`;
    }
    const noun =
      next && /^[\p{L}]/u.test(next.text) && measureAt[i + 1] === null && !/^(?:million|thousand)$/i.test(next.text) ? next.text : null;
    const group = noun && !GENERIC.test(noun) && /s$|^(?:children|women|men|people)$/i.test(noun) ? noun : null;
    out.push({ measure: measureAt[best]!, group, groupKey: group ? groupKeyOf(group) : null, figure, value, sentence });
  });
  return out;
}

/** When an article's figures are placed: its date, else its lower bound, else nothing. */
export function figureTime(a: Pick<Article, 'published' | 'publishedAfter'> | Citation): FigureTime {
  if (a.published) return { kind: 'dated', date: a.published };
  if (a.publishedAfter) return { kind: 'after', date: a.publishedAfter.after, approximate: a.publishedAfter.approximate };
  return { kind: 'undated' };
}

const TIER: Readonly<Record<FigureTime['kind'], number>> = { dated: 0, after: 1, undated: 2 };

/** Time order: dated before bounded before undated; by date within a tier. */
export function compareTimes(a: FigureTime, b: FigureTime): number {
  if (a.kind !== b.kind) return TIER[a.kind] - TIER[b.kind];
  if (a.kind === 'undated' || b.kind === 'undated') return 0;
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** True only when `later` is certainly after `earlier`: a later stated date, or a bound past it. */
function certainlyAfter(later: FigureTime, earlier: FigureTime): boolean {
  return earlier.kind === 'dated' && later.kind !== 'undated' && later.date > earlier.date;
}

interface Found {
  readonly article: Article;
  readonly claim: FigureClaim;
}

/**
 * The series for a question about a changing quantity, or null when the question asks for none or
 * the articles state no figure for it. Without a group in the question, the series is about the
 * group most articles count (generic "people" figures join it); the label says which.
 */
export function figureEvolution(index: SearchIndex, question: string): FigureEvolution | null {
  const q = quantityOfQuestion(question);
  if (!q) return null;
  const found = findClaims(index, question, q);
  if (found.length === 0) return null;
  const groupArticles = new Map<string, Set<string>>();
  for (const f of found) {
    if (f.claim.groupKey === null) continue;
    let s = groupArticles.get(f.claim.groupKey);
    if (!s) groupArticles.set(f.claim.groupKey, (s = new Set()));
    s.add(f.article.id);
  }
  // "How many children…" when no figure counts children: the articles do not give that quantity.
  if (q.named !== null && !groupArticles.has(q.named)) return null;
  const asked = q.named ?? [...groupArticles.keys()].find((g) => q.terms.includes(g));
  const mostCounted = [...groupArticles.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const dominant = asked ?? mostCounted;
  // Figures of "people" belong to the group most articles count, never to a minor one (1,400 Israelis).
  const chosen = found.filter((f) => f.claim.groupKey === dominant || (f.claim.groupKey === null && dominant === mostCounted));
  if (chosen.length === 0) return null;
  const groupName = dominant === null ? null : (chosen.find((f) => f.claim.groupKey === dominant)?.claim.group ?? null);
  return { measure: q.measure, group: groupName, steps: stepsOf(index, chosen) };
}

function findClaims(index: SearchIndex, question: string, q: QuantityQuestion): Found[] {
  const { measure } = q;
  const words = QUESTION_MEASURES.find((m) => m.key === measure)!.words.source.replace(/\\b|\(\?:|\)|\?/g, ' ');
  const hits = index.lexical.search(`${question} ${words.replace(/[|()]/g, ' ')}`, SCAN_CHUNKS);
  const seen = new Set<string>();
  const out: Found[] = [];
  for (const h of hits) {
    const chunk = index.chunks[h.id];
    const article = chunk ? index.articleById.get(chunk.articleId) : undefined;
    if (!chunk || !article) continue;
    for (let s = chunk.firstSentence; s <= chunk.lastSentence; s++) {
      const key = `${article.id}\u0000${s}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const claim of figureClaims(article, s)) if (claim.measure === measure) out.push({ article, claim });
    }
  }
  // What else the question names must be in the article ("in Morocco" is another story); a group
  // counted ("Palestinians") is matched on the figure instead, so "17,997 people" still counts.
  const groups = new Set(out.flatMap((f) => (f.claim.groupKey ? [f.claim.groupKey] : [])));
  const topic = q.topic.filter((t) => !groups.has(t));
  return topic.length === 0 ? out : out.filter((f) => topic.every((t) => articleTerms(f.article).all.has(t)));
}

function reportOf(index: SearchIndex, f: Found): FigureReport {
  const span = f.article.sentences[f.claim.sentence]!;
  const role = roleAt(f.article.roles, span);
  return {
    figure: f.claim.figure,
    value: f.claim.value,
    quote: f.article.text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    article: citationOf(index.articleById.get(f.article.id) ?? f.article),
    ...(role ? { role } : {}),
    alsoReportedBy: [],
  };
}

/**
 * Distinct figures in time order. A figure reported again by another article is cited under its
 * first report; several figures on one stated date from different articles are one conflicting
 * step. Reports tied in time (the same bound, or both undated) are listed smallest figure first:
 * a display order only, their labels say what is known of their dates.
 */
function stepsOf(index: SearchIndex, found: readonly Found[]): FigureStep[] {
  const canon = (a: Article): string => index.duplicateOf.get(a.id) ?? a.id;
  const ordered = [...found].sort(
    (a, b) =>
      compareTimes(figureTime(a.article), figureTime(b.article)) ||
      a.claim.value - b.claim.value ||
      (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0) ||
      a.claim.sentence - b.claim.sentence,
  );
  const byValue = new Map<number, { report: FigureReport; also: Citation[]; articles: Set<string> }>();
  const firsts: { found: Found; value: number }[] = [];
  for (const f of ordered) {
    const prev = byValue.get(f.claim.value);
    if (prev) {
      if (!prev.articles.has(canon(f.article))) {
        prev.articles.add(canon(f.article));
        prev.also.push(citationOf(f.article));
      }
      continue;
    }
    byValue.set(f.claim.value, { report: reportOf(index, f), also: [], articles: new Set([canon(f.article)]) });
    firsts.push({ found: f, value: f.claim.value });
  }
  const steps: { time: FigureTime; reports: FigureReport[]; articles: Set<string> }[] = [];
  for (const { found: f, value } of firsts) {
    const entry = byValue.get(value)!;
    const report: FigureReport = { ...entry.report, alsoReportedBy: entry.also };
    const time = figureTime(f.article);
    const last = steps[steps.length - 1];
    if (last && time.kind === 'dated' && last.time.kind === 'dated' && last.time.date === time.date) {
      last.reports.push(report);
      last.articles.add(canon(f.article));
    } else {
      steps.push({ time, reports: [report], articles: new Set([canon(f.article)]) });
    }
  }
  return steps.map((s) => ({ time: s.time, reports: s.reports, conflict: s.reports.length > 1 && s.articles.size > 1 }));
}

/**
 * Notes under each excerpt that reports a figure of the series when another article reports a
 * figure certainly later ("a later article reports 8,610"): the excerpt may be out of date.
 */
export function markLaterFigures(index: SearchIndex, excerpts: readonly Excerpt[], evolution: FigureEvolution): Excerpt[] {
  const reports = evolution.steps.flatMap((s) => s.reports.map((r) => ({ r, time: s.time })));
  const values = new Set(reports.map((x) => x.r.value));
  return excerpts.map((e) => {
    const article = index.articleById.get(e.article.id);
    if (!article) return e;
    const own = article.sentences
      .map((span, i) => ({ span, i }))
      .filter(({ span }) => span.start < e.end && e.start < span.end)
      .flatMap(({ i }) => figureClaims(article, i))
      .filter((c) => c.measure === evolution.measure && values.has(c.value));
    if (own.length === 0) return e;
    const mine = figureTime(article);
    let latest: { r: FigureReport; time: FigureTime } | null = null;
    for (const x of reports) {
      if (x.r.article.id === article.id || own.some((c) => c.value === x.r.value) || !certainlyAfter(x.time, mine)) continue;
      if (!latest || compareTimes(latest.time, x.time) <= 0) latest = x;
    }
    if (!latest) return e;
    const laterFigure: LaterFigure = { figure: latest.r.figure, article: latest.r.article };
    return { ...e, laterFigure };
  });
}

/** The measure an excerpt reports a figure for, or null. */
export function figureMeasure(quote: string): string | null {
  if (!/\d{2}/.test(quote)) return null;
  const toks = tokens(quote);
  for (const m of MEASURES) if (toks.some((t) => t.number === null && m.words.test(t.text))) return m.key;
  return null;
}

/**
 * Reorders, among the given excerpts, those reporting the same measure from articles placed in
 * time (a date, or a lower bound) at differing times: they keep the positions the group occupies
 * but are sorted in time order (dated, then bounded). Everything else stays where it was.
 */
export function orderEvolvingFigures<E extends Pick<Excerpt, 'quote' | 'article'>>(excerpts: readonly E[]): E[] {
  const out = [...excerpts];
  const groups = new Map<string, number[]>();
  excerpts.forEach((e, i) => {
    const key = figureMeasure(e.quote);
    if (key === null || figureTime(e.article).kind === 'undated') return;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const positions of groups.values()) {
    const times = new Set(positions.map((p) => JSON.stringify(figureTime(excerpts[p]!.article))));
    if (positions.length < 2 || times.size < 2) continue;
    const sorted = positions.map((p) => excerpts[p]!).sort((a, b) => compareTimes(figureTime(a.article), figureTime(b.article)));
    positions.forEach((p, j) => {
      out[p] = sorted[j]!;
    });
  }
  return out;
}
