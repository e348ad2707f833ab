/**
 * Date expressions in article sentences, resolved against the publication date.
 *
 * chrono-node finds the expressions; this module decides what they mean in news text:
 * weekdays point back (a report on Wednesday about "Friday" means the Friday before),
 * year-less dates take the publication year, relative phrases are marked approximate, and
 * common false positives ("may" the verb, "Theresa May", "50/6", "at 5", "now") are dropped.
 */
import * as chrono from 'chrono-node';
import type { DateMention, DatePrecision, Span } from '../core/types.js';
import { MONTH_NAMES } from '../core/calendar-names.js';
import { addDays, isIsoDate, isoFromParts, noonUtc, weekdayOnOrBefore } from './calendar.js';

/** A resolved expression before it is placed in the article. */
interface Resolved {
  readonly date: string;
  readonly precision: DatePrecision;
  readonly approximate: boolean;
}

/** Cheap pre-filter: sentences without any of these cannot hold a date, so chrono is skipped. */
const TRIGGER =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today|tonight|tomorrow|ago|last|next|this|(?:1[89]|20)\d\d|\d{1,2}[/.-]\d{1,2})/i;

const MONTH_WORD = new RegExp(`\\b(${MONTH_NAMES})\\b\\.?`, 'i');

const WEEKDAY_WORD = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tues|tue|wed|thurs|thu|fri|sat)\b/i;
const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** Words that introduce a bare month or year as a time ("in April", "since 2019"). */
const TIME_PREPOSITION = new Set([
  'in',
  'since',
  'by',
  'from',
  'until',
  'till',
  'to',
  'through',
  'during',
  'before',
  'after',
  'of',
  'between',
  'and',
  'or',
  'early',
  'late',
  'mid',
  'around',
  'circa',
  'last',
  'next',
  'this',
  'that',
  'each',
  'every',
  'on',
]);

/** Bare or qualified years that chrono does not parse ("in 2009", "late 2020"). */
const YEAR_EXPRESSION =
  /\b(?:(early|mid|late|the end of|the beginning of|the start of|the middle of|(?:the )?(?:spring|summer|autumn|fall|winter)(?: of)?)[\s-]+)?((?:1[89]|20)\d\d)\b(?![.,:/]?\d|%|s\b)/gi;

/**
 * Every date expression in every sentence, resolved against the publication date
 * (`YYYY-MM-DD` or null). Offsets are into `text`. Without a publication date only absolute
 * dates that name their year are kept, since nothing else can be resolved.
 */
export function extractDates(text: string, sentences: readonly Span[], published: string | null): DateMention[] {
  const pub = published !== null && isIsoDate(published) ? published : null;
  const reference = { instant: noonUtc(pub ?? '2000-01-01'), timezone: 0 };
  const out: DateMention[] = [];
  sentences.forEach((span, sentence) => {
    const s = text.slice(span.start, span.end);
    if (!TRIGGER.test(s)) return;
    const taken: Span[] = [];
    for (const r of chrono.parse(s, reference, { forwardDate: false })) {
      const resolved = resolveChrono(s, r, pub);
      if (!resolved) continue;
      const written = r.text.replace(/[\s,.;:]+$/, ''); // chrono keeps trailing punctuation ("on Wednesday,")
      taken.push({ start: r.index, end: r.index + written.length });
      out.push(mention(sentence, span.start + r.index, written, resolved));
    }
    for (const m of s.matchAll(YEAR_EXPRESSION)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && t.start < end)) continue;
      const qualifier = m[1];
      if (!qualifier && !TIME_PREPOSITION.has(previousWord(s, start))) continue;
      const year = Number(m[2]);
      out.push(
        mention(sentence, span.start + start, m[0], { date: `${year}-01-01`, precision: 'year', approximate: qualifier !== undefined }),
      );
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

function mention(sentence: number, start: number, text: string, r: Resolved): DateMention {
  return { sentence, start, end: start + text.length, text, date: r.date, precision: r.precision, approximate: r.approximate };
}

/** Meaning of one chrono match in its sentence, or null when it is a false positive or unresolvable. */
function resolveChrono(sentence: string, r: chrono.ParsedResult, pub: string | null): Resolved | null {
  const c = r.start;
  const t = r.text;
  const tags = [...r.tags(), ...c.tags()];
  const relative = tags.some((x) => x.startsWith('result/relativeDate') || x.startsWith('casualReference/'));
  const has = (k: chrono.Component): boolean => c.isCertain(k);

  if (tags.some((x) => x === 'casualReference/now')) return null;
  // Without a publication date only a written year can anchor the expression (chrono would
  // otherwise fill the year from its placeholder reference, e.g. "on Wednesday yesterday").
  if (pub === null && !/\b\d{4}\b/.test(t)) return null;
  if (!has('year') && !has('month') && !has('day') && !has('weekday') && !relative) return null; // "at 5", "this week"
  if (/^[\d\s/.,-]+$/.test(t.replace(/^(?:on|in|at)\s+/i, '')) && !/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b/.test(t)) {
    return null; // "50/6", "24/7": numbers, not dates
  }

  const monthWord = MONTH_WORD.exec(t);
  if (monthWord && has('month')) {
    if (!/^[A-Z]/.test(monthWord[1]!)) return null; // "may" the verb, "march on"
    const monthOnly = !has('day') && !has('year');
    if (monthOnly && !TIME_PREPOSITION.has(previousWord(sentence, r.index + monthWord.index))) return null; // "Theresa May"
  }

  // Before the relative branch: chrono tags "Friday night" as casual and may resolve it forward.
  if (has('weekday') && !has('day')) {
    const w = WEEKDAY_WORD.exec(t);
    if (!w || pub === null) return null;
    const word = w[1]!;
    const index = WEEKDAY_INDEX[word.toLowerCase()];
    if (index === undefined || !/^[A-Z]/.test(word)) return null; // "sat", "wed", "Sun": abbreviations are not weekdays here
    if (/^(?:the|a|every|each)$/.test(previousWord(sentence, r.index + w.index))) return null; // "the Sunday Times", "every Saturday"
    let date: string;
    if (/\bnext\b/i.test(t)) date = weekdayOnOrBefore(addDays(pub, 7), index);
    else if (/\blast\b/i.test(t)) date = weekdayOnOrBefore(addDays(pub, -1), index);
    else date = weekdayOnOrBefore(pub, index);
    return { date, precision: 'day', approximate: true };
  }

  if (relative) {
    if (pub === null) return null;
    if (monthWord) return null; // chrono glued a month to a relative phrase ("in March - 7 hrs ago")
    if (previousWord(sentence, r.index) === 'the') return null; // "the Today programme"
    if (/\b(?:after|before|later|earlier)\b/i.test(t) && !/\bago\b/i.test(t)) return null; // anchored to an unstated event
    const precision: DatePrecision = /\byears?\b/i.test(t) ? 'year' : /\bmonths?\b/i.test(t) ? 'month' : 'day';
    const date = truncate(partsIso(c), precision);
    if (date === null) return null;
    if (date > pub && !/\b(?:next|tomorrow|coming)\b/i.test(t)) return null; // "in the weeks (since)"
    return { date, precision, approximate: true };
  }

  const month = c.get('month');
  const day = c.get('day');
  if (has('year')) {
    const year = c.get('year');
    if (year === null || month === null || day === null) return null;
    const precision: DatePrecision = has('day') ? 'day' : has('month') ? 'month' : 'year';
    const date = truncate(isoFromParts(year, month, precision === 'day' ? day : 1), precision);
    return date === null ? null : { date, precision, approximate: false };
  }
  if (!has('month') || pub === null || month === null) return null;
  const precision: DatePrecision = has('day') ? 'day' : 'month';
  return resolveYearless(pub, month, precision === 'day' ? (day ?? 1) : 1, precision, speaksOfFuture(sentence, r.index));
}

/**
 * The sentence speaks of what is to come ("the show will take place in Cardiff on 8 October",
 * "he is due to be sentenced on 29 November", "the trial is scheduled to begin in March").
 */
const FUTURE_GLOBAL =
  /\b(?:will|shall|(?:is|are|was|were) (?:due|set|scheduled|expected|planned|to be)|due to|scheduled (?:for|to)|upcoming|forthcoming)\b/gi;

/** How far before a date expression a future cue may be to govern it ("will be sentenced on 29 November"). */
const FUTURE_WINDOW = 80;

/**
 * Is the expression at `index` in `sentence` about the future: a future cue shortly before it,
 * in the same sentence, and not "last November"?
 */
function speaksOfFuture(sentence: string, index: number): boolean {
  if (previousWord(sentence, index) === 'last') return false;
  const before = sentence.slice(Math.max(0, index - FUTURE_WINDOW), index);
  const future = lastMatch(before, FUTURE_GLOBAL);
  // "will use the facility that was announced in November": the past verb governs the date.
  return future >= 0 && future > lastMatch(before, PAST_AUXILIARY);
}

const PAST_AUXILIARY = /\b(?:was|were|had|did)\b/gi;

/** Start of the last match of a global regex in `s`, or -1. */
function lastMatch(s: string, re: RegExp): number {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index;
  return last;
}

/**
 * A date written without its year takes the publication year, or the year before when that
 * would put it more than a month after publication (a report in January about "December 28").
 * Dates up to a month ahead stay in the publication year: news announces upcoming events; so
 * does a sentence about the future (`future`), however far ahead the date: an announcement in
 * June of a concert "on 8 October" is this October's, not last year's.
 */
function resolveYearless(pub: string, month: number, day: number, precision: DatePrecision, future: boolean): Resolved | null {
  const year = Number(pub.slice(0, 4));
  let date = isoFromParts(year, month, day);
  if (date === null) return null;
  if (date > addDays(pub, 31) && !future) date = isoFromParts(year - 1, month, day);
  return date === null ? null : { date, precision, approximate: true };
}

function partsIso(c: chrono.ParsedComponents): string | null {
  const y = c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  return y === null || m === null || d === null ? null : isoFromParts(y, m, d);
}

/** First day of the period named at `precision`. */
function truncate(iso: string | null, precision: DatePrecision): string | null {
  if (iso === null) return null;
  switch (precision) {
    case 'day':
      return iso;
    case 'month':
      return `${iso.slice(0, 7)}-01`;
    case 'year':
      return `${iso.slice(0, 4)}-01-01`;
  }
}

/** The lower-cased word just before `index` in `s` ("" at the start). */
function previousWord(s: string, index: number): string {
  const m = /([\p{L}]+)[^\p{L}\p{N}]*$/u.exec(s.slice(Math.max(0, index - 40), index));
  return m ? m[1]!.toLowerCase() : '';
}
