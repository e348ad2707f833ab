import { terms } from '../../src/core/text.js';
import type { Embedder } from '../../src/embed/types.js';

/**
 * Deterministic bag-of-words embedder: each term hashes to one of `dimension` buckets, the
 * vector is L2-normalised. Texts sharing terms are close, so dense retrieval is testable.
 * Counts every text it embeds, and can be told to fail or stall after N texts.
 */
export class FakeEmbedder implements Embedder {
  embedded = 0;
  constructor(
    readonly dimension = 64,
    readonly modelId = 'fake/bag-of-words',
    private readonly behaviour: { failAfter?: number; stallAfter?: number; onStall?: () => void } = {},
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const t of texts) {
      if (this.behaviour.failAfter !== undefined && this.embedded >= this.behaviour.failAfter) {
        throw new Error('fake embedder failure');
      }
      if (this.behaviour.stallAfter !== undefined && this.embedded >= this.behaviour.stallAfter) {
        this.behaviour.onStall?.();
        // Never resolves (a timer keeps the process alive): the test kills the process here.
        await new Promise(() => setInterval(() => {}, 60_000));
      }
      out.push(vectorOf(t, this.dimension));
      this.embedded++;
    }
    return out;
  }
}

/** The fake embedding of one text. */
export function vectorOf(text: string, dimension: number): Float32Array {
  const v = new Float32Array(dimension);
  for (const term of terms(text)) {
    let h = 2166136261;
    for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 16777619);
    v[(h >>> 0) % dimension]! += 1;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}
