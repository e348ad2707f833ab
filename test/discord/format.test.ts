import { describe, expect, it } from 'vitest';
import type { Citation, TimelineEvent } from '../../src/core/types.js';
import {
  alsoReportedLine,
  blockQuote,
  citationLine,
  contextText,
  formatDate,
  noAnswerText,
  progressText,
  summaryText,
  timelineBlocks,
  timelineDateLabel,
} from '../../src/discord/format.js';
import { SUMMARY } from './fake-engine.js';

const cite = (over: Partial<Citation> = {}): Citation => ({
  id: 'a',
  title: 'Turkey recalls ambassador',
  source: 'RT',
  url: null,
  published: '2023-11-04',
  file: 'a.txt',
  ...over,
});

describe('GIVEN dates at each precision', () => {
  it('THEN they read "1 Nov 2023", "Nov 2023" and "2009"', () => {
    expect(formatDate('2023-11-01', 'day')).toBe('1 Nov 2023');
    expect(formatDate('2023-11-01', 'month')).toBe('Nov 2023');
    expect(formatDate('2009-01-01', 'year')).toBe('2009');
  });
  it('THEN an approximate date is marked with ≈', () => {
    expect(timelineDateLabel({ date: '2023-11-01', precision: 'day', approximate: true })).toBe('≈ 1 Nov 2023');
  });
});

describe('GIVEN a citation', () => {
  it('THEN it reads outlet · date · title', () => {
    expect(citationLine(cite())).toBe('**RT** · 4 Nov 2023 · Turkey recalls ambassador');
  });
  it('THEN an undated article without outlet says "unknown outlet" and "undated"', () => {
    expect(citationLine(cite({ source: null, published: null }))).toBe('unknown outlet · undated · Turkey recalls ambassador');
  });

  it('THEN a bound is shown as "undated · after …" (≈ when inferred) and credited reporting beside the unknown outlet', () => {
    expect(citationLine(cite({ source: null, published: null, publishedAfter: { after: '2023-10-31', approximate: false } }))).toBe(
      'unknown outlet · undated · after 31 Oct 2023 · Turkey recalls ambassador',
    );
    expect(
      citationLine(
        cite({ source: null, published: null, creditedTo: 'mehrnews', publishedAfter: { after: '2023-10-07', approximate: true } }),
      ),
    ).toBe('unknown outlet (reporting credited to mehrnews) · undated · after ≈ 7 Oct 2023 · Turkey recalls ambassador');
  });
  it('THEN the title is linked when a URL is known, with brackets and parentheses made safe', () => {
    const line = citationLine(cite({ title: 'A [big] day', url: 'https://ex.com/a_(b)' }));
    expect(line).toBe('**RT** · 4 Nov 2023 · [A \\[big\\] day](<https://ex.com/a_%28b%29>)');
  });
  it('THEN a non-http URL is not linked', () => {
    expect(citationLine(cite({ url: 'javascript:alert(1)' }))).not.toContain('](');
  });
  it('THEN "also reported by" names distinct outlets', () => {
    expect(alsoReportedLine([cite(), cite({ source: 'AFP' }), cite()])).toBe('also reported by RT, AFP');
    expect(alsoReportedLine([])).toBe('');
  });
});

describe('GIVEN a quote with Markdown and several lines', () => {
  it('THEN every line is block-quoted and the Markdown shows as written', () => {
    expect(blockQuote('He said *never* __again__\n# not a heading\n- not a list')).toBe(
      '> He said \\*never\\* \\_\\_again\\_\\_\n> \\# not a heading\n> \\- not a list',
    );
  });
});

describe('GIVEN timeline events', () => {
  it('THEN each block carries its date heading and publication-dated events say so', () => {
    const ev: TimelineEvent = {
      date: '2023-11-01',
      precision: 'month',
      approximate: false,
      fromPublication: true,
      quote: 'Talks began.',
      start: 0,
      end: 12,
      score: 1,
      article: cite(),
      alsoReportedBy: [],
    };
    const [b] = timelineBlocks([ev]);
    expect(b?.group).toBe('__**Nov 2023**__');
    expect(b?.text).toBe('> Talks began.\n(publication date) **RT** · 4 Nov 2023 · Turkey recalls ambassador');
  });
});

describe('GIVEN a no-answer result', () => {
  it('THEN it says plainly the articles do not cover it and lists the closest titles', () => {
    const text = noAnswerText({ kind: 'noAnswer', question: 'q', reason: 'noMatch', closest: [cite()] });
    expect(text).toContain("The indexed articles don't cover this question");
    expect(text).toContain('Closest articles:\n• **RT** · 4 Nov 2023 · Turkey recalls ambassador');
  });
  it('THEN an empty index is explained', () => {
    expect(noAnswerText({ kind: 'noAnswer', question: 'q', reason: 'emptyIndex', closest: [] })).toContain('No articles are indexed');
  });
});

describe('GIVEN a quote context', () => {
  const paragraph = 'Before the meeting, aides briefed reporters. The ministers met *privately*. Then they left.';
  const ctx = { article: cite(), paragraph, quoteStart: 45, quoteEnd: 75 };
  it('THEN the quote is bold inside the escaped paragraph', () => {
    expect(contextText(ctx)).toBe('Before the meeting, aides briefed reporters. **The ministers met \\*privately\\*.** Then they left.');
  });
  it('THEN a long paragraph is windowed around the whole quote', () => {
    const text = contextText(
      { ...ctx, paragraph: `${'x '.repeat(500)}${paragraph}${' y'.repeat(500)}`, quoteStart: 1045, quoteEnd: 1075 },
      120,
    );
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text).toContain('**The ministers met \\*privately\\*.**');
    expect(text.startsWith('…')).toBe(true);
  });
});

describe('GIVEN reindex progress and summaries', () => {
  it('THEN progress shows the stage and a bar', () => {
    expect(progressText({ stage: 'embed', done: 5, total: 10 })).toBe('⏳ Reindexing — Embedding passages… 5/10\n`██████████░░░░░░░░░░`');
    expect(progressText({ stage: 'write' })).toBe('⏳ Reindexing — Writing the index…');
    // Inside a big streamed file: how far into it the parse is.
    expect(
      progressText({
        stage: 'parse',
        done: 2,
        total: 4,
        file: 'wire.jsonl',
        bytes: 52_428_800,
        read: { bytes: 12_582_912, records: 1250 },
      }),
    ).toBe('⏳ Reindexing — Reading files… 2/4 (wire.jsonl: 12.0/50.0 MB, 1,250 records)\n`██████████░░░░░░░░░░`');
  });
  it('THEN the summary counts files by status and names skipped ones', () => {
    const text = summaryText(SUMMARY);
    expect(text).toContain('✅ Reindexed: 4 article(s), 37 passage(s) (lexical search, 1.2 s).');
    expect(text).toContain('Files: 1 added, 1 skipped.');
    expect(text).toContain('• skipped empty.txt: empty file');
  });
  it('THEN a no-op says the index is up to date', () => {
    expect(summaryText({ ...SUMMARY, noop: true })).toContain('already up to date');
  });
});

describe('GIVEN article text with Discord-specific syntax', () => {
  it('THEN mentions, channels, timestamps, subtext and quote markers show as written', () => {
    expect(blockQuote('Hi <@123456789012345678> in <#987> at <t:1700000000:R>')).toBe(
      '> Hi \\<@123456789012345678> in \\<#987> at \\<t:1700000000:R>',
    );
    expect(blockQuote('-# small\n> quoted')).toBe('> \\-# small\n> \\> quoted');
    expect(blockQuote('3 < 4 and 5 > 2')).toBe('> 3 < 4 and 5 > 2');
  });
});
