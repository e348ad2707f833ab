/**
 * Recency: news is asked about for what is new. A question about "this year's" prize is answered
 * by the newest report, not by an older article on the same subject ("Who won this year's Nobel
 * Peace Prize?" of a 2017 report that says "won this year's Nobel Peace Prize"). Pure.
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
