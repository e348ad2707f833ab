import { describe, expect, it } from 'vitest';
import { chunkText, retrieve } from '../../src/answer/retrieve.js';
import type { Embedder } from '../../src/embed/types.js';
import { BruteVectors, FixedVectors, HashEmbedder, article, hashVector, indexOf } from './helpers.js';

const articles = [
  article('a', 'Harbour news', 'The ferry to the island leaves at noon every day.'),
  article('b', 'Mountain news', 'Climbers reached the summit of the mountain after a storm.'),
  article('c', 'Island life', 'Fishermen on the island repaired their boats in the harbour.'),
];

describe('retrieve', () => {
  it('GIVEN no vectors THEN retrieval is lexical (BM25) only', async () => {
    const index = indexOf(articles);
    const hits = await retrieve({ index, embedder: new HashEmbedder() }, 'summit storm', 3);
    expect(hits.map((h) => index.chunks[h.chunkId]!.articleId)).toEqual(['b']);
  });

  it('GIVEN vectors but no embedder THEN retrieval is lexical only', async () => {
    const index = indexOf(articles, { vectors: new FixedVectors(32, 3, [{ id: 2, score: 1 }]) });
    const hits = await retrieve({ index, embedder: null }, 'summit storm', 3);
    expect(hits.map((h) => index.chunks[h.chunkId]!.articleId)).toEqual(['b']);
  });

  it('GIVEN a dense hit the lexical search cannot find THEN fusion adds it', async () => {
    // The fake vector index always returns chunk of article c: nothing lexical matches it.
    const base = indexOf(articles);
    const cId = base.chunks.findIndex((c) => c.articleId === 'c');
    const index = indexOf(articles, { vectors: new FixedVectors(32, base.chunks.length, [{ id: cId, score: 0.9 }]) });
    const embedder = new HashEmbedder();
    const hits = await retrieve({ index, embedder }, 'summit storm', 3);
    expect(embedder.calls).toBe(1);
    expect(hits.map((h) => index.chunks[h.chunkId]!.articleId).sort()).toEqual(['b', 'c']);
  });

  it('GIVEN word-vector (static) embeddings THEN they never reorder BM25 hits, only fill the pool when BM25 finds too few', async () => {
    // WHY: fused averaged GloVe vectors lowered answer@1 on news (see FUSION in retrieve.ts).
    const base = indexOf(articles);
    const order = base.chunks.map((c) => c.id).reverse(); // dense prefers the opposite order
    const index = indexOf(articles, {
      vectors: new FixedVectors(
        32,
        base.chunks.length,
        order.map((id, i) => ({ id, score: 1 - i / 10 })),
      ),
    });
    const embedder = {
      modelId: 'static:test',
      dimension: 32,
      embed: async (t: readonly string[]) => t.map(() => new Float32Array(32).fill(0.1)),
    };
    const lexical = await retrieve({ index, embedder: null }, 'island', 3);
    const hybrid = await retrieve({ index, embedder }, 'island', 3);
    expect(lexical).toHaveLength(2);
    expect(hybrid.slice(0, 2).map((h) => h.chunkId)).toEqual(lexical.map((h) => h.chunkId));
    // The one chunk BM25 lacks comes after, from the dense list.
    expect(hybrid).toHaveLength(3);
    expect(index.chunks[hybrid[2]!.chunkId]!.articleId).toBe('b');
  });

  it('GIVEN both lists agree on a chunk THEN it is ranked first after fusion', async () => {
    const base = indexOf(articles);
    const embedder = new HashEmbedder(64);
    const vectors = new BruteVectors(
      64,
      base.chunks.map((c) => hashVector(chunkText(base, c.id), 64)),
    );
    const index = indexOf(articles, { vectors });
    const hits = await retrieve({ index, embedder }, 'island harbour boats', 3);
    expect(index.chunks[hits[0]!.chunkId]!.articleId).toBe('c');
  });

  it('GIVEN an embedder of another dimension THEN dense search is skipped, not failed', async () => {
    const base = indexOf(articles);
    const index = indexOf(articles, { vectors: new FixedVectors(16, base.chunks.length, [{ id: 0, score: 1 }]) });
    const hits = await retrieve({ index, embedder: new HashEmbedder(32) }, 'summit', 3);
    expect(hits.map((h) => index.chunks[h.chunkId]!.articleId)).toEqual(['b']);
  });

  it('GIVEN a failing embedder THEN retrieval falls back to lexical', async () => {
    const broken: Embedder = { modelId: 'x', dimension: 32, embed: () => Promise.reject(new Error('boom')) };
    const base = indexOf(articles);
    const index = indexOf(articles, { vectors: new FixedVectors(32, base.chunks.length, [{ id: 0, score: 1 }]) });
    const hits = await retrieve({ index, embedder: broken }, 'summit', 3);
    expect(hits.map((h) => index.chunks[h.chunkId]!.articleId)).toEqual(['b']);
  });

  it('GIVEN k = 0 or an empty index THEN nothing is returned', async () => {
    expect(await retrieve({ index: indexOf(articles) }, 'island', 0)).toEqual([]);
    expect(await retrieve({ index: indexOf([]) }, 'island', 3)).toEqual([]);
  });
});
