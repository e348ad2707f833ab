import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inSample, sampleKey } from '../../src/eval/sample.js';

const ids = Array.from({ length: 4000 }, (_, i) => `topic_outlet/2009-04-${String((i % 28) + 1).padStart(2, '0')}/${i}`);

describe('sampleKey / inSample', () => {
  describe('GIVEN any id and seed', () => {
    it('THEN the key is in [0, 1) and the same on every call', () => {
      fc.assert(
        fc.property(fc.string(), fc.integer(), (id, seed) => {
          const k = sampleKey(id, seed);
          expect(k).toBeGreaterThanOrEqual(0);
          expect(k).toBeLessThan(1);
          expect(sampleKey(id, seed)).toBe(k);
        }),
      );
    });
  });
  describe('GIVEN 4000 document ids and a share of 0.5', () => {
    it('THEN about half are kept, and another seed keeps another half', () => {
      const a = ids.filter((id) => inSample(id, 0.5, 1));
      const b = new Set(ids.filter((id) => inSample(id, 0.5, 2)));
      expect(a.length).toBeGreaterThan(1800);
      expect(a.length).toBeLessThan(2200);
      const both = a.filter((id) => b.has(id)).length;
      // Independent draws: about a quarter of all ids are in both halves, not all or none.
      expect(both).toBeGreaterThan(800);
      expect(both).toBeLessThan(1200);
    });
  });
  describe('GIVEN a share of 1', () => {
    it('THEN every document is kept', () => {
      expect(ids.every((id) => inSample(id, 1, 7))).toBe(true);
    });
  });
});
