/** What query expansion works with: terms related to a question word, each with a reduced weight. */
import type { LexicalIndex } from '../index/types.js';

/** Where a related term comes from (each source has its own weight). */
export type RelationKind = 'derivation' | 'synonym' | 'neighbour';

/** A lexical term (a stem, as in the index) related to a question word. */
export interface RelatedTerm {
  readonly term: string;
  /** Share of the question word's weight this term earns in place of it, in (0, 1). */
  readonly weight: number;
  readonly via: RelationKind;
}

/** What a proper name names: the kinds of answer a "which <noun>" question can ask for. */
export type NamedKind = 'person' | 'place' | 'organization';

/** Related terms of a word, restricted to terms a corpus uses. */
export interface Lexicon {
  /**
   * Terms related to `word` (lower case) that the corpus behind `lexical` uses, best first,
   * never one of `exclude` (the word's own forms). Empty when nothing is known.
   */
  related(word: string, lexical: LexicalIndex, exclude: ReadonlySet<string>): readonly RelatedTerm[];
  /** Terms near a two-word phrase as a whole ("death toll" → "killed"); empty when the lexicon has no vectors. */
  relatedToPhrase(words: readonly string[], lexical: LexicalIndex, exclude: ReadonlySet<string>): readonly RelatedTerm[];
  /** Whether the noun `word` (lower case) names a kind of person, place or organization ("lawmaker", "country"); null when not or unknown, absent without WordNet. */
  namedKind?(word: string): NamedKind | null;
  /** Whether the proper name `name` is, by WordNet, an instance of a kind of `noun` ("California", "state"); absent without WordNet. */
  isInstanceOf?(name: string, noun: string): boolean;
}
