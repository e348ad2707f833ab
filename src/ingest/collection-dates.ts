/**
 * Dates an undated article cannot place alone but its collection can: a year-less "October 7" in
 * an undated article is placed in the year the collection's dated articles give the same event
 * (a sentence sharing its words, on the same month and day), when they all agree on one year.
 * The resolved mention is marked approximate, and it may raise the article's lower bound
 * ("after ≈ 7 Oct 2023"). Runs when an index is assembled, since it needs the whole collection. Pure.
 */
import { terms } from '../core/text.js';
import type { Article, DateMention } from '../core/types.js';
import { isoFromParts } from '../timeline/calendar.js';
import { isPastDayMention } from './article.js';

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** "October 7" / "7 October" not followed by a year (the year-less dates an undated article cannot resolve). */
const YEARLESS =
  /\b(?:(?<m1>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?|(?<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?<m2>January|February|March|April|May|June|July|August|September|October|November|December))\b(?!,?\s*\d{4})(?![\d:])/g;

/**
 * Words two sentences must share (besides the date itself) to report the same event. Chosen on
 * the seed corpus, the only collection at hand with undated articles: the war-start sentences
 * of 001–003 share 5–8 terms with 000's; unrelated sentences on the same day share at most 2.
 */
const MIN_SHARED_TERMS = 3;
/** Dated reports compared per month-day: enough to see whether the collection agrees on a year. */
const MAX_REPORTS_PER_DAY = 200;

interface DatedReport {
  readonly year: number;
  readonly terms: ReadonlySet<string>;
}

/** A year-less date found in an undated article, before resolution. */
interface Yearless {
  readonly sentence: number;
  readonly start: number;
  readonly text: string;
  readonly month: number;
  readonly day: number;
}

/** The articles with year-less dates of undated articles resolved from the collection (unchanged when none). */
export function placeInCollection(articles: readonly Article[]): readonly Article[] {
  if (!articles.some((a) => a.published === null)) return articles;
  const byDay = datedReports(articles);
  if (byDay.size === 0) return articles;
  return articles.map((a) => (a.published === null ? placeArticle(a, byDay) : a));
}

function datedReports(articles: readonly Article[]): Map<string, DatedReport[]> {
  const out = new Map<string, DatedReport[]>();
  for (const a of articles) {
    if (a.published === null) continue;
    for (const d of a.dates) {
      if (d.precision !== 'day') continue;
      const key = d.date.slice(5);
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      if (list.length >= MAX_REPORTS_PER_DAY) continue;
      const s = a.sentences[d.sentence];
      if (s) list.push({ year: Number(d.date.slice(0, 4)), terms: new Set(terms(a.text.slice(s.start, s.end))) });
    }
  }
  return out;
}

function yearlessMentions(a: Article): Yearless[] {
  const out: Yearless[] = [];
  a.sentences.forEach((span, sentence) => {
    const s = a.text.slice(span.start, span.end);
    for (const m of s.matchAll(YEARLESS)) {
      const g = m.groups ?? {};
      const month = MONTHS[(g['m1'] ?? g['m2'] ?? '').toLowerCase()];
      const day = Number(g['d1'] ?? g['d2']);
      if (month === undefined || !(day >= 1 && day <= 31)) continue;
      if (a.dates.some((d) => d.start <= span.start + m.index && span.start + m.index < d.end)) continue;
      out.push({ sentence, start: span.start + m.index, text: m[0], month, day });
    }
  });
  return out;
}

function placeArticle(a: Article, byDay: ReadonlyMap<string, readonly DatedReport[]>): Article {
  const found = yearlessMentions(a);
  if (found.length === 0) return a;
  const added: DateMention[] = [];
  const because: string[] = [];
  for (const y of found) {
    const key = `${String(y.month).padStart(2, '0')}-${String(y.day).padStart(2, '0')}`;
    const reports = byDay.get(key);
    if (!reports) continue;
    const span = a.sentences[y.sentence]!;
    const own = new Set(terms(a.text.slice(span.start, span.end)));
    const dateTerms = new Set(terms(y.text));
    const years = new Set<number>();
    for (const r of reports) {
      let shared = 0;
      for (const t of own) if (!dateTerms.has(t) && r.terms.has(t)) shared++;
      if (shared >= MIN_SHARED_TERMS) years.add(r.year);
    }
    if (years.size !== 1) continue; // the collection places it in no year, or in several
    const year = [...years][0]!;
    const date = isoFromParts(year, y.month, y.day);
    if (date === null) continue;
    added.push({
      sentence: y.sentence,
      start: y.start,
      end: y.start + y.text.length,
      text: y.text,
      date,
      precision: 'day',
      approximate: true,
    });
    because.push(`“${y.text}”, placed in ${year} by the collection’s dated articles`);
  }
  if (added.length === 0) return a;
  const dates = [...a.dates, ...added].sort((x, y) => x.start - y.start);
  // The bound: the latest stated full date, or a later past date the collection resolved.
  let publishedAfter = a.publishedAfter ?? null;
  let reason = a.reasons?.date ?? '';
  if (a.reasons?.overridden !== true) {
    let latest = -1;
    added.forEach((d, i) => {
      if (isPastDayMention(a.text, a.sentences, d) && (latest < 0 || d.date > added[latest]!.date)) latest = i;
    });
    const d = added[latest];
    if (d && (!publishedAfter || d.date > publishedAfter.after)) {
      publishedAfter = { after: d.date, approximate: true };
      reason = `no publication date stated; published on or after ${because[latest]}`;
    }
  }
  return {
    ...a,
    dates,
    ...(publishedAfter ? { publishedAfter } : {}),
    reasons: { ...a.reasons, source: a.reasons?.source ?? '', date: reason },
  };
}
