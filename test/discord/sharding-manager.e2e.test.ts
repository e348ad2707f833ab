/**
 * `npm run bot:sharded` for real: src/discord/sharded.ts run as a process, its discord.js
 * ShardingManager forking two shard processes (src/discord/main.ts), all against one fake
 * Discord (each interaction delivered to one shard's gateway session) and one database on the
 * real PostgreSQL server of NQB_TEST_PG_URL (PGlite cannot be shared between processes, so this
 * runs only where the server is: CI). Both shards answer; a /reindex through shard 0 is seen by
 * shard 1 at its next question.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/index/pg/db.js';
import { migrate } from '../../src/index/pg/migrate.js';
import { SEED_DIR, createServerDatabase, describeOnServer, type ServerDatabase } from '../index/pg/helpers.js';
import { ADMIN_PERMISSIONS, FakeDiscord, snowflake, type RecordedCall } from './fake-discord.js';

// Two shard processes start one after the other (discord.js waits 5.5 s between them), each
// loading the bot through tsx: tens of seconds on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const STRING = 3;
let discord: FakeDiscord;
let database: ServerDatabase;
let dir: string;
let articlesDir: string;
let manager: ChildProcess;
let stderr = '';

async function until(what: string, pred: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (manager.exitCode !== null)
      throw new Error(`bot:sharded exited (${manager.exitCode}) waiting for ${what}; stderr tail: ${stderr.slice(-2000)}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; stderr tail: ${stderr.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const isOriginalEdit = (token: string) => (c: RecordedCall) =>
  c.method === 'PATCH' && c.path.endsWith(`/${token}/messages/@original`) && c.status === 200;

/** Asks through one shard's gateway session; returns the reply's text (content, embed title and description). */
async function ask(shard: number, question: string): Promise<string> {
  const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: question }], {
    user: { id: snowflake(), username: `u${shard}` },
    shard,
  });
  const edit = await discord.waitForCall(isOriginalEdit(token), 30_000);
  const embed = (edit.body?.embeds ?? [])[0];
  return `${edit.body?.content ?? ''}\n${embed?.title ?? ''}\n${embed?.description ?? ''}`;
}

/** How many shard processes have logged that they are ready. */
const readyShards = () => [...stderr.matchAll(/"bot ready"/g)].length;

/** Process ids of the shards that logged "bot ready" (pino puts the pid in every line). */
const readyShardPids = () =>
  stderr
    .split('\n')
    .filter((l) => l.includes('"bot ready"'))
    .map((l) => (JSON.parse(l) as { pid: number }).pid);

/** True while a process with this id exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeOnServer('GIVEN `npm run bot:sharded` with SHARD_COUNT=2 on a real PostgreSQL server', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sharding-manager-'));
    articlesDir = join(dir, 'articles');
    await cp(SEED_DIR, articlesDir, { recursive: true });
    database = await createServerDatabase();
    const db = await openDatabase(database.url);
    await migrate(db);
    await db.close();
    discord = new FakeDiscord();
    await discord.start();
    manager = spawn(process.execPath, ['--import', 'tsx', 'src/discord/sharded.ts'], {
      env: {
        ...process.env,
        NQB_TEST_PG_URL: '',
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DATABASE_URL: database.url,
        SHARD_COUNT: '2',
        ADMIN_ROLE_IDS: discord.adminRoleId,
        EMBEDDING_MODEL: 'none',
        RERANKER_MODEL: 'none',
        ALLOW_REMOTE_MODELS: 'false',
        ARTICLES_DIR: articlesDir,
        INDEX_DIR: join(dir, 'index-never-written'),
        FEEDBACK_FILE: join(dir, 'feedback.jsonl'),
        LOG_LEVEL: 'info',
      },
      // Its own process group: the shards are its children, and afterAll must stop them all.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    manager.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await until('both shards ready', () => readyShards() >= 2, 150_000);
  });

  afterAll(async () => {
    if (manager?.pid !== undefined && manager.exitCode === null) {
      const exited = new Promise((r) => manager.once('exit', r));
      process.kill(-manager.pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-manager.pid!, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await discord?.stop();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('THEN the manager indexed the empty database first, each process identified as its own shard, and both answer', async () => {
    expect(stderr).toContain('database empty: indexing the articles before starting the shards');
    expect(discord.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const shard of [0, 1])
      expect(await ask(shard, 'Why did Bolivia cut ties with Israel?')).toContain('severing diplomatic relations');
  });

  it('WHEN an admin reindexes through shard 0 THEN shard 1 answers from the new article at its next question', async () => {
    const question = 'Which lighthouse did the Faroe Islands reopen?';
    await writeFile(
      join(articlesDir, 'faroe.txt'),
      'Faroe Islands reopen Nolsoy lighthouse\n\nThe Faroe Islands reopened the Nolsoy lighthouse to visitors on Monday after a two-year restoration.\n',
    );
    expect(await ask(1, question)).not.toContain('Nolsoy lighthouse to visitors');

    const { token } = discord.slash('reindex', [], {
      user: { id: snowflake(), username: 'admin' },
      permissions: ADMIN_PERMISSIONS,
      shard: 0,
    });
    const done = await discord.waitForCall((c) => isOriginalEdit(token)(c) && String(c.body?.content ?? '').startsWith('✅'), 60_000);
    expect(done.body.content).toContain('1 added');

    expect(await ask(1, question)).toContain('Nolsoy lighthouse to visitors');
    expect(await ask(0, question)).toContain('Nolsoy lighthouse to visitors');
  });

  it('WHEN the manager alone gets SIGTERM THEN it stops both shard processes and exits 0 once they are gone', async () => {
    const pids = readyShardPids();
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(alive(pid)).toBe(true);
    const exit = once(manager, 'exit');
    manager.kill('SIGTERM'); // the manager's pid only: the shards hear of it from the manager
    const [code] = (await exit) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('all shards stopped');
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });
});
