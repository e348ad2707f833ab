/**
 * Choosing the backend: DATABASE_URL set makes createEngine use PostgreSQL (refusing a database
 * without our schema, building the first generation when it holds none); bot:sharded refuses
 * to start without it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { openDatabase } from '../../src/index/pg/db.js';
import { migrate } from '../../src/index/pg/migrate.js';
import { createServerDatabase, describeOnServer, migratedDb, SEED_DIR } from '../index/pg/helpers.js';

// PGlite (PostgreSQL in WASM) takes seconds to start, and much longer on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pg-engine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (databaseUrl: string) => ({
  articlesDir: SEED_DIR,
  indexDir: join(dir, 'index-never-written'),
  embeddingModel: null,
  rerankerModel: null,
  modelCacheDir: join(dir, 'models'),
  allowRemoteModels: false,
  modelLoadTimeoutMs: 1000,
  databaseUrl,
});

describe('GIVEN DATABASE_URL', () => {
  it('WHEN the database has no schema THEN the engine refuses to start and names `npm run db:migrate`', async () => {
    await expect(createEngine(config('pglite:memory'))).rejects.toThrow(/no news-quote-bot schema; create it with `npm run db:migrate`/);
  });

  it('WHEN the database is migrated but empty THEN the engine indexes the articles into it and answers from it', async () => {
    const dataDir = join(dir, 'pgdata');
    await (await migratedDb(dataDir)).close();
    const events: string[] = [];
    const engine = await createEngine(config(`pglite:${dataDir}`), (e) => events.push(e.kind));
    try {
      expect(events).toContain('building');
      const r = await engine.ask('Why did Bolivia cut ties with Israel?');
      expect(r.kind === 'answer' && r.excerpts[0]!.quote).toContain('severing diplomatic relations');
      expect(engine.sources().length).toBeGreaterThan(0);
      const excerpt = r.kind === 'answer' ? r.excerpts[0]! : null;
      expect(engine.context(excerpt!.article.id, excerpt!.start, excerpt!.end)?.paragraph).toContain(excerpt!.quote);
    } finally {
      await (engine as unknown as { close(): Promise<void> }).close();
    }
  });
});

describeOnServer('GIVEN DATABASE_URL naming a real PostgreSQL server', () => {
  it('THEN the engine refuses it before db:migrate, and after it indexes the articles into it and answers', async () => {
    const created = await createServerDatabase();
    try {
      await expect(createEngine(config(created.url))).rejects.toThrow(/no news-quote-bot schema; create it with `npm run db:migrate`/);
      const db = await openDatabase(created.url);
      await migrate(db);
      await db.close();
      const engine = await createEngine(config(created.url));
      try {
        const r = await engine.ask('Why did Bolivia cut ties with Israel?');
        expect(r.kind === 'answer' && r.excerpts[0]!.quote).toContain('severing diplomatic relations');
        // /reindex on a server runs in the worker thread (its own connection): a full rebuild, then served.
        const stages: string[] = [];
        const summary = await engine.reindex({ full: true }, (p) => stages.push(p.stage));
        expect(summary.noop).toBe(false);
        expect(stages).toContain('write');
        expect((await engine.ask('Why did Bolivia cut ties with Israel?')).kind).toBe('answer');
      } finally {
        await (engine as unknown as { close(): Promise<void> }).close();
      }
    } finally {
      await created.drop();
    }
  });
});

describe('GIVEN bot:sharded without DATABASE_URL', () => {
  it('THEN it exits with code 2 and says why', async () => {
    const script = join(import.meta.dirname, '../../src/discord/sharded.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { PATH: process.env.PATH, DISCORD_TOKEN: 'x.y.z', DATABASE_URL: '' },
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // 'close': stderr is fully read (on 'exit' its last line may still be unread).
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(2);
    expect(stderr).toContain('bot:sharded needs DATABASE_URL');
  });
});
