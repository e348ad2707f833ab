/**
 * Schema migrations: numbered SQL files in `migrations/` (`0001_initial.sql`, …), applied in
 * order, each in its own transaction, by `npm run db:migrate`. The bot and the CLIs only check
 * ({@link checkSchema}): they never change a schema on their own.
 */
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DatabaseError, type Database } from './db.js';

/** Where the migration files live (the repository's `migrations/`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** The command that brings a database up to date, quoted in every schema error. */
export const MIGRATE_COMMAND = 'npm run db:migrate';

/** Serialises concurrent `db:migrate` runs (two shards' deploy scripts, say). */
const MIGRATION_LOCK = 7_514_020_001;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Thrown when the database's schema is missing, older or newer than this code. */
export class SchemaError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

/** The migrations shipped with this version, in order. */
export async function knownMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const out: Migration[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const m = /^(\d+)_[\w-]+\.sql$/.exec(name);
    if (!m) continue;
    out.push({ version: Number(m[1]), name, sql: await readFile(`${dir}/${name}`, 'utf8') });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} should be number ${i + 1}: versions must be 1, 2, 3… without gaps`);
  });
  return out;
}

/** The highest applied version, or null when the database holds no schema of ours. */
export async function appliedVersion(db: Database): Promise<number | null> {
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('nqb_schema_migrations') IS NOT NULL AS present`);
  if (!rows[0]?.present) return null;
  const r = await db.query<{ version: number | null }>('SELECT max(version)::int AS version FROM nqb_schema_migrations');
  return r.rows[0]?.version ?? null;
}

/** Applies the pending migrations; returns the names applied (empty when already up to date). */
export async function migrate(db: Database, migrations?: readonly Migration[]): Promise<string[]> {
  const all = migrations ?? (await knownMigrations());
  return db.session(async (s) => {
    const applied: string[] = [];
    await s.exec(
      'CREATE TABLE IF NOT EXISTS nqb_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of all) {
      const done = await s.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const { rows } = await tx.query('SELECT 1 FROM nqb_schema_migrations WHERE version = $1', [m.version]);
        if (rows.length > 0) return false;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO nqb_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        return true;
      });
      if (done) applied.push(m.name);
    }
    return applied;
  });
}

/**
 * Refuses a database whose schema this code does not know: none yet, an older one (run
 * `npm run db:migrate`), or a newer one (upgrade the bot). Returns the version otherwise.
 */
export async function checkSchema(db: Database, migrations?: readonly Migration[]): Promise<number> {
  const latest = (migrations ?? (await knownMigrations())).length;
  const version = await appliedVersion(db);
  if (version === null) {
    throw new SchemaError(`database ${db.label} has no news-quote-bot schema; create it with \`${MIGRATE_COMMAND}\``);
  }
  if (version < latest) {
    throw new SchemaError(
      `database ${db.label} has schema version ${version}, this version needs ${latest}; upgrade it with \`${MIGRATE_COMMAND}\``,
    );
  }
  if (version > latest) {
    throw new SchemaError(
      `database ${db.label} has schema version ${version}, newer than this version knows (${latest}); upgrade the bot or point DATABASE_URL at another database`,
    );
  }
  return version;
}
