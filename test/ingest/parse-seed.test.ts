import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RawArticle, parseFile } from '../../src/ingest/parse.js';

const DIR = new URL('../../data/articles/', import.meta.url);

function parseSeed(name: string): RawArticle[] {
  const r = parseFile(name, readFileSync(new URL(name, DIR)));
  if (r.kind !== 'parsed') throw new Error(`${name} skipped: ${r.reason}`);
  expect(r.warnings).toEqual([]);
  return [...r.articles];
}

const SEEDS = [
  '000_32496ba02e16739e.txt',
  '001_2307ceb8bb1c8c94.txt',
  '002_ab3423500176ee8b.txt',
  '003_cd995ce927069bad.txt',
  '004_02c67a769af9a6a9.txt',
] as const;

/** Site chrome seen in the seed files: none of it may survive as a paragraph of any article. */
const CHROME_PARAGRAPHS = [
  'Aletho News',
  'Share',
  '2 min read',
  'Related Articles',
  'Back to top button',
  'Source link',
  'SPEEDREAD',
  'MORE FROM THE POST',
  'Middle EastWorld News',
  '1 Comment',
  'Leave a comment',
];
/** Longer chrome phrases that may not appear anywhere in any article text. */
const CHROME_PHRASES = [
  'Posted by',
  'Click to enter the source',
  'This news has been collected from reliable news agencies',
  'Back to top button',
  'Leave a comment',
  'MORE FROM THE POST',
  'SPEEDREAD',
];

describe('GIVEN the seed file 000 (an Aletho News page holding three posts)', () => {
  const articles = parseSeed(SEEDS[0]);

  it('THEN it is split into three articles', () => {
    expect(articles).toHaveLength(3);
  });

  it('THEN each article gets its own headline as title, not the site name', () => {
    expect(articles.map((a) => a.title)).toEqual([
      'Iran FM meets Turkish counterpart In Ankara to discuss Israeli war on Gaza',
      'UN official resigns protesting world body’s failure to prevent genocide in Gaza',
      'Bolivia cuts ties with Israel over Gaza conflict',
    ]);
  });

  it('THEN outlets and dates come from each byline', () => {
    expect(articles.map((a) => a.source)).toEqual(['Press TV', 'Press TV', 'RT']);
    expect(articles.map((a) => a.published)).toEqual(['2023-11-01', '2023-10-31', '2023-11-01']);
  });

  it('THEN each body starts with its first paragraph and ends with its last one', () => {
    expect(articles[0]!.text.startsWith('Iranian Foreign Minister Hossein Amir-Abdollahian has met')).toBe(true);
    expect(articles[0]!.text.endsWith('left more than 23,000 wounded.')).toBe(true);
    expect(articles[1]!.text.split('\n\n')[1]!.startsWith('The director of the New York chapter')).toBe(true);
    expect(articles[2]!.text.startsWith('The government of Bolivia announced on Tuesday')).toBe(true);
    expect(articles[2]!.text.endsWith('in the weeks since.')).toBe(true);
  });

  it('THEN the photo caption between headline and byline is kept, marked as a caption', () => {
    const a = articles[1]!;
    const caption = 'Craig Mokhiber, former director of the New York chapter of the Office of the UN High Commissioner for Human Rights';
    expect(a.text.startsWith(caption)).toBe(true);
    expect(a.roles).toEqual([{ start: 0, end: caption.length, role: 'caption' }]);
    expect(a.text).toContain('Craig Mokhiber submitted his resignation');
  });

  it('THEN each outlet and date comes with the byline as its reason', () => {
    expect(articles.map((a) => a.reasons)).toEqual([
      { source: 'byline “Press TV – November 1, 2023”', date: 'stated in the byline “Press TV – November 1, 2023”' },
      { source: 'byline “Press TV – October 31, 2023”', date: 'stated in the byline “Press TV – October 31, 2023”' },
      { source: 'byline “RT | November 1, 2023”', date: 'stated in the byline “RT | November 1, 2023”' },
    ]);
  });

  it('THEN curly quotes are kept verbatim', () => {
    expect(articles[1]!.text).toContain('“Once again we are seeing a genocide unfolding before our eyes');
  });
});

describe('GIVEN the single-article seed files 001-004', () => {
  const byFile = Object.fromEntries(SEEDS.slice(1).map((f) => [f, parseSeed(f)]));

  it('THEN each holds exactly one article', () => {
    for (const f of SEEDS.slice(1)) expect(byFile[f], f).toHaveLength(1);
  });

  it('THEN titles are the headlines, skipping the breadcrumb line of 002', () => {
    expect(byFile[SEEDS[1]]![0]!.title).toBe('Iran, Qatar discuss latest developments in Gaza war');
    expect(byFile[SEEDS[2]]![0]!.title).toBe('Iran to Turkey: ‘Maximum efforts’ needed to stop Gaza genocide, provide aid');
    expect(byFile[SEEDS[3]]![0]!.title).toBe(
      'Senior Iranian, Russian diplomats call for cessation of Israel’s atrocities in besieged Gaza',
    );
    expect(byFile[SEEDS[4]]![0]!.title).toBe('Iran foreign minister, Hamas chief discuss Gaza developments');
  });

  it('THEN 001, 002 and 003 have no outlet and no date, since the text states none', () => {
    for (const f of [SEEDS[1], SEEDS[2], SEEDS[3]]) {
      expect(byFile[f]![0]!.source, f).toBeNull();
      expect(byFile[f]![0]!.published, f).toBeNull();
    }
  });

  it('THEN 001, 002 and 003 say why: nothing names a publisher (001’s “TEHRAN –” is a place), no date is stated', () => {
    for (const f of [SEEDS[1], SEEDS[2], SEEDS[3]]) {
      expect(byFile[f]![0]!.reasons, f).toEqual({ source: 'no byline, wire dateline or metadata says who published it', date: null });
      expect(byFile[f]![0]!.creditedTo, f).toBeUndefined();
    }
  });

  it('THEN 004 has no outlet: AFP is the photo credit and mehrnews the credited reporting, neither the publisher', () => {
    const a = byFile[SEEDS[4]]![0]!;
    expect(a.source).toBeNull();
    expect(a.creditedTo).toBe('mehrnews');
    expect(a.reasons?.source).toBe(
      'no byline, wire dateline or metadata says who published it (the photo credit “AFP” names the picture’s source; the text credits mehrnews for its reporting; neither is the publisher)',
    );
    expect(a.published).toBeNull();
  });

  it('THEN 001 keeps its inner sub-heading as its own paragraph', () => {
    expect(byFile[SEEDS[1]]![0]!.text.split('\n\n')).toContain('Iran FM stresses the need to halt the genocide in Gaza');
  });

  it('THEN 004 keeps its caption and both highlights as quotable text, each marked with its role, before the body', () => {
    const a = byFile[SEEDS[4]]![0]!;
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs[0]).toBe(
      "This handout picture provided by the Iranian foreign ministry on October 31, 2023, shows Foreign Minister Hossein Amir Abdollahian (L) greets Hamas' political bureau chief Ismail Haniyeh in Doha. AFP",
    );
    expect(paragraphs[1]).toBe(
      '• During the call, Amir-Abdollahian praised the invocation of Article 99 of the UN Charter by the United Nations Secretary-General Antonio Guterres',
    );
    expect(paragraphs[2]!.startsWith('• Iranian top diplomat told the Hamas chief')).toBe(true);
    expect(paragraphs[3]!.startsWith('Tehran, Iran – Iranian Foreign Minister')).toBe(true);
    expect(a.roles?.map((r) => [r.role, a.text.slice(r.start, r.end)])).toEqual([
      ['caption', paragraphs[0]],
      ['highlight', paragraphs[1]],
      ['highlight', paragraphs[2]],
    ]);
    // The body sentence a highlight repeats is still there once, as body text.
    expect(a.text.match(/During the call, Amir-Abdollahian praised the invocation of Article 99/g)).toHaveLength(2);
  });
});

describe('GIVEN all seed articles', () => {
  const all = SEEDS.flatMap((f) => parseSeed(f).map((a) => ({ f, a })));

  it('THEN no site chrome survives as a paragraph', () => {
    for (const { f, a } of all) {
      const paragraphs = a.text.split('\n\n');
      for (const chrome of CHROME_PARAGRAPHS) expect(paragraphs, `${f}: ${chrome}`).not.toContain(chrome);
    }
  });

  it('THEN no boilerplate phrase appears anywhere in the text', () => {
    for (const { f, a } of all) {
      for (const phrase of CHROME_PHRASES) expect(a.text, `${f}: ${phrase}`).not.toContain(phrase);
    }
  });

  it('THEN texts are normalised: single blank lines between paragraphs, no NBSP, no double spaces, no title line', () => {
    for (const { f, a } of all) {
      expect(a.text, f).toBe(a.text.trim());
      expect(a.text, f).not.toMatch(/\n{3,}/);
      expect(
        a.text.split('\n\n').every((p) => p !== '' && !p.includes('\n')),
        f,
      ).toBe(true);
      expect(a.text, f).not.toContain('\u00A0');
      expect(a.text, f).not.toContain('  ');
      expect(a.text.startsWith(a.title), f).toBe(false);
      expect(a.id, f).toBeUndefined();
      expect(a.url, f).toBeNull();
    }
  });
});
