/**
 * Is it a date something happened? How much the collection treats a date as an event day: later
 * articles refer back to it, and coverage bursts on and just after it.
 */
import { addDays } from './calendar.js';

/**
 * A story of the collection (an article, or the canonical one of near-duplicates) as evidence
 * for dates: when it was published and how much it is about the topic, in [0, 1].
 */
export interface Story {
  readonly id: string;
  /** Publication day `YYYY-MM-DD`, or null when unknown. */
  readonly published: string | null;
  readonly relevance: number;
}

/** A candidate date of the timeline and what the collection says on it. */
export interface DateEvidence {
  /** First and last day of the period it names, `YYYY-MM-DD` (the same day for a day). */
  readonly date: string;
  readonly end: string;
  /** Stories with a relevant sentence that names this date (each counted once). */
  readonly mentionedBy: readonly Story[];
  /** Summed quality of the date's own sentences (relevance × eventness), however computed. */
  readonly reports: number;
}

/** Relative weights of the normalised signals of {@link dateSalience}. */
export interface SalienceWeights {
  readonly referenced: number;
  readonly burst: number;
  readonly reports: number;
  /** Every story naming the date, whenever published (DATEWISE's mention count); default 0. */
  readonly mentioned?: number;
}

/**
 * Round, untuned defaults: the two collection-level signals of the timeline-summarisation
 * literature count equally (Tran et al. 2013; Gholipour Ghalandari & Ifrim 2020), and the
 * sentence-level evidence only breaks near ties.
 */
export const SALIENCE_WEIGHTS: SalienceWeights = { referenced: 1, burst: 1, reports: 0.25, mentioned: 0 };

/**
 * How much each date is an event day of the topic, from three signals each scaled by its
 * maximum over the days of `dates` (days score in [0, 1]; a month or year can score higher):
 *
 * - referenced: relevance of the stories published *after* the period (or undated) that name
 *   it: news keeps referring back to what happened ("the WHO raised its alert on April 27"). A
 *   story naming its own publication day is already counted by `burst`; one naming the future
 *   announces, and one naming the running month or year ("in 2023") merely situates.
 * - burst (days only): relevance of the stories published on the day and on the day after
 *   (half each): coverage jumps when something happens, and the next morning's papers report it.
 * - reports: the date's own sentences, so relevance and eventness still break near ties.
 *
 * Story relevance, not sentence relevance, weighs the counts: a date is often named in a
 * sentence that does not repeat the topic's words. `stories` are all stories judged relevant.
 */
export function dateSalience(
  dates: readonly DateEvidence[],
  stories: readonly Story[],
  weights: SalienceWeights = SALIENCE_WEIGHTS,
): number[] {
  const published = new Map<string, number>();
  for (const s of stories) if (s.published !== null) published.set(s.published, (published.get(s.published) ?? 0) + s.relevance);
  const referenced = dates.map((d) => {
    let sum = 0;
    for (const s of d.mentionedBy) if (s.published === null || s.published > d.end) sum += s.relevance;
    return sum;
  });
  const burst = dates.map((d) => (d.date === d.end ? 0.5 * ((published.get(d.date) ?? 0) + (published.get(addDays(d.date, 1)) ?? 0)) : 0));
  const reports = dates.map((d) => d.reports);
  const mentioned = dates.map((d) => d.mentionedBy.reduce((sum, s) => sum + s.relevance, 0));
  const days = dates.map((d) => d.date === d.end);
  const m = scaled(mentioned, days);
  const r = scaled(referenced, days);
  const b = scaled(burst, days);
  const q = scaled(reports, days);
  return dates.map(
    (_, i) => weights.referenced * r[i]! + weights.burst * b[i]! + weights.reports * q[i]! + (weights.mentioned ?? 0) * m[i]!,
  );
}

/**
 * Values divided by their maximum over the days (over all dates when no day has the signal): a
 * year that every later story names ("in 2009") must not shrink the signal that tells days
 * apart; a month or year may then score above 1 (see COARSE_WEIGHT in timeline.ts).
 */
function scaled(xs: readonly number[], days: readonly boolean[]): number[] {
  let max = 0;
  for (let i = 0; i < xs.length; i++) if (days[i]) max = Math.max(max, xs[i]!);
  if (max <= 0) max = Math.max(0, ...xs);
  return max > 0 ? xs.map((x) => Math.min(x / max, MAX_SCALED)) : xs.map(() => 0);
}

/**
 * Ceiling of a scaled value: when the days' maximum is vanishingly small (a subnormal number),
 * a period divided by it would overflow to Infinity. No real period comes near it.
 */
const MAX_SCALED = 1e6;
