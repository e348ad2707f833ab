import { describe, expect, it } from 'vitest';
import { terms } from '../../src/core/text.js';
import { centrality, sentenceTerms } from '../../src/timeline/sentence-terms.js';
import { makeArticle } from './seed.js';

const set = (s: string) => new Set(s.split(' ').filter(Boolean));

describe('centrality', () => {
  describe('GIVEN three reports of the same news and one side detail', () => {
    const scores = centrality([
      set('quake struck haiti capital'),
      set('quake struck haiti'),
      set('haiti quake struck port'),
      set('concert raised money'),
    ]);
    it('THEN the reports that share the most terms score highest, the side detail lowest', () => {
      expect(Math.max(...scores)).toBe(1);
      expect(scores[3]!).toBeLessThan(Math.min(scores[0]!, scores[1]!, scores[2]!));
    });
    it('THEN every score is in [0, 1]', () => {
      for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    });
  });

  describe('GIVEN an empty term set among others', () => {
    it('THEN it scores 0', () => {
      expect(centrality([set('a b'), set('')])).toEqual([1, 0]);
    });
  });

  describe('GIVEN only empty term sets, or none', () => {
    it('THEN every set scores 1, leaving any order unchanged', () => {
      expect(centrality([set(''), set('')])).toEqual([1, 1]);
      expect(centrality([])).toEqual([]);
    });
  });
});

describe('sentenceTerms', () => {
  const article = makeArticle('a', 'a.txt', 'T', null, null, 'Flood waters rose in the delta. Rescue teams arrived by boat.');
  it('GIVEN a sentence THEN its set is the terms() of its text, the same object on every call', () => {
    const span = article.sentences[1]!;
    expect([...sentenceTerms(article, 1)]).toEqual([...new Set(terms(article.text.slice(span.start, span.end)))]);
    expect(sentenceTerms(article, 1)).toBe(sentenceTerms(article, 1));
  });
  it('GIVEN an index out of range THEN the set is empty', () => {
    expect(sentenceTerms(article, 99).size).toBe(0);
  });
});
