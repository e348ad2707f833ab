import { describe, expect, it } from 'vitest';
import { extractive, half, MIN_EXTRACTIVE_ANSWER_CHARS } from '../../src/eval/split.js';
import { sentenceBaseline } from '../../src/eval/baseline.js';
import { article } from '../answer/helpers.js';

const q = (id: string, extra: Partial<{ answers: string[]; doc_ids: string[]; question_date: string }> = {}) => ({
  id,
  answers: extra.answers ?? ['Kevin McCarthy'],
  doc_ids: extra.doc_ids ?? ['d1'],
  ...(extra.question_date ? { question_date: extra.question_date } : {}),
});

describe('eval question subsets', () => {
  it('GIVEN questions with no gold document or a short answer THEN the extractive subset drops them (README definition)', () => {
    const kept = extractive([q('a'), q('b', { doc_ids: [] }), q('c', { answers: ['0'] }), q('d', { answers: ['NATO', 'UK'] })]);
    expect(kept.map((x) => x.id)).toEqual(['a']);
    expect(MIN_EXTRACTIVE_ANSWER_CHARS).toBe(4);
  });

  it('GIVEN dated questions THEN half 1 is the earlier ⌈n/2⌉ by date then id, half 2 the rest, and together they are the whole set', () => {
    const qs = [
      q('x3', { question_date: '2023-12-01' }),
      q('x1', { question_date: '2023-10-01' }),
      q('x2', { question_date: '2023-10-01' }),
      q('x0', { question_date: '2023-11-05' }),
      q('x4', { question_date: '2023-12-22' }),
    ];
    expect(half(qs, 1, () => null).map((x) => x.id)).toEqual(['x1', 'x2', 'x0']);
    expect(half(qs, 2, () => null).map((x) => x.id)).toEqual(['x3', 'x4']);
  });

  it('GIVEN undated questions THEN halves follow the parity of the gold article (no article in both halves), or of the position when the article is unknown', () => {
    const qs = [
      q('p', { doc_ids: ['a00_p01'] }),
      q('r', { doc_ids: ['a01_p00'] }),
      q('s', { doc_ids: ['a02_p03'] }),
      q('u', { doc_ids: ['zz'] }),
    ];
    const articleOf = (id: string) => (id.startsWith('a') ? Number(id.slice(1, 3)) : null);
    expect(half(qs, 1, articleOf).map((x) => x.id)).toEqual(['p', 's']);
    expect(half(qs, 2, articleOf).map((x) => x.id)).toEqual(['r', 'u']);
  });
});

describe('sentence-level BM25 baseline', () => {
  it('GIVEN two articles THEN the top sentence is the one sharing the rarest question terms', () => {
    const b = sentenceBaseline([
      article('a', 'Bees', 'Bees make honey. Honey is sweet.'),
      article('b', 'Rivers', 'The Nile is long. Rivers flood in spring.'),
    ]);
    expect(b.top('How long is the Nile?', 1)).toEqual(['The Nile is long.']);
    expect(b.top('zzzz', 3)).toEqual([]);
  });
});
