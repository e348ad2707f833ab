/** The "Context" passage around a quote, on the seed corpus (most of its paragraphs are one sentence). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextText } from '../../src/discord/format.js';
import { LIMITS } from '../../src/discord/limits.js';
import { CONTEXT_SENTENCES } from '../../src/engine/context.js';
import { engineFrom } from '../../src/engine/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { loadSearchIndex } from '../../src/index/store.js';
import type { SearchIndex } from '../../src/index/types.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

let ws: SeedWorkspace;
let index: SearchIndex;
let engine: Engine;
beforeAll(async () => {
  ws = await seedWorkspace('context-');
  await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
  index = await loadSearchIndex(ws.indexDir);
  engine = engineFrom({ index, embedder: null, reranker: null, articlesDir: ws.articlesDir, indexDir: ws.indexDir });
});
afterAll(() => ws.remove());

describe('GIVEN an answer quoting a one-sentence paragraph', () => {
  it('THEN Context shows the sentences before and after it, not just the quote again', async () => {
    const result = await engine.ask('What did Bolivia announce?');
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    const e = result.excerpts[0]!;
    const article = index.articleById.get(e.article.id)!;
    const paragraph = article.paragraphs.find((p) => p.start <= e.start && e.end <= p.end)!;
    // The premise: the quote is its whole paragraph.
    expect(article.text.slice(paragraph.start, paragraph.end).trim()).toBe(e.quote.trim());
    const ctx = engine.context(e.article.id, e.start, e.end)!;
    expect(ctx.paragraph.slice(ctx.quoteStart, ctx.quoteEnd)).toBe(e.quote);
    const i = article.sentences.findIndex((s) => s.start <= e.start && e.start < s.end);
    const next = article.sentences[i + 1]!;
    expect(ctx.paragraph).toContain(article.text.slice(next.start, next.end));
    expect(ctx.paragraph.length).toBeGreaterThan(e.quote.length + 100);
    expect(contextText(ctx, LIMITS.embedDescription - 300).length).toBeLessThanOrEqual(LIMITS.embedDescription - 300);
  });

  it('THEN for every sentence of every article the passage is verbatim, holds the quote and its neighbours', () => {
    for (const a of index.articles) {
      a.sentences.forEach((s, i) => {
        const ctx = engine.context(a.id, s.start, s.end)!;
        const offset = a.text.indexOf(ctx.paragraph);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(ctx.paragraph.slice(ctx.quoteStart, ctx.quoteEnd)).toBe(a.text.slice(s.start, s.end));
        const wantBefore = a.sentences[Math.max(0, i - CONTEXT_SENTENCES)]!;
        const wantAfter = a.sentences[Math.min(a.sentences.length - 1, i + CONTEXT_SENTENCES)]!;
        expect(ctx.quoteStart).toBeGreaterThanOrEqual(s.start - wantBefore.start);
        expect(ctx.paragraph.length - ctx.quoteEnd).toBeGreaterThanOrEqual(wantAfter.end - s.end);
      });
    }
  });

  it('THEN offsets outside the article give null', () => {
    const a = index.articles[0]!;
    expect(engine.context(a.id, -1, 5)).toBeNull();
    expect(engine.context(a.id, 5, a.text.length + 1)).toBeNull();
    expect(engine.context(a.id, 5, 5)).toBeNull();
    expect(engine.context('nope', 0, 5)).toBeNull();
  });
});
