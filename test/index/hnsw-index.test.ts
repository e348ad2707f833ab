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

describe('GIVEN a graph updated incrementally (one file kept, one changed, one removed, one added)', () => {
  // Three "files" of the old generation, in chunk order: A (chunks 0–99), B (100–199), C (200–299).
  const a = randomUnitVectors(100, DIM, 11);
  const b = randomUnitVectors(100, DIM, 12);
  const c = randomUnitVectors(100, DIM, 13);
  // The new generation: A unchanged, B rewritten (80 chunks), C removed, D added (50 chunks).
  const b2 = randomUnitVectors(80, DIM, 14);
  const d = randomUnitVectors(50, DIM, 15);
  const next = [...a, ...b2, ...d];
  const incremental = HnswVectorIndex.build(DIM, [...a, ...b, ...c]);
  incremental.update(
    (old) => (old < 100 ? old : -1),
    [...b2, ...d].map((vector, i) => ({ chunkId: 100 + i, vector })),
    next.length,
  );
  const rebuilt = HnswVectorIndex.build(DIM, next);
  const queries = [...randomUnitVectors(30, DIM, 16), ...next.filter((_, i) => i % 7 === 0), ...b.slice(0, 10), ...c.slice(0, 10)];

  it('THEN it holds one live vector per new chunk and counts the deleted ones', () => {
    expect(incremental.size).toBe(230);
    expect(incremental.labelCount).toBe(430);
    expect(incremental.deletedShare).toBeCloseTo(200 / 430, 10);
  });

  it('THEN it returns the same neighbours, in the same order, as a graph rebuilt from scratch', () => {
    for (const q of queries) {
      const got = incremental.search(q, 10);
      const want = rebuilt.search(q, 10);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 5));
      // …which are the exact neighbours (brute force over the new chunks).
      const exact = next
        .map((v, id) => ({ id, score: cosine(q, v) }))
        .sort((x, y) => y.score - x.score)
        .slice(0, 10);
      expect(got.map((h) => h.id)).toEqual(exact.map((h) => h.id));
    }
  });

  it('THEN deleted points are never returned, even when the whole index is asked for', () => {
    for (const q of [...b.slice(0, 20), ...c.slice(0, 20)]) {
      const all = incremental.search(q, 10_000);
      expect(all).toHaveLength(230);
      expect(new Set(all.map((h) => h.id))).toEqual(new Set(next.map((_, i) => i)));
      // A deleted vector is not its own nearest neighbour any more: what comes back is a live chunk.
      expect(all[0]!.score).toBeLessThan(0.999);
      expect(all[0]!.score).toBeCloseTo(cosine(q, next[all[0]!.id]!), 5);
    }
  });

  it('THEN save and load keep the label table, so ids and results survive a restart', async () => {
    const path = join(dir, 'updated.hnsw');
    await incremental.save(path);
    const loaded = await HnswVectorIndex.load(path, DIM, 230);
    expect(loaded.deletedShare).toBeCloseTo(incremental.deletedShare, 10);
    for (const q of queries.slice(0, 10)) expect(loaded.search(q, 8)).toEqual(incremental.search(q, 8));
    await expect(HnswVectorIndex.load(path, DIM, 300)).rejects.toThrow(/holds 230 vectors, expected 300/);
    await truncate(`${path}.labels`, 100);
    await expect(HnswVectorIndex.load(path, DIM, 230)).rejects.toThrow(/labels/);
  });

  it('THEN a remap that loses or duplicates a chunk is refused', () => {
    const graph = HnswVectorIndex.build(DIM, a.slice(0, 10));
    expect(() => graph.update((old) => (old < 5 ? 0 : -1), [], 5)).toThrow(/mapped twice/);
    const other = HnswVectorIndex.build(DIM, a.slice(0, 10));
    expect(() => other.update((old) => (old < 5 ? old : -1), [], 6)).toThrow(/covers 5 of 6/);
  });
});
