import { describe, expect, it } from 'vitest';
import { dateF1, rougeTokens, scoreTimeline } from '../../src/timeline/tls-metrics.js';

describe('timeline metrics', () => {
  describe('GIVEN identical timelines', () => {
    const t = new Map([
      ['2010-01-12', 'A powerful earthquake struck Haiti .'],
      ['2010-01-13', 'Rescue teams arrived .'],
    ]);
    const s = scoreTimeline(t, t);
    it('THEN every score is 1', () => {
      expect(s.dateF1.f1).toBe(1);
      for (const v of [s.concat, s.agreement, s.align]) {
        expect(v.rouge1.f1).toBeCloseTo(1);
        expect(v.rouge2.f1).toBeCloseTo(1);
      }
    });
  });

  describe('GIVEN the right text on a date one day off', () => {
    const ref = new Map([['2010-01-12', 'earthquake struck Haiti']]);
    const pred = new Map([['2010-01-13', 'earthquake struck Haiti']]);
    const s = scoreTimeline(pred, ref);
    it('THEN date F1 and agreement ROUGE are 0, concat ROUGE is 1 and align ROUGE is halved', () => {
      expect(s.dateF1.f1).toBe(0);
      expect(s.agreement.rouge1.f1).toBe(0);
      expect(s.concat.rouge1.f1).toBeCloseTo(1);
      expect(s.align.rouge1.f1).toBeCloseTo(0.5);
    });
  });

  describe('GIVEN two of three reference dates predicted plus one wrong date', () => {
    it('THEN precision, recall and F1 are 2/3', () => {
      const r = dateF1(['2009-04-27', '2009-04-28', '2009-05-30'], ['2009-04-27', '2009-04-28', '2009-04-29']);
      expect(r.precision).toBeCloseTo(2 / 3);
      expect(r.recall).toBeCloseTo(2 / 3);
      expect(r.f1).toBeCloseTo(2 / 3);
    });
  });

  describe('GIVEN tokenised news text', () => {
    it('THEN tokens are lower-cased, stemmed words without punctuation', () => {
      expect(rougeTokens('Cases were confirmed -LRB- two -RRB- .')).toEqual(['case', 'were', 'confirm', 'lrb', 'two', 'rrb']);
    });
  });
});
