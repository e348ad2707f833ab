import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../src/core/text.js';
import { extractDates } from '../../src/timeline/dates.js';

const PIECES = [
  'on Wednesday',
  'October 7',
  'November 1, 2023',
  'in 2009',
  'late 2020',
  'last month',
  'two weeks ago',
  'yesterday',
  'may',
  'March',
  'at 5',
  '50/6',
  '1,400',
  'Sunday',
  'the',
  'ministers met',
  'and',
  '.',
  ',',
  '\n\n',
  'Bolivia',
  'said',
];

describe('extractDates invariants', () => {
  describe('GIVEN arbitrary sentences built from date-like and ordinary words', () => {
    it('THEN every mention is an exact slice of the text inside its own sentence, with a valid date', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }),
          fc.option(fc.constantFrom('2023-11-01', '2010-01-15', '2009-04-25'), { nil: null }),
          (pieces, published) => {
            const text = pieces.join(' ');
            const sentences = sentenceSpans(text);
            for (const m of extractDates(text, sentences, published)) {
              expect(text.slice(m.start, m.end)).toBe(m.text);
              const s = sentences[m.sentence]!;
              expect(m.start >= s.start && m.end <= s.end).toBe(true);
              expect(m.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
              if (published === null) expect(m.text).toMatch(/\d{4}/); // only dates that name their year
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
