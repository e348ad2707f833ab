/**
 * `npm run db:migrate -- [--database URL]`
 * Creates or upgrades the PostgreSQL schema (migrations/*.sql) of DATABASE_URL or --database.
 */
import { runMain } from '../src/cli/run.js';
import { parseCli, usageError } from '../src/cli/args.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/index/pg/db.js';
import { knownMigrations, migrate } from '../src/index/pg/migrate.js';

const USAGE = 'usage: npm run db:migrate -- [--database URL]   (default: DATABASE_URL)';

async function main(): Promise<number> {
  const cli = parseCli(
    process.argv.slice(2),
    { database: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  if (cli.positionals.length > 0) return usageError(`unexpected argument ${cli.positionals[0]}`, USAGE).code;
  const url = cli.values.database ?? loadConfig().databaseUrl;
  if (!url) return usageError('no database: set DATABASE_URL or pass --database URL', USAGE).code;
  const db = await openDatabase(url);
  try {
    const all = await knownMigrations();
    const applied = await migrate(db, all);
    process.stdout.write(
      applied.length > 0
        ? `${db.label}: applied ${applied.join(', ')}; schema version ${all.length}\n`
        : `${db.label}: schema up to date (version ${all.length})\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runMain(main);
