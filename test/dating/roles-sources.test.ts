/** Captions and highlights are quoted as such; /sources shows each article's outlet and date with the reason. */
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { citationOf } from '../../src/core/types.js';
import { excerptBlocks, sourceBlocks } from '../../src/discord/format.js';
import { SEED_DIR, indexOfDir } from './helpers.js';

const seed = indexOfDir(SEED_DIR);

describe('GIVEN the caption of 004 (the only place it names Doha)', () => {
  it('THEN a question about it is answered from the caption, quoted as a photo caption', async () => {
    const r = await answer({ index: seed }, 'Where did Amir Abdollahian greet Ismail Haniyeh?');
    if (r.kind !== 'answer') throw new Error(`expected an answer, got ${r.reason}`);
    const e = r.excerpts.find((x) => x.quote.includes('in Doha'));
    expect(e?.role).toBe('caption');
    expect(e?.article.id).toBe('004_02c67a769af9a6a9#1');
    expect(excerptBlocks([e!])[0]!.text).toContain('(photo caption)');
  });

  it('THEN its highlights are quotable text of the article, marked as highlights', () => {
    const a = seed.articleById.get('004_02c67a769af9a6a9#1')!;
    const highlights = (a.roles ?? []).filter((r) => r.role === 'highlight');
    expect(highlights).toHaveLength(2);
    // Each is its own paragraph whose sentences can be quoted (a sentence span starts with it).
    for (const h of highlights) expect(a.sentences.some((s) => s.start === h.start && s.end <= h.end)).toBe(true);
  });
});

describe('GIVEN /sources', () => {
  it('THEN each entry shows the outlet and date (or bound) as understood, with the reasons', () => {
    const blocks = sourceBlocks(
      seed.articles.map((a) => ({ article: citationOf(a), chunks: 1, ...(a.reasons ? { reasons: a.reasons } : {}) })),
    );
    const a004 = blocks[6]!.text;
    expect(a004).toContain('unknown outlet (reporting credited to mehrnews) · undated · after 31 Oct 2023');
    expect(a004).toContain('↳ outlet: no byline, wire dateline or metadata says who published it');
    expect(a004).toContain('↳ date: no publication date stated; published on or after the latest date the text mentions');
    expect(blocks[0]!.text).toContain('**Press TV** · 1 Nov 2023');
    expect(blocks[0]!.text).toContain('↳ date: stated in the byline');
  });
});
