/**
 * Near-duplicate detection (the same wire story carried by two outlets, lightly edited).
 *
 * Each text becomes a set of hashed 5-word shingles. Candidates are found through an inverted index of a
 * hash-sampled subset of shingles (every shingle whose hash is ≡ 0 mod 8, or all of them for short
 * texts), then verified exactly on the full shingle sets. Work is linear in the total text size, with
 * posting lists capped so a phrase shared by hundreds of articles cannot make it quadratic.
 */

/** Words per shingle: long enough that shared stock phrases rarely match, short enough to survive edits. */
const SHINGLE = 5;
/** Sample 1 in 8 shingles as index keys… */
const SAMPLE_MASK = 7;
/** …unless the text has fewer shingles than this, then every shingle is a key. */
const SMALL_TEXT = 64;
/** A key carried by more articles than this is stock text, not evidence of a shared story. */
const MAX_POSTINGS = 64;
/** Candidates verified per article, best first. */
const MAX_CANDIDATES = 32;
/** Duplicate when the shingle sets overlap this much (Jaccard)… */
const MIN_JACCARD = 0.5;
/** …or when the shorter text is this much contained in the longer one (a trimmed copy). */
const MIN_CONTAINMENT = 0.8;
/** Containment alone needs the shorter text to have at least this many shingles… */
const MIN_CONTAINED_SHINGLES = 20;
/** …and at least this share of the longer one's: an excerpt quoted inside a long page is not a copy. */
const MIN_LENGTH_RATIO = 0.4;

interface Sketch {
  /** Sorted, distinct shingle hashes. */
  readonly shingles: Uint32Array;
  readonly keys: Uint32Array;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_WORD = -1;
const MARK = -2;
/** Non-ASCII code unit → its folded lower-case base letter, NON_WORD, or MARK; memoised per code unit. */
const FOLD = new Map<number, number>();

/**
 * Folds one non-ASCII code unit ("É" → "e"). Per code unit with a cache, rather than normalising
 * whole texts: one curly quote used to send an entire article through NFKD.
 */
function foldUnit(c: number): number {
  let f = FOLD.get(c);
  if (f === undefined) {
    const ch = String.fromCharCode(c);
    if (/\p{M}/u.test(ch)) f = MARK;
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}+/gu, '');
      f = base !== '' && LETTER_OR_DIGIT.test(base[0]!) ? base.toLowerCase().charCodeAt(0) : NON_WORD;
    }
    FOLD.set(c, f);
  }
  return f;
}

/**
 * Hashes of the lower-cased words of `text` (runs of letters/digits), diacritics folded, so punctuation,
 * quote style and accents do not count as edits. Hand-rolled scan: this is the hot loop of ingestion.
 */
function wordHashes(text: string): Uint32Array {
  const s = text;
  const out = new Uint32Array(Math.ceil(s.length / 2) + 1);
  let n = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    let word: boolean;
    if (c < 128) {
      word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
      if (c >= 65 && c <= 90) c += 32;
    } else {
      const f = foldUnit(c);
      if (f === MARK) continue; // a combining accent neither ends nor changes a word
      word = f !== NON_WORD;
      if (word) c = f;
    }
    if (word) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      out[n++] = h >>> 0;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) out[n++] = h >>> 0;
  return out.subarray(0, n);
}

/** The sorted, distinct shingle hashes of a text: all that duplicate detection needs, and small enough to save. */
export function shinglesOf(text: string): Uint32Array {
  return sketch(text).shingles;
}

function fromShingles(shingles: Uint32Array): Sketch {
  return { shingles, keys: shingles.length < SMALL_TEXT ? shingles : shingles.filter((h) => (h & SAMPLE_MASK) === 0) };
}

function sketch(text: string): Sketch {
  const w = wordHashes(text);
  const count = w.length === 0 ? 0 : Math.max(1, w.length - SHINGLE + 1);
  const raw = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    const end = Math.min(i + SHINGLE, w.length);
    for (let j = i; j < end; j++) h = Math.imul(h ^ w[j]!, 0x01000193);
    raw[i] = fmix32(h);
  }
  raw.sort();
  let m = 0;
  for (let i = 0; i < raw.length; i++) if (i === 0 || raw[i] !== raw[m - 1]) raw[m++] = raw[i]!;
  return fromShingles(raw.slice(0, m));
}

/** |a ∩ b| for sorted arrays. */
function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** True when two shingle sets describe the same story. */
export function isNearDuplicate(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const inter = intersectionSize(a, b);
  const small = Math.min(a.length, b.length);
  if (inter / (a.length + b.length - inter) >= MIN_JACCARD) return true;
  const large = Math.max(a.length, b.length);
  return small >= MIN_CONTAINED_SHINGLES && small >= MIN_LENGTH_RATIO * large && inter / small >= MIN_CONTAINMENT;
}

/**
 * Near-duplicate articles (same wire story in two files): returns id → canonical id (canonical = first in
 * input order) for every non-canonical duplicate. Linear in the total text size.
 */
export function findNearDuplicates(articles: readonly { id: string; text: string }[]): Map<string, string> {
  return findNearDuplicateShingles(articles.map((a) => ({ id: a.id, shingles: shinglesOf(a.text) })));
}

/** {@link findNearDuplicates} over saved {@link shinglesOf} results, so unchanged files need not be re-read. */
export function findNearDuplicateShingles(articles: readonly { id: string; shingles: Uint32Array }[]): Map<string, string> {
  const sketches = articles.map((a) => fromShingles(a.shingles));
  const postings = new Map<number, number[]>();
  const canonicalOf: number[] = articles.map((_, i) => i);
  const out = new Map<string, string>();

  for (let j = 0; j < articles.length; j++) {
    const s = sketches[j]!;
    const shared = new Map<number, number>();
    for (const k of s.keys) {
      const list = postings.get(k);
      if (!list || list.length >= MAX_POSTINGS) continue;
      for (const i of list) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    const ranked = [...shared.entries()]
      .filter(([i, n]) => n >= Math.max(1, 0.2 * Math.min(s.keys.length, sketches[i]!.keys.length)))
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, MAX_CANDIDATES);
    let canonical = -1;
    for (const [i] of ranked) {
      if (articles[i]!.id === articles[j]!.id) continue;
      if (!isNearDuplicate(s.shingles, sketches[i]!.shingles)) continue;
      const c = canonicalOf[i]!;
      if (canonical < 0 || c < canonical) canonical = c;
    }
    if (canonical >= 0) {
      canonicalOf[j] = canonical;
      out.set(articles[j]!.id, articles[canonical]!.id);
    }
    for (const k of s.keys) {
      const list = postings.get(k);
      if (!list) postings.set(k, [j]);
      else if (list.length < MAX_POSTINGS) list.push(j); // a full list is skipped from now on
    }
  }
  return out;
}

/** Packs shingle sets as `[count, …hashes]` runs of little-endian uint32, for saving beside the index. */
export function encodeShingles(sets: readonly Uint32Array[]): Uint8Array {
  let total = 0;
  for (const s of sets) total += s.length + 1;
  const out = new Uint32Array(total);
  let at = 0;
  for (const s of sets) {
    out[at++] = s.length;
    out.set(s, at);
    at += s.length;
  }
  return new Uint8Array(out.buffer);
}

/** Inverse of {@link encodeShingles}; throws on a truncated buffer. */
export function decodeShingles(bytes: Uint8Array): Uint32Array[] {
  if (bytes.byteLength % 4 !== 0) throw new Error('shingle data is truncated');
  const all = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Uint32Array[] = [];
  for (let at = 0; at < all.length;) {
    const n = all[at++]!;
    if (at + n > all.length) throw new Error('shingle data is truncated');
    out.push(all.subarray(at, at + n));
    at += n;
  }
  return out;
}
