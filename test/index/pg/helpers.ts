/** Test helpers for the PostgreSQL backend: a migrated in-process PGlite database, the seed corpus in it. */
import type { Embedder } from '../../../src/embed/types.js';
import { openPglite, type Database } from '../../../src/index/pg/db.js';
import { ingestToDatabase } from '../../../src/index/pg/ingest.js';
import { migrate } from '../../../src/index/pg/migrate.js';

export const SEED_DIR = new URL('../../../data/articles', import.meta.url).pathname;

/** A fresh in-memory PGlite database with the schema applied. */
export async function migratedDb(dataDir?: string): Promise<Database> {
  const db = await openPglite(dataDir);
  await migrate(db);
  return db;
}

/** A migrated database holding the seed corpus (lexical, or embedded with `embedder`). */
export async function seedDb(embedder: Embedder | null = null): Promise<Database> {
  const db = await migratedDb();
  await ingestToDatabase({ db, articlesDir: SEED_DIR, full: true, embedder });
  return db;
}
