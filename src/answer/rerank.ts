/**
 * Optional cross-encoder reranking of the quote candidates. The reranker reads what would be
 * quoted — each head candidate's excerpt (one or two sentences, at most 500 characters) — not
 * whole chunks: fewer and shorter pairs, all scored in one model call (one batch). Its order is
 * fused with the lexical candidate order rather than replacing it, so a weak or miscalibrated
 * model cannot discard a strong first stage.
 */
import type { Reranker } from '../embed/types.js';
import { reciprocalRankFusion } from './fuse.js';

/**
 * Candidates the cross-encoder reads. Three excerpts are quoted, so it chooses among the best
 * eight. Not tuned on dev data (no real reranker weights are reachable here): chosen for cost,
 * 8 short passages instead of 20 chunks, one batch (the reranker's default batch is 32).
 */
export const RERANK_CANDIDATES = 8;
/** The cross-encoder reads question and excerpt together, so its order counts double in the fusion. */
export const RERANK_WEIGHT = 2;

/** One candidate as the reranker sees it: the text that would be quoted. */
export interface RerankItem {
  readonly text: string;
}

/**
 * `items` reordered: the first {@link RERANK_CANDIDATES} by the fusion of their order with the
 * reranker's scores of `text`, the rest after them unchanged. Identical texts (the same passage
 * from a near-duplicate article) are scored once. A failing reranker, or one returning the
 * wrong number of scores, leaves the order as it was: answering never depends on it.
 */
export async function rerankCandidates<T extends RerankItem>(reranker: Reranker, query: string, items: readonly T[]): Promise<T[]> {
  const head = items.slice(0, RERANK_CANDIDATES);
  if (head.length < 2) return [...items];
  const texts = [...new Set(head.map((c) => c.text))];
  let scores: number[];
  try {
    scores = await reranker.score(query, texts);
  } catch {
    return [...items];
  }
  if (scores.length !== texts.length || scores.some((s) => !Number.isFinite(s))) return [...items];
  const scoreOf = new Map(texts.map((t, i) => [t, scores[i]!] as const));
  const byReranker = head.map((c, id) => ({ id, score: scoreOf.get(c.text)! })).sort((a, b) => b.score - a.score || a.id - b.id);
  const fused = reciprocalRankFusion([head.map((_, id) => ({ id })), byReranker], { weights: [1, RERANK_WEIGHT] });
  return [...fused.map((f) => head[f.id]!), ...items.slice(RERANK_CANDIDATES)];
}
