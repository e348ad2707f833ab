import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Citation, Excerpt } from '../../src/core/types.js';
import { decodeCustomId } from '../../src/discord/customId.js';
import { answerView, contextView, renderView, sourcesView, timelineView, type MessageView } from '../../src/discord/views.js';
import { messageProblems } from './fake-discord.js';

const cite = (i: number, over: Partial<Citation> = {}): Citation => ({
  id: `a${i}`,
  title: `Title ${i} `.repeat(40),
  source: `Outlet ${i}`,
  url: `https://example.com/${'p'.repeat(200)}/${i}`,
  published: '2023-11-01',
  file: `${i}.txt`,
  ...over,
});

function excerpts(n: number, quoteLen: number, word = '*word* '): Excerpt[] {
  return Array.from({ length: n }, (_, i) => ({
    quote: `${i} ${word.repeat(quoteLen)}`.slice(0, quoteLen),
    start: i * 1000,
    end: i * 1000 + quoteLen,
    score: 1,
    article: cite(i),
    alsoReportedBy: Array.from({ length: 8 }, (_, j) => cite(100 + j)),
  }));
}

function expectWithinLimits(view: MessageView): void {
  expect(messageProblems({ embeds: view.embeds, components: view.components })).toEqual({});
}

describe('GIVEN an answer with 9 long, Markdown-heavy excerpts and long citations', () => {
  const result = { kind: 'answer' as const, question: 'Q? '.repeat(200), excerpts: excerpts(9, 500) };
  const view = answerView(result);

  it('THEN every page fits Discord limits (embed, title, buttons)', () => {
    for (let p = 0; p < view.pages.length; p += 1) expectWithinLimits(renderView('abc12345', view, p));
  });
  it('THEN each excerpt appears whole on exactly one page, in order', () => {
    expect(view.pages.flatMap((p) => p.items)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const [i] of result.excerpts.entries()) {
      const pages = view.pages.filter((p) => p.text.includes(`**${i + 1}.** `));
      expect(pages).toHaveLength(1);
    }
  });
  it('THEN the buttons page forward/back and name the excerpts on the page', () => {
    const first = renderView('abc12345', view, 0);
    const ids = first.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
    const decoded = ids.map(decodeCustomId);
    expect(decoded).toContainEqual({ action: 'page', id: 'abc12345', page: 1 });
    expect(decoded).toContainEqual({ action: 'vote', id: 'abc12345', page: 0, vote: 'up' });
    expect(decoded.filter((d) => d?.action === 'context').map((d) => (d?.action === 'context' ? d.excerpt : -1))).toEqual(
      view.pages[0]?.items,
    );
    const back = first.components[0]?.components[0];
    expect(back && 'disabled' in back ? back.disabled : false).toBe(true);
  });
  it('THEN a page number out of range shows the nearest page', () => {
    expect(renderView('abc12345', view, 99).embeds[0]?.footer?.text).toContain(`Page ${view.pages.length}/${view.pages.length}`);
  });
});

describe('GIVEN short excerpts', () => {
  it('THEN 9 excerpts give 3 pages of 3', () => {
    const view = answerView({ kind: 'answer', question: 'q', excerpts: excerpts(9, 80) });
    expect(view.pages.map((p) => p.items.length)).toEqual([3, 3, 3]);
  });
});

describe('GIVEN a single huge quote (beyond the 500-char contract)', () => {
  it('THEN it gets its own page, truncated with an ellipsis, citation kept', () => {
    const view = answerView({ kind: 'answer', question: 'q', excerpts: excerpts(1, 9000, 'word_ ') });
    const page = renderView('id', view, 0);
    expectWithinLimits(page);
    expect(page.embeds[0]?.description).toContain('…');
    expect(page.embeds[0]?.description).toContain('**1.** **Outlet 0**');
  });
});

describe('GIVEN many sources and long timelines (property)', () => {
  it('THEN every rendered page of sources and timelines fits the limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 500 }), (n, len) => {
        const sources = Array.from({ length: n }, (_, i) => ({ article: cite(i, { title: 'x'.repeat(len) }), chunks: 1 }));
        const sv = sourcesView(sources);
        for (let p = 0; p < sv.pages.length; p += 1) expectWithinLimits(renderView('s', sv, p));
        const events = excerpts(n % 40, len).map((e, i) => ({
          ...e,
          date: `2023-01-${String((i % 28) + 1).padStart(2, '0')}`,
          precision: 'day' as const,
          approximate: i % 2 === 0,
          fromPublication: false,
        }));
        if (events.length > 0) {
          const tv = timelineView({ kind: 'timeline', topic: 't', events });
          for (let p = 0; p < tv.pages.length; p += 1) expectWithinLimits(renderView('t', tv, p));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('GIVEN a context for a quote in a huge paragraph', () => {
  it('THEN the ephemeral view fits and keeps the bold quote', () => {
    const paragraph = `${'a '.repeat(3000)}THE QUOTE${' b'.repeat(3000)}`;
    const view = contextView({ article: cite(1), paragraph, quoteStart: 6000, quoteEnd: 6009 });
    expectWithinLimits(view);
    expect(view.embeds[0]?.description).toContain('**THE QUOTE**');
  });
});
