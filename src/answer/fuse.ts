/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): combines rankings whose
 * scores live on different scales (BM25, cosine, cross-encoder logits) using ranks only.
 */

/** A ranking: ids best first. Scores are ignored; only positions matter. */
export type Ranking = readonly { readonly id: number }[];

/** One fused entry: `score` is Σ weight / (k + rank), rank starting at 1. */
export interface Fused {
  readonly id: number;
  readonly score: number;
}

/** The usual constant: damps the head so one list's first place cannot dominate. */
export const RRF_K = 60;

/**
 * Fuses rankings by reciprocal rank. An id missing from a list simply gets nothing from it.
 * Ties keep the order in which ids were first seen (earlier lists win), so the result is
 * deterministic. `weights[i]` scales list `i` (default 1).
 */
export function reciprocalRankFusion(rankings: readonly Ranking[], options: { k?: number; weights?: readonly number[] } = {}): Fused[] {
  const k = options.k ?? RRF_K;
  const scores = new Map<number, number>();
  const firstSeen = new Map<number, number>();
  rankings.forEach((ranking, li) => {
    const w = options.weights?.[li] ?? 1;
    const seen = new Set<number>();
    ranking.forEach((hit, pos) => {
      if (seen.has(hit.id)) return; // a duplicate id counts at its best rank only
      seen.add(hit.id);
      if (!firstSeen.has(hit.id)) firstSeen.set(hit.id, firstSeen.size);
      scores.set(hit.id, (scores.get(hit.id) ?? 0) + w / (k + pos + 1));
    });
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || firstSeen.get(a.id)! - firstSeen.get(b.id)!);
}
