/**
 * The small database interface the PostgreSQL backend runs on, with two implementations:
 * node-postgres (`pg`) for real servers (`postgres://…` URLs) and PGlite (PostgreSQL compiled
 * to WASM, in-process) for tests and single-machine trials (`pglite:memory`, `pglite:/some/dir`).
 * Both run the same SQL.
 */

/** Anything that runs a parameterised statement. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** One connection: session state (advisory locks) and transactions live on it. */
export interface Session extends Queryable {
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** A database: a pool of sessions (PGlite has exactly one). */
export interface Database extends Queryable {
  /** The URL with any password removed, for logs and messages. */
  readonly label: string;
  /** Runs `fn` on one dedicated session. */
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database problem with a message that says what to do: the CLIs print it as one line. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** `postgres://user:secret@host/db` → `postgres://user@host/db`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return url.replace(/:[^:@/]*@/, '@');
  }
}

/**
 * Opens the database a URL names: `postgres://` / `postgresql://` (node-postgres pool), or
 * `pglite:memory` / `pglite:<dir>` (in-process PGlite with pgvector; a dev dependency).
 */
export async function openDatabase(url: string): Promise<Database> {
  if (/^postgres(ql)?:\/\//i.test(url)) return openPg(url);
  if (url.startsWith('pglite:')) {
    const where = url.slice('pglite:'.length).replace(/^\/\/(?=\/)/, '');
    return openPglite(where === '' || where === 'memory' ? undefined : where);
  }
  throw new DatabaseError(`DATABASE_URL must start with postgres:// (or pglite: for tests), got "${redactUrl(url)}"`);
}

async function openPg(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot connect to ${redactUrl(url)}: ${(e as Error).message || String(e)}`);
  }
  const wrap = (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    query: async <T>(sql: string, params?: readonly unknown[]) => ({
      rows: (await c.query(sql, params ? [...params] : undefined)).rows as T[],
    }),
    exec: async (sql: string) => {
      await c.query(sql);
    },
  });
  return {
    label: redactUrl(url),
    ...wrap(pool),
    async session<T>(fn: (s: Session) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const q = wrap(client);
      try {
        return await fn({
          ...q,
          async transaction<R>(body: (tx: Queryable) => Promise<R>): Promise<R> {
            await client.query('BEGIN');
            try {
              const r = await body(q);
              await client.query('COMMIT');
              return r;
            } catch (e) {
              await client.query('ROLLBACK').catch(() => undefined);
              throw e;
            }
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite is a dev dependency: imported only when a `pglite:` URL is used. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite/vector');
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  type Pg = Pick<typeof db, 'query' | 'exec'>;
  const wrap = (c: Pg): Queryable => ({
    query: async <T>(sql: string, params?: readonly unknown[]) => ({
      rows: (await c.query<T>(sql, params ? [...params] : undefined)).rows,
    }),
    exec: async (sql: string) => {
      await c.exec(sql);
    },
  });
  const q = wrap(db);
  const session: Session = { ...q, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
  return {
    label: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    ...q,
    session: (fn) => fn(session),
    close: () => db.close(),
  };
}
