/**
 * Metadata found in article text: byline lines ("Press TV – November 1, 2023", "RT | November 1, 2023"),
 * "<date> Posted by | …" footers, news-agency datelines ("TEHRAN, Nov 1 (Reuters) –") and photo-caption
 * credits ("… in Doha. AFP"). Dates are parsed with chrono-node in strict mode and only accepted when day,
 * month and year are all written out: a publication date is better unknown than guessed.
 */
import * as chrono from 'chrono-node';
import { endsLikeSentence, wordCount } from './boilerplate.js';

/** A line that states the outlet and/or the date of an article. */
export interface Byline {
  readonly source: string | null;
  readonly date: string | null;
}

/** Chrono is comparatively slow: only lines this short that mention a year are tried. */
const DATE_LINE_MAX = 120;
const HAS_YEAR = /\b(?:19|20)\d\d\b/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** `YYYY-MM-DD` from parts, or null when they do not form a real calendar day. */
function ymd(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface FoundDate {
  readonly date: string;
  readonly index: number;
  readonly text: string;
}

/** The first fully specified (day, month, year) absolute date in `s`, with its position. */
function findAbsoluteDate(s: string): FoundDate | null {
  if (s.length > DATE_LINE_MAX || !HAS_YEAR.test(s)) return null;
  for (const r of chrono.strict.parse(s)) {
    const st = r.start;
    if (!st.isCertain('day') || !st.isCertain('month') || !st.isCertain('year')) continue;
    const date = ymd(st.get('year') ?? NaN, st.get('month') ?? NaN, st.get('day') ?? NaN);
    if (date) return { date, index: r.index, text: r.text };
  }
  return null;
}

/**
 * Normalises a publication date given as data (front matter, JSON, HTML meta): ISO strings keep their
 * calendar day as written, YAML dates become their UTC day, anything else must be a strict absolute date.
 */
export function normalizeDate(value: unknown): string | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number' && Number.isFinite(value) && value > 1e9) {
    // Epoch seconds or milliseconds.
    return new Date(value < 1e11 ? value * 1000 : value).toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const iso = ISO_DAY.exec(s);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return findAbsoluteDate(s)?.date ?? null;
}

/** Separators between an outlet and a date in a byline. */
const SEP = /^[\s–—|•·,:/-]+|[\s–—|•·,:/-]+$/gu;
const LEAD_WORDS = /^(?:published|updated|posted|last updated|date|on)\b[\s:]*/i;

/**
 * Parses a byline: a short line made of an outlet name and a full date in either order
 * ("Press TV – November 1, 2023", "RT | November 1, 2023", "1 November 2023 | Tehran Times"),
 * or a date alone ("Published: November 1, 2023"). Returns null for anything else.
 */
export function parseByline(line: string): Byline | null {
  if (line.length > 80) return null;
  const found = findAbsoluteDate(line);
  if (!found) return null;
  const before = line.slice(0, found.index);
  const after = line.slice(found.index + found.text.length);
  const parts = [before, after].map((p) => p.replace(SEP, '').replace(LEAD_WORDS, '').replace(SEP, '')).filter((p) => p !== '');
  if (parts.length === 0) return { source: null, date: found.date };
  if (parts.length > 1) return null;
  const part = parts[0] ?? '';
  if (/^by\s/i.test(part)) return { source: null, date: found.date };
  const source = outletName(part);
  if (source === undefined) return null;
  // "TEHRAN, November 1, 2023" is a place dateline; outlets are set off by a dash or a bar.
  const place = /^[^–—|•·/-]*,\s*$/u.test(before) && after.trim() === '';
  return { source: place ? null : source, date: found.date };
}

/**
 * An outlet name: one to five capitalised words ("Press TV", "RT", "Tehran Times", "The New York Times").
 * Returns undefined when `s` is not name-like (then the line is not a byline at all).
 */
export function outletName(s: string): string | undefined {
  const name = s.trim();
  if (name.length < 2 || name.length > 40 || wordCount(name) > 5) return undefined;
  if (/[.!?;"“”]$/.test(name) || /\d/.test(name)) return undefined;
  const words = name.split(/\s+/);
  const lower = new Set(['of', 'the', 'and', 'for', 'de', 'al', 'el', '&']);
  for (const w of words) {
    if (lower.has(w.toLowerCase()) && w !== words[0]) continue;
    if (!/^[\p{Lu}\p{N}]/u.test(w)) return undefined;
  }
  return name;
}

/**
 * Labelled metadata lines: "Source: Press TV" / "Via: Reuters" name the outlet; "By Staff Writer",
 * "Author: …" and a "Date: …" that is not a full date say nothing usable. Returns undefined for other lines.
 */
export function parseLabelLine(line: string): Byline | null | undefined {
  if (line.length > 80 || endsLikeSentence(line)) return undefined;
  const src = /^(?:source|sources|via|courtesy(?: of)?)\s*[:|–-]\s*(.+)$/i.exec(line);
  if (src) {
    const source = outletName(src[1] ?? '');
    return source === undefined ? null : { source, date: null };
  }
  if (/^(?:date|dated|published|updated|last updated|posted|posted on|time)\s*:/i.test(line)) return null;
  if (/^(?:by|written by|author|authors|reporter|reporting by|edited by)\s*:?\s+\p{Lu}/iu.test(line) && wordCount(line) <= 8) return null;
  return undefined;
}

/** "November 1, 2023 Posted by | Category | , , | 1 Comment": a blog footer that ends an article. */
export function parsePostedByFooter(line: string): { date: string | null } | null {
  const m = /^(.{0,60}?)\s*\bPosted (?:by|in)\b/i.exec(line);
  if (!m) return null;
  const lead = (m[1] ?? '').trim();
  // The footer starts with the date (or nothing); a sentence that merely says "posted by" is not one.
  const date = lead === '' ? null : findAbsoluteDate(lead);
  if (lead !== '' && (!date || date.index > 0)) return null;
  if (!line.includes('|') && line.length > 120) return null;
  return { date: date?.date ?? null };
}

/** "TEHRAN, Nov 1 (Reuters) –" or "(AFP) –" at the start of a body paragraph: the wire agency. */
export function datelineAgency(paragraph: string): string | null {
  const m = /^(?:[\p{Lu}][\p{L}\p{N} .,'’/-]{0,60})?\((?<src>[\p{Lu}][\p{L}\p{N} .&'-]{0,30})\)\s*[-–—:]/u.exec(paragraph);
  const src = m?.groups?.['src']?.trim();
  if (!src) return null;
  return outletName(src) ?? null;
}

/** Words that mark a line as describing a picture rather than telling the story. */
const CAPTION_CUE = /\b(?:photo|photograph|picture|image|handout|pictured|screenshot|screengrab|file photo|caption)s?\b/i;

/** What a header line that describes a picture tells: the credit at its end, if any. */
export interface Caption {
  readonly credit: string | null;
}

/**
 * A photo caption: it speaks of a picture and/or ends with a credit after its last sentence
 * ("… greets Hamas' political bureau chief Ismail Haniyeh in Doha. AFP", "… (Photo by Reuters)").
 */
export function parseCaption(line: string): Caption | null {
  const credit = captionCredit(line);
  if (credit !== null) return { credit };
  if (CAPTION_CUE.test(line) && !endsLikeSentence(line)) return { credit: null };
  return null;
}

function captionCredit(line: string): string | null {
  const paren = /\((?:photo|image|picture|credit)s?(?: by|:)\s*(?<c>[^)]{2,40})\)\s*$/i.exec(line);
  if (paren?.groups?.['c']) return creditName(paren.groups['c']);
  // A sentence, then a bare credit: "… in Doha. AFP", "… on Monday. Photo: IRNA", "… / Reuters".
  const tail = /(?:[.!?]["”’)]?\s+|\s+\/\s*)(?:(?:photo|image|picture|credit)s?\s*(?:by|:)\s*)?(?<c>[\p{Lu}][\p{L}&./ -]{1,40})$/iu.exec(
    line,
  );
  if (!tail?.groups?.['c']) return null;
  if (!CAPTION_CUE.test(line) && !/^[\p{Lu}\/ .&-]+$/u.test(tail.groups['c'])) return null;
  return creditName(tail.groups['c']);
}

/** "AFP/File" → "AFP", "Getty Images via AFP" → "AFP". */
function creditName(raw: string): string | null {
  let c = raw.trim();
  const via = /\bvia\s+(.+)$/i.exec(c);
  if (via?.[1]) c = via[1];
  c = (c.split('/')[0] ?? '').trim();
  return outletName(c) ?? null;
}

/** Names that report something but are not outlets ("officials reported", "he reported"). */
const NOT_OUTLET =
  /^(?:he|she|they|it|we|i|you|officials?|sources?|media|reports?|witnesses|residents|police|authorities|the (?:ministry|army|military|government|agency|media|newspaper|paper|outlet|report))$/i;

/**
 * Who the text credits for its reporting: "…, mehrnews reported." or "as reported by IRNA" in the
 * body. That is a source the article relies on, not its publisher, so it is recorded apart
 * (never as the outlet). Returns the most often credited name, or null.
 */
export function reportingCredit(paragraphs: readonly string[]): string | null {
  const counts = new Map<string, number>();
  const add = (raw: string | undefined): void => {
    const name = (raw ?? '').replace(/\s+news agency$/i, '').trim();
    if (name.length < 2 || name.length > 40 || wordCount(name) > 4 || NOT_OUTLET.test(name)) return;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const NAME = String.raw`((?:the\s+)?[\p{L}][\p{L}\p{N}&.'’-]*(?:\s+[\p{Lu}][\p{L}\p{N}&.'’-]*){0,3}(?:\s+news agency)?)`;
  const after = new RegExp(String.raw`,\s+${NAME}\s+reported[.,]`, 'gu');
  const by = new RegExp(String.raw`\b(?:as\s+)?reported\s+by\s+${NAME}[.,;]`, 'gu');
  for (const p of paragraphs) {
    if (!/reported/.test(p)) continue;
    for (const m of p.matchAll(after)) add(m[1]?.replace(/^the\s+/i, ''));
    for (const m of p.matchAll(by)) add(m[1]?.replace(/^the\s+/i, ''));
  }
  let best: string | null = null;
  let n = 0;
  for (const [name, c] of counts) if (c > n) [best, n] = [name, c];
  return best;
}
