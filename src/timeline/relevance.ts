/**
 * Which sentences of the collection are about a topic. Lexical and self-contained so the
 * timeline works with any index; a caller with better retrieval (hybrid, reranked) can pass its
 * own ranked sentences to `buildTimeline` instead.
 *
 * A topic as a user types it ("Egypt protests") names the story, not the words its articles use
 * ("Mubarak", "Tahrir", "demonstrators"). So relevance comes from the topic's own articles:
 * pseudo-relevance feedback — the terms that co-occur with the query across the best-matching
 * articles expand it (each weighted by how many of them hold it and how rare it is), and the
 * expanded query ranks the collection's passages.
 */
import { articleTerms } from '../core/article-terms.js';
import { terms } from '../core/text.js';
import type { Article } from '../core/types.js';
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
  /** Chunks taken from the lexical index (default {@link DEFAULT_CHUNKS}). */
  readonly chunks?: number;
  /**
   * Share of a sentence's score that comes from its chunk alone (default {@link CONTEXT_SHARE}):
   * a sentence in a relevant passage often names the topic only through its article ("relations
   * were restored in 2019" in an article about Bolivia and Israel).
   */
  readonly contextShare?: number;
  /** Chunks scoring below this share of the best chunk are not about the topic (default {@link MIN_CHUNK_SHARE}). */
  readonly minChunkShare?: number;
  /** Articles whose terms expand the query (default {@link FEEDBACK_ARTICLES}; 0 = no expansion). */
  readonly feedbackArticles?: number;
  /** Expansion terms added (default {@link EXPANSION_TERMS}). */
  readonly expansionTerms?: number;
  /** Weight of the best expansion term relative to a query term (default {@link EXPANSION_WEIGHT}). */
  readonly expansionWeight?: number;
  /**
   * A chunk scoring this share of the best one is fully relevant (default {@link SATURATION}):
   * in a collection that is all about the topic, relevance should not rank its articles against
   * each other, only keep out what is off the topic.
   */
  readonly saturation?: number;
}

/*
 * Constants chosen on Timeline17 dev half A (H1N1 BBC, H1N1 Reuters, Michael Jackson) and
 * confirmed on half B (H1N1 Guardian, Haiti, financial crisis); figures are mean Date-F1
 * news-tls span / unrestricted, `npm run eval:timeline`.
 */
/**
 * Chunks ranked by the expanded query: enough that a collection all about the topic is read
 * nearly whole (the relevance step must not throw its sentences away): 2000 → A 0.758 / 0.666,
 * B 0.827 / 0.656; 1000 → A 0.749 / 0.539, B 0.810 / 0.593; 300 (before) → A 0.713 / 0.481.
 * The cost is one pass over these chunks' datable sentences (timeline p95 at 100k chunks about
 * as before: see the bench).
 */
export const DEFAULT_CHUNKS = 2000;
/**
 * Best-matching articles read for feedback, terms added, weight of the best added term: round
 * values (RM3-style feedback). No expansion → A 0.701 / 0.565, B 0.812 / 0.624 at 3000 chunks;
 * with it A 0.749 / 0.657, B 0.812 / 0.656.
 */
export const FEEDBACK_ARTICLES = 10;
export const EXPANSION_TERMS = 20;
export const EXPANSION_WEIGHT = 0.5;
/** An expansion term must occur in at least this many feedback articles: co-occurrence, not chance. */
const MIN_FEEDBACK_DF = 2;
/** Chunk share at which relevance saturates: 1 (none); 0.5 and 0.25 lost on half A unrestricted (0.551 → 0.512 / 0.517). */
export const SATURATION = 1;
/**
 * Chunks below this share of the best are off the topic: 0.05 → A 0.758 / 0.666, B 0.827 / 0.656;
 * 0.2 (before) → A 0.731 / 0.521, B 0.792 / 0.656; 0 scores as 0.05 but keeps every stray match.
 */
export const MIN_CHUNK_SHARE = 0.05;
/**
 * Share of a sentence's score from its chunk alone: 1, the sentence's own words do not count —
 * a sentence about the topic need not repeat its literal words ("Mubarak" for "Egypt
 * protests"). 0.35 (before) scores the same Date-F1 on both halves, date-matched ROUGE-1
 * B 0.230 vs 0.234, and costs tokenising every sentence.
 */
export const CONTEXT_SHARE = 1;

/**
 * Sentences of the chunks that match `topic` (expanded by pseudo-relevance feedback), each
 * scored in [0, 1] by its chunk's BM25 score (relative to the best chunk) and by how much of the
 * query's IDF weight the sentence itself contains. Best first; empty when no topic term occurs
 * in the collection.
 */
export function rankSentencesLexically(
  index: SearchIndex,
  topic: string,
  params: RelevanceParams = {},
  only?: SentenceFilter,
): RankedSentence[] {
  const { weights, hits } = lexicalHits(index, topic, params);
  return rankSentencesOfChunks(index, topic, hits, params, weights, only);
}

/** The chunks of the expanded query (see {@link expandedQuery}), best first, and the query. */
export function lexicalHits(
  index: SearchIndex,
  topic: string,
  params: RelevanceParams = {},
): { readonly weights: ReadonlyMap<string, number>; readonly hits: readonly Hit[] } {
  const chunks = params.chunks ?? DEFAULT_CHUNKS;
  const weights = expandedQuery(index, topic, params);
  if (weights.size === 0) return { weights, hits: [] };
  const hits = index.lexical.searchWeighted ? index.lexical.searchWeighted(weights, chunks) : index.lexical.search(topic, chunks);
  return { weights, hits };
}

/**
 * How relevant each article is, in (0, 1]: its best chunk's score relative to the best hit,
 * saturated like sentence scores (see {@link RelevanceParams.saturation}); articles below the
 * chunk floor are left out.
 */
export function articleRelevance(index: SearchIndex, hits: readonly Hit[], params: RelevanceParams = {}): Map<string, number> {
  const out = new Map<string, number>();
  const best = hits[0]?.score ?? 0;
  if (best <= 0) return out;
  const floor = params.minChunkShare ?? MIN_CHUNK_SHARE;
  const saturation = params.saturation ?? SATURATION;
  for (const hit of hits) {
    const chunk = index.chunks[hit.id];
    if (!chunk) continue;
    const relative = hit.score / best;
    if (relative < floor) break;
    if (!out.has(chunk.articleId)) out.set(chunk.articleId, Math.min(1, relative / saturation));
  }
  return out;
}

/** Which sentences a caller can use at all (e.g. the datable ones); the others are not scored. */
export type SentenceFilter = (article: Article, sentence: number) => boolean;

/**
 * The topic's terms (weight 1) and, from its best-matching articles, the terms that co-occur
 * with it (weight up to `expansionWeight`): score = Σ over feedback articles holding the term of
 * the article's relative score, × IDF. Empty when no topic term occurs in the collection.
 */
export function expandedQuery(index: SearchIndex, topic: string, params: RelevanceParams = {}): Map<string, number> {
  const topicTerms = [...new Set(terms(topic))];
  const out = new Map<string, number>();
  const first = index.lexical.search(topic, 4 * Math.max(1, params.feedbackArticles ?? FEEDBACK_ARTICLES));
  if (topicTerms.length === 0 || first.length === 0) return out;
  for (const t of topicTerms) out.set(t, 1);
  const feedback = params.feedbackArticles ?? FEEDBACK_ARTICLES;
  const extra = params.expansionTerms ?? EXPANSION_TERMS;
  const beta = params.expansionWeight ?? EXPANSION_WEIGHT;
  if (feedback <= 0 || extra <= 0 || beta <= 0 || !index.lexical.searchWeighted) return out;

  // Best chunk per article (near-duplicates count once): the feedback articles.
  const best = first[0]!.score;
  const seen = new Set<string>();
  const docFreq = new Map<string, { weight: number; count: number }>();
  for (const hit of first) {
    if (seen.size >= feedback) break;
    const article = index.articleById.get(index.chunks[hit.id]?.articleId ?? '');
    if (!article) continue;
    const canon = index.duplicateOf.get(article.id) ?? article.id;
    if (seen.has(canon)) continue;
    seen.add(canon);
    const w = hit.score / best;
    for (const t of articleTerms(article).all) {
      if (out.has(t) || /^\d/.test(t)) continue;
      const d = docFreq.get(t);
      if (d) {
        d.weight += w;
        d.count++;
      } else docFreq.set(t, { weight: w, count: 1 });
    }
  }
  const minCount = Math.min(MIN_FEEDBACK_DF, seen.size);
  const scored: [string, number][] = [];
  for (const [t, d] of docFreq) if (d.count >= minCount) scored.push([t, d.weight * index.lexical.idf(t)]);
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = scored.slice(0, extra);
  const max = top[0]?.[1] ?? 0;
  if (max > 0) for (const [t, s] of top) out.set(t, (beta * s) / max);
  return out;
}

/**
 * Like {@link rankSentencesLexically} over chunk hits from any retriever (e.g. the answer
 * engine's hybrid retrieval), best first. Scores are taken relative to the best hit. `weights`
 * (default: the topic's terms, weight 1) say how much each term a sentence holds counts; only
 * sentences passing `only` (default all) are scored.
 */
export function rankSentencesOfChunks(
  index: SearchIndex,
  topic: string,
  hits: readonly Hit[],
  params: RelevanceParams = {},
  weights?: ReadonlyMap<string, number>,
  only?: SentenceFilter,
): RankedSentence[] {
  const topicTerms = [...new Set(terms(topic))];
  if (topicTerms.length === 0) return [];
  const best = hits[0]?.score ?? 0;
  if (best <= 0) return [];
  const query = weights ?? new Map(topicTerms.map((t) => [t, 1] as const));
  const weight = new Map([...query].map(([t, w]) => [t, w * Math.max(index.lexical.idf(t), 1e-6)] as const));
  // A sentence holding all the topic's own terms is fully covered; expansion terms add to it.
  let totalWeight = 0;
  for (const t of topicTerms) totalWeight += weight.get(t) ?? Math.max(index.lexical.idf(t), 1e-6);
  const share = params.contextShare ?? CONTEXT_SHARE;
  const floor = params.minChunkShare ?? MIN_CHUNK_SHARE;
  const saturation = params.saturation ?? SATURATION;

  // Best score per sentence, by article: overlapping chunks repeat sentences, keep the better view.
  const scores = new Map<Article, Map<number, number>>();
  for (const hit of hits) {
    const chunk = index.chunks[hit.id];
    const article = chunk ? index.articleById.get(chunk.articleId) : undefined;
    if (!chunk || !article) continue;
    const relative = hit.score / best;
    if (relative < floor) break; // hits are best first
    const chunkScore = Math.min(1, relative / saturation);
    let own = scores.get(article);
    if (!own) scores.set(article, (own = new Map()));
    for (let s = chunk.firstSentence; s <= chunk.lastSentence; s++) {
      if (!article.sentences[s] || (only && !only(article, s))) continue;
      let covered = 0;
      if (share < 1) {
        const present = sentenceTerms(article, s);
        for (const [t, w] of weight) if (present.has(t)) covered += w;
      }
      const score = chunkScore * (share + (1 - share) * Math.min(1, covered / totalWeight));
      if (!((own.get(s) ?? -1) >= score)) own.set(s, score);
    }
  }
  const out: RankedSentence[] = [];
  for (const [article, own] of scores) for (const [sentence, score] of own) out.push({ articleId: article.id, sentence, score });
  return out.sort(
    (a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.sentence - b.sentence),
  );
}
