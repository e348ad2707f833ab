import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../src/core/text.js';
import { extractDates } from '../../src/timeline/dates.js';
import type { DatePrecision } from '../../src/core/types.js';

/** Extracts from a one-paragraph text, split into sentences the way ingestion does. */
function extract(text: string, published: string | null) {
  return extractDates(text, sentenceSpans(text), published);
}

interface Case {
  readonly sentence: string;
  readonly published: string | null;
  readonly expression: string;
  readonly date: string;
  readonly precision: DatePrecision;
  readonly approximate: boolean;
}

const RESOLVED: readonly Case[] = [
  {
    sentence: 'Israel launched the war on Gaza on October 7 after Hamas attacked.',
    published: '2023-11-01',
    expression: 'October 7',
    date: '2023-10-07',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The letter is dated November 1, 2023 and was sent.',
    published: '2023-11-05',
    expression: 'November 1, 2023',
    date: '2023-11-01',
    precision: 'day',
    approximate: false,
  },
  {
    sentence: 'Bolivia severed relations with Israel once before, in 2009, under Morales.',
    published: '2023-11-01',
    expression: '2009',
    date: '2009-01-01',
    precision: 'year',
    approximate: false,
  },
  {
    sentence: 'The party returned to power in late 2020.',
    published: '2023-11-01',
    expression: 'late 2020',
    date: '2020-01-01',
    precision: 'year',
    approximate: true,
  },
  {
    sentence: 'He announced last month he would run.',
    published: '2023-11-01',
    expression: 'last month',
    date: '2023-10-01',
    precision: 'month',
    approximate: true,
  },
  {
    sentence: 'The ministers met in the Turkish capital on Wednesday.',
    published: '2023-11-01',
    expression: 'on Wednesday',
    date: '2023-11-01',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The government announced on Tuesday it was severing relations.',
    published: '2023-11-01',
    expression: 'on Tuesday',
    date: '2023-10-31',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'He held a phone call with Haniyeh on Friday night.',
    published: '2023-12-09',
    expression: 'on Friday night',
    date: '2023-12-08',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The envoy arrived on Friday night after talks.',
    published: '2023-11-01',
    expression: 'on Friday night',
    date: '2023-10-27',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The two ministers spoke last Wednesday by phone.',
    published: '2023-11-01',
    expression: 'last Wednesday',
    date: '2023-10-25',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'Two weeks ago, the two ministers met in Jeddah.',
    published: '2023-11-01',
    expression: 'Two weeks ago',
    date: '2023-10-18',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The minister resigned yesterday.',
    published: '2023-11-01',
    expression: 'yesterday',
    date: '2023-10-31',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The figures were published today.',
    published: '2023-11-01',
    expression: 'today',
    date: '2023-11-01',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'Aid arrived on December 28 at the port.',
    published: '2010-01-15',
    expression: 'December 28',
    date: '2009-12-28',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The quake struck on 12 January near the capital.',
    published: '2010-01-20',
    expression: '12 January',
    date: '2010-01-12',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'Saturday , 25 April 2009 Experts are concerned.',
    published: '2009-04-25',
    expression: 'Saturday , 25 April 2009',
    date: '2009-04-25',
    precision: 'day',
    approximate: false,
  },
  {
    sentence: 'The first cases were confirmed in April.',
    published: '2009-05-20',
    expression: 'April',
    date: '2009-04-01',
    precision: 'month',
    approximate: true,
  },
  {
    sentence: 'Cases rose sharply in May 2009 across Britain.',
    published: '2009-08-01',
    expression: 'May 2009',
    date: '2009-05-01',
    precision: 'month',
    approximate: false,
  },
  {
    sentence: 'The prime minister had visited last year.',
    published: '2023-11-01',
    expression: 'last year',
    date: '2022-01-01',
    precision: 'year',
    approximate: true,
  },
  // A year-less date more than a month ahead is last year's, unless the sentence announces it:
  // then it is this year's (before, "set to begin on 28 March" in January became last March).
  {
    sentence: 'The trial is set to begin on 28 March and is expected to last six weeks.',
    published: '2011-01-25',
    expression: '28 March',
    date: '2011-03-28',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'Katherine Jackson says the show will take place in Cardiff on 8 October.',
    published: '2011-06-20',
    expression: '8 October',
    date: '2011-10-08',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'He is due back in court in April.',
    published: '2010-02-11',
    expression: 'April',
    date: '2010-04-01',
    precision: 'month',
    approximate: true,
  },
  {
    sentence: 'The concert took place in Cardiff on 8 October.',
    published: '2011-06-20',
    expression: '8 October',
    date: '2010-10-08',
    precision: 'day',
    approximate: true,
  },
  {
    sentence: 'The plan will use the loan facility that was announced in November with Treasury capital.',
    published: '2009-02-10',
    expression: 'November',
    date: '2008-11-01',
    precision: 'month',
    approximate: true,
  },
];

describe('extractDates', () => {
  describe.each(RESOLVED)('GIVEN "$sentence" published $published', (c) => {
    it(`THEN "${c.expression}" resolves to ${c.date} (${c.precision}, approximate=${c.approximate})`, () => {
      const found = extract(c.sentence, c.published);
      const m = found.find((d) => d.text.includes(c.expression));
      expect(m, JSON.stringify(found)).toBeDefined();
      expect({ date: m!.date, precision: m!.precision, approximate: m!.approximate }).toEqual({
        date: c.date,
        precision: c.precision,
        approximate: c.approximate,
      });
    });
  });

  const FALSE_POSITIVES: readonly { sentence: string; published: string | null }[] = [
    { sentence: 'Officials said the ceasefire may collapse.', published: '2023-11-01' },
    { sentence: 'Protesters will march on the embassy.', published: '2023-11-01' },
    { sentence: 'Theresa May said the talks would continue.', published: '2019-03-01' },
    { sentence: 'India were 50/6 at lunch.', published: '2023-11-01' },
    { sentence: 'The attack claimed the lives of 1,400 Israelis and 3,648 children.', published: '2023-11-01' },
    { sentence: 'The meeting starts at 5 sharp.', published: '2023-11-01' },
    { sentence: 'The crisis is now a catastrophe.', published: '2023-11-01' },
    { sentence: 'He sat down with the envoy as the sun set.', published: '2023-11-01' },
    { sentence: 'The Sunday Times reported the deal.', published: '2023-11-01' },
    { sentence: 'Gaza officials said 8,500 Palestinians were killed in the weeks since.', published: '2023-11-01' },
    { sentence: 'Amir-Abdollahian arrived a day after he took a trip to Doha.', published: '2023-11-01' },
    { sentence: 'The service runs 24/7 in 2,000 villages.', published: '2023-11-01' },
    { sentence: 'Over 2020 people attended.', published: '2023-11-01' },
    { sentence: 'He guest edited the Today programme on radio.', published: '2010-01-13' },
    { sentence: 'It airs at 10:40 every Saturday on the channel.', published: '2010-01-25' },
  ];
  describe.each(FALSE_POSITIVES)('GIVEN the non-date sentence "$sentence"', ({ sentence, published }) => {
    it('THEN no date is found', () => {
      expect(extract(sentence, published)).toEqual([]);
    });
  });

  describe('GIVEN no publication date', () => {
    const text =
      'The ministers met on Wednesday. Bolivia cut ties in 2009. The war began on October 7. The letter is dated November 1, 2023.';
    it('THEN only dates that name their year are kept', () => {
      expect(extract(text, null).map((d) => d.date)).toEqual(['2009-01-01', '2023-11-01']);
    });
  });

  describe('GIVEN a multi-sentence text', () => {
    const text = 'Title line\n\nThe two ministers met on Wednesday. Two weeks ago, they met in Jeddah.';
    const found = extract(text, '2023-11-01');
    it('THEN offsets point at the expression in the article text', () => {
      for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.text);
    });
    it('THEN each mention carries the index of its sentence', () => {
      expect(found.map((d) => [d.sentence, d.date])).toEqual([
        [1, '2023-11-01'],
        [2, '2023-10-18'],
      ]);
    });
  });
});
