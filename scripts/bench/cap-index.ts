/** A loaded index cut to its first articles, so every peer in the bench indexes the same bounded corpus. */
import type { SearchIndex } from '../../src/index/types.js';

/**
 * The first articles of `full` whose chunks fit in `maxChunks`, cut between two articles (no
 * article indexed in part); chunk ids stay 0…n-1, as the index requires. Vectors are dropped
 * (the peers are lexical). The index itself when it already fits.
 */
export function capIndex(full: SearchIndex, maxChunks: number): SearchIndex {
  if (full.chunks.length <= maxChunks) return full;
  let n = Math.max(0, maxChunks);
  while (n > 0 && full.chunks[n - 1]!.articleId === full.chunks[n]!.articleId) n--;
  const kept = new Set(full.chunks.slice(0, n).map((c) => c.articleId));
  const articles = full.articles.filter((a) => kept.has(a.id));
  return {
    ...full,
    articles,
    articleById: new Map(articles.map((a) => [a.id, a])),
    chunks: full.chunks.slice(0, n),
    vectors: null,
    duplicateOf: new Map([...full.duplicateOf].filter(([a, b]) => kept.has(a) && kept.has(b))),
  };
}
