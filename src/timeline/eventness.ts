/**
 * Is it an event? Of a sentence: does it report something that happened on its date (a
 * timeline wants "Bolivia announced on Tuesday it was severing relations", not "the talks on
 * Tuesday were important"). Of a date: does the collection treat it as a day something happened.
 */
import { addDays } from './calendar.js';

/** Verbs of happening in news reports (past tense and common present/participle forms). */
const HAPPENING =
  /\b(?:met|meet|meets|meeting|announc\w*|kill\w*|launch\w*|said|says|told|cut|cuts|sign\w*|sever\w*|struck|strikes?|hit|declar\w*|began|begun|start\w*|resign\w*|arriv\w*|held|holds|confirm\w*|died|dies|attack\w*|approv\w*|vot\w*|elect\w*|oust\w*|re-?establish\w*|establish\w*|restor\w*|broke|break|breaks|invad\w*|captur\w*|releas\w*|arrest\w*|visit\w*|call\w*|discuss\w*|report\w*|warn\w*|rais\w*|issu\w*|order\w*|open\w*|clos\w*|fled|evacuat\w*|destroy\w*|injur\w*|wound\w*|infect\w*|recorded|tested|diagnos\w*|admitt\w*|deploy\w*|sent|dispatch\w*|agree\w*|accept\w*|reject\w*|submit\w*|won|lost|fell|rose|occurred|happened|erupted|invok\w*|imposed|waged|carried out|took place)\b/i;

/** Past-tense forms in general: a weaker signal that the sentence narrates an event. */
const PAST_TENSE = /\b\w{3,}ed\b/i;

/** How many characters either side of the date expression a verb may be to count as "near". */
const WINDOW = 80;

/**
 * A multiplier in [1, 1.6] for a sentence: highest when a verb of happening sits near the date
 * expression (`dateStart`/`dateEnd` are offsets within `sentence`; null when the sentence
 * names no date), lower for any happening verb or past tense elsewhere.
 */
export function eventness(sentence: string, dateStart: number | null, dateEnd: number | null): number {
  const near =
    dateStart === null || dateEnd === null
      ? sentence
      : sentence.slice(Math.max(0, dateStart - WINDOW), Math.min(sentence.length, dateEnd + WINDOW));
  if (HAPPENING.test(near)) return 1.6;
  if (HAPPENING.test(sentence)) return 1.35;
  if (PAST_TENSE.test(sentence)) return 1.15;
  return 1;
}

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
  /** First day of the period, `YYYY-MM-DD`. */
  readonly date: string;
  /** True for a calendar day (a burst of publication only means something for a day). */
  readonly isDay: boolean;
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
}

/**
 * Round, untuned defaults: the two collection-level signals of the timeline-summarisation
 * literature count equally (Tran et al. 2013; Gholipour Ghalandari & Ifrim 2020), and the
 * sentence-level evidence only breaks near ties.
 */
export const SALIENCE_WEIGHTS: SalienceWeights = { referenced: 1, burst: 1, reports: 0.25 };

/**
 * How much each date is an event day of the topic, from three signals each scaled to [0, 1]
 * by its maximum over `dates`:
 *
 * - referenced: relevance of the stories published *after* the date (or undated) that name it:
 *   news keeps referring back to what happened ("the WHO raised its alert on April 27");
 *   a story naming its own publication day is already counted by `burst`.
 * - burst: relevance of the stories published on the day and on the day after (half each):
 *   coverage jumps when something happens, and the next morning's papers report it.
 * - reports: the date's own sentences, so relevance and eventness still break near ties.
 *
 * Story relevance, not sentence relevance, weighs the counts: a date is often named in a
 * sentence that does not repeat the topic's words. `stories` are all stories judged relevant.
 */
export function dateSalience(dates: readonly DateEvidence[], stories: readonly Story[], weights: SalienceWeights = SALIENCE_WEIGHTS): number[] {
  const published = new Map<string, number>();
  for (const s of stories) if (s.published !== null) published.set(s.published, (published.get(s.published) ?? 0) + s.relevance);
  const referenced = dates.map((d) => {
    let sum = 0;
    for (const s of d.mentionedBy) if (s.published === null || s.published > d.date) sum += s.relevance;
    return sum;
  });
  const burst = dates.map((d) => (d.isDay ? 0.5 * ((published.get(d.date) ?? 0) + (published.get(addDays(d.date, 1)) ?? 0)) : 0));
  const reports = dates.map((d) => d.reports);
  const r = scaled(referenced);
  const b = scaled(burst);
  const q = scaled(reports);
  return dates.map((_, i) => weights.referenced * r[i]! + weights.burst * b[i]! + weights.reports * q[i]!);
}

/** Values divided by their maximum (all zero when the maximum is not positive). */
function scaled(xs: readonly number[]): number[] {
  const max = Math.max(0, ...xs);
  return max > 0 ? xs.map((x) => x / max) : xs.map(() => 0);
}
