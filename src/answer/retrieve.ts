/**
 * Hybrid chunk retrieval: BM25 and dense search fused by reciprocal rank. Generic: used by the
 * answer engine and the timeline helper. The optional cross-encoder reranks the sentences to be
 * quoted, not chunks (see rerank.ts).
 */
import type { Embedder } from '../embed/types.js';
import type { Hit, SearchIndex } from '../index/types.js';
import type { AnswerDeps } from './answer.js';
import { reciprocalRankFusion } from './fuse.js';
import { isStaticModelId } from '../embed/static-embedder.js';

/** A retrieved chunk. `score` is only comparable within one call (BM25, or fused RRF when hybrid). */
export interface RankedChunk {
  readonly chunkId: number;
  readonly score: number;
}

/** Each first-stage list is deeper than `k` so fusion has something to reorder. */
const MIN_POOL = 30;
/**
 * Weight of the dense list in the fusion, BM25's being 1, by kind of embedder (an object so the
 * eval harness can sweep it). A sentence model (MiniLM) keeps the plain fusion. Averaged GloVe
 * word vectors (`static:` models) hurt on news: realtimeqa-dev extractive, answer@1/@3, half 1 /
 * half 2: BM25 alone 0.415/0.660 · 0.245/0.434; fused at 0.1: 0.340/0.623 · 0.264/0.472; at 0.3:
 * 0.377/0.566 · 0.264/0.434; at 1: 0.358/0.547 · 0.245/0.434 (xquad-dev moved ≤ 0.005 at any
 * weight). So they get no say in the order: their hits only fill the pool when BM25 finds too
 * few chunks (a question in words the articles do not use).
 */
export const FUSION = { dense: 1, staticDense: 0 };

/** The weight of `embedder`'s dense list in the fusion (0: its hits only fill in below the lexical ones). */
export function denseWeight(embedder: Pick<Embedder, 'modelId'>): number {
  return isStaticModelId(embedder.modelId) ? FUSION.staticDense : FUSION.dense;
}

/**
 * The `k` best chunks for `query`, best first. Lexical only when the index has no vectors or no
 * embedder is given; a failing or mismatched embedder also falls back to lexical rather than
 * failing the question. Empty when nothing matches.
 */
export async function retrieve(
  deps: Pick<AnswerDeps, 'index' | 'embedder'>,
  query: string,
  k: number,
  /** Weighted lexical query (question terms plus related terms, see `expandedQuery`); plain BM25 of `query` without it. */
  expanded?: ReadonlyMap<string, number>,
): Promise<RankedChunk[]> {
  const { index } = deps;
  if (k <= 0 || index.chunks.length === 0) return [];
  const pool = Math.max(k, MIN_POOL);
  const lexical =
    expanded && index.lexical.searchWeighted ? index.lexical.searchWeighted(expanded, pool) : index.lexical.search(query, pool);
  const dense = await denseHits(index, deps.embedder ?? null, query, pool);

  const weight = deps.embedder ? denseWeight(deps.embedder) : FUSION.dense;
  const ranked: RankedChunk[] =
    dense === null
      ? lexical.map((h) => ({ chunkId: h.id, score: h.score }))
      : weight > 0
        ? reciprocalRankFusion([lexical, dense], { weights: [1, weight] }).map((f) => ({ chunkId: f.id, score: f.score }))
        : fillFrom(lexical, dense, pool);

  return ranked.slice(0, k);
}

/** The lexical ranking, then dense hits it lacks (scored below every lexical hit) up to `pool`. */
function fillFrom(lexical: readonly Hit[], dense: readonly Hit[], pool: number): RankedChunk[] {
  const out: RankedChunk[] = lexical.map((h) => ({ chunkId: h.id, score: h.score }));
  const seen = new Set(lexical.map((h) => h.id));
  // Lexical scores are positive BM25; fill-ins sit below them, in dense order.
  for (let i = 0; i < dense.length && out.length < pool; i++) {
    const h = dense[i]!;
    if (!seen.has(h.id)) out.push({ chunkId: h.id, score: -(i + 1) });
  }
  return out;
}

async function denseHits(index: SearchIndex, embedder: Embedder | null, query: string, pool: number): Promise<Hit[] | null> {
  const vectors = index.vectors;
  if (!vectors || !embedder || vectors.size === 0 || embedder.dimension !== vectors.dimension) return null;
  try {
    const [vector] = await embedder.embed([query]);
    if (!vector || vector.length !== vectors.dimension) return null;
    return vectors.search(vector, pool).filter((h) => h.id >= 0 && h.id < index.chunks.length);
  } catch {
    return null; // a broken model must not take answering down: lexical still works
  }
}

/** The text of a chunk (a slice of its article). */
export function chunkText(index: SearchIndex, chunkId: number): string {
  const chunk = index.chunks[chunkId];
  if (!chunk) return '';
  const article = index.articleById.get(chunk.articleId);
  return article ? article.text.slice(chunk.start, chunk.end) : '';
}
