/**
 * Test helpers for the answer engine: hand-made articles, an in-memory index over them, and
 * deterministic fake embedder / vector index / reranker.
 */
import { buildArticle } from '../../src/ingest/article.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/core/types.js';
import type { Reranker } from '../../src/embed/types.js';
import { buildSearchIndexInMemory } from '../../src/index/memory.js';
import { loadSearchIndex } from '../../src/index/store.js';
import type { Hit, SearchIndex, VectorIndex } from '../../src/index/types.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { FakeEmbedder, vectorOf } from '../helpers/fake-embedder.js';

export const SEED_DIR = join(import.meta.dirname, '../../data/articles');

/** An Article from a title and body (sentences, paragraphs and dates computed like ingestion does). */
export function article(id: string, title: string, text: string, meta: { source?: string; published?: string } = {}): Article {
  return buildArticle({ id, title, source: meta.source ?? null, url: null, published: meta.published ?? null, text }, `${id}.txt`, 1);
}

/** In-memory index over articles (lexical unless vectors are given). */
export function indexOf(
  articles: readonly Article[],
  options: { vectors?: VectorIndex; duplicateOf?: ReadonlyMap<string, string> } = {},
): SearchIndex {
  return buildSearchIndexInMemory(articles, {
    ...(options.vectors ? { vectors: options.vectors } : {}),
    ...(options.duplicateOf ? { duplicateOf: options.duplicateOf } : {}),
  });
}

/** The seed corpus through the real ingestion pipeline (temp index dir, removed afterwards). */
export async function seedIndex(): Promise<SearchIndex> {
  const dir = await mkdtemp(join(tmpdir(), 'answer-seed-'));
  try {
    await ingest({ articlesDir: SEED_DIR, indexDir: dir, full: true, embedder: null });
    return await loadSearchIndex(dir, { modelId: null });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The shared fake embedder, counting calls (one per `embed`) rather than texts. */
export class HashEmbedder extends FakeEmbedder {
  calls = 0;
  constructor(dimension = 32) {
    super(dimension, 'fake/hash');
  }
  override async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls++;
    return super.embed(texts);
  }
}

/** A text's fake embedding (same as {@link HashEmbedder}'s). */
export const hashVector = vectorOf;

/** Exact cosine search over given vectors (chunk id = position). */
export class BruteVectors implements VectorIndex {
  constructor(
    readonly dimension: number,
    private readonly vectors: readonly Float32Array[],
  ) {}
  get size(): number {
    return this.vectors.length;
  }
  search(vector: Float32Array, k: number): Hit[] {
    return this.vectors
      .map((v, id) => ({ id, score: v.reduce((s, x, i) => s + x * vector[i]!, 0) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, k);
  }
}

/** A vector index whose answer is fixed, whatever the query: isolates fusion from embedding. */
export class FixedVectors implements VectorIndex {
  constructor(
    readonly dimension: number,
    readonly size: number,
    private readonly hits: readonly Hit[],
  ) {}
  search(_vector: Float32Array, k: number): Hit[] {
    return this.hits.slice(0, k);
  }
}

/** Reranker that prefers passages containing a given word (deterministic). */
export class KeywordReranker implements Reranker {
  readonly modelId = 'fake/keyword';
  calls = 0;
  constructor(private readonly word: string) {}
  async score(_query: string, passages: readonly string[]): Promise<number[]> {
    this.calls++;
    return passages.map((p) => (p.toLowerCase().includes(this.word) ? 10 : 0));
  }
}
