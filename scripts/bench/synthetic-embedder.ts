/**
 * A stand-in embedder for benchmarks: each text gets a seeded random unit vector (seed = a hash of
 * the text), so the same chunk always has the same vector and an unchanged file re-embeds to the
 * same vectors. HNSW cost depends on count and dimension, not on meaning; embedding 100k chunks
 * with the real model would take 30–70 minutes on this CPU.
 */
import type { Embedder } from '../../src/embed/types.js';
import { createRng } from './prng.js';

/** all-MiniLM-L6-v2's dimension, so the graph has the real model's size. */
export const SYNTHETIC_DIMENSION = 384;
/** The ingest worker's `modelDir` value asking for this embedder. */
export const SYNTHETIC = 'synthetic';
/** The ingest worker's `modelDir` value asking for the offline word-vector model (scripts/bench/static-model.ts). */
export const STATIC = 'static';
export const SYNTHETIC_MODEL_ID = `bench/synthetic-random-${SYNTHETIC_DIMENSION}`;

export class SyntheticEmbedder implements Embedder {
  readonly modelId = SYNTHETIC_MODEL_ID;
  readonly dimension = SYNTHETIC_DIMENSION;

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => randomUnitVector(hash(t), this.dimension));
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A seeded random unit vector. */
export function randomUnitVector(seed: number, dimension: number): Float32Array {
  const rng = createRng(seed);
  const v = new Float32Array(dimension);
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += (v[i] = rng.next() - 0.5) ** 2;
  const s = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimension; i++) v[i]! *= s;
  return v;
}
