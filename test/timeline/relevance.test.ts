import { describe, expect, it } from 'vitest';
import { rankSentencesLexically } from '../../src/timeline/relevance.js';
import { seedIndex } from './seed.js';

describe('rankSentencesLexically', () => {
  const index = seedIndex();
  const sentenceText = (articleId: string, sentence: number) => {
    const a = index.articleById.get(articleId)!;
    const s = a.sentences[sentence]!;
    return a.text.slice(s.start, s.end);
  };

  describe('GIVEN the topic "Bolivia"', () => {
    const ranked = rankSentencesLexically(index, 'Bolivia');
    it('THEN only sentences of the Bolivia article are returned, best first, scores in (0, 1]', () => {
      expect(ranked.length).toBeGreaterThan(0);
      for (const r of ranked) {
        expect(index.articleById.get(r.articleId)!.title).toContain('Bolivia');
        expect(r.score).toBeGreaterThan(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }
      expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    });
    it('THEN a sentence naming Bolivia outranks one that does not', () => {
      const naming = ranked.find((r) => sentenceText(r.articleId, r.sentence).includes('Bolivia'))!;
      const silent = ranked.find((r) => !sentenceText(r.articleId, r.sentence).includes('Bolivia'))!;
      expect(naming.score).toBeGreaterThan(silent.score);
    });
  });

  describe('GIVEN a topic absent from the collection or made of stop words', () => {
    it('THEN nothing is returned', () => {
      expect(rankSentencesLexically(index, 'zebra unicorn')).toEqual([]);
      expect(rankSentencesLexically(index, 'the of and')).toEqual([]);
    });
  });
});
