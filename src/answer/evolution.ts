/**
 * Figures that change over time (death tolls, counts of wounded or detained): when several
 * excerpts report the same kind of figure, they are shown oldest first so the reader sees the
 * evolution ("killed 8,610" on 1 November, "18,205" in December). Pure.
 */
import type { Excerpt } from '../core/types.js';

/** Kinds of running totals, each recognised by the words that report it. */
const MEASURES: readonly { readonly key: string; readonly words: RegExp }[] = [
  { key: 'deaths', words: /\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|death toll|lives|martyred|fatalities)\b/i },
  { key: 'injured', words: /\b(?:wounded|injured|injuries|hurt)\b/i },
  { key: 'missing', words: /\b(?:missing|trapped under)\b/i },
  { key: 'displaced', words: /\b(?:displaced|refugees|fled|homeless)\b/i },
  { key: 'detained', words: /\b(?:detained|arrested|prisoners|captives|hostages|jails?)\b/i },
];

/** A count worth tracking: at least two digits, thousands separators allowed ("8,610", "130"). */
const FIGURE = /(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d{2,}(?![\d.,]?\d)/;

/** The measure an excerpt reports a figure for, or null. */
export function figureMeasure(quote: string): string | null {
  if (!FIGURE.test(quote)) return null;
  for (const m of MEASURES) if (m.words.test(quote)) return m.key;
  return null;
}

/**
 * Reorders, among the given excerpts, those reporting the same measure from articles with
 * known and differing publication dates: they keep the positions the group occupies but are
 * sorted by date, oldest first. Everything else stays where it was.
 */
export function orderEvolvingFigures<E extends Pick<Excerpt, 'quote' | 'article'>>(excerpts: readonly E[]): E[] {
  const out = [...excerpts];
  const groups = new Map<string, number[]>();
  excerpts.forEach((e, i) => {
    const key = figureMeasure(e.quote);
    if (key === null || e.article.published === null) return;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const moved = new Set<number>();
  for (const positions of groups.values()) {
    const free = positions.filter((p) => !moved.has(p));
    const dates = new Set(free.map((p) => excerpts[p]!.article.published));
    if (free.length < 2 || dates.size < 2) continue;
    const sorted = free
      .map((p) => excerpts[p]!)
      .sort((a, b) => (a.article.published! < b.article.published! ? -1 : a.article.published! > b.article.published! ? 1 : 0));
    free.forEach((p, j) => {
      out[p] = sorted[j]!;
      moved.add(p);
    });
  }
  return out;
}
