/**
 * Text primitives shared by ingestion, retrieval and quoting: sentence and paragraph spans,
 * lexical tokens. Pure functions only.
 */
import { stemmer } from 'stemmer';
import { DEMONYMS } from './demonyms.js';
import type { Span } from './types.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations after which ICU's sentence break is wrong in news text ("Mr. Fidan", "U.S. officials"). */
const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|Inc|Ltd|Co|Corp|No|Vol|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b(?:[A-Z]\.){1,3})\s*$/;

/**
 * Longest text handed to `Intl.Segmenter` at once. ICU's sentence segmentation is superlinear in
 * V8 (one 632k-character paragraph took 5.7 s, issue 13), so long paragraphs are segmented in
 * windows of this size: a 4k window segments in well under a millisecond, and no news sentence
 * comes close to it.
 */
export const SEGMENT_WINDOW = 4096;

/**
 * Splits `text` into sentence spans with exact offsets. Spans never include the surrounding
 * whitespace, never cross a paragraph break (blank line), and together cover every
 * non-whitespace character of `text` exactly once. Work is linear in the length of `text`:
 * the segmenter never sees more than `window` characters.
 */
export function sentenceSpans(text: string, window: number = SEGMENT_WINDOW): Span[] {
  const out: Span[] = [];
  for (const p of paragraphSpans(text)) {
    let pending: Span | null = null;
    for (const seg of windowedSegments(text, p.start, p.end, window)) {
      const trimmed = trimSpan(text, seg.start, seg.end);
      if (!trimmed) continue;
      // Only the ends matter to shouldJoin: bounded slices keep a run of joined sentences linear.
      if (
        pending &&
        shouldJoin(text.slice(Math.max(pending.start, pending.end - 64), pending.end), text.slice(trimmed.start, trimmed.start + 64))
      ) {
        pending = { start: pending.start, end: trimmed.end };
      } else {
        if (pending) out.push(pending);
        pending = trimmed;
      }
    }
    if (pending) out.push(pending);
  }
  return out;
}

const LETTER = /\p{L}/u;

/**
 * ICU's sentence segments of `text[start, end)`, found window by window. A window's last segment
 * may be cut short by the window's end, so it is segmented again at the start of the next window;
 * so is a last segment without a letter (ICU decides a break by looking ahead to the next letter).
 * A sentence longer than a whole window is cut at the window's last space.
 */
function* windowedSegments(text: string, start: number, end: number, window: number): Generator<Span> {
  let from = start;
  while (from < end) {
    const to = Math.min(end, from + window);
    const segs: Span[] = [];
    for (const seg of segmenter.segment(text.slice(from, to)))
      segs.push({ start: from + seg.index, end: from + seg.index + seg.segment.length });
    if (to === end) {
      yield* segs;
      return;
    }
    let keep = segs.length - 1;
    while (keep > 0 && !LETTER.test(text.slice(segs[keep]!.start, to))) keep--;
    if (keep > 0) {
      for (let i = 0; i < keep; i++) yield segs[i]!;
      from = segs[keep]!.start;
    } else {
      // No break in a whole window: cut at its last space (or hard at its end), past the middle.
      const space = text.lastIndexOf(' ', to - 1);
      const cut = space > from + window / 2 ? space + 1 : to;
      yield { start: from, end: cut };
      from = cut;
    }
  }
}

function shouldJoin(prev: string, next: string): boolean {
  // "U.S. officials said" is one sentence; "…in the U.S. The next day" is two, but a
  // lower-case continuation is the reliable signal that ICU broke too early.
  if (ABBREVIATION.test(prev) && /^[a-z0-9(“"']/.test(next)) return true;
  if (/\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Gov|Rep|St)\.\s*$/.test(prev)) return true;
  // A middle initial between capitalised names: "John C. Messenger", "Nicholas E. Golovin".
  if (/\b\p{Lu}\p{Ll}+ \p{Lu}\.\s*$/u.test(prev) && /^\p{Lu}\p{Ll}+\b/u.test(next)) return true;
  return false;
}

/** Paragraph spans: runs of text separated by one or more blank lines, trimmed. */
export function paragraphSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /\n[ \t]*\n/g;
  let from = 0;
  for (;;) {
    const m = re.exec(text);
    const to = m ? m.index : text.length;
    const s = trimSpan(text, from, to);
    if (s) out.push(s);
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** Words that carry no topic on their own. Kept short: question words matter for type matching elsewhere. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his how i if in into is it its itself me my no nor not of on or our ours she should so than that the their theirs them then there these they this those to too was we were what when where which while who whom why will with would you your yours ' +
    'about after again against all am any because before below between both during each few further here just more most other own same some such through under until up very over once only off out down s t don now also'
  ).split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Normalises for matching: NFKC, lower case, curly quotes and dashes folded, diacritics removed. */
export function normalizeForMatch(s: string): string {
  // Plain ASCII needs only lower-casing; the Unicode passes are the expensive part.
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase().replace(/`/g, "'");
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
}

/**
 * Lexical terms of a text: normalised, stop words dropped, Porter-stemmed. Numbers keep their
 * digits with separators removed so "8,610" matches "8610".
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  const norm = normalizeForMatch(text).replace(/(\d)[,.](?=\d{3}\b)/g, '$1');
  for (const m of norm.matchAll(WORD)) {
    const t = termOf(m[0]);
    if (t !== null) out.push(t);
  }
  return out;
}

/**
 * Word → term (null for stop words), memoised: news vocabularies are Zipfian, so a bounded cache
 * of recent words saves most stemmer calls when indexing or scoring many sentences.
 */
const TERM_CACHE = new Map<string, string | null>();
const TERM_CACHE_MAX = 200_000;

function termOf(word: string): string | null {
  const cached = TERM_CACHE.get(word);
  if (cached !== undefined) return cached;
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  let term: string | null;
  if (w.length === 0 || STOPWORDS.has(w)) term = null;
  else {
    const base = DEMONYMS.get(w) ?? w;
    term = /^\d/.test(base) ? base : stemmer(base);
  }
  if (TERM_CACHE.size >= TERM_CACHE_MAX) TERM_CACHE.clear();
  TERM_CACHE.set(word, term);
  return term;
}

/** Raw lower-cased word tokens (no stemming, stop words kept), for proximity and phrase checks. */
export function words(text: string): string[] {
  return Array.from(normalizeForMatch(text).matchAll(WORD), (m) => m[0]);
}
