import { describe, expect, it } from 'vitest';
import { RRF_K, reciprocalRankFusion } from '../../src/answer/fuse.js';

const ids = (xs: number[]) => xs.map((id) => ({ id }));

describe('reciprocalRankFusion', () => {
  it('GIVEN one ranking THEN the order is kept and scores are 1/(k+rank)', () => {
    const fused = reciprocalRankFusion([ids([7, 3, 5])]);
    expect(fused.map((f) => f.id)).toEqual([7, 3, 5]);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 1));
    expect(fused[2]!.score).toBeCloseTo(1 / (RRF_K + 3));
  });

  it('GIVEN an id ranked well by both lists THEN it beats ids ranked first by only one', () => {
    // 2 is second in both; 1 and 3 are each first in one list and absent from the other.
    const fused = reciprocalRankFusion([ids([1, 2]), ids([3, 2])]);
    expect(fused[0]!.id).toBe(2);
  });

  it('GIVEN equal fused scores THEN earlier-seen ids come first (deterministic)', () => {
    const fused = reciprocalRankFusion([ids([1, 2]), ids([2, 1])]);
    expect(fused.map((f) => f.id)).toEqual([1, 2]);
  });

  it('GIVEN a weighted list THEN its order dominates', () => {
    const fused = reciprocalRankFusion([ids([1, 2]), ids([2, 1])], { weights: [1, 3] });
    expect(fused[0]!.id).toBe(2);
  });

  it('GIVEN duplicate ids in one list THEN only the best rank counts', () => {
    const fused = reciprocalRankFusion([ids([4, 4, 4])]);
    expect(fused).toHaveLength(1);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it('GIVEN no rankings THEN the result is empty', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});
