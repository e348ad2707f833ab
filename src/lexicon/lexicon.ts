/**
 * The lexicon behind query expansion: WordNet synonyms and derivations, and nearest corpus words
 * in GloVe space, each kind at its own reduced weight. Both sources are optional (a machine
 * without the word vectors still gets WordNet, and the reverse).
 */
import { terms } from '../core/text.js';
import type { WordVectors } from '../embed/word-vectors.js';
import type { LexicalIndex } from '../index/types.js';
import { CorpusNeighbours } from './neighbours.js';
import type { Lexicon, NamedKind, RelatedTerm } from './types.js';
import type { WordNet } from './wordnet.js';

/**
 * How strongly each kind of related word stands for the question word (its `weight`, in (0, 1]),
 * and how much of that the two consumers use: `bm25` scales it in the retrieval query, `coverage`
 * in sentence scoring. An object so the eval harness can sweep it.
 * Provenance: `derivation` and `synonym` are set by judgement (not swept); a neighbour weighs its
 * cosine, so `bm25` 0.45 gives the ≈ 0.3 BM25 weight measured before at cosine ≈ 0.67. Swept on
 * xquad-dev half 1 with every question expanded (answer@1/@3; half 2 in brackets): coverage 0.3
 * 0.845/0.913 (0.913/0.961), 0.5 0.868/0.927 (0.918/0.966), 0.7 0.872/0.932 (0.908/0.966);
 * bm25 0.3 0.868/0.932 (0.923/0.961), 0.6 0.872/0.927 (0.918/0.961); maxNeighbours 2 0.868/0.927
 * (0.923/0.966), 5 0.877/0.936 (0.913/0.966). The middle values were kept: no setting wins on
 * both halves. (Measured before the frequent-word rule below was added to query words.)
 */
export const EXPANSION = {
  /** Derivationally related forms ("accuse" → "accusation"): the same idea in another part of speech. */
  derivation: 0.9,
  /** Words of the same WordNet synset, from the lemma's first senses only. */
  synonym: 0.7,
  /** Nearest corpus words in GloVe space weigh their cosine. */
  /** Cosine a corpus word must reach to count as a neighbour (0.6: the previous measurement on xquad-dev). */
  minCosine: 0.6,
  /** Neighbours kept per question word. */
  maxNeighbours: 3,
  /** The most frequent words ("said", "people", "time") are near everything: never neighbours, and never expanded. */
  minNeighbourRank: 300,
  /** Share of a related word's weight in the BM25 query (a question word counts 1). */
  bm25: 0.45,
  /** Share of a related word's weight in sentence coverage (a question word's own forms count 1). */
  coverage: 0.5,
};

/** WordNet lemmas a word may be a form of: itself, then simple de-inflections (a rough morphy). */
function lemmaGuesses(word: string): string[] {
  const out = [word];
  const add = (x: string) => x.length >= 2 && !out.includes(x) && out.push(x);
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) add(word.slice(0, -1));
  if (word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) {
    add(word.slice(0, -2));
    add(word.slice(0, -1));
    if (/([^aeiou])\1ed$/.test(word)) add(word.slice(0, -3));
  }
  if (word.endsWith('ing')) {
    add(word.slice(0, -3));
    add(`${word.slice(0, -3)}e`);
    if (/([^aeiou])\1ing$/.test(word)) add(word.slice(0, -4));
  }
  return out;
}

/** The index's term test: a term is present when its idf is below that of a term no chunk has. */
function presence(lexical: LexicalIndex): (term: string) => boolean {
  const absent = lexical.idf('\u0000absent');
  return (t) => lexical.idf(t) < absent - 1e-9;
}

class CombinedLexicon implements Lexicon {
  private readonly neighbours = new WeakMap<LexicalIndex, CorpusNeighbours>();

  constructor(
    private readonly vectors: WordVectors | null,
    private readonly wordnet: WordNet | null,
  ) {}

  related(word: string, lexical: LexicalIndex, exclude: ReadonlySet<string>): readonly RelatedTerm[] {
    const present = presence(lexical);
    const best = new Map<string, RelatedTerm>();
    const offer = (term: string, weight: number, via: RelatedTerm['via']) => {
      if (weight <= 0 || exclude.has(term) || !present(term)) return;
      const had = best.get(term);
      if (!had || had.weight < weight) best.set(term, { term, weight, via });
    };
    if (this.wordnet) {
      for (const lemma of lemmaGuesses(word)) {
        const r = this.wordnet.relations(lemma);
        // Multi-word lemmas ("break_off") would need phrase matching; single words only.
        for (const w of r.derivations) if (!w.includes('_')) for (const t of oneTerm(w)) offer(t, EXPANSION.derivation, 'derivation');
        for (const w of r.synonyms) if (!w.includes('_')) for (const t of oneTerm(w)) offer(t, EXPANSION.synonym, 'synonym');
      }
    }
    for (const x of this.near([word], lexical, exclude)) offer(x.term, x.cosine, 'neighbour');
    return [...best.values()].sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  }

  relatedToPhrase(words: readonly string[], lexical: LexicalIndex, exclude: ReadonlySet<string>): readonly RelatedTerm[] {
    const present = presence(lexical);
    return this.near(words, lexical, exclude)
      .filter((x) => present(x.term))
      .map((x) => ({ term: x.term, weight: x.cosine, via: 'neighbour' as const }));
  }

  namedKind(word: string): NamedKind | null {
    if (!this.wordnet) return null;
    // The word as written, else its singular ("countries" → "country").
    for (const lemma of [word, ...singulars(word)]) {
      const kind = this.wordnet.namedKind(lemma);
      if (kind) return kind;
    }
    return null;
  }

  isInstanceOf(name: string, noun: string): boolean {
    if (!this.wordnet) return false;
    return [noun, ...singulars(noun)].some((n) => this.wordnet!.isInstanceOf(name, n));
  }

  private near(words: readonly string[], lexical: LexicalIndex, exclude: ReadonlySet<string>) {
    if (!this.vectors) return [];
    let n = this.neighbours.get(lexical);
    if (!n) this.neighbours.set(lexical, (n = new CorpusNeighbours(this.vectors, presence(lexical), EXPANSION.minNeighbourRank)));
    return n.near(words, EXPANSION.minCosine, EXPANSION.maxNeighbours, exclude);
  }
}

function singulars(word: string): string[] {
  if (word.endsWith('ies')) return [`${word.slice(0, -3)}y`];
  if (word.endsWith('es')) return [word.slice(0, -2), word.slice(0, -1)];
  if (word.endsWith('s') && !word.endsWith('ss')) return [word.slice(0, -1)];
  return [];
}

function oneTerm(word: string): string[] {
  const t = terms(word);
  return t.length === 1 ? t : [];
}

/** A lexicon over the given sources; null when there is none. */
export function createLexicon(sources: { vectors?: WordVectors | null; wordnet?: WordNet | null }): Lexicon | null {
  const vectors = sources.vectors ?? null;
  const wordnet = sources.wordnet ?? null;
  return vectors || wordnet ? new CombinedLexicon(vectors, wordnet) : null;
}
