/**
 * Follow-up questions ("How many were wounded?" replied to an answer about Gaza deaths): the
 * previous question's topic is carried into the follow-up. Pure over the profiles and the index
 * statistics.
 *
 * - Its key terms join the follow-up's lexical query at {@link CARRY.weight} of their own weight;
 *   a follow-up that names nothing of its own ("Why?") is also scored with them (see
 *   {@link namesOwnTopic}), one that does is scored by its own words, as itself.
 * - The articles the previous answer cited are searched first; when they do not answer, the whole
 *   collection with the carried terms, and last the follow-up alone (see {@link followUpStages}).
 */
import { terms } from '../core/text.js';
import type { Article } from '../core/types.js';
import { confidence, excerptEvidence } from './abstain.js';
import { planExcerpt, sentenceFeatures } from './quote.js';
import { FRAME_WORDS, type QuestionProfile, type QuestionTerm } from './profile.js';

/** What a follow-up needs from the exchange it follows. */
export interface FollowUp {
  /** The question the previous answer answered, as the user asked it. */
  readonly question: string;
  /** Ids of the articles that answer cited (best first); may be empty. */
  readonly articleIds: readonly string[];
}

/** One stage of a follow-up as the answer engine reads it (see `AnswerOptions.carry`). */
export interface Carry {
  /** The previous question, cleaned. */
  readonly previous: string;
  /** Answer only from these articles; absent: the whole collection. */
  readonly articleIds?: ReadonlySet<string>;
}

/**
 * Weight of a carried term relative to the same term asked directly. An object so an eval can
 * sweep it. Chosen on xquad-dev half 1 with `npm run eval:followup -- --half 1` (answer@1 of
 * replies following another question on the same paragraph / on another article; asked fresh
 * 0.830 / 0.834; margin 0.1): 0.5 → 0.843 / 0.834, 0.75 → 0.843 / 0.839, 1 → 0.843 / 0.839;
 * 0.75, the lowest weight with the best figures (a carried term must weigh less than the reply's
 * own). Half 2 (fresh 0.922 / 0.927): 0.75 → 0.922 / 0.927.
 */
export const CARRY = { weight: 0.75 };

/**
 * The follow-up's profile with the previous question's terms added at {@link CARRY.weight} of
 * their weight. The follow-up's own terms, kind of answer, focus and speaker stay as they are; a
 * carried term is never an anchor (a name of the previous topic missing from an excerpt is not a
 * name the follow-up asks for), and a term the follow-up already asks keeps its own weight.
 */
export function carriedProfile(own: QuestionProfile, previous: QuestionProfile, weight: number = CARRY.weight): QuestionProfile {
  const mine = new Set(own.terms.map((t) => t.term));
  const covered = new Set(own.terms.flatMap((t) => t.variants));
  const added: QuestionTerm[] = [];
  for (const t of previous.terms) {
    // Terms no article uses carry nothing (the previous answer did not rest on them).
    if (t.missing || mine.has(t.term) || covered.has(t.term)) continue;
    added.push({ ...t, weight: t.weight * weight, anchor: false, related: [] });
  }
  if (added.length === 0) return own;
  const list = [...own.terms, ...added];
  const termOf = new Map(own.termOf);
  for (const t of added) for (const v of t.variants) if (!termOf.has(v)) termOf.set(v, t.term);
  return {
    ...own,
    terms: list,
    totalWeight: list.reduce((s, t) => s + t.weight, 0),
    termOf,
    // A word the previous question said is not the answer to the follow-up either ("Who…?" after "…Bolivia…").
    words: new Set([...own.words, ...previous.words]),
  };
}

/**
 * The weighted lexical query of a follow-up: its own query (plain terms once per mention, or its
 * expanded query) plus each carried term at {@link CARRY.weight} per mention in the previous question.
 */
export function carriedQuery(
  own: string | ReadonlyMap<string, number>,
  previous: string,
  profile: QuestionProfile,
  weight: number = CARRY.weight,
): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof own === 'string') for (const t of terms(own)) out.set(t, (out.get(t) ?? 0) + 1);
  else for (const [t, w] of own) out.set(t, w);
  const carried = new Set(profile.terms.map((t) => t.term));
  const extra = new Map<string, number>();
  for (const t of terms(previous)) if (carried.has(t) && !out.has(t)) extra.set(t, (extra.get(t) ?? 0) + weight);
  for (const [t, w] of extra) out.set(t, w);
  return out;
}

/**
 * Whether the follow-up says what it is about in words of its own (beyond frame words such as
 * "how many"). Such a follow-up is scored and judged by its own words alone, as a fresh question
 * would be ("What is the capital of France?" after a question on Ankara): the carried terms only
 * help retrieval find the previous topic's passages. One that does not ("When?", "Why?", "How
 * many?") is scored with the carried profile.
 */
export function namesOwnTopic(own: QuestionProfile): boolean {
  return own.terms.some((t) => !FRAME_WORDS.has(t.term));
}

/**
 * How confident the question's content words (its own terms but frame words such as "how many")
 * are in sentence `sentence` of `article`; `null` when it has none. Compares a carried stage's
 * passage with the fresh answer's on the same footing: a frame word matched by chance ("many
 * bodies remain trapped") does not make a passage a better answer.
 */
export function contentConfidence(own: QuestionProfile, article: Article, sentence: number): number | null {
  const content = own.terms.filter((t) => !FRAME_WORDS.has(t.term));
  if (content.length === 0) return null;
  const termOf = new Map<string, string>();
  for (const t of content) for (const v of [...t.variants, ...t.related.map((r) => r.term)]) if (!termOf.has(v)) termOf.set(v, t.term);
  const profile: QuestionProfile = { ...own, terms: content, totalWeight: content.reduce((s, t) => s + t.weight, 0), termOf };
  const plan = planExcerpt(profile, article, sentence);
  return confidence(profile, sentenceFeatures(profile, article, sentence), plan ? excerptEvidence(profile, article, plan) : undefined);
}

/**
 * How much more confident the fresh answer's passage must be (see {@link contentConfidence})
 * than a carried stage's, for the fresh answer to win: a self-contained reply that the previous
 * answer's articles answer only weakly is answered as itself. An object so an eval can sweep it.
 * `npm run eval:followup` (weight 0.75; same paragraph / other article): half 1 margin 0 →
 * 0.843 / 0.839, 0.1 → 0.843 / 0.839, 0.2 → 0.855 / 0.839, never (1) → 0.855 / 0.839; half 2
 * (fresh 0.922 / 0.927) 0.1 → 0.922 / 0.927, 0.2 → 0.922 / 0.922, never → 0.922 / 0.917. 0.2
 * was best on half 1 but answered a self-contained question worse than fresh on half 2; 0.1 is
 * the largest margin that lost none on either half.
 */
export const PREFER_FRESH = { margin: 0.1 };

/** Whether a carried stage's answer stands against the fresh one, given both passages' {@link contentConfidence}. */
export function carriedStands(carried: number | null, fresh: number | null, margin: number = PREFER_FRESH.margin): boolean {
  return carried === null || fresh === null || fresh <= carried + margin;
}

/** One way of answering a follow-up, tried in order until one answers. */
export type FollowUpStage =
  { readonly kind: 'cited'; readonly articleIds: ReadonlySet<string> } | { readonly kind: 'collection' } | { readonly kind: 'fresh' };

/**
 * The order a follow-up is tried in: the previous answer's articles (when it cited any), then
 * the whole collection, both with the carried terms; then the follow-up as a fresh question.
 */
export function followUpStages(followUp: FollowUp): FollowUpStage[] {
  const ids = new Set(followUp.articleIds.filter((id) => id.length > 0));
  return [...(ids.size > 0 ? [{ kind: 'cited' as const, articleIds: ids }] : []), { kind: 'collection' }, { kind: 'fresh' }];
}
