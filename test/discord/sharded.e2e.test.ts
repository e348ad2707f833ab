/**
 * Two shards on one database: two real discord.js clients (shard 0 and shard 1 of 2, each with
 * its own engine, as two `bot:sharded` processes would have), each connected to its own fake
 * Discord gateway, both over the same PostgreSQL database (PGlite here). Both answer; a /reindex
 * run through shard 0 is seen by shard 1 at its next question, without any reload.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/main.js';
import { pgEngineFrom, type PgEngine } from '../../src/engine/pg-engine.js';
import type { Database } from '../../src/index/pg/db.js';
import { ingestToDatabase } from '../../src/index/pg/ingest.js';
import { createLogger } from '../../src/log.js';
import { SEED_DIR, migratedDb } from '../index/pg/helpers.js';
import { ADMIN_PERMISSIONS, FakeDiscord, snowflake, type RecordedCall } from './fake-discord.js';

// PGlite (PostgreSQL in WASM) takes seconds to start, and much longer on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

const STRING = 3;
let db: Database;
let dir: string;
let articlesDir: string;
const shards: { discord: FakeDiscord; engine: PgEngine; bot: RunningBot }[] = [];

const isOriginalEdit = (token: string) => (c: RecordedCall) =>
  c.method === 'PATCH' && c.path.endsWith(`/${token}/messages/@original`) && c.status === 200;

/** Asks through one shard; returns the text of the reply (embed description or content). */
async function ask(shard: number, question: string): Promise<string> {
  const { discord } = shards[shard]!;
  const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: question }], {
    user: { id: snowflake(), username: `u${shard}` },
  });
  const edit = await discord.waitForCall(isOriginalEdit(token), 15_000);
  const embed = (edit.body?.embeds ?? [])[0];
  return `${edit.body?.content ?? ''}\n${embed?.title ?? ''}\n${embed?.description ?? ''}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sharded-'));
  articlesDir = join(dir, 'articles');
  await cp(SEED_DIR, articlesDir, { recursive: true });
  db = await migratedDb();
  await ingestToDatabase({ db, articlesDir });
  for (const id of [0, 1]) {
    const discord = new FakeDiscord();
    await discord.start();
    const engine = await pgEngineFrom({ db, embedder: null, reranker: null, articlesDir, pollMs: 0 });
    const config = loadConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      ADMIN_ROLE_IDS: discord.adminRoleId,
      ARTICLES_DIR: articlesDir,
      FEEDBACK_FILE: join(dir, `feedback-${id}.jsonl`),
      DATABASE_URL: 'pglite:memory',
      LOG_LEVEL: 'silent',
    });
    const logger = createLogger({ level: 'silent', secrets: [discord.token], write: () => undefined });
    const bot = await startBot(config, engine, { logger, clientOptions: { shards: [id], shardCount: 2 } });
    shards.push({ discord, engine, bot });
  }
}, 120_000);

afterAll(async () => {
  for (const s of shards) {
    await s.bot.stop();
    await s.engine.close();
    await s.discord.stop();
  }
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GIVEN two shards on one PostgreSQL database', () => {
  it('THEN each identified as its own shard and both answer from the shared index', async () => {
    expect(shards[0]!.discord.identifies[0]?.shard).toEqual([0, 2]);
    expect(shards[1]!.discord.identifies[0]?.shard).toEqual([1, 2]);
    for (const id of [0, 1]) expect(await ask(id, 'Why did Bolivia cut ties with Israel?')).toContain('severing diplomatic relations');
  });

  it('WHEN an admin reindexes through shard 0 THEN shard 1 answers from the new articles at its next question', async () => {
    const question = 'Which lighthouse did the Faroe Islands reopen?';
    await writeFile(
      join(articlesDir, 'faroe.txt'),
      'Faroe Islands reopen Nolsoy lighthouse\n\nThe Faroe Islands reopened the Nolsoy lighthouse to visitors on Monday after a two-year restoration.\n',
    );
    expect(await ask(1, question)).not.toContain('Nolsoy lighthouse to visitors');

    const { discord } = shards[0]!;
    const { token } = discord.slash('reindex', [], { user: { id: snowflake(), username: 'admin' }, permissions: ADMIN_PERMISSIONS });
    const done = await discord.waitForCall((c) => isOriginalEdit(token)(c) && String(c.body?.content ?? '').startsWith('✅'), 30_000);
    expect(done.body.content).toContain('1 added');

    for (const id of [1, 0]) expect(await ask(id, question)).toContain('Nolsoy lighthouse to visitors');
    expect(shards[1]!.engine.sources().some((s) => s.article.title.startsWith('Faroe Islands reopen'))).toBe(true);
  });
});
