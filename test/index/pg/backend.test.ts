/**
 * The PostgreSQL backend's storage guarantees: schema migrations and the start-up check,
 * incremental ingestion by file hash, the advisory lock, and atomic generation switches (a
 * failed or killed ingestion leaves the previous data serving). Every test runs on PGlite and,
 * when NQB_TEST_PG_URL is set (CI), on a real PostgreSQL server (lexical: Debian 12 has no
 * pgvector); the tests that need vectors run on PGlite only.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer } from '../../../src/answer/answer.js';
import type { Embedder } from '../../../src/embed/types.js';
import { openDatabase, type Database } from '../../../src/index/pg/db.js';
import { DatabaseLockedError, ingestToDatabase, liveManifest } from '../../../src/index/pg/ingest.js';
import { SchemaError, checkSchema, knownMigrations, migrate } from '../../../src/index/pg/migrate.js';
import { PgSearch } from '../../../src/index/pg/search.js';
import { FakeEmbedder } from '../../helpers/fake-embedder.js';
import { DEFAULT_CHUNKING } from '../../../src/ingest/chunker.js';
import { PGLITE, SEED_DIR, createServerDatabase, describeOnBackends, serverUrlOf, type TestBackend } from './helpers.js';

// PGlite (PostgreSQL in WASM) takes seconds to start, and much longer on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

let db: Database;
let work: string;
let articlesDir: string;

/** Empties the database (schema and all) and applies the migrations again. */
async function reset(): Promise<void> {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(db);
}

const liveGeneration = async () => (await db.query<{ generation: number }>('SELECT generation FROM nqb_live')).rows[0]?.generation ?? null;
const ask = async (q: string) => {
  const search = new PgSearch(db);
  return search.run((await search.live())!, { embedder: null, reranker: null }, (deps) => answer(deps, q));
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pg-backend-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  articlesDir = await mkdtemp(join(work, 'articles-'));
  await cp(SEED_DIR, articlesDir, { recursive: true });
});

describeOnBackends('the PostgreSQL backend', (backend) => {
  beforeAll(async () => {
    db = await backend.migrated();
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('schema migrations', () => {
    beforeEach(async () => {
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    });

    it('GIVEN an empty database THEN the start-up check refuses it and names the command to run', async () => {
      await expect(checkSchema(db)).rejects.toThrow(/no news-quote-bot schema; create it with `npm run db:migrate`/);
    });

    it('GIVEN db:migrate THEN every migration is applied once and the check passes', async () => {
      const all = await knownMigrations();
      expect(await migrate(db)).toEqual(all.map((m) => m.name));
      expect(await migrate(db)).toEqual([]);
      expect(await checkSchema(db)).toBe(all.length);
    });

    it('GIVEN a database one migration behind THEN the check refuses it with the command to run', async () => {
      const all = await knownMigrations();
      await migrate(db, all);
      const newer = [...all, { version: all.length + 1, name: `000${all.length + 1}_next.sql`, sql: 'SELECT 1' }];
      await expect(checkSchema(db, newer)).rejects.toThrow(
        new RegExp(`schema version ${all.length}, this version needs ${all.length + 1}; upgrade it with \`npm run db:migrate\``),
      );
      expect(await migrate(db, newer)).toEqual([newer.at(-1)!.name]);
      expect(await checkSchema(db, newer)).toBe(all.length + 1);
    });

    it('GIVEN a schema newer than this code THEN the check refuses it (upgrade the bot)', async () => {
      await migrate(db);
      await db.query(`INSERT INTO nqb_schema_migrations (version, name) VALUES (99, '0099_future.sql')`);
      const error = await checkSchema(db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaError);
      expect((error as Error).message).toMatch(/version 99, newer than this version knows.*upgrade the bot/);
    });
  });

  describe('ingestion', () => {
    beforeEach(reset);

    it('GIVEN a second run on unchanged files THEN it is a no-op; a changed file alone is parsed again; a removed one disappears', async () => {
      const first = await ingestToDatabase({ db, articlesDir });
      expect(first.noop).toBe(false);
      expect(first.files.every((f) => f.status === 'added' || f.status === 'skipped')).toBe(true);
      expect((await ingestToDatabase({ db, articlesDir })).noop).toBe(true);

      const fileIds = async () =>
        new Map(
          (
            await db.query<{ path: string; file_id: number }>(
              'SELECT f.path, f.file_id FROM nqb_live l JOIN nqb_generation_files gf ON gf.generation = l.generation JOIN nqb_files f ON f.file_id = gf.file_id',
            )
          ).rows.map((r) => [r.path, r.file_id] as const),
        );
      const before = await fileIds();
      const [changed, removed] = [...before.keys()].sort();
      await writeFile(
        join(articlesDir, changed!),
        `${await readFile(join(articlesDir, changed!), 'utf8')}\n\nAn added paragraph about the Zanzibar archipelago ferry service.\n`,
      );
      await unlink(join(articlesDir, removed!));
      const second = await ingestToDatabase({ db, articlesDir });
      const status = new Map(second.files.map((f) => [f.file, f.status] as const));
      expect(status.get(changed!)).toBe('changed');
      expect(status.get(removed!)).toBe('removed');
      const after = await fileIds();
      for (const [path, id] of after) if (path !== changed) expect(id, path).toBe(before.get(path));
      expect(after.get(changed!)).not.toBe(before.get(changed!));
      expect(after.has(removed!)).toBe(false);
      const r = await ask('Which ferry service serves the Zanzibar archipelago?');
      expect(r.kind === 'answer' && r.excerpts[0]!.quote).toContain('Zanzibar archipelago ferry');
      expect(second.articles).toBe((await liveManifest(db))!.counts.articles);
    });

    it('GIVEN three generations THEN only the live and the previous one are kept, with no orphaned file versions', async () => {
      await ingestToDatabase({ db, articlesDir });
      await writeFile(join(articlesDir, 'one.txt'), 'One\n\nThe first extra article.\n');
      await ingestToDatabase({ db, articlesDir });
      await writeFile(join(articlesDir, 'two.txt'), 'Two\n\nThe second extra article.\n');
      await ingestToDatabase({ db, articlesDir });
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM nqb_generations');
      expect(rows[0]!.n).toBe(2);
      const orphans = await db.query(
        'SELECT file_id FROM nqb_files f WHERE NOT EXISTS (SELECT 1 FROM nqb_generation_files g WHERE g.file_id = f.file_id)',
      );
      expect(orphans.rows).toEqual([]);
    });

    it('GIVEN an ingestion running THEN it holds the advisory lock and a second one is refused until it finishes', async () => {
      const gate = await holdIngestion(backend);
      const first = ingestToDatabase({ db, articlesDir, embedder: gate.embedder });
      await gate.inside;
      const locks = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`);
      expect(locks.rows[0]!.n).toBeGreaterThanOrEqual(1);
      await expect(ingestToDatabase({ db: gate.other, articlesDir })).rejects.toBeInstanceOf(DatabaseLockedError);
      await gate.release();
      expect((await first).mode).toBe(gate.embedder ? 'hybrid' : 'lexical');
      const unlocked = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
      expect(unlocked.rows[0]!.n).toBe(0);
      expect((await ingestToDatabase({ db, articlesDir, embedder: gate.embedder })).noop).toBe(true);
    });

    it('GIVEN an ingestion that fails half-way THEN the previous generation keeps serving, and the next run reuses the finished files', async () => {
      await ingestToDatabase({ db, articlesDir });
      const generation = await liveGeneration();
      const q = 'Why did Bolivia cut ties with Israel?';
      const before = await ask(q);
      const ids = async () =>
        new Set((await db.query<{ id: number }>('SELECT file_id AS id FROM nqb_files WHERE complete')).rows.map((r) => r.id));
      const beforeIds = await ids();
      // The new file sorts last: every other file is parsed again (new chunking) and stored
      // before the failure, which strikes as the new file comes up (a stand-in for any error).
      await writeFile(join(articlesDir, 'zz-new.txt'), 'Zebra news\n\nA zebra crossing opened in Ankara.\n');
      const chunking = { ...DEFAULT_CHUNKING, targetChars: DEFAULT_CHUNKING.targetChars + 100 };
      const failing = ingestToDatabase({
        db,
        articlesDir,
        chunking,
        onProgress: (p) => {
          if (p.stage === 'parse' && p.file === 'zz-new.txt') throw new Error('injected failure');
        },
      });
      await expect(failing).rejects.toThrow(/injected failure/);
      expect(await liveGeneration()).toBe(generation);
      expect(await ask(q)).toEqual(before);
      expect((await ask('Where did a zebra crossing open?')).kind).toBe('noAnswer');
      const failedIds = await ids();
      expect(failedIds.size).toBeGreaterThan(beforeIds.size); // the failed run had stored file versions

      const next = await ingestToDatabase({ db, articlesDir, chunking });
      const { rows: live } = await db.query<{ path: string; id: number }>(
        'SELECT f.path, f.file_id AS id FROM nqb_live l JOIN nqb_generation_files gf ON gf.generation = l.generation JOIN nqb_files f ON f.file_id = gf.file_id',
      );
      // Only the file the failed run had not reached was parsed again; the others are its versions.
      expect(live.filter((r) => !failedIds.has(r.id)).map((r) => r.path)).toEqual(['zz-new.txt']);
      expect(live.filter((r) => beforeIds.has(r.id))).toEqual([]);
      expect(next.files.find((f) => f.file === 'zz-new.txt')?.status).toBe('added');
      expect((await ask('Where did a zebra crossing open?')).kind).toBe('answer');
      expect(await liveGeneration()).not.toBe(generation);
    });

    if (backend === PGLITE) {
      it('GIVEN an embedding model that fails half-way THEN the previous generation keeps serving, and the next run embeds only the rest', async () => {
        await ingestToDatabase({ db, articlesDir });
        const generation = await liveGeneration();
        const q = 'Why did Bolivia cut ties with Israel?';
        const before = await ask(q);
        // The new file sorts last: every other file is embedded and stored before its chunk fails.
        await writeFile(join(articlesDir, 'zz-new.txt'), 'Zebra news\n\nA zebra crossing opened in Ankara.\n');
        const seedChunks = (await liveManifest(db))!.counts.chunks;
        const failing = new FakeEmbedder(32, 'fake/hash', { failAfter: seedChunks });
        await expect(ingestToDatabase({ db, articlesDir, embedder: failing })).rejects.toThrow(/fake embedder failure/);
        expect(failing.embedded).toBe(seedChunks);
        expect(await liveGeneration()).toBe(generation);
        expect(await ask(q)).toEqual(before);
        const ok = new FakeEmbedder(32, 'fake/hash');
        await ingestToDatabase({ db, articlesDir, embedder: ok });
        const manifest = (await liveManifest(db))!;
        expect(ok.embedded).toBe(manifest.files['zz-new.txt']!.chunks); // only the file the failed run had not finished
        expect(manifest.counts.chunks).toBe(seedChunks + ok.embedded);
        expect((await ask('Where did a zebra crossing open?')).kind).toBe('answer');
      });
    }
  });
});

/**
 * Holds an ingestion inside its advisory lock until released. PGlite (vectors): an embedder
 * that waits at its first batch. The server (no vectors): another session holds nqb_live in
 * EXCLUSIVE mode, so the ingestion runs until its generation switch and waits there; `inside`
 * resolves once the lock is seen taken.
 */
async function holdIngestion(
  backend: TestBackend,
): Promise<{ embedder: Embedder | null; inside: Promise<void>; other: Database; release(): Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  if (backend === PGLITE) {
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const embedder: Embedder = {
      modelId: 'fake/gated',
      dimension: 8,
      async embed(texts) {
        started();
        await gate;
        return texts.map(() => Float32Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 : 0)));
      },
    };
    // One PGlite instance per process: the second ingestion comes through the same handle.
    return { embedder, inside, other: db, release: async () => release() };
  }
  let locked!: () => void;
  const tableLocked = new Promise<void>((r) => (locked = r));
  const holder = db.session((s) =>
    s.transaction(async (tx) => {
      await tx.query('LOCK TABLE nqb_live IN EXCLUSIVE MODE');
      locked();
      await gate;
    }),
  );
  await tableLocked;
  const inside = (async () => {
    for (;;) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`);
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // The second ingestion comes from another pool (as from another process): only the advisory lock can refuse it.
  const other = await openDatabase(serverUrlOf(db));
  return {
    embedder: null,
    inside,
    other,
    release: async () => {
      release();
      await holder;
      await other.close();
    },
  };
}

describeOnBackends('GIVEN an ingestion killed (SIGKILL) while writing to the database', (backend) => {
  it('THEN the previous generation still serves, the lock is free, and the next ingestion completes', async () => {
    // A database a child process can open too: a PGlite directory, or a database on the server.
    let url: string;
    let drop = async () => {};
    if (backend === PGLITE) {
      url = `pglite:${join(work, 'pgdata')}`;
    } else {
      const created = await createServerDatabase();
      url = created.url;
      drop = created.drop;
    }
    const open = async () => {
      const d = await openDatabase(url);
      await migrate(d);
      return d;
    };
    try {
      db = await open();
      await ingestToDatabase({ db, articlesDir });
      const generation = await liveGeneration();
      const q = 'What did Guterres invoke?';
      const before = await ask(q);
      const { rows: files } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM nqb_files');
      if (backend === PGLITE) await db.close(); // PGlite: one process at a time

      const script = join(import.meta.dirname, '../../helpers/stalling-pg-ingest.ts');
      const child = spawn(process.execPath, ['--import', 'tsx', script, url, articlesDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('stalled')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));

      if (backend === PGLITE) db = await open();
      const { rows: after } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM nqb_files');
      expect(after[0]!.n).toBeGreaterThan(files[0]!.n); // the killed run had written rows…
      expect(await liveGeneration()).toBe(generation); // …but never switched the generation
      expect(await ask(q)).toEqual(before);
      // The server ends the killed client's session (and its lock) when it sees the socket close.
      for (;;) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const next = await ingestToDatabase({ db, articlesDir, full: true });
      expect(next.noop).toBe(false);
      expect(await liveGeneration()).not.toBe(generation);
      expect(await ask(q)).toEqual(before);
    } finally {
      await db.close();
      await drop();
    }
  }, 120_000);
});
