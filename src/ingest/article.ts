import { paragraphSpans, sentenceSpans } from '../core/text.js';
import type { Article, DateBound, DateMention, RoleSpan, Span } from '../core/types.js';
import { extractDates } from '../timeline/dates.js';
import type { RawArticle } from './parse.js';

/** Bump whenever parsing, cleaning or date resolution changes what a file produces. */
export const PARSER_VERSION = 5;
// 5: a chunk's postings also hold the acronyms its sentences spell out (index/memory.ts chunkTerms).

/**
 * Stable article id: the source's own id when it has one (JSON Lines), else the file's path
 * without extension plus the article's 1-based position in the file. Unchanged files keep
 * their ids across reindexes, so buttons and feedback that name an id stay valid.
 */
export function articleId(raw: RawArticle, file: string, ordinal: number): string {
  if (raw.id && raw.id.trim()) return raw.id.trim();
  return `${file.replace(/\.[^./]+$/, '')}#${ordinal}`;
}

/**
 * Completes a parsed article with its id, sentence and paragraph spans, resolved date mentions,
 * and, when no publication date is stated, the lower bound its own dates support.
 */
export function buildArticle(raw: RawArticle, file: string, ordinal: number): Article {
  const sentences = sentenceSpans(raw.text);
  const dates = extractDates(raw.text, sentences, raw.published);
  const roles = raw.roles ?? [];
  let publishedAfter: DateBound | null = null;
  let dateReason = raw.reasons?.date ?? null;
  let overridden = raw.reasons?.overridden === true;
  if (raw.published !== null) {
    dateReason ??= 'given by the file’s metadata';
  } else if (raw.publishedAfter) {
    publishedAfter = { after: raw.publishedAfter, approximate: false };
    dateReason ??= 'lower bound given by an admin';
    overridden = true;
  } else if (!overridden) {
    const latest = latestPastDate(raw.text, sentences, dates);
    if (latest) {
      publishedAfter = { after: latest.date, approximate: false };
      const role = roleAt(roles, latest);
      dateReason = `no publication date stated; published on or after the latest date the text mentions, “${latest.text}”${role ? ` (in a ${role})` : ''}`;
    } else {
      dateReason = 'no publication date stated, and the text mentions no full date';
    }
  }
  return {
    id: articleId(raw, file, ordinal),
    file,
    title: raw.title,
    source: raw.source,
    url: raw.url,
    published: raw.published,
    text: raw.text,
    paragraphs: paragraphSpans(raw.text),
    sentences,
    dates,
    ...(publishedAfter ? { publishedAfter } : {}),
    ...(raw.creditedTo ? { creditedTo: raw.creditedTo } : {}),
    ...(roles.length > 0 ? { roles } : {}),
    reasons: {
      source: raw.reasons?.source ?? (raw.source ? 'given by the file’s metadata' : 'nothing in the file says who published it'),
      date: dateReason ?? 'set by an admin (undated)',
      ...(overridden ? { overridden } : {}),
    },
  };
}

/** Sentences about what is to come: their dates say nothing about when the article was written. */
const FUTURE =
  /\b(?:will|shall|scheduled|upcoming|next|due to|plans? to|planned|expected to|(?:is|are) set to|to be held|deadline|until|by the end of)\b/i;

/**
 * The latest fully written (day, month and year), non-inferred date the text mentions outside
 * sentences about the future: an article is published on or after the days it reports.
 */
export function latestPastDate(text: string, sentences: readonly Span[], dates: readonly DateMention[]): DateMention | null {
  let best: DateMention | null = null;
  for (const d of dates) {
    if (d.approximate || !/\b\d{4}\b/.test(d.text) || !isPastDayMention(text, sentences, d)) continue;
    if (!best || d.date > best.date) best = d;
  }
  return best;
}

/** A day-precise mention outside a sentence about the future. */
export function isPastDayMention(text: string, sentences: readonly Span[], d: DateMention): boolean {
  if (d.precision !== 'day') return false;
  const s = sentences[d.sentence];
  return !(s && FUTURE.test(text.slice(s.start, s.end)));
}

/** The role of the paragraph holding `span`, if it is not body text. */
export function roleAt(roles: readonly RoleSpan[] | undefined, span: Span): RoleSpan['role'] | undefined {
  for (const r of roles ?? []) if (r.start <= span.start && span.end <= r.end) return r.role;
  return undefined;
}
