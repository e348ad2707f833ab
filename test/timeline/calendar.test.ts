import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, weekdayOnOrBefore } from '../../src/timeline/calendar.js';

describe('calendar helpers', () => {
  describe('GIVEN date strings', () => {
    it.each([
      ['2023-11-01', true],
      ['2024-02-29', true],
      ['2023-02-29', false],
      ['2023-13-01', false],
      ['2023-1-01', false],
    ])('THEN isIsoDate(%s) is %s', (s, ok) => {
      expect(isIsoDate(s)).toBe(ok);
    });
  });

  describe('GIVEN day arithmetic across month and year ends', () => {
    it('THEN addDays and daysBetween agree', () => {
      expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
      expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
      expect(addDays('2023-11-01', -14)).toBe('2023-10-18');
      expect(daysBetween('2010-01-12', '2010-01-23')).toBe(11);
    });
  });

  describe('GIVEN a publication on Wednesday 2023-11-01', () => {
    it.each([
      [3, '2023-11-01'],
      [2, '2023-10-31'],
      [4, '2023-10-26'],
      [0, '2023-10-29'],
    ])('THEN the most recent weekday %i on or before it is %s', (weekday, expected) => {
      expect(weekdayOnOrBefore('2023-11-01', weekday)).toBe(expected);
    });
  });
});
