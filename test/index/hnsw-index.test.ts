import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HnswVectorIndex } from '../../src/index/hnsw-index.js';

function randomUnitVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let s = seed;
  const next = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dimension }, next);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}
const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

let dir: string;
const DIM = 24;
const vectors = randomUnitVectors(300, DIM, 7);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hnsw-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('GIVEN an index built from unit vectors', () => {
  const index = HnswVectorIndex.build(DIM, vectors);

  it('THEN it reports its dimension and size', () => {
    expect(index.dimension).toBe(DIM);
    expect(index.size).toBe(300);
  });

  it('THEN the nearest neighbour of each vector is itself with cosine 1', () => {
    for (const [id, v] of vectors.entries()) {
      const [top] = index.search(v, 1);
      expect(top!.id).toBe(id);
      expect(top!.score).toBeCloseTo(1, 5);
    }
  });

  it('THEN scores are cosine similarities, best first, matching brute force', () => {
    const query = randomUnitVectors(1, DIM, 99)[0]!;
    const hits = index.search(query, 10);
    const exact = vectors
      .map((v, id) => ({ id, score: cosine(query, v) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    expect(hits.map((h) => h.id)).toEqual(exact.map((h) => h.id));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(exact[i]!.score, 5));
  });

  it('THEN k larger than the index is clamped and k ≤ 0 gives nothing', () => {
    expect(index.search(vectors[0]!, 10_000)).toHaveLength(300);
    expect(index.search(vectors[0]!, 0)).toEqual([]);
  });

  it('THEN a query of the wrong dimension is rejected', () => {
    expect(() => index.search(new Float32Array(3), 1)).toThrow(/dimensions/);
  });

  it('THEN save and load round-trip to identical results', async () => {
    const path = join(dir, 'vectors.hnsw');
    await index.save(path);
    const loaded = await HnswVectorIndex.load(path, DIM, 300);
    expect(loaded.size).toBe(300);
    const query = vectors[42]!;
    expect(loaded.search(query, 5)).toEqual(index.search(query, 5));
  });

  it('THEN loading with a different expected size or dimension throws a clear error', async () => {
    const path = join(dir, 'check.hnsw');
    await index.save(path);
    await expect(HnswVectorIndex.load(path, DIM, 299)).rejects.toThrow(/holds 300 vectors, expected 299/);
    await expect(HnswVectorIndex.load(path, 384, 300)).rejects.toThrow(/holds 24-dimensional vectors, expected 384/);
  });

  it('THEN a truncated or garbage file is reported as corrupt', async () => {
    const path = join(dir, 'broken.hnsw');
    await index.save(path);
    await truncate(path, 5000);
    await expect(HnswVectorIndex.load(path, DIM, 300)).rejects.toThrow(/corrupt/);
    await writeFile(path, 'not an index at all, but long enough to hold a header of ninety-six bytes.........................');
    await expect(HnswVectorIndex.load(path, DIM, 300)).rejects.toThrow(/corrupt/);
    await expect(HnswVectorIndex.load(join(dir, 'missing.hnsw'), DIM, 300)).rejects.toThrow(/missing\.hnsw/);
  });
});

describe('GIVEN an empty index', () => {
  it('THEN search gives [] and it survives save and load', async () => {
    const empty = HnswVectorIndex.build(8, []);
    expect(empty.size).toBe(0);
    expect(empty.search(new Float32Array(8), 5)).toEqual([]);
    const path = join(dir, 'empty.hnsw');
    await empty.save(path);
    const loaded = await HnswVectorIndex.load(path, 8, 0);
    expect(loaded.search(new Float32Array(8).fill(1), 3)).toEqual([]);
  });
});

describe('GIVEN a vector of the wrong dimension at build time', () => {
  it('THEN build throws', () => {
    expect(() => HnswVectorIndex.build(4, [new Float32Array(4), new Float32Array(3)])).toThrow(/vector 1 has 3 dimensions/);
  });
});
