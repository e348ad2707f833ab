/**
 * /timeline on the death toll places every figure it can (dated, then bounded by "after"), and
 * the Discord views of the series and its conflicting claims page within Discord's limits.
 */
import { describe, expect, it } from 'vitest';
import { figureEvolution } from '../../src/answer/evolution.js';
import type { Citation, FigureEvolution, FigureStep } from '../../src/core/types.js';
import { payload } from '../../src/discord/reply.js';
import { answerView, pageCount, renderView, timelineView } from '../../src/discord/views.js';
import { timelineFor } from '../../src/timeline/timeline.js';
import { messageProblems } from '../discord/fake-discord.js';
import { SEED_DIR, indexOfDir } from './helpers.js';

const seed = indexOfDir(SEED_DIR);
const TOLL = ['8,500', '8,600', '8,610', '8,796', '17,400', '18,205', '30,000'];

describe('GIVEN /timeline "Palestinian death toll in Gaza" on the seed corpus', async () => {
  const r = await timelineFor({ index: seed }, 'Palestinian death toll in Gaza');
  if (r.kind !== 'timeline') throw new Error(`expected events, got ${r.reason}`);

  it('THEN it returns dated and bounded events in order, bounded ones after the dated ones of the same day', () => {
    const keys = r.events.map((e) => `${e.date}${e.bound ? '+' : ''}`);
    expect(keys).toEqual([...keys].sort());
    expect(r.events.some((e) => e.bound)).toBe(true);
    expect(r.events.some((e) => !e.bound && e.fromPublication)).toBe(true);
  });

  it('THEN every death-toll figure the articles place in time is an event, quoted verbatim and cited', () => {
    for (const figure of TOLL) {
      const e = r.events.find((x) => x.quote.includes(figure));
      expect(e, figure).toBeDefined();
      const a = seed.articleById.get(e!.article.id)!;
      expect(a.text.slice(e!.start, e!.end)).toBe(e!.quote);
    }
    const bounded = r.events.filter((e) => e.bound);
    for (const e of bounded) expect(seed.articleById.get(e.article.id)!.publishedAfter?.after).toBe(e.date);
  });

  it('THEN its Discord pages stay within limits and say "after" for bounded dates', () => {
    const view = timelineView(r);
    const all = view.pages.map((p) => p.text).join('\n');
    expect(all).toContain('after ≈ 7 Oct 2023');
    expect(all).toContain('after 31 Oct 2023');
    for (let p = 0; p < view.pages.length; p++) expect(messageProblems(renderView('abcd1234', view, p))).toEqual({});
  });
});

const cite = (i: number): Citation => ({
  id: `a${i}`,
  title: `Headline ${i} `.repeat(30),
  source: `Outlet ${i} <@123> @everyone`,
  url: `https://example.com/${'x'.repeat(150)}/${i}`,
  published: null,
  file: `${i}.txt`,
  publishedAfter: { after: '2023-10-31', approximate: true },
});

/** A series far larger than any page: 30 steps, every third with three conflicting figures. */
function bigSeries(): FigureEvolution {
  const steps: FigureStep[] = Array.from({ length: 30 }, (_, i) => ({
    time:
      i % 3 === 0
        ? { kind: 'dated', date: `2023-11-${String((i % 28) + 1).padStart(2, '0')}` }
        : { kind: 'after', date: '2023-10-31', approximate: true },
    conflict: i % 3 === 0,
    reports: Array.from({ length: i % 3 === 0 ? 3 : 1 }, (_, j) => ({
      figure: `${1000 + i * 10 + j}`,
      value: 1000 + i * 10 + j,
      quote: `*${1000 + i * 10 + j}* killed ${'**word** _x_ '.repeat(150)}`,
      start: 0,
      end: 10,
      article: cite(i * 3 + j),
      alsoReportedBy: Array.from({ length: 7 }, (_, k) => cite(500 + k)),
    })),
  }));
  return { measure: 'killed', group: 'Palestinians', steps };
}

describe('GIVEN the Discord view of a series', () => {
  it('THEN the seed death toll with its excerpts renders both embeds within limits, mentions disabled', async () => {
    const ev = figureEvolution(seed, 'How many Palestinians have been killed?')!;
    const view = answerView({ kind: 'answer', question: 'How many Palestinians have been killed?', excerpts: [], evolution: ev });
    const msg = payload(renderView('abcd1234', view, 0));
    expect(msg.allowedMentions).toEqual({ parse: [] });
    expect(messageProblems(msg)).toEqual({});
    const text = Array.from({ length: pageCount(view) }, (_, p) => renderView('abcd1234', view, p).embeds.at(-1)?.description ?? '').join(
      '\n',
    );
    for (const f of TOLL) expect(text).toContain(`**${f}**`);
    expect(text).toContain('⚖️ reports differ');
    expect(renderView('abcd1234', view, 0).embeds[0]?.title).toContain('How the figure changed');
  });

  for (const withExcerpts of [false, true]) {
    it(`THEN a huge series ${withExcerpts ? 'beside excerpts ' : ''}pages cleanly: every page within limits, each step whole on one page`, () => {
      const ev = bigSeries();
      const excerpts = withExcerpts
        ? Array.from({ length: 9 }, (_, i) => ({
            quote: `q ${'*w* '.repeat(300)}`,
            start: 0,
            end: 1,
            score: 1,
            article: cite(900 + i),
            alsoReportedBy: [],
          }))
        : [];
      const view = answerView({ kind: 'answer', question: 'How many? '.repeat(40), excerpts, evolution: ev });
      if (view.kind !== 'answer' || !view.evolution) throw new Error('expected a series');
      expect(view.evolution.pages.flatMap((p) => p.items)).toEqual(ev.steps.map((_, i) => i));
      const total = pageCount(view);
      expect(total).toBe(Math.max(view.pages.length, view.evolution.pages.length));
      for (let p = 0; p < total; p++) {
        const msg = renderView('abcd1234', view, p);
        expect(messageProblems(msg), `page ${p}`).toEqual({});
        const chars = msg.embeds.reduce(
          (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0),
          0,
        );
        expect(chars).toBeLessThanOrEqual(6000);
        expect(msg.embeds.at(-1)?.description).not.toMatch(/(?<!\\)<@123>/);
      }
    });
  }
});
