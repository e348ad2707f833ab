/**
 * Recency: news is asked about for what is new. A question about "this year's" prize is answered
 * by the newest report, not by an older article on the same subject ("Who won this year's Nobel
 * Peace Prize?" of a 2017 report that says "won this year's Nobel Peace Prize"): newer passages
 * are preferred when choosing what to read (`newerFirst`) and newer sentences when choosing what
 * to quote (`recencyBonus`). Pure, apart from a per-collection cache of whether it is dated.
 */
import type { Article } from '../core/types.js';

/**
 * Weight of the bonus a sentence gets for its article being among the newest of those retrieved,
 * and the age (days behind the newest retrieved article) at which it halves. An object so the
 * eval harness can sweep it. Chosen on realtimeqa-dev half 1 (extractive, answer@1 / @3; none
 * 0.415 / 0.660): weight 0.1 → 0.415 / 0.717 (half-life 90 days); 0.2 at 30 / 90 / 365 days →
 * 0.509 / 0.736 ← chosen, 0.453 / 0.736, 0.453 / 0.736; 0.3 at 30 → 0.491 / 0.736. Applying it
 * only to questions that say "this week", "recently", a weekday… (half of them) did no better
 * (0.2 at 30 days: 0.453 / 0.698), so it applies to every question. Half 2 confirms: 0.245 /
 * 0.434 → 0.321 / 0.509 (0.2 at 90 days the same). xquad-dev is undated (no effect); seed-dev and
 * seed-near-unanswerable unchanged on both halves (0.875 / 1.000, 7 of 10 · 0.938 / 1.000, 6 of 10).
 */
export const RECENCY = { weight: 0.2, halfLifeDays: 30 };

const DAY_MS = 86_400_000;

/**
 * The day an article was published, or null. Only a stated publication date counts: the lower
 * bound an undated text gives ("after 7 Oct 2023", from a date it mentions) is no evidence of
 * when it was written (an encyclopaedia paragraph naming 2015 is not a 2015 report); counting
 * it lost xquad-dev half 1 one answer in the top 3 (0.932 → 0.927).
 */
export function articleDay(article: Pick<Article, 'published'>): number | null {
  const iso = article.published;
  if (!iso) return null;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : null;
}

/**
 * A per-article bonus in [0, weight]: `weight` for the newest of `articles`, halving every
 * `halfLifeDays` older. An undated article gets half the weight (no evidence either way);
 * no bonus at all when fewer than two articles are dated (nothing to compare).
 */
export function recencyBonus(
  articles: readonly Pick<Article, 'id' | 'published'>[],
  weight: number,
  halfLifeDays: number,
): Map<string, number> {
  const out = new Map<string, number>();
  if (weight <= 0 || halfLifeDays <= 0) return out;
  const days = new Map<string, number | null>();
  for (const a of articles) days.set(a.id, articleDay(a));
  const dated = [...days.values()].filter((d): d is number => d !== null);
  if (dated.length < 2) return out;
  const newest = Math.max(...dated);
  for (const [id, d] of days) out.set(id, d === null ? weight / 2 : weight * 0.5 ** ((newest - d) / halfLifeDays));
  return out;
}

/**
 * Recency in retrieval: the best `pool` chunks are re-ranked by their score times 0.5^(age /
 * `halfLifeDays`), age in days behind the newest dated article among them, and the answer engine
 * reads the first 20 of that order. A week's news shares its words with years of older reports on
 * the same kind of event ("Which country declared a state of emergency this week over a possible
 * volcanic eruption?", "Which African country did King Charles visit this week?"), which BM25 ranks
 * alike, so this week's report can fall outside the passages read at all; the sentence bonus above
 * cannot reach it there. Gentle (a year older costs a chunk about a third of its score), so a
 * passage that matches much better still wins. Chosen on realtimeqa-dev half 1 (extractive,
 * answer@1 / @3; without 0.585 / 0.755), pool 100: half-life 180 days 0.528 / 0.755, 365 0.566 /
 * 0.774, 500 0.585 / 0.792, 600 0.585 / 0.792 ←, 650 0.585 / 0.792, 730 0.585 / 0.774, 1000 0.585
 * / 0.755, 2000 0.585 / 0.755; at 600 days pool 50 0.585 / 0.774, 150 0.585 / 0.792, 200 0.585 /
 * 0.774. Half 2 confirms at 3, not at 1: 0.396 / 0.566 → 0.377 / 0.642 (one history question, "Which
 * US president issued the first Thanksgiving proclamation?", is now answered second by a newer
 * article). xquad-dev is undated (unchanged); seed-dev, seed-probe and their unanswerable sets
 * unchanged on both halves. An object so the eval harness can sweep it.
 */
export const RETRIEVAL_RECENCY = { pool: 100, halfLifeDays: 600 };

/**
 * `hits` reordered by score × 0.5^(age / `halfLifeDays`), the age of each in days behind the
 * newest dated hit (`dayOf`). An undated hit keeps its score (no evidence either way); a hit
 * scored 0 or below (a dense fill-in ranked below every lexical hit) keeps its place after the
 * others. Unchanged when fewer than two hits are dated. Ties keep the given order. Pure.
 */
export function newerFirst<H extends { readonly score: number }>(
  hits: readonly H[],
  dayOf: (hit: H) => number | null,
  halfLifeDays: number,
): H[] {
  const days = hits.map(dayOf);
  const dated = days.filter((d): d is number => d !== null);
  if (dated.length < 2 || halfLifeDays <= 0) return [...hits];
  const newest = Math.max(...dated);
  return hits
    .map((hit, i) => {
      const d = days[i]!;
      const factor = d === null || hit.score <= 0 ? 1 : 0.5 ** ((newest - d) / halfLifeDays);
      return { hit, i, score: hit.score * factor };
    })
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.hit);
}

const datedCache = new WeakMap<readonly Pick<Article, 'published'>[], boolean>();

/** True when at least two articles state a publication date: only then can recency reorder anything. */
export function isDatedCollection(articles: readonly Pick<Article, 'published'>[]): boolean {
  let dated = datedCache.get(articles);
  if (dated === undefined) {
    let n = 0;
    for (const a of articles) if (articleDay(a) !== null && ++n >= 2) break;
    dated = n >= 2;
    datedCache.set(articles, dated);
  }
  return dated;
}
