import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index, topK } from '../../src/index/bm25.js';

describe('Bm25Index', () => {
  const docs = [
    'Bolivia cut diplomatic ties with Israel over the war in Gaza.',
    'Iran and Turkey foreign ministers met in Ankara.',
    'The foreign ministers of Iran and Qatar spoke by telephone.',
    'Gaza gaza gaza gaza gaza gaza gaza gaza gaza gaza gaza gaza gaza gaza gaza.',
  ];
  const index = Bm25Index.fromTexts(docs);

  it('GIVEN a query naming Bolivia THEN the only Bolivia document ranks first (rare term, high idf)', () => {
    expect(index.search('Why did Bolivia cut ties?', 3)[0]?.id).toBe(0);
  });

  it('GIVEN "ministers met in Ankara" THEN the Ankara document beats the Qatar one (more matched terms)', () => {
    const hits = index.search('ministers met in Ankara', 3);
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual([1, 2]);
  });

  it('GIVEN term repetition THEN saturation (k1) keeps a spammy document from dominating a two-term query', () => {
    const hits = index.search('Gaza Bolivia', 2);
    expect(hits[0]?.id).toBe(0);
  });

  it('GIVEN a query with no known term THEN nothing is returned', () => {
    expect(index.search('kangaroo', 5)).toEqual([]);
    expect(index.search('', 5)).toEqual([]);
  });

  it('GIVEN weighted terms THEN each term weight scales its contribution; weight 1 equals a plain search', () => {
    const plain = index.search('Iran Qatar', 4);
    expect(
      index.searchWeighted(
        new Map([
          ['iran', 1],
          ['qatar', 1],
        ]),
        4,
      ),
    ).toEqual(plain);
    // Qatar weighed down to nothing: the two Iran documents tie on their Iran score alone.
    const noQatar = index.searchWeighted(
      new Map([
        ['iran', 1],
        ['qatar', 0],
      ]),
      4,
    );
    expect(noQatar.map((h) => h.id).sort()).toEqual([1, 2]);
    const half = index.searchWeighted(
      new Map([
        ['iran', 1],
        ['qatar', 0.5],
      ]),
      4,
    );
    expect(half.find((h) => h.id === 2)!.score).toBeLessThan(plain.find((h) => h.id === 2)!.score);
    expect(half.find((h) => h.id === 2)!.score).toBeGreaterThan(noQatar.find((h) => h.id === 2)!.score);
  });

  it('GIVEN repeated searches THEN results are identical (scratch scores are reset)', () => {
    expect(index.search('Iran ministers', 4)).toEqual(index.search('Iran ministers', 4));
  });
});

describe('topK (property)', () => {
  it('GIVEN any scores THEN it equals a full sort truncated to k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 0, max: 30 }), (scores, k) => {
        const ids = scores.map((_, i) => i);
        const expected = ids
          .map((id) => ({ id, score: scores[id]! }))
          .sort((a, b) => b.score - a.score || a.id - b.id)
          .slice(0, k);
        expect(topK(ids, scores, k)).toEqual(expected);
      }),
    );
  });
});
