/**
 * Test helpers for the PostgreSQL backend: migrated databases on PGlite (in-process, always) and
 * on a real server when NQB_TEST_PG_URL names one (CI starts Debian's PostgreSQL 15 for it,
 * see .ci/postgres.sh), the seed corpus in them.
 */
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import type { Embedder } from '../../../src/embed/types.js';
import { openDatabase, openPglite, type Database } from '../../../src/index/pg/db.js';
import { ingestToDatabase } from '../../../src/index/pg/ingest.js';
import { migrate } from '../../../src/index/pg/migrate.js';

export const SEED_DIR = new URL('../../../data/articles', import.meta.url).pathname;

/** A superuser URL of a real PostgreSQL server, or undefined (then the real-server tests skip). */
export const TEST_PG_URL = process.env.NQB_TEST_PG_URL?.trim() || undefined;

/** `describe` for tests that need the real server: skipped (and counted as skipped) without NQB_TEST_PG_URL. */
export const describeOnServer = describe.skipIf(TEST_PG_URL === undefined);

/** A fresh in-memory PGlite database with the schema applied. */
export async function migratedDb(dataDir?: string): Promise<Database> {
  const db = await openPglite(dataDir);
  await migrate(db);
  return db;
}

/** A database of its own on the test server (named after the caller), dropped by `drop`. */
export interface ServerDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the NQB_TEST_PG_URL server: each test file gets its own, so files run in parallel. */
export async function createServerDatabase(): Promise<ServerDatabase> {
  if (!TEST_PG_URL) throw new Error('NQB_TEST_PG_URL is not set');
  const name = `nqb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase(TEST_PG_URL);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = await openDatabase(TEST_PG_URL);
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}

const serverUrls = new WeakMap<Database, string>();

/** The URL of a database made by {@link migratedServerDb} (to open a second pool on it, as another process would). */
export function serverUrlOf(db: Database): string {
  const url = serverUrls.get(db);
  if (!url) throw new Error('not a test-server database');
  return url;
}

/** A migrated database on the test server; closing it drops it. */
export async function migratedServerDb(): Promise<Database> {
  const created = await createServerDatabase();
  const db = await openDatabase(created.url);
  await migrate(db);
  const wrapped: Database = {
    ...db,
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
  serverUrls.set(wrapped, created.url);
  return wrapped;
}

/** The backends a test file runs on: PGlite always, the real server when NQB_TEST_PG_URL is set. */
export interface TestBackend {
  readonly name: 'PGlite' | 'PostgreSQL server';
  /** Whether the `vector` extension is there (PGlite ships pgvector; Debian 12 has no package). */
  readonly vectors: boolean;
  readonly migrated: () => Promise<Database>;
}

export const PGLITE: TestBackend = { name: 'PGlite', vectors: true, migrated: () => migratedDb() };
export const SERVER: TestBackend = { name: 'PostgreSQL server', vectors: false, migrated: migratedServerDb };

/** `describe.each` over both backends; the server one is skipped without NQB_TEST_PG_URL. */
export function describeOnBackends(title: string, body: (backend: TestBackend) => void): void {
  describe(`${title} (PGlite)`, () => body(PGLITE));
  describeOnServer(`${title} (PostgreSQL server)`, () => body(SERVER));
}

/** A migrated database holding the seed corpus (lexical, or embedded with `embedder`). */
export async function seedDb(embedder: Embedder | null = null, backend: TestBackend = PGLITE): Promise<Database> {
  const db = await backend.migrated();
  await ingestToDatabase({ db, articlesDir: SEED_DIR, full: true, embedder });
  return db;
}
