/**
 * A compact, quantized word-vector table and its cache file: the offline semantic model.
 *
 * File layout (little-endian): `NQWV` · uint32 header length · JSON header · words (UTF-8,
 * newline-separated) · padding to 4 bytes · ranks (uint32 per word: frequency rank in the
 * source, 1 = most frequent) · scales (float32 per word) · norms (float32 per word: length of the
 * original vector) · vectors (int8, `dimension` per word). Vectors are the *unit* directions,
 * each quantized with its own scale (max |x| / 127), so a cosine is an int8 dot product times two
 * scales. The header's sha256 covers everything after the header, so a truncated or corrupted
 * cache is detected and rebuilt rather than trusted.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const MAGIC = 'NQWV';
/** Bumped whenever the layout changes; older caches are rebuilt. */
export const WORD_VECTORS_FORMAT = 1;

const headerSchema = z.object({
  format: z.literal(WORD_VECTORS_FORMAT),
  /** Identifies the vectors (source, version, conversion rules): the embedder's model id is built from it. */
  id: z.string().min(1),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  wordBytes: z.number().int().nonnegative(),
  /** What the cache was built from, to notice a changed source. */
  source: z.object({ bytes: z.number().int().nonnegative(), version: z.string() }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type WordVectorsHeader = z.infer<typeof headerSchema>;

/** A loaded table. Word `i` has rank `ranks[i]`, unit vector `vectors[i*d … i*d+d) × scales[i]` and length `norms[i]`. */
export interface WordVectors {
  readonly id: string;
  readonly dimension: number;
  readonly words: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly ranks: Uint32Array;
  readonly scales: Float32Array;
  readonly norms: Float32Array;
  readonly vectors: Int8Array;
  readonly source: WordVectorsHeader['source'];
}

/** Plain arrays to serialise (the converter fills these). */
export interface WordVectorsData {
  readonly id: string;
  readonly dimension: number;
  readonly words: readonly string[];
  readonly ranks: Uint32Array;
  readonly scales: Float32Array;
  readonly norms: Float32Array;
  readonly vectors: Int8Array;
  readonly source: WordVectorsHeader['source'];
}

/** Quantizes one unit vector into `out` at `offset`; returns its scale. */
export function quantizeInto(unit: ArrayLike<number>, out: Int8Array, offset: number): number {
  let max = 0;
  for (let i = 0; i < unit.length; i++) max = Math.max(max, Math.abs(unit[i]!));
  const scale = max > 0 ? max / 127 : 1;
  for (let i = 0; i < unit.length; i++) out[offset + i] = Math.round(unit[i]! / scale);
  return scale;
}

/** Serialises a table into the cache file format. */
export function encodeWordVectors(data: WordVectorsData): Buffer {
  const n = data.words.length;
  const d = data.dimension;
  if (data.ranks.length !== n || data.scales.length !== n || data.norms.length !== n || data.vectors.length !== n * d) {
    throw new Error('word vectors: array lengths do not match the word count');
  }
  if (data.words.some((w) => w.includes('\n') || w === '')) throw new Error('word vectors: words must be non-empty, without newlines');
  const words = Buffer.from(data.words.join('\n'), 'utf8');
  const pad = (4 - (words.length % 4)) % 4;
  const body = Buffer.concat([
    words,
    Buffer.alloc(pad),
    bytesOf(data.ranks),
    bytesOf(data.scales),
    bytesOf(data.norms),
    Buffer.from(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength),
  ]);
  const header: WordVectorsHeader = {
    format: WORD_VECTORS_FORMAT,
    id: data.id,
    dimension: d,
    count: n,
    wordBytes: words.length,
    source: data.source,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(json.length, 4);
  return Buffer.concat([prefix, json, body]);
}

function bytesOf(a: Uint32Array | Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Thrown when a cache file is not a valid table (the caller rebuilds it). */
export class WordVectorsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WordVectorsFormatError';
  }
}

/** Reads only the header (cheap: used to check a cache is current before loading it). */
export function decodeHeader(buf: Buffer): { header: WordVectorsHeader; bodyStart: number } {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) throw new WordVectorsFormatError('not a word-vector file');
  const len = buf.readUInt32LE(4);
  if (8 + len > buf.length) throw new WordVectorsFormatError('truncated header');
  let raw: unknown;
  try {
    raw = JSON.parse(buf.toString('utf8', 8, 8 + len));
  } catch {
    throw new WordVectorsFormatError('unreadable header');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new WordVectorsFormatError(`invalid header: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return { header: parsed.data, bodyStart: 8 + len };
}

/** Parses a cache file, verifying its checksum and sizes. */
export function decodeWordVectors(buf: Buffer): WordVectors {
  const { header, bodyStart } = decodeHeader(buf);
  const { count: n, dimension: d, wordBytes } = header;
  const pad = (4 - (wordBytes % 4)) % 4;
  const expected = wordBytes + pad + n * 12 + n * d;
  if (buf.length - bodyStart !== expected)
    throw new WordVectorsFormatError(`size mismatch (${buf.length - bodyStart} ≠ ${expected} bytes)`);
  const body = buf.subarray(bodyStart);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) throw new WordVectorsFormatError('checksum mismatch');
  const words = n === 0 ? [] : body.toString('utf8', 0, wordBytes).split('\n');
  if (words.length !== n) throw new WordVectorsFormatError('word count mismatch');
  // Copy into fresh aligned arrays: the Buffer may not be 4-byte aligned.
  let at = wordBytes + pad;
  const take = (bytes: number) => {
    const out = new Uint8Array(bytes);
    out.set(body.subarray(at, at + bytes));
    at += bytes;
    return out.buffer;
  };
  const ranks = new Uint32Array(take(n * 4));
  const scales = new Float32Array(take(n * 4));
  const norms = new Float32Array(take(n * 4));
  const vectors = new Int8Array(take(n * d));
  const indexOf = new Map<string, number>();
  words.forEach((w, i) => indexOf.set(w, i));
  return { id: header.id, dimension: d, words, indexOf, ranks, scales, norms, vectors, source: header.source };
}

/** Reads and parses a cache file. */
export async function readWordVectors(path: string): Promise<WordVectors> {
  return decodeWordVectors(await readFile(path));
}

/** Cosine similarity of words `i` and `j` (both unit vectors, so a scaled int8 dot product). */
export function wordCosine(v: WordVectors, i: number, j: number): number {
  const d = v.dimension;
  const a = i * d;
  const b = j * d;
  let dot = 0;
  for (let k = 0; k < d; k++) dot += v.vectors[a + k]! * v.vectors[b + k]!;
  return dot * v.scales[i]! * v.scales[j]!;
}
