/**
 * Near-duplicate detection (the same wire story carried by two outlets, lightly edited).
 *
 * Each text becomes a set of hashed 5-word shingles, kept as a {@link Sketch}: a 1-in-8 hash sample
 * (for verification) and the 16 smallest hashes (bottom-k MinHash, for candidates). Candidates are the
 * articles sharing two of those smallest hashes, found through an inverted index, then verified on the samples.
 * Memory is a few hundred bytes per article whatever its length; work is linear in the total text
 * size, with posting lists capped so a phrase shared by hundreds of articles cannot make it quadratic.
 */

/** Words per shingle: long enough that shared stock phrases rarely match, short enough to survive edits. */
const SHINGLE = 5;
/** Sample 1 in 8 shingles as index keys… */
const SAMPLE_MASK = 7;
/** …unless the text has fewer shingles than this, then every shingle is kept. */
const SMALL_TEXT = 64;
/**
 * Smallest shingle hashes kept per text as candidate keys; a candidate must share two of them
 * (one is chance). Two texts sharing half their shingles share two with probability 1 − 17·2⁻¹⁶; a
 * trimmed copy at the containment limits (80% contained, 40% of the length) with probability 0.98.
 */
const MIN_KEYS = 16;
/** A key carried by more articles than this is stock text, not evidence of a shared story. */
const MAX_POSTINGS = 64;
/** Candidates verified per article, most shared smallest hashes first. */
const MAX_CANDIDATES = 32;
/** Duplicate when the shingle sets overlap this much (Jaccard)… */
const MIN_JACCARD = 0.5;
/** …or when the shorter text is this much contained in the longer one (a trimmed copy). */
const MIN_CONTAINMENT = 0.8;
/** Containment alone needs the shorter text to have at least this many shingles… */
const MIN_CONTAINED_SHINGLES = 20;
/** …and at least this share of the longer one's: an excerpt quoted inside a long page is not a copy. */
const MIN_LENGTH_RATIO = 0.4;

/**
 * What duplicate detection keeps of a text: its number of distinct shingles, a sample of them
 * (all of them for a short text; those whose hash is ≡ 0 mod 8 otherwise) and its smallest
 * hashes (the candidate keys). Mod-k sampling keeps
 * Jaccard and containment estimable (Broder 1997) at an eighth of the memory, so a large import
 * does not hold every shingle of the corpus.
 */
export interface Sketch {
  readonly total: number;
  /** Sorted, distinct sampled shingle hashes. */
  readonly keys: Uint32Array;
  /** The {@link MIN_KEYS} smallest shingle hashes of the whole set, sorted: the candidate keys. */
  readonly min: Uint32Array;
}

/** Whether a sketch holds a sample rather than every shingle. */
const isSampled = (s: Sketch): boolean => s.total >= SMALL_TEXT;
const sampleOf = (keys: Uint32Array): Uint32Array => keys.filter((h) => (h & SAMPLE_MASK) === 0);

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

/** The sketch of a text: all that duplicate detection needs, and small enough to keep and save. */
export function sketchOf(text: string): Sketch {
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
  const shingles = raw.subarray(0, m);
  if (m < SMALL_TEXT) {
    const keys = shingles.slice();
    return { total: m, keys, min: keys.subarray(0, MIN_KEYS) };
  }
  return { total: m, keys: sampleOf(shingles), min: shingles.slice(0, MIN_KEYS) };
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

/**
 * True when two texts describe the same story. Two short texts compare their full shingle sets;
 * otherwise both are compared on the same mod-8 sample, and sizes come from the full counts.
 */
export function isNearDuplicate(a: Sketch, b: Sketch): boolean {
  if (a.total === 0 || b.total === 0) return false;
  const sampled = isSampled(a) || isSampled(b);
  const x = sampled && !isSampled(a) ? sampleOf(a.keys) : a.keys;
  const y = sampled && !isSampled(b) ? sampleOf(b.keys) : b.keys;
  if (x.length === 0 || y.length === 0) return false;
  const inter = intersectionSize(x, y);
  if (inter / (x.length + y.length - inter) >= MIN_JACCARD) return true;
  const small = Math.min(a.total, b.total);
  const large = Math.max(a.total, b.total);
  return small >= MIN_CONTAINED_SHINGLES && small >= MIN_LENGTH_RATIO * large && inter / Math.min(x.length, y.length) >= MIN_CONTAINMENT;
}

/**
 * Near-duplicate articles (same wire story in two files): returns id → canonical id (canonical = first in
 * input order) for every non-canonical duplicate. Linear in the total text size.
 */
export function findNearDuplicates(articles: readonly { id: string; text: string }[]): Map<string, string> {
  return findNearDuplicateSketches(articles.map((a) => ({ id: a.id, sketch: sketchOf(a.text) })));
}

/** {@link findNearDuplicates} over saved {@link sketchOf} results, so unchanged files need not be re-read. */
export function findNearDuplicateSketches(articles: readonly { id: string; sketch: Sketch }[]): Map<string, string> {
  const sketches = articles.map((a) => a.sketch);
  // Most keys belong to one article: store that article's index directly, an array only once shared.
  // Sharded by the top hash bits: one Map holds at most 2²⁴ entries, a million articles' keys.
  const shards = Array.from({ length: 16 }, () => new Map<number, number | number[]>());
  const postings = (k: number) => shards[k >>> 28]!;
  const canonicalOf: number[] = articles.map((_, i) => i);
  const out = new Map<string, string>();

  // Shared-key counts per earlier article, reset after each article: typed, because this is the hot loop.
  const counts = new Uint16Array(articles.length);
  const touched: number[] = [];
  const count = (i: number) => {
    if (counts[i]!++ === 0) touched.push(i);
  };

  for (let j = 0; j < articles.length; j++) {
    const s = sketches[j]!;
    for (const k of s.min) {
      const list = postings(k).get(k);
      if (list === undefined) continue;
      if (typeof list === 'number') count(list);
      else if (list.length < MAX_POSTINGS) for (const i of list) count(i);
    }
    // One shared smallest hash is chance for long texts; a copy shares several (see MIN_KEYS).
    const need = Math.min(2, s.min.length);
    const ranked = touched
      .filter((i) => counts[i]! >= Math.min(need, sketches[i]!.min.length))
      .sort((x, y) => counts[y]! - counts[x]! || x - y)
      .slice(0, MAX_CANDIDATES);
    for (const i of touched) counts[i] = 0;
    touched.length = 0;
    let canonical = -1;
    for (const i of ranked) {
      if (articles[i]!.id === articles[j]!.id) continue;
      if (!isNearDuplicate(s, sketches[i]!)) continue;
      const c = canonicalOf[i]!;
      if (canonical < 0 || c < canonical) canonical = c;
    }
    if (canonical >= 0) {
      canonicalOf[j] = canonical;
      out.set(articles[j]!.id, articles[canonical]!.id);
    }
    for (const k of s.min) {
      const shard = postings(k);
      const list = shard.get(k);
      if (list === undefined) shard.set(k, j);
      else if (typeof list === 'number') shard.set(k, [list, j]);
      else if (list.length < MAX_POSTINGS) list.push(j); // a full list is skipped from now on
    }
  }
  return out;
}

/** Packs sketches as `[total, count, …keys, minCount, …min]` runs of little-endian uint32, for saving beside the index. */
export function encodeSketches(sketches: readonly Sketch[]): Uint8Array {
  let size = 0;
  for (const s of sketches) size += s.keys.length + s.min.length + 3;
  const out = new Uint32Array(size);
  let at = 0;
  for (const s of sketches) {
    out[at++] = s.total;
    out[at++] = s.keys.length;
    out.set(s.keys, at);
    at += s.keys.length;
    out[at++] = s.min.length;
    out.set(s.min, at);
    at += s.min.length;
  }
  return new Uint8Array(out.buffer);
}

/** Inverse of {@link encodeSketches}; throws on a truncated buffer. */
export function decodeSketches(bytes: Uint8Array): Sketch[] {
  if (bytes.byteLength % 4 !== 0) throw new Error('sketch data is truncated');
  const all = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Sketch[] = [];
  for (let at = 0; at < all.length;) {
    const total = all[at++]!;
    const n = all[at++];
    if (n === undefined || at + n >= all.length) throw new Error('sketch data is truncated');
    const keys = all.subarray(at, at + n);
    at += n;
    const k = all[at++]!;
    if (at + k > all.length) throw new Error('sketch data is truncated');
    out.push({ total, keys, min: all.subarray(at, at + k) });
    at += k;
  }
  return out;
}
