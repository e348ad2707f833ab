/**
 * "How many" questions: the number must count the thing asked about, in the question's own word
 * or a related one ("130 captives" for "how many hostages…"), which also lets a question declined
 * in its own words be answered from related words.
 */
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { countedTerms, profileQuestion } from '../../src/answer/profile.js';
import { countedFigure, sentenceFeatures } from '../../src/answer/quote.js';
import type { AnswerResult } from '../../src/core/types.js';
import type { LexicalIndex } from '../../src/index/types.js';
import type { Lexicon, RelatedTerm } from '../../src/lexicon/types.js';
import { article, indexOf } from './helpers.js';

/** A lexicon that knows one relation, "hostages" → "captives" (a GloVe neighbour at 0.89), as the real one gives it: only when the corpus has the word. */
const lexicon: Lexicon = {
  related(word: string, lexical: LexicalIndex): readonly RelatedTerm[] {
    const absent = lexical.idf('\u0000absent');
    return word === 'hostages' && lexical.idf('captiv') < absent ? [{ term: 'captiv', weight: 0.89, via: 'neighbour' }] : [];
  },
  relatedToPhrase: () => [],
};

const articles = [
  article(
    'c1',
    'Qatar mediates between Israel and Hamas',
    'Israel currently estimates that 130 captives remain in Gaza, while around 7,000 Palestinians are in Israeli jails. Around 2,000 people are still missing, including 1,100 children. Talks on a truce continued in Doha on October 7 anniversary events.',
  ),
  article(
    'c2',
    'Strikes on Gaza continue',
    'The strikes have killed 3,648 children, officials said. More than 8,000 people have been killed since the war began in 2023, among them many women. Aid trucks waited at the border for days.',
  ),
  article(
    'c3',
    'Bolivia cuts ties',
    'Bolivia severed diplomatic relations with Israel on Tuesday. The decision was announced at a press conference in La Paz.',
  ),
];
const index = indexOf(articles);
const [c1, c2] = articles as [(typeof articles)[0], (typeof articles)[0]];
const quotes = (r: AnswerResult) => (r.kind === 'answer' ? r.excerpts.map((e) => e.quote) : []);

describe('countedTerms', () => {
  it('GIVEN "how many" and a noun THEN the noun (and the one after) is what is counted', () => {
    expect([...countedTerms('how many hostages does israel think are still in gaza?')]).toEqual(['hostag']);
    expect([...countedTerms('How many Israeli soldiers have died?')]).toEqual(['israel', 'soldier']);
  });

  it('GIVEN "how many" followed by a verb THEN the word after the auxiliaries is counted', () => {
    expect([...countedTerms('how many were wounded according to the report?')]).toEqual(['wound']);
    expect([...countedTerms('How many have been killed?')]).toEqual(['kill']);
  });

  it('GIVEN a question that counts nothing THEN nothing', () => {
    expect(countedTerms('Who is the foreign minister of Qatar?').size).toBe(0);
    expect(countedTerms('How long is the Gaza Strip?').size).toBe(0);
  });
});

describe('countedFigure', () => {
  it('GIVEN a number beside the counted word THEN own; beside a related word THEN related', () => {
    expect(countedFigure(profileQuestion('How many captives remain?', index.lexical), c1, 0)).toBe('own');
    expect(countedFigure(profileQuestion('How many hostages remain?', index.lexical, lexicon), c1, 0)).toBe('related');
    // Without the relation the same sentence counts nothing the question asks about.
    expect(countedFigure(profileQuestion('How many hostages remain?', index.lexical), c1, 0)).toBeNull();
  });

  it('GIVEN a number beside another word, a year or a day of a date THEN null', () => {
    expect(countedFigure(profileQuestion('How many children are in jail?', index.lexical), c1, 0)).toBeNull();
    // "October 7 anniversary": a day, not a count.
    expect(countedFigure(profileQuestion('How many anniversary events were held?', index.lexical), c1, 2)).toBeNull();
    // "in 2023, among them many women": a year.
    expect(countedFigure(profileQuestion('How many women were killed?', index.lexical), c2, 1)).toBeNull();
  });
});

describe('GIVEN a "how many" question and sentences with numbers', () => {
  it('THEN a number counting the asked thing scores the full answer-type match and another number half', () => {
    const p = profileQuestion('How many children have been killed?', index.lexical);
    expect(sentenceFeatures(p, c2, 0).typeMatch).toBe(1);
    expect(sentenceFeatures(p, c2, 1).typeMatch).toBe(0.5);
  });
});

describe('GIVEN a "how many" question in words the articles do not use', () => {
  const q = 'How many hostages does Israel think are still in Gaza?';

  it('THEN without related words it is declined', async () => {
    expect((await answer({ index }, q)).kind).toBe('noAnswer');
  });

  it('THEN with them the sentence whose number counts the related word answers', async () => {
    expect(quotes(await answer({ index, lexicon }, q))[0]).toContain('130 captives remain in Gaza');
  });

  it('THEN a question naming a place the articles never mention is still declined', async () => {
    expect((await answer({ index, lexicon }, 'How many hostages are still held in Morocco?')).kind).toBe('noAnswer');
  });
});
