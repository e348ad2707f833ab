/**
 * Time named in a question ("in November", "in October 2023", "in 2009", "on November 1"):
 * recognised, removed from the lexical query, and matched against article dates. Pure.
 */
import type { Article } from '../core/types.js';
import { MONTH_NAMES } from '../core/calendar-names.js';

/** A period the question restricts itself to. Month is 1-12; a missing part matches anything. */
export interface TimeScope {
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
  /** The expression as written in the question. */
  readonly text: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTH_NAMES})\\.?`;
// "in/during/on/since/by/of/throughout [early|late|mid] <Month> [day][,] [year]" — a preposition is
// required before a bare month so "may" the verb is not a date.
const MONTH_EXPR = new RegExp(
  `\\b(?:in|during|on|since|by|of|throughout|through|until|before|after|from)\\s+(?:(?:early|late|mid)[\\s-]+)?${MONTH}(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?(?:,?\\s+((?:19|20)\\d\\d))?\\b`,
  'i',
);
const YEAR_EXPR = /\b(?:in|during|since|by|of|throughout|until|before|after|from)\s+((?:19|20)\d\d)\b(?![.,]?\d)/i;

/** The time scope named by the question and the question with that expression removed. */
export function extractTimeScope(question: string): { scope: TimeScope | null; rest: string } {
  const m = MONTH_EXPR.exec(question);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month !== null) {
      const scope: TimeScope = { month, day: m[2] ? Number(m[2]) : null, year: m[3] ? Number(m[3]) : null, text: m[0] };
      return { scope, rest: strip(question, m.index, m[0].length) };
    }
  }
  const y = YEAR_EXPR.exec(question);
  if (y) return { scope: { year: Number(y[1]), month: null, day: null, text: y[0] }, rest: strip(question, y.index, y[0].length) };
  return { scope: null, rest: question };
}

function strip(s: string, at: number, len: number): string {
  return `${s.slice(0, at)} ${s.slice(at + len)}`.replace(/\s+/g, ' ').trim();
}

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3)));
  return i >= 0 ? i + 1 : null;
}

/** Whether a `YYYY-MM-DD` date falls in the scope. */
export function dateInScope(iso: string, scope: TimeScope): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return false;
  if (scope.year !== null && Number(m[1]) !== scope.year) return false;
  if (scope.month !== null && Number(m[2]) !== scope.month) return false;
  if (scope.day !== null && Number(m[3]) !== scope.day) return false;
  return true;
}

/**
 * Whether sentence `i` of the article is about the scoped time: it mentions a date in the scope
 * (or, for a year, writes that year), or it mentions no date and the article was published in
 * the scope.
 */
export function sentenceInScope(article: Article, i: number, scope: TimeScope): boolean {
  const mentions = article.dates.filter((d) => d.sentence === i);
  if (mentions.some((d) => dateInScope(d.date, scope))) return true;
  // A year-only scope also matches the year written as such ("the 1901 census"), which date
  // extraction may not take for a date.
  const span = article.sentences[i];
  if (
    scope.year !== null &&
    scope.month === null &&
    span &&
    new RegExp(`\\b${scope.year}\\b`).test(article.text.slice(span.start, span.end))
  )
    return true;
  if (mentions.length > 0 && mentions.every((d) => !d.approximate)) return false;
  return article.published !== null && dateInScope(article.published, scope);
}
