/**
 * How a figure changed: the series of distinct figures for a quantity, in time order, each a
 * verbatim quote with its citation; conflicting claims side by side; stale excerpts flagged.
 * Golden on the seed corpus (the bot's own seven articles) and on fixtures written for the cases
 * the seed lacks (a caption-only date, a wire story, two outlets disagreeing on one day).
 */
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { figureEvolution, markLaterFigures, quantityOfQuestion } from '../../src/answer/evolution.js';
import { citationOf, type Excerpt, type FigureEvolution } from '../../src/core/types.js';
import type { SearchIndex } from '../../src/index/types.js';
import { FIXTURE_DIR, SEED_DIR, indexOfDir } from './helpers.js';

const seed = indexOfDir(SEED_DIR);
const fixtures = indexOfDir(FIXTURE_DIR);

function flat(ev: FigureEvolution | null) {
  return (ev?.steps ?? []).flatMap((s) =>
    s.reports.map((r) => ({ figure: r.figure, time: s.time, conflict: s.conflict, outlet: r.article.source, id: r.article.id })),
  );
}

function expectVerbatim(index: SearchIndex, ev: FigureEvolution): void {
  for (const s of ev.steps)
    for (const r of s.reports) {
      const a = index.articleById.get(r.article.id)!;
      expect(a.text.slice(r.start, r.end)).toBe(r.quote);
      expect(r.quote).toContain(r.figure);
      expect(r.article).toEqual(citationOf(a));
    }
}

const AFTER_OCT7 = { kind: 'after', date: '2023-10-07', approximate: true } as const;
/** The seed's death toll: 000 dates three reports (two on 1 November, which disagree); 001-004 are bounded. */
const SEED_TOLL = [
  { figure: '8,600', time: { kind: 'dated', date: '2023-10-31' }, conflict: false, outlet: 'Press TV', id: '000_32496ba02e16739e#2' },
  { figure: '8,500', time: { kind: 'dated', date: '2023-11-01' }, conflict: true, outlet: 'RT', id: '000_32496ba02e16739e#3' },
  { figure: '8,610', time: { kind: 'dated', date: '2023-11-01' }, conflict: true, outlet: 'Press TV', id: '000_32496ba02e16739e#1' },
  // Same bound (≈ 7 Oct): listed smallest first, a display order only.
  { figure: '8,796', time: AFTER_OCT7, conflict: false, outlet: null, id: '003_cd995ce927069bad#1' },
  { figure: '18,205', time: AFTER_OCT7, conflict: false, outlet: null, id: '002_ab3423500176ee8b#1' },
  { figure: '30,000', time: AFTER_OCT7, conflict: false, outlet: null, id: '001_2307ceb8bb1c8c94#1' },
  {
    figure: '17,400',
    time: { kind: 'after', date: '2023-10-31', approximate: false },
    conflict: false,
    outlet: null,
    id: '004_02c67a769af9a6a9#1',
  },
];

describe('GIVEN questions about a changing quantity', () => {
  it('THEN they are recognised, and other questions are not', () => {
    expect(quantityOfQuestion('How many Palestinians have been killed?')?.measure).toBe('killed');
    expect(quantityOfQuestion('What is the death toll?')?.measure).toBe('killed');
    expect(quantityOfQuestion('How many wounded?')?.measure).toBe('wounded');
    expect(quantityOfQuestion('Who did the Iranian foreign minister meet in Ankara?')).toBeNull();
    expect(quantityOfQuestion('Why was the minister killed?')).toBeNull();
  });
});

describe('GIVEN the seed corpus', () => {
  for (const q of ['How many Palestinians have been killed?', 'What is the death toll?']) {
    it(`THEN "${q}" gives all seven distinct figures in time order (dated, then bounded), each quoted and cited`, () => {
      const ev = figureEvolution(seed, q)!;
      expect(ev.measure).toBe('killed');
      expect(ev.group).toBe('Palestinians');
      expect(flat(ev)).toEqual(SEED_TOLL);
      expectVerbatim(seed, ev);
    });
  }

  it('THEN the 1 November claims (RT 8,500 vs Press TV 8,610) are one step, both shown, never averaged', () => {
    const step = figureEvolution(seed, 'What is the death toll?')!.steps[1]!;
    expect(step.conflict).toBe(true);
    expect(step.reports.map((r) => [r.article.source, r.value])).toEqual([
      ['RT', 8500],
      ['Press TV', 8610],
    ]);
  });

  it('THEN the answer to "What is the death toll?" carries the series even though no single sentence says "death toll"', async () => {
    const r = await answer({ index: seed }, 'What is the death toll?');
    expect(r.kind).toBe('answer');
    if (r.kind === 'answer') expect(flat(r.evolution ?? null)).toEqual(SEED_TOLL);
  });

  it('THEN a figure repeated by another article is cited under its first report ("also reported by")', () => {
    const ev = figureEvolution(seed, 'How many wounded?')!;
    const first = ev.steps[0]!.reports[0]!;
    expect([first.figure, first.article.id]).toEqual(['23,000', '000_32496ba02e16739e#2']);
    expect(first.alsoReportedBy.map((c) => c.id)).toEqual(['000_32496ba02e16739e#1']);
    expect(flat(ev).filter((x) => x.figure === '23,000')).toHaveLength(1);
  });

  it('THEN another group is another quantity: Israelis get only their own figure, children (never counted alone) none', () => {
    expect(flat(figureEvolution(seed, 'How many Israelis were killed?')).map((x) => [x.figure, x.id])).toEqual([
      ['1,400', '000_32496ba02e16739e#3'],
    ]);
    expect(figureEvolution(seed, 'How many children have been killed?')).toBeNull();
    expect(figureEvolution(seed, 'How many journalists have been killed in Gaza?')).toBeNull();
  });

  it('THEN a quantity on a topic the articles do not cover gives no series', async () => {
    expect(figureEvolution(seed, 'How many people died in the earthquake in Morocco?')).toBeNull();
    const r = await answer({ index: seed }, 'How many people died in the earthquake in Morocco?');
    expect(r.kind).toBe('noAnswer');
  });

  it('THEN a 1 November excerpt gets no staleness note (nothing is known to be later), a 31 October one the 1 November figure', async () => {
    const r = await answer({ index: seed }, 'How many Palestinians have been killed?');
    if (r.kind !== 'answer') throw new Error('expected an answer');
    expect(r.excerpts.length).toBeGreaterThan(0);
    expect(r.excerpts.filter((e) => e.article.published === '2023-11-01').some((e) => e.laterFigure)).toBe(false);
    for (const e of r.excerpts.filter((x) => x.laterFigure)) {
      expect(e.article.published).toBe('2023-10-31');
      expect(e.laterFigure!.figure).toBe('8,610');
      expect(e.laterFigure!.article.published).toBe('2023-11-01');
    }
  });
});

describe('GIVEN the fixtures (two outlets disagreeing on 10 December, a later report, a wire story, a caption-only date)', () => {
  const ev = figureEvolution(fixtures, 'How many Palestinians have been killed?')!;

  it('THEN the series is dated (conflict first, then 12 Dec), then bounded; the wire story’s “people” count joins it', () => {
    expect(flat(ev).map((x) => [x.figure, x.outlet, x.time.kind === 'undated' ? '' : x.time.date, x.conflict])).toEqual([
      ['17,700', 'Levant Daily', '2023-12-10', true],
      ['18,000', 'Gulf Herald', '2023-12-10', true],
      ['18,205', 'Gulf Herald', '2023-12-12', false],
      ['15,899', null, '2023-12-04', false],
      ['17,997', 'Reuters', '2023-12-10', false],
    ]);
    expectVerbatim(fixtures, ev);
  });

  it('THEN an excerpt from 10 December is flagged: a later article reports 18,205; the latest and the undated are not', () => {
    const excerptOf = (id: string, figure: string): Excerpt => {
      const r = ev.steps.flatMap((s) => s.reports).find((x) => x.article.id === id && x.figure === figure)!;
      return { quote: r.quote, start: r.start, end: r.end, score: 1, article: r.article, alsoReportedBy: [] };
    };
    const marked = markLaterFigures(
      fixtures,
      [excerptOf('outlets-disagree#2', '17,700'), excerptOf('outlets-disagree#3', '18,205'), excerptOf('caption-only-date#1', '15,899')],
      ev,
    );
    expect(marked.map((e) => (e.laterFigure ? [e.laterFigure.figure, e.laterFigure.article.id] : null))).toEqual([
      ['18,205', 'outlets-disagree#3'],
      null,
      null,
    ]);
  });
});
