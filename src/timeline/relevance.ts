/**
 * Which sentences of the collection are about a topic. Lexical and self-contained so the
 * timeline works with any index; a caller with better retrieval (hybrid, reranked) can pass its
 * own ranked sentences to `buildTimeline` instead.
 */
import { terms } from '../core/text.js';
import type { Hit, SearchIndex } from '../index/types.js';
import { sentenceTerms } from './sentence-terms.js';

/** A scored sentence of an article. Same shape as the answer engine's, so either can be passed. */
export interface RankedSentence {
  readonly articleId: string;
  /** Index into the article's `sentences`. */
  readonly sentence: number;
  readonly score: number;
}

export interface RelevanceParams {
  /** Chunks taken from the lexical index (default 300). */
  readonly chunks?: number;
  /**
   * Share of a sentence's score that comes from its chunk alone (default 0.35): a sentence in a
   * relevant passage often names the topic only through its article ("relations were restored
   * in 2019" in an article about Bolivia and Israel).
   */
  readonly contextShare?: number;
  /** Chunks scoring below this share of the best chunk are not about the topic (default 0.2). */
  readonly minChunkShare?: number;
}

/**
 * Sentences of the chunks that match `topic`, each scored in [0, 1] by its chunk's BM25 score
 * (relative to the best chunk) and by how much of the topic's IDF weight the sentence itself
 * contains. Best first; empty when no topic term occurs in the collection.
 */
export function rankSentencesLexically(index: SearchIndex, topic: string, params: RelevanceParams = {}): RankedSentence[] {
  return rankSentencesOfChunks(index, topic, index.lexical.search(topic, params.chunks ?? 300), params);
}

/**
 * Like {@link rankSentencesLexically} over chunk hits from any retriever (e.g. the answer
 * engine's hybrid retrieval), best first. Scores are taken relative to the best hit.
 */
export function rankSentencesOfChunks(
  index: SearchIndex,
  topic: string,
  hits: readonly Hit[],
  params: RelevanceParams = {},
): RankedSentence[] {
  const topicTerms = [...new Set(terms(topic))];
  if (topicTerms.length === 0) return [];
  const best = hits[0]?.score ?? 0;
  if (best <= 0) return [];
  const weight = new Map(topicTerms.map((t) => [t, Math.max(index.lexical.idf(t), 1e-6)] as const));
  let totalWeight = 0;
  for (const w of weight.values()) totalWeight += w;
  const share = params.contextShare ?? 0.35;
  const floor = params.minChunkShare ?? 0.2;

  const scores = new Map<string, RankedSentence>();
  for (const hit of hits) {
    const chunk = index.chunks[hit.id];
    const article = chunk ? index.articleById.get(chunk.articleId) : undefined;
    if (!chunk || !article) continue;
    const chunkScore = hit.score / best;
    if (chunkScore < floor) break; // hits are best first
    for (let s = chunk.firstSentence; s <= chunk.lastSentence; s++) {
      if (!article.sentences[s]) continue;
      const present = sentenceTerms(article, s);
      let covered = 0;
      for (const [t, w] of weight) if (present.has(t)) covered += w;
      const score = chunkScore * (share + (1 - share) * (covered / totalWeight));
      const key = `${article.id}\u0000${s}`;
      const prev = scores.get(key);
      // Overlapping chunks repeat sentences: keep the better chunk's view.
      if (!prev || prev.score < score) scores.set(key, { articleId: article.id, sentence: s, score });
    }
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId) || a.sentence - b.sentence);
}
