import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SALIENCE_WEIGHTS, dateSalience, type DateEvidence, type Story } from '../../src/timeline/date-salience.js';

const story = (id: string, published: string | null, relevance = 1): Story => ({ id, published, relevance });
const day = (date: string, mentionedBy: readonly Story[] = [], reports = 0): DateEvidence => ({ date, end: date, mentionedBy, reports });

describe('dateSalience', () => {
  describe('GIVEN a date named by stories published after it and a date named only by stories published before it', () => {
    const later = [story('a', '2010-01-14'), story('b', '2010-01-15')];
    const earlier = [story('c', '2010-01-10'), story('d', '2010-01-10'), story('e', '2010-01-11')];
    const [past, upcoming] = dateSalience([day('2010-01-12', later), day('2010-01-20', earlier)], [], {
      referenced: 1,
      burst: 0,
      reports: 0,
    });
    it('THEN only the looked-back-on date counts as referenced: an announcement is not an event yet', () => {
      expect(past).toBe(1);
      expect(upcoming).toBe(0);
    });
  });

  describe('GIVEN a story that names the day it was published', () => {
    const [w] = dateSalience([day('2010-01-12', [story('a', '2010-01-12')])], [], { referenced: 1, burst: 0, reports: 0 });
    it('THEN it is not a reference (the publication burst already counts it)', () => {
      expect(w).toBe(0);
    });
  });

  describe('GIVEN a month named by a story published after it and by one published during it', () => {
    const month = (mentionedBy: readonly Story[]): DateEvidence => ({ date: '2023-10-01', end: '2023-10-31', mentionedBy, reports: 0 });
    const [over, running] = dateSalience([month([story('a', '2023-11-02')]), month([story('b', '2023-10-20')])], [], {
      referenced: 1,
      burst: 0,
      reports: 0,
    });
    it('THEN only the story written after the month is over refers back to it', () => {
      expect(over).toBe(1);
      expect(running).toBe(0);
    });
  });

  describe('GIVEN an undated story naming a date', () => {
    const [w] = dateSalience([day('2010-01-12', [story('a', null)])], [], { referenced: 1, burst: 0, reports: 0 });
    it('THEN it counts as referring back to it', () => {
      expect(w).toBe(1);
    });
  });

  describe('GIVEN one story on the 12th, three the next day and one a week later', () => {
    const stories = [
      story('a', '2010-01-12'),
      story('b', '2010-01-13'),
      story('c', '2010-01-13'),
      story('d', '2010-01-13'),
      story('e', '2010-01-20'),
    ];
    const dates = [day('2010-01-12'), day('2010-01-13'), day('2010-01-20'), { ...day('2010-01-01'), end: '2010-01-31' }];
    const [eve, jump, quiet, month] = dateSalience(dates, stories, { referenced: 0, burst: 1, reports: 0 });
    it('THEN the 12th, whose news fills the next day, scores highest, then the jump, then the quiet day', () => {
      expect(eve).toBe(1); // (1 + 3) / 2
      expect(jump).toBeCloseTo(0.75); // (3 + 0) / 2
      expect(quiet).toBeCloseTo(0.25); // (1 + 0) / 2
    });
    it('THEN a month, which no burst can pin down, gets nothing from it', () => {
      expect(month).toBe(0);
    });
  });

  describe('GIVEN stories of different relevance', () => {
    const [w1, w2] = dateSalience(
      [day('2010-01-12', [story('a', '2010-02-01', 0.2)]), day('2010-01-13', [story('b', '2010-02-01', 0.8)])],
      [],
      {
        referenced: 1,
        burst: 0,
        reports: 0,
      },
    );
    it('THEN the more relevant story counts more', () => {
      expect(w2).toBe(1);
      expect(w1).toBeCloseTo(0.25);
    });
  });

  describe('GIVEN no publication dates and no references at all', () => {
    const ws = dateSalience([day('2010-01-12', [], 3), day('2010-01-13', [], 1)], [story('a', null)]);
    it('THEN the sentence evidence alone orders the dates, with no NaN', () => {
      expect(ws).toEqual([SALIENCE_WEIGHTS.reports, SALIENCE_WEIGHTS.reports / 3]);
    });
  });

  describe('GIVEN a day whose only signal is vanishingly small (subnormal) and a month with more', () => {
    const ws = dateSalience(
      [
        { date: '2010-02-25', end: '2010-02-25', mentionedBy: [], reports: 5e-324 },
        { date: '2010-01-01', end: '2010-01-31', mentionedBy: [], reports: 8.9e-16 },
      ],
      [],
    );
    it('THEN the month weighs more, and finitely (it does not overflow to Infinity)', () => {
      expect(ws.every(Number.isFinite)).toBe(true);
      expect(ws[1]).toBeGreaterThan(ws[0]!);
    });
  });

  describe('GIVEN any evidence', () => {
    const iso = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2010, 0, 1 + n)).toISOString().slice(0, 10));
    const arbStory = fc.record({ id: fc.string(), published: fc.option(iso), relevance: fc.double({ min: 0, max: 1, noNaN: true }) });
    const arbDate = fc.record({
      date: iso,
      end: iso,
      mentionedBy: fc.array(arbStory, { maxLength: 5 }),
      reports: fc.double({ min: 0, max: 10, noNaN: true }),
    });
    it('THEN every weight is finite and at least 0, and a day weighs at most the sum of the weights', () => {
      fc.assert(
        fc.property(fc.array(arbDate, { maxLength: 12 }), fc.array(arbStory, { maxLength: 20 }), (dates, stories) => {
          const ws = dateSalience(dates, stories);
          expect(ws).toHaveLength(dates.length);
          const max = SALIENCE_WEIGHTS.referenced + SALIENCE_WEIGHTS.burst + SALIENCE_WEIGHTS.reports;
          ws.forEach((w, i) => {
            expect(Number.isFinite(w) && w >= 0).toBe(true);
            if (dates[i]!.date === dates[i]!.end) expect(w).toBeLessThanOrEqual(max + 1e-9);
          });
        }),
      );
    });
    it('THEN adding a month or a year does not change how the days weigh against each other', () => {
      const arbDay = arbDate.map((d) => ({ ...d, end: d.date }));
      const arbPeriod = fc.record({
        date: fc.constantFrom('2010-01-01', '2009-01-01'),
        mentionedBy: fc.array(arbStory, { maxLength: 8 }),
        reports: fc.double({ min: 0, max: 50, noNaN: true }),
      });
      fc.assert(
        fc.property(
          fc.array(arbDay, { minLength: 1, maxLength: 8 }),
          arbPeriod,
          fc.array(arbStory, { maxLength: 20 }),
          (days, p, stories) => {
            const period: DateEvidence = { ...p, end: p.date === '2010-01-01' ? '2010-01-31' : '2009-12-31' };
            // Only when some day has each signal: otherwise the period alone sets that signal's scale.
            const all = dateSalience([...days, period], stories);
            const alone = dateSalience(days, stories);
            const hasEach =
              dateSalience(days, stories, { referenced: 1, burst: 0, reports: 0 }).some((w) => w > 0) &&
              dateSalience(days, stories, { referenced: 0, burst: 0, reports: 1 }).some((w) => w > 0);
            if (hasEach) alone.forEach((w, i) => expect(all[i]).toBeCloseTo(w, 9));
          },
        ),
      );
    });
  });
});
