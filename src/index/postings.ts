/**
 * BM25 postings as flat typed arrays, and their binary file format, so a saved index loads its
 * lexical index without tokenizing a single chunk. Ingestion writes one postings file per record
 * part (`files/<key>[.<n>].post`, chunk ids local to the part) and merges them, with the previous
 * generation's merged postings for unchanged files, into one `lexical.post` per generation.
 *
 * File layout (little-endian): magic "NQBP", format version, term count T, document count D,
 * posting count P, vocabulary byte length V (all uint32); the vocabulary (UTF-8 terms joined by
 * "\n", padded to 4 bytes); offsets uint32[T+1] (term i's postings are [offsets[i], offsets[i+1]));
 * ids int32[P] (ascending within a term); document lengths float32[D]; term frequencies uint16[P].
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Postings of a set of documents: what {@link Bm25Index} needs, nothing re-derived on load. */
export interface PostingsData {
  readonly terms: readonly string[];
  readonly offsets: Uint32Array;
  readonly ids: Int32Array;
  readonly tfs: Uint16Array;
  /** Terms per document (chunk), indexed by document id. */
  readonly lengths: Float32Array;
}

/** The merged postings file of a generation (in its directory, beside `files/`). */
export const LEXICAL_FILE = 'lexical.post';

/** Reads and checks a generation's merged postings; throws a plain Error saying what is wrong. */
export async function readLexicalPostings(genDir: string, chunks: number): Promise<PostingsData> {
  const data = decodePostings(await readFile(join(genDir, LEXICAL_FILE)));
  if (data.lengths.length !== chunks) throw new Error(`${LEXICAL_FILE} covers ${data.lengths.length} chunks, expected ${chunks}`);
  return data;
}

const MAGIC = 0x5042514e; // "NQBP"
const FORMAT_VERSION = 1;
const HEADER_BYTES = 24;

/**
 * Postings of already tokenised documents; document `i` gets id `i`. `extra[i]` are terms the
 * document also holds, once each, without counting toward its length (acronyms a passage spells
 * out: a passage full of names must not read as a longer one).
 */
export function postingsFromTerms(docs: readonly (readonly string[])[], extra?: readonly (readonly string[])[]): PostingsData {
  const lists = new Map<string, number[]>(); // interleaved id, tf
  const lengths = new Float32Array(docs.length);
  const counts = new Map<string, number>();
  docs.forEach((doc, id) => {
    lengths[id] = doc.length;
    counts.clear();
    for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const t of extra?.[id] ?? []) if (!counts.has(t)) counts.set(t, 1);
    for (const [t, c] of counts) {
      let l = lists.get(t);
      if (!l) lists.set(t, (l = []));
      l.push(id, Math.min(c, 65535));
    }
  });
  const terms = [...lists.keys()];
  const offsets = new Uint32Array(terms.length + 1);
  let total = 0;
  terms.forEach((t, i) => {
    offsets[i] = total;
    total += lists.get(t)!.length / 2;
  });
  offsets[terms.length] = total;
  const ids = new Int32Array(total);
  const tfs = new Uint16Array(total);
  terms.forEach((t, i) => {
    const l = lists.get(t)!;
    for (let j = 0, at = offsets[i]!; j < l.length; j += 2, at++) {
      ids[at] = l[j]!;
      tfs[at] = l[j + 1]!;
    }
  });
  return { terms, offsets, ids, tfs, lengths };
}

/** The binary form of `p` (see the module comment). */
export function encodePostings(p: PostingsData): Uint8Array {
  const vocab = Buffer.from(p.terms.join('\n'), 'utf8');
  const vocabPadded = Math.ceil(vocab.length / 4) * 4;
  const T = p.terms.length;
  const P = p.ids.length;
  const D = p.lengths.length;
  const size = HEADER_BYTES + vocabPadded + 4 * (T + 1) + 4 * P + 4 * D + 2 * P;
  const out = Buffer.alloc(size);
  let at = 0;
  for (const v of [MAGIC, FORMAT_VERSION, T, D, P, vocab.length]) {
    out.writeUInt32LE(v, at);
    at += 4;
  }
  vocab.copy(out, at);
  at += vocabPadded;
  const put = (a: ArrayBufferView) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  };
  put(p.offsets);
  put(p.ids);
  put(p.lengths);
  put(p.tfs);
  return out;
}

/** Parses a postings file; throws a plain Error saying what is wrong when it is not one or is cut short. */
export function decodePostings(bytes: Uint8Array): PostingsData {
  if (bytes.length < HEADER_BYTES) throw new Error('postings file is shorter than its header');
  // Copy into a fresh, aligned buffer: typed array views need 4-byte alignment.
  const buf = new ArrayBuffer(bytes.length);
  new Uint8Array(buf).set(bytes);
  const head = new DataView(buf, 0, HEADER_BYTES);
  const u32 = (i: number) => head.getUint32(i * 4, true);
  if (u32(0) !== MAGIC) throw new Error('not a postings file');
  if (u32(1) !== FORMAT_VERSION) throw new Error(`postings format ${u32(1)}, this version reads ${FORMAT_VERSION}`);
  const [T, D, P, V] = [u32(2), u32(3), u32(4), u32(5)];
  const vocabPadded = Math.ceil(V / 4) * 4;
  const size = HEADER_BYTES + vocabPadded + 4 * (T + 1) + 4 * P + 4 * D + 2 * P;
  if (bytes.length !== size) throw new Error(`postings file is ${bytes.length} bytes, its header says ${size}`);
  const vocab = Buffer.from(buf, HEADER_BYTES, V).toString('utf8');
  const terms = T === 0 ? [] : vocab.split('\n');
  if (terms.length !== T) throw new Error(`postings vocabulary holds ${terms.length} terms, its header says ${T}`);
  let at = HEADER_BYTES + vocabPadded;
  const offsets = new Uint32Array(buf, at, T + 1);
  at += 4 * (T + 1);
  const ids = new Int32Array(buf, at, P);
  at += 4 * P;
  const lengths = new Float32Array(buf, at, D);
  at += 4 * D;
  const tfs = new Uint16Array(buf, at, P);
  if (offsets[T] !== P || (T > 0 && offsets[0] !== 0)) throw new Error('postings offsets do not match the posting count');
  return { terms, offsets, ids, tfs, lengths };
}

/**
 * One input of {@link mergePostings}: a postings set and where its documents go in the merged
 * one (`map(local) → global id`, or −1 to drop the document). Mapped ids must be ascending in
 * local order within a source (true for the contiguous ranges of one generation's files).
 */
export interface PostingsSource {
  readonly data: PostingsData;
  readonly map: (local: number) => number;
  /** Only the documents [from, to) of `data` (default: all); the others are dropped. */
  readonly from?: number;
  readonly to?: number;
}

/** The first position in ids[lo, hi) (ascending) holding an id ≥ `x`. */
function lowerBound(ids: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges sources into postings over `documents` global ids. Every global id must be covered by
 * exactly one kept document (throws otherwise). Two passes: document frequencies, then copies;
 * a term whose entries arrive out of id order (e.g. a changed file between unchanged ones) is
 * sorted by id afterwards.
 */
export function mergePostings(sources: readonly PostingsSource[], documents: number): PostingsData {
  const lengths = new Float32Array(documents);
  const covered = new Uint8Array(documents);
  const maps: Int32Array[] = sources.map(({ data, map, from = 0, to = data.lengths.length }) => {
    const m = new Int32Array(data.lengths.length).fill(-1);
    for (let local = from; local < to; local++) {
      const g = map(local);
      m[local] = g;
      if (g < 0) continue;
      if (g >= documents || covered[g]) throw new Error(`internal: document ${g} merged twice or out of range`);
      covered[g] = 1;
      lengths[g] = data.lengths[local]!;
    }
    return m;
  });
  if (covered.some((c) => c === 0)) throw new Error(`internal: merged postings miss document ${covered.indexOf(0)}`);

  const termIndex = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  // Within a term, ids ascend: a source limited to [from, to) reads only its slice of each list.
  const slice = (data: PostingsData, i: number, from: number | undefined, to: number | undefined): [number, number] => {
    const lo = data.offsets[i]!;
    const hi = data.offsets[i + 1]!;
    if (from === undefined && to === undefined) return [lo, hi];
    const a = from === undefined ? lo : lowerBound(data.ids, lo, hi, from);
    return [a, to === undefined ? hi : lowerBound(data.ids, a, hi, to)];
  };
  sources.forEach(({ data, from, to }, s) => {
    const m = maps[s]!;
    data.terms.forEach((t, i) => {
      let n = 0;
      const [lo, hi] = slice(data, i, from, to);
      for (let j = lo; j < hi; j++) if (m[data.ids[j]!]! >= 0) n++;
      if (n === 0) return;
      let ti = termIndex.get(t);
      if (ti === undefined) {
        termIndex.set(t, (ti = terms.length));
        terms.push(t);
        df.push(0);
      }
      df[ti]! += n;
    });
  });
  const offsets = new Uint32Array(terms.length + 1);
  let total = 0;
  for (let i = 0; i < terms.length; i++) {
    offsets[i] = total;
    total += df[i]!;
  }
  offsets[terms.length] = total;
  const ids = new Int32Array(total);
  const tfs = new Uint16Array(total);
  const cursor = offsets.slice(0, terms.length);
  const unsorted = new Uint8Array(terms.length);
  sources.forEach(({ data, from, to }, s) => {
    const m = maps[s]!;
    data.terms.forEach((t, i) => {
      const ti = termIndex.get(t);
      if (ti === undefined) return;
      let at = cursor[ti]!;
      const [lo, hi] = slice(data, i, from, to);
      for (let j = lo; j < hi; j++) {
        const g = m[data.ids[j]!]!;
        if (g < 0) continue;
        if (at > offsets[ti]! && ids[at - 1]! > g) unsorted[ti] = 1;
        ids[at] = g;
        tfs[at] = data.tfs[j]!;
        at++;
      }
      cursor[ti] = at;
    });
  });
  for (let ti = 0; ti < terms.length; ti++) if (unsorted[ti]) sortRange(ids, tfs, offsets[ti]!, offsets[ti + 1]!);
  return { terms, offsets, ids, tfs, lengths };
}

/** Sorts ids[from, to) ascending, carrying tfs along. */
function sortRange(ids: Int32Array, tfs: Uint16Array, from: number, to: number): void {
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => ids[a]! - ids[b]!);
  const sortedIds = order.map((i) => ids[i]!);
  const sortedTfs = order.map((i) => tfs[i]!);
  ids.set(sortedIds, from);
  tfs.set(sortedTfs, from);
}
