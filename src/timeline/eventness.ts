/**
 * Is it an event? Does a sentence report something that happened on its date (a timeline wants
 * "Bolivia announced on Tuesday it was severing relations", not "the talks on Tuesday were important").
 */

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
