import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeTruncated, meanPoolNormalize, orderByLength, padBatch, type TokenizeFn } from '../../src/embed/token-batch.js';

/** Fake BERT-ish tokenizer: one id per word, [CLS]=2 … [SEP]=3, pair segment gets type 1. */
const tokenize: TokenizeFn = (text, options) => {
  const a = text
    .split(' ')
    .filter(Boolean)
    .map((w) => w.length + 10);
  const b = options.text_pair
    ? options.text_pair
        .split(' ')
        .filter(Boolean)
        .map((w) => w.length + 10)
    : null;
  const ids = [2, ...a, 3, ...(b ? [...b, 3] : [])];
  const types = [...new Array<number>(a.length + 2).fill(0), ...(b ? new Array<number>(b.length + 1).fill(1) : [])];
  return { input_ids: ids, token_type_ids: types };
};

describe('GIVEN an input longer than the token limit', () => {
  it('THEN it is cut to the limit and keeps its closing token', () => {
    const e = encodeTruncated(tokenize, 'a bb ccc dddd', null, 4);
    expect(e.ids).toEqual([2, 11, 12, 3]);
    expect(e.types).toEqual([0, 0, 0, 0]);
  });
  it('THEN a pair loses passage tokens and keeps its final [SEP] with type 1', () => {
    const e = encodeTruncated(tokenize, 'q', 'a bb ccc', 5);
    expect(e.ids).toEqual([2, 11, 3, 11, 3]);
    expect(e.types).toEqual([0, 0, 0, 1, 1]);
  });
  it('THEN a short input is untouched', () => {
    expect(encodeTruncated(tokenize, 'a', null, 10).ids).toEqual([2, 11, 3]);
  });
});

describe('GIVEN lengths', () => {
  it('THEN the order is a stable ascending permutation', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50)), (lengths) => {
        const order = orderByLength(lengths);
        expect([...order].sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
        for (let i = 1; i < order.length; i++) {
          const [p, q] = [order[i - 1]!, order[i]!];
          expect(lengths[p]! < lengths[q]! || (lengths[p] === lengths[q] && p < q)).toBe(true);
        }
      }),
    );
  });
});

describe('GIVEN encodings of different lengths', () => {
  it('THEN they are right-padded with the pad id and masked', () => {
    const batch = padBatch(
      [
        { ids: [2, 5, 3], types: [0, 0, 0] },
        { ids: [2, 3], types: [0, 1] },
      ],
      0,
    );
    expect(batch.seqLen).toBe(3);
    expect(Array.from(batch.inputIds)).toEqual([2n, 5n, 3n, 2n, 3n, 0n]);
    expect(Array.from(batch.attentionMask)).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
    expect(Array.from(batch.tokenTypeIds)).toEqual([0n, 0n, 0n, 0n, 1n, 0n]);
  });
});

describe('GIVEN hidden states with padding', () => {
  it('THEN pooling averages real tokens only and normalises', () => {
    // 2 rows × 2 positions × 2 dims; row 1 has one real token and a huge padded state.
    const hidden = new Float32Array([3, 0, 0, 4, 1, 1, 100, -100]);
    const [a, b] = meanPoolNormalize(hidden, [2, 1], 2, 2);
    expect(Array.from(a!)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(b![0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(b![1]).toBeCloseTo(Math.SQRT1_2, 6);
  });
  it('THEN an all-zero state gives a zero vector, not NaN', () => {
    expect(Array.from(meanPoolNormalize(new Float32Array(2), [1], 1, 2)[0]!)).toEqual([0, 0]);
  });
});
