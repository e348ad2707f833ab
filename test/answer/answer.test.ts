import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { orderEvolvingFigures } from '../../src/answer/evolution.js';
import { extractTimeScope } from '../../src/answer/timescope.js';
import type { Citation } from '../../src/core/types.js';
import { article, indexOf } from './helpers.js';

describe('answer() on hand-made articles', () => {
  it('GIVEN an empty index THEN the reason is emptyIndex', async () => {
    const r = await answer({ index: indexOf([]) }, 'Who won?');
    expect(r.kind === 'noAnswer' && r.reason).toBe('emptyIndex');
  });

  it('GIVEN near-duplicate articles THEN one excerpt is returned, citing the other as alsoReportedBy', async () => {
    const text = 'The bridge over the river Ostra reopened on Monday after two years of repairs.';
    const a = article('a', 'Bridge reopens', text, { source: 'Outlet A', published: '2023-11-01' });
    const b = article('b', 'Bridge reopens', text, { source: 'Outlet B', published: '2023-11-02' });
    const index = indexOf([a, b], { duplicateOf: new Map([['b', 'a']]) });
    const r = await answer({ index }, 'When did the bridge over the Ostra reopen?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.excerpts).toHaveLength(1);
    expect(r.excerpts[0]!.alsoReportedBy.map((c) => c.id)).toEqual([r.excerpts[0]!.article.id === 'a' ? 'b' : 'a']);
  });

  it('GIVEN maxPerArticle 1 THEN no article appears twice', async () => {
    const a = article(
      'a',
      'Harbour',
      'The harbour ferry runs daily. The harbour ferry was repainted blue. The harbour ferry carries cars.',
    );
    const b = article('b', 'Ferry', 'A second harbour ferry will join next year.');
    const r = await answer({ index: indexOf([a, b]) }, 'What about the harbour ferry?', { maxPerArticle: 1 });
    if (r.kind !== 'answer') throw new Error('expected an answer');
    expect(new Set(r.excerpts.map((e) => e.article.id)).size).toBe(r.excerpts.length);
  });
});

describe('time scope in questions', () => {
  it('GIVEN "in November" THEN the month is the scope and removed from the query', () => {
    const { scope, rest } = extractTimeScope('What did Bolivia announce in November?');
    expect(scope).toMatchObject({ month: 11, year: null });
    expect(rest).toBe('What did Bolivia announce ?');
  });
  it('GIVEN "in October 2023" and "in 2009" THEN month+year and year scopes', () => {
    expect(extractTimeScope('What happened in October 2023?').scope).toMatchObject({ month: 10, year: 2023 });
    expect(extractTimeScope('Why did Bolivia cut ties in 2009?').scope).toMatchObject({ month: null, year: 2009 });
  });
  it('GIVEN "may" as a verb THEN there is no scope', () => {
    expect(extractTimeScope('Who may attend the summit?').scope).toBeNull();
  });
  it('GIVEN two dated articles and a month in the question THEN only the matching one is quoted', async () => {
    const oct = article('oct', 'Port strike', 'Dock workers at the port went on strike over pay.', { published: '2023-10-10' });
    const nov = article('nov', 'Port strike ends', 'Dock workers at the port ended their strike over pay.', { published: '2023-11-10' });
    const r = await answer({ index: indexOf([oct, nov]) }, 'What did dock workers at the port do in November?');
    if (r.kind !== 'answer') throw new Error('expected an answer');
    expect(r.excerpts.map((e) => e.article.id)).toEqual(['nov']);
  });
});

describe('orderEvolvingFigures', () => {
  const cite = (id: string, published: string | null): Citation => ({
    id,
    title: id,
    source: null,
    url: null,
    published,
    file: `${id}.txt`,
  });
  it('GIVEN death tolls from different dates THEN they are shown oldest first', () => {
    const ex = [
      { quote: 'The regime has killed at least 18,205 Palestinians.', article: cite('dec', '2023-12-10') },
      { quote: 'The ministers met in Ankara.', article: cite('x', '2023-11-05') },
      { quote: 'The aggression has so far killed 8,610 Palestinians.', article: cite('nov', '2023-11-01') },
    ];
    expect(orderEvolvingFigures(ex).map((e) => e.article.id)).toEqual(['nov', 'x', 'dec']);
  });
  it('GIVEN figures without dates or of different kinds THEN the order is kept', () => {
    const ex = [
      { quote: 'At least 22,219 people have been wounded.', article: cite('a', '2023-12-01') },
      { quote: 'The strikes killed 8,610 people.', article: cite('b', '2023-11-01') },
      { quote: 'The strikes killed 9,000 people.', article: cite('c', null) },
    ];
    expect(orderEvolvingFigures(ex).map((e) => e.article.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('a year in the question', () => {
  it('GIVEN a year written in the answering sentence but not extracted as a date ("the 1901 census") THEN that sentence is quoted', async () => {
    const w = article(
      'w',
      'Warsaw',
      'Warsaw has long been a multi-cultural city. According to the 1901 census, out of 711,988 inhabitants 56.2% were Catholics. The city grew after 1909.',
    );
    const n = article('n', 'Normandy', 'Before the arrival of the settlers, its populations did not differ from the rest of the region.');
    const r = await answer({ index: indexOf([w, n]) }, "What was Warsaw's population in 1901?");
    if (r.kind !== 'answer') throw new Error('expected an answer');
    expect(r.excerpts[0]!.quote).toContain('711,988');
  });
});
