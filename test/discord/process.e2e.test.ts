/**
 * End-to-end through the real entry point: `src/discord/main.ts` run as a process with the real
 * engine (lexical only, index built in a temp dir from data/articles) against the fake Discord.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.js';

let discord: FakeDiscord;
let dir: string;
let child: ChildProcess;
let stderr = '';
let stdout = '';

async function until(pred: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out; stderr tail: ${stderr.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  discord = new FakeDiscord();
  await discord.start();
  dir = await mkdtemp(join(tmpdir(), 'bot-process-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], {
    env: {
      ...process.env,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      EMBEDDING_MODEL: 'none',
      RERANKER_MODEL: 'none',
      ALLOW_REMOTE_MODELS: 'false',
      ARTICLES_DIR: 'data/articles',
      INDEX_DIR: join(dir, 'index'),
      FEEDBACK_FILE: join(dir, 'feedback.jsonl'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  await until(() => stderr.includes('"bot ready"') || child.exitCode !== null, 25_000);
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await discord?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('GIVEN `npm run bot` started with a token and the real engine', () => {
  it('THEN it becomes ready and answers /ask with quotes from the seed articles', async () => {
    expect(child.exitCode).toBeNull();
    const { token } = discord.slash('ask', [{ name: 'question', type: 3, value: 'Who did the Iranian foreign minister meet in Ankara?' }]);
    const edit = await discord.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.status === 200, 15_000);
    const description: string = edit.body.embeds[0].description;
    expect(description.startsWith('> ')).toBe(true);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('THEN SIGTERM stops it gracefully (exit code 0), with nothing on stdout and no token in the logs', async () => {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('"shutting down"');
    expect(stderr).not.toContain(discord.token);
  });
});
