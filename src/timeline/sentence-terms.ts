/**
 * Sentence term sets for timelines, and how typical a sentence's terms are of a group of
 * sentences (centrality).
 */
import { terms } from '../core/text.js';
import type { Article } from '../core/types.js';

/**
 * Per article, the term sets of the sentences a timeline has looked at, filled lazily: a query
 * reads a few sentences of many articles, so tokenising whole articles would dominate its cost.
 */
const cache = new WeakMap<Article, (ReadonlySet<string> | undefined)[]>();

/** The set of `terms()` of sentence `index` of `article` (empty when out of range). */
export function sentenceTerms(article: Article, index: number): ReadonlySet<string> {
  const span = article.sentences[index];
  if (!span) return EMPTY;
  let sets = cache.get(article);
  if (!sets) cache.set(article, (sets = []));
  let set = sets[index];
  if (!set) sets[index] = set = new Set(terms(article.text.slice(span.start, span.end)));
  return set;
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
