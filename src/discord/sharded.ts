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
import type { ChildProcess } from 'node:child_process';
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
 * How long the manager waits for its shards after a signal before killing them: each shard
 * exits by itself within its own 9 s limit (main.ts), and supervisors send SIGKILL at 10 s.
 */
const SHARDS_GRACE_MS = 9_500;

/**
 * Sends SIGTERM to every shard process still running and resolves once all have exited (true),
 * or after `graceMs` with the stragglers sent SIGKILL (false). Each shard shuts down gracefully
 * on SIGTERM (main.ts); respawning must already be off, or the manager would start them again.
 */
export async function stopShardProcesses(processes: readonly ChildProcess[], graceMs = SHARDS_GRACE_MS): Promise<boolean> {
  const running = processes.filter((p) => p.exitCode === null && p.signalCode === null);
  const exits = running.map((p) => new Promise<void>((resolve) => p.once('exit', () => resolve())));
  for (const p of running) p.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  const done = await Promise.race([Promise.all(exits).then(() => true as const), late]);
  clearTimeout(timer);
  if (!done) {
    for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await Promise.all(exits);
  }
  return done;
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
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, of: manager.totalShards }, 'shard started');
    shard.on('death', () => {
      if (!stopping) log.warn({ shard: shard.id }, 'shard process exited; respawning');
    });
    // A shard forked while the others are being stopped stops too.
    shard.on('spawn', (child) => {
      if (stopping && 'kill' in child) child.kill('SIGTERM');
    });
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping shards');
    // No respawning from here on; each shard handles SIGTERM itself (graceful logout, see main.ts),
    // and the manager exits as soon as the last one has gone.
    manager.respawn = false;
    const processes = [...manager.shards.values()].flatMap((s) => (s.process ? [s.process] : []));
    const clean = await stopShardProcesses(processes);
    if (!clean) log.error({ graceMs: SHARDS_GRACE_MS }, 'a shard did not stop in time; killed');
    log.info('all shards stopped');
    process.exit(clean ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // A shard stopped while the manager still waits for it to be ready rejects the spawn: expected then.
  await manager.spawn().catch((e: unknown) => {
    if (!stopping) throw e;
  });
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`sharded bot failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
