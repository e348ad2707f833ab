/**
 * Sentence term sets for timelines (from the shared per-article cache in core/article-terms),
 * and how typical a sentence's terms are of a group of sentences (centrality).
 */
import { articleTerms } from '../core/article-terms.js';
import type { Article } from '../core/types.js';

/** The set of `terms()` of sentence `index` of `article` (empty when out of range). */
export function sentenceTerms(article: Article, index: number): ReadonlySet<string> {
  return articleTerms(article).sentenceSets[index] ?? EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * How typical each term set is of the group, in [0, 1]: its cosine with the group's centroid
 * (how many sets hold each term), relative to the most typical set. An empty set scores 0;
 * a group whose sets are all empty scores 1 everywhere, so it leaves an order unchanged.
 */
export function centrality(sets: readonly ReadonlySet<string>[]): number[] {
  const count = new Map<string, number>();
  for (const s of sets) for (const t of s) count.set(t, (count.get(t) ?? 0) + 1);
  // The centroid's norm is the same for every set, so it cancels in the relative score.
  const raw = sets.map((s) => {
    if (s.size === 0) return 0;
    let dot = 0;
    for (const t of s) dot += count.get(t) ?? 0;
    return dot / Math.sqrt(s.size);
  });
  const max = Math.max(0, ...raw);
  return max > 0 ? raw.map((x) => x / max) : raw.map(() => 1);
}
