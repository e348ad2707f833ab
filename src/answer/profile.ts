/**
 * What a question asks for, in the terms quote selection scores with: weighted lexical terms,
 * the anchors (names, numbers), and the expected kind of answer. Pure.
 */
import { stemmer } from 'stemmer';
import { terms } from '../core/text.js';
import type { LexicalIndex } from '../index/types.js';

/** Expected kind of answer, from the question's wording. */
export type AnswerType = 'quantity' | 'time' | 'name' | 'reason' | 'other';

/** One distinct question term with its weight. */
export interface QuestionTerm {
  readonly term: string;
  /** idf × role factor (frame words count little, names and numbers more). */
  readonly weight: number;
  /** A capitalised word or a number in the question: what the question is about. */
  readonly anchor: boolean;
  /** The term occurs nowhere in the index. */
  readonly missing: boolean;
}

export interface QuestionProfile {
  readonly terms: readonly QuestionTerm[];
  /** Sum of term weights (the denominator of every coverage). */
  readonly totalWeight: number;
  /** Adjacent question-term pairs, for phrase matches ("jared allen", "super bowl"). */
  readonly bigrams: ReadonlySet<string>;
  readonly type: AnswerType;
  /** Lower-cased words of the question, so an answer candidate is never a word the question already says. */
  readonly words: ReadonlySet<string>;
}

/**
 * Words that frame the question rather than name its topic ("how many", "what year", "what is
 * it called"); they rarely appear in the answering sentence, so they weigh little.
 */
const FRAME_WORDS: ReadonlySet<string> = new Set(
  ['many', 'much', 'year', 'named', 'called', 'type', 'kind', 'example', 'term', 'happened', 'described', 'refers', 'means'].map(stemmer),
);
const FRAME_FACTOR = 0.3;
const ANCHOR_FACTOR = 1.3;

/** Builds the profile of a cleaned question against an index's statistics. */
export function profileQuestion(question: string, lexical: LexicalIndex): QuestionProfile {
  const qTerms = terms(question);
  const anchors = anchorTerms(question);
  const absentIdf = lexical.idf('\u0000absent');
  const seen = new Map<string, QuestionTerm>();
  for (const t of qTerms) {
    if (seen.has(t)) continue;
    const idf = lexical.idf(t);
    const missing = idf >= absentIdf - 1e-9;
    const anchor = anchors.has(t);
    const factor = FRAME_WORDS.has(t) ? FRAME_FACTOR : anchor ? ANCHOR_FACTOR : 1;
    seen.set(t, { term: t, weight: Math.max(idf, 0.05) * factor, anchor, missing });
  }
  const list = [...seen.values()];
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < qTerms.length; i++) bigrams.add(`${qTerms[i]} ${qTerms[i + 1]}`);
  return {
    terms: list,
    totalWeight: list.reduce((s, t) => s + t.weight, 0),
    bigrams,
    type: answerType(question),
    words: new Set(question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []),
  };
}

/** Terms of the capitalised words (not the first word) and numbers of the question. */
function anchorTerms(question: string): Set<string> {
  const out = new Set<string>();
  const tokens = question.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  tokens.forEach((tok, i) => {
    if (/^\p{N}/u.test(tok) || (i > 0 && /^\p{Lu}/u.test(tok))) for (const t of terms(tok)) out.add(t);
  });
  return out;
}

const QUANTITY =
  /\bhow (?:many|much|long|far|old|large|big|high|tall|deep|wide|fast|heavy|often)\b|\bwhat (?:is the |was the )?(?:number|amount|percentage|percent|proportion|share|population|size|total|cost|price|rate)\b|\bwhat (?:fraction|portion)\b/;
const TIME =
  /\bwhen\b|\b(?:what|which) (?:year|date|day|month|decade|century|time|era|period|season)\b|\bin what (?:year|decade|century|month)\b|\bhow long ago\b|\bsince when\b/;
const NAME =
  /\bwho(?:m|se)?\b|\bwhere\b|\b(?:what|which) (?:person|man|woman|player|team|company|organi[sz]ation|group|country|city|state|place|region|town|university|party|newspaper|outlet|agency|minister|president|leader|official)\b/;
const REASON = /\bwhy\b|\bfor what reason\b|\bwhat (?:caused|led to|prompted|was the reason)\b|\bhow come\b/;

/** Classifies the expected answer from the question's wording (English cues). */
export function answerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (TIME.test(q)) return 'time';
  if (QUANTITY.test(q)) return 'quantity';
  if (REASON.test(q)) return 'reason';
  if (NAME.test(q)) return 'name';
  return 'other';
}
