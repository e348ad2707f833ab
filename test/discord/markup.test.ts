import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { answerQuestion } from '../../src/discord/answer.js';
import type { BotContext } from '../../src/discord/context.js';
import { FeedbackSink } from '../../src/discord/feedback.js';
import { stripDiscordMarkup } from '../../src/discord/markup.js';
import { RateLimiter } from '../../src/discord/rateLimit.js';
import { ResultStore } from '../../src/discord/store.js';
import type { StoredView } from '../../src/discord/views.js';
import { engineFrom } from '../../src/engine/engine.js';
import { loadSearchIndex } from '../../src/index/store.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { createLogger } from '../../src/log.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

describe('GIVEN Discord formatting in a message', () => {
  it.each([
    ['**bold** and *italic* and ***both***', 'bold and italic and both'],
    ['__underline__ ~~strike~~ ||spoiler||', 'underline strike spoiler'],
    ['What did Bo**liv**ia announce?', 'What did Bolivia announce?'],
    ['_What_ did __*Bolivia*__ say?', 'What did Bolivia say?'],
    ['the `inline code` and ``double`` ticks', 'the inline code and double ticks'],
    ['```js\nconst x = 1;\n```', ' const x = 1;\n '],
    ['> quoted line\n>>> block quote', 'quoted line\nblock quote'],
    ['# Header\n## Sub\n-# subtext', 'Header\nSub\nsubtext'],
    ['- bullet\n1. numbered', 'bullet\nnumbered'],
    ['see [the report](https://example.com/x) and <https://example.org>', 'see the report and https://example.org'],
    ['<@123456789012345678> hi <@&987654321098765432> in <#111111111111111111> <:wave:222222222222222222>', '  hi   in    '],
    ['ping @everyone and @here', 'ping   and  '],
    ['snake_case_name stays, 2 * 3 * 4 stays', 'snake_case_name stays, 2 * 3 * 4 stays'],
    ['an escaped \\*\\*star\\*\\* stays literal', 'an escaped **star** stays literal'],
  ])('THEN %j reads %j', (input, expected) => {
    expect(stripDiscordMarkup(input)).toBe(expected);
  });

  it('THEN any words wrapped in any emphasis markers come back as the plain words', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
    const marker = fc.constantFrom('**', '*', '__', '_', '~~', '||', '***', '`');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.option(marker)), { minLength: 1, maxLength: 8 }), (parts) => {
        const plain = parts.map(([w]) => w).join(' ');
        const marked = parts.map(([w, m]) => (m ? `${m}${w}${m}` : w)).join(' ');
        expect(stripDiscordMarkup(marked)).toBe(plain);
      }),
    );
  });

  it('THEN plain text without markup characters is unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\p{L}\p{N} ,.?!'"\n-]{0,80}$/u), (text) => {
        expect(stripDiscordMarkup(text)).toBe(text.replace(/^[ \t]*(?:-[ \t]|\d{1,3}[.)][ \t])+/gm, ''));
      }),
    );
  });
});

describe('GIVEN the real engine over the seed articles', () => {
  let ws: SeedWorkspace;
  let ctx: BotContext;
  beforeAll(async () => {
    ws = await seedWorkspace('markup-');
    await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
    const engine = engineFrom({
      index: await loadSearchIndex(ws.indexDir),
      embedder: null,
      reranker: null,
      articlesDir: ws.articlesDir,
      indexDir: ws.indexDir,
    });
    ctx = {
      config: loadConfig({}),
      engine,
      log: createLogger({ level: 'silent' }),
      store: new ResultStore<StoredView>({ maxEntries: 10, ttlMs: 60_000 }),
      limiter: new RateLimiter(100),
      feedback: new FeedbackSink(`${ws.work}/feedback.jsonl`),
      reindexGate: { running: false },
    };
  });
  afterAll(() => ws.remove());

  it('THEN a question with markup inside a word gets the same quote as the plain question', async () => {
    const plain = await answerQuestion(ctx, 'What did Bolivia announce?', 'u1');
    const marked = await answerQuestion(ctx, 'What did Bo**liv**ia ~~an~~nounce?', 'u1');
    expect(plain.embeds[0]?.description).toContain('The government of Bolivia announced');
    expect(marked.embeds[0]?.description).toBe(plain.embeds[0]?.description);
  });

  it.each([
    '**bold** _italic_ … What did Bolivia announce?',
    '**bold** _italic_ ~~strike~~ ||spoiler|| `code` What did Bolivia announce?',
    '# Header\n**bold** _italic_ What did Bolivia announce?',
  ])('THEN formatted words before the question (%j) do not turn the answer into a refusal', async (typed) => {
    const plain = await answerQuestion(ctx, 'What did Bolivia announce?', 'u1');
    const marked = await answerQuestion(ctx, typed, 'u1');
    expect(marked.embeds[0]?.description).toBe(plain.embeds[0]?.description);
  });

  it('THEN words before the question that name something still count (the question about Chile and Peru is not answered about Bolivia)', async () => {
    const view = await answerQuestion(ctx, '**About Chile and Peru.** What did the government announce?', 'u1');
    expect(view.embeds[0]?.description).not.toContain('The government of Bolivia announced');
    expect((await answerQuestion(ctx, 'What did the government announce?', 'u1')).embeds[0]?.description).toContain(
      'The government of Bolivia announced',
    );
  });
});
