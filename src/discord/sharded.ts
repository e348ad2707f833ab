/**
 * `npm run bot:sharded`: the bot split over several processes with discord.js's ShardingManager,
 * one shard per process (Discord requires shards past 2,500 servers). Every shard runs
 * src/discord/main.ts on the same PostgreSQL database (DATABASE_URL), so a /reindex in one shard
 * is seen by all at their next question: they read the live generation from the database and
 * hold no index of their own. Without DATABASE_URL each shard would load (and rebuild) its own
 * embedded index, so this entry point refuses to start.
 *
 * Rate limits are per shard: a user's questions are counted by the shard serving the server
 * they ask in (a user active in servers on several shards gets the limit on each).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ShardingManager } from 'discord.js';
import { ConfigError, loadConfig, requireDiscord, type Config } from '../config.js';
import { createLogger } from '../log.js';

/** The shard entry point: the ordinary bot, which reads its shard ids from the manager's environment. */
export const SHARD_SCRIPT = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Why sharding needs the database, as printed when DATABASE_URL is missing. */
export const NEEDS_DATABASE =
  'bot:sharded needs DATABASE_URL: every shard must read the same PostgreSQL index (see README, "Scaling out"). For one process, use `npm run bot`.';

/** The manager for a configuration (not spawned). Shards run TypeScript through tsx, like `npm run bot`. */
export function shardingManager(config: Config & { readonly discordToken: string }): ShardingManager {
  return new ShardingManager(SHARD_SCRIPT, {
    token: config.discordToken,
    totalShards: config.shardCount ?? 'auto',
    execArgv: ['--import', 'tsx'],
    respawn: true,
  });
}

/**
 * Checks the schema and makes sure the database holds a generation before any shard starts, so
 * shards never race to build the first one (only one would get the ingestion lock).
 */
async function prepareDatabase(config: Config & { readonly databaseUrl: string }, log: ReturnType<typeof createLogger>): Promise<void> {
  const { openDatabase } = await import('../index/pg/db.js');
  const { checkSchema } = await import('../index/pg/migrate.js');
  const { ingestToDatabase, liveManifest } = await import('../index/pg/ingest.js');
  const { loadModels } = await import('../engine/models.js');
  const db = await openDatabase(config.databaseUrl);
  try {
    await checkSchema(db);
    if (await liveManifest(db)) return;
    log.info({ database: db.label }, 'database empty: indexing the articles before starting the shards');
    const models = await loadModels(config, false, {});
    for (const w of models.warnings) log.warn({ warning: w }, 'model warning');
    await ingestToDatabase({ db, articlesDir: config.articlesDir, embedder: models.embedder });
  } finally {
    await db.close();
  }
}

export async function main(): Promise<void> {
  let config: Config & { readonly discordToken: string };
  try {
    config = requireDiscord(loadConfig(), ['discordToken']);
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    process.stderr.write(`${NEEDS_DATABASE}\n`);
    process.exit(2);
  }
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken], name: 'shards' });
  await prepareDatabase({ ...config, databaseUrl }, log);
  const manager = shardingManager(config);
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, of: manager.totalShards }, 'shard started');
    shard.on('death', () => log.warn({ shard: shard.id }, 'shard process exited; respawning'));
  });
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping shards');
    // Each shard handles SIGTERM itself (graceful logout), see main.ts.
    for (const shard of manager.shards.values()) shard.kill();
    setTimeout(() => process.exit(0), 11_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await manager.spawn();
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`sharded bot failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
