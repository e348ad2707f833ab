import { describe, expect, it } from 'vitest';
import { buildSearchIndexInMemory } from '../../src/index/memory.js';
import { articleRelevance, expandedQuery, lexicalHits, rankSentencesLexically } from '../../src/timeline/relevance.js';
import { makeArticle, seedIndex } from './seed.js';

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
    it('THEN with a sentence share of the score (contextShare < 1) a sentence naming Bolivia outranks one that does not', () => {
      const shared = rankSentencesLexically(index, 'Bolivia', { contextShare: 0.35 });
      const naming = shared.find((r) => sentenceText(r.articleId, r.sentence).includes('Bolivia'))!;
      const silent = shared.find((r) => !sentenceText(r.articleId, r.sentence).includes('Bolivia'))!;
      expect(naming.score).toBeGreaterThan(silent.score);
    });
    it('THEN by default a sentence scores as its passage: it need not repeat the literal topic words', () => {
      const silent = ranked.find((r) => !sentenceText(r.articleId, r.sentence).includes('Bolivia'))!;
      expect(silent.score).toBeGreaterThan(0.5);
    });
  });

  describe('GIVEN a topic absent from the collection or made of stop words', () => {
    it('THEN nothing is returned', () => {
      expect(rankSentencesLexically(index, 'zebra unicorn')).toEqual([]);
      expect(rankSentencesLexically(index, 'the of and')).toEqual([]);
    });
  });
});

/**
 * A small collection where the topic as typed ("Cairo protests") names the story, while some of
 * its articles only use the story's own words (Mubarak, Tahrir, demonstrators); plus unrelated
 * articles (a harvest, a football final).
 */
function protestCollection() {
  const on = (i: number, text: string) => makeArticle(`on${i}`, 'on.txt', `Report ${i}`, 'Wire', `2011-02-0${i}`, text);
  const articles = [
    on(1, 'Cairo protests grew on Tuesday. Demonstrators filled Tahrir Square and demanded that Mubarak resign.'),
    on(2, 'The Cairo protests entered a second week. Mubarak said he would not stand again as demonstrators held Tahrir.'),
    on(3, 'Police fired tear gas at the Cairo protests. Demonstrators in Tahrir chanted against Mubarak.'),
    on(4, 'Demonstrators in Tahrir Square celebrated through the night after Mubarak stepped down.'),
    makeArticle(
      'off1',
      'off.txt',
      'Harvest',
      'Farm',
      '2011-02-03',
      'The wheat harvest in Kansas was the largest in a decade, farmers said.',
    ),
    makeArticle('off2', 'off.txt', 'Final', 'Sport', '2011-02-04', 'The football final ended in a draw after extra time in Madrid.'),
  ];
  return buildSearchIndexInMemory(articles);
}

describe('pseudo-relevance feedback', () => {
  const index = protestCollection();

  describe('GIVEN the topic "Cairo protests"', () => {
    it('THEN the terms that co-occur with it in the best-matching articles join the query, weighted below the topic terms', () => {
      const q = expandedQuery(index, 'Cairo protests');
      expect(q.get('cairo')).toBe(1);
      for (const t of ['mubarak', 'tahrir', 'demonstr']) {
        expect(q.get(t)).toBeGreaterThan(0);
        expect(q.get(t)).toBeLessThanOrEqual(0.5);
      }
      expect(q.has('wheat')).toBe(false);
    });
    it('THEN the article that never names "Cairo" or "protests" is retrieved; the unrelated ones are not', () => {
      const articles = new Set(rankSentencesLexically(index, 'Cairo protests').map((r) => r.articleId));
      expect(articles.has('on4')).toBe(true);
      expect(articles.has('off1')).toBe(false);
      expect(articles.has('off2')).toBe(false);
    });
    it('THEN without feedback that article is missed (the literal words alone)', () => {
      const articles = new Set(rankSentencesLexically(index, 'Cairo protests', { feedbackArticles: 0 }).map((r) => r.articleId));
      expect(articles.has('on4')).toBe(false);
    });
    it('THEN every on-topic article has a relevance in (0, 1], the best exactly 1', () => {
      const rel = articleRelevance(index, lexicalHits(index, 'Cairo protests').hits);
      for (const id of ['on1', 'on2', 'on3', 'on4']) expect(rel.get(id)).toBeGreaterThan(0);
      expect(Math.max(...rel.values())).toBe(1);
      for (const v of rel.values()) expect(v).toBeLessThanOrEqual(1);
    });
  });

  describe('GIVEN a topic no article mentions', () => {
    it('THEN the query stays empty and nothing is retrieved', () => {
      expect(expandedQuery(index, 'zebra unicorn').size).toBe(0);
      expect(lexicalHits(index, 'zebra unicorn').hits).toEqual([]);
    });
  });
});
