/**
 * Follow-ups through `Engine.ask` on the seed corpus, in both engines (embedded index and
 * PostgreSQL on PGlite): a reply carries the previous question's topic and articles; a
 * self-contained reply is still answered as itself.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnswerResult } from '../../src/core/types.js';
import { engineFrom } from '../../src/engine/engine.js';
import { pgEngineFrom, type PgEngine } from '../../src/engine/pg-engine.js';
import type { Engine } from '../../src/engine/types.js';
import type { Database } from '../../src/index/pg/db.js';
import { SEED_DIR, seedIndex } from '../answer/helpers.js';
import { seedDb } from '../index/pg/helpers.js';

// PGlite (PostgreSQL in WASM) takes seconds to start, and much longer on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

const GAZA_DEATHS = 'How many Palestinians have been killed in Gaza?';

const articlesOf = (r: AnswerResult): string[] => (r.kind === 'answer' ? [...new Set(r.excerpts.map((e) => e.article.id))] : []);

/** Asks `previous`, then `question` as a reply to its answer (the articles the answer cited). */
async function reply(engine: Engine, previous: string, question: string): Promise<{ before: AnswerResult; after: AnswerResult }> {
  const before = await engine.ask(previous);
  const after = await engine.ask(question, { followUp: { question: previous, articleIds: articlesOf(before) } });
  return { before, after };
}

let db: Database | undefined;
let pg: PgEngine | undefined;
afterAll(async () => {
  await pg?.close();
  await db?.close();
});

describe.each([
  [
    'embedded',
    async (): Promise<Engine> =>
      engineFrom({ index: await seedIndex(), embedder: null, reranker: null, articlesDir: SEED_DIR, indexDir: '' }),
  ],
  [
    'PostgreSQL (PGlite)',
    async (): Promise<Engine> => {
      db = await seedDb();
      pg = await pgEngineFrom({ db, embedder: null, reranker: null, articlesDir: SEED_DIR, pollMs: 0 });
      return pg;
    },
  ],
])('GIVEN the seed corpus in the %s engine', (_name, make) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await make();
  });

  it('WHEN "How many were wounded?" replies to the answer on Gaza deaths THEN it is answered from that answer\'s articles, with the wounded of those deaths', async () => {
    const fresh = await engine.ask('How many were wounded?');
    const { before, after } = await reply(engine, GAZA_DEATHS, 'How many were wounded?');
    const cited = articlesOf(before);
    expect(cited.length).toBeGreaterThan(0);
    // Asked fresh, the best quote is another article's count (a later report of the war).
    expect(fresh.kind === 'answer' && cited.includes(fresh.excerpts[0]!.article.id)).toBe(false);
    expect(after.kind).toBe('answer');
    if (after.kind !== 'answer') return;
    expect(cited).toContain(after.excerpts[0]!.article.id);
    // The cited reports' own wounded, in time order (31 October's "8,600 … 23,000 others wounded", then 1 November's).
    expect(after.excerpts[0]!.quote).toMatch(/left (?:over|more than) 23,000 (?:others )?wounded\.$/);
    expect(after.excerpts.map((e) => e.quote)).toContain(
      'The aggression has so far killed 8,610 Palestinians and left more than 23,000 wounded.',
    );
    expect(after.question).toBe('How many were wounded?');
  });

  it('WHEN "Why?" replies to the answer on Bolivia cutting ties THEN the Bolivia article answers it, where asked alone it matches nothing', async () => {
    const fresh = await engine.ask('Why?');
    expect(fresh.kind === 'noAnswer' && fresh.reason).toBe('noMatch');
    const { after } = await reply(engine, 'Why did Bolivia cut ties with Israel?', 'Why?');
    expect(after.kind === 'answer' && after.excerpts[0]!.quote).toContain('severing diplomatic relations with Israel');
  });

  it('WHEN the reply is a self-contained question THEN it gets the answer it gets asked fresh (a topic of its own, or none)', async () => {
    for (const [previous, question] of [
      [GAZA_DEATHS, 'What did Bolivia announce?'],
      ['What did Bolivia announce?', 'Who did Amir-Abdollahian meet in Ankara?'],
    ] as const) {
      const fresh = await engine.ask(question);
      const { after } = await reply(engine, previous, question);
      expect(after.kind, question).toBe('answer');
      expect(after.kind === 'answer' && after.excerpts[0]!.quote, question).toBe(fresh.kind === 'answer' && fresh.excerpts[0]!.quote);
    }
    // A question about something the articles never mention is declined, whatever it replies to.
    const fresh = await engine.ask('What is the capital of France?');
    expect(fresh.kind).toBe('noAnswer');
    const { after } = await reply(engine, 'Who did Amir-Abdollahian meet in Ankara?', 'What is the capital of France?');
    expect(after.kind).toBe('noAnswer');
  });

  it('WHEN the cited articles do not answer the reply THEN the whole collection does', async () => {
    // The Ankara answer cites no Bolivia article; the reply still finds it.
    const { before, after } = await reply(engine, 'Who did Amir-Abdollahian meet in Ankara?', 'When did Bolivia sever relations?');
    expect(after.kind).toBe('answer');
    if (after.kind !== 'answer') return;
    expect(after.excerpts[0]!.quote).toMatch(/Bolivia/);
    expect(articlesOf(before)).not.toContain(after.excerpts[0]!.article.id);
  });
});
