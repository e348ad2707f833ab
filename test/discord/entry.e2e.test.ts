/**
 * The production entry (`npm start`) as a supervisor runs it: one process that stops on SIGTERM,
 * and start-up failures that never print the token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bot-entry-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Spawned {
  readonly child: ChildProcess;
  readonly out: { stderr: string; stdout: string };
  readonly exit: Promise<number | null>;
}

function run(command: string, args: readonly string[], env: Record<string, string>): Spawned {
  const child = spawn(command, args, {
    env: {
      ...process.env,
      EMBEDDING_MODEL: 'none',
      RERANKER_MODEL: 'none',
      ALLOW_REMOTE_MODELS: 'false',
      ARTICLES_DIR: 'data/articles',
      INDEX_DIR: join(dir, 'index'),
      FEEDBACK_FILE: join(dir, 'feedback.jsonl'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stderr: '', stdout: '' };
  child.stderr?.on('data', (c: Buffer) => (out.stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (out.stdout += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, exit };
}

async function until(pred: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out; ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('GIVEN `npm start` with a token, run by a supervisor that signals the pid it started', () => {
  let discord: FakeDiscord;
  let started: Spawned;

  beforeAll(async () => {
    discord = new FakeDiscord();
    await discord.start();
    started = run('npm', ['start', '--silent'], { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl });
    await until(
      () => started.out.stderr.includes('"bot ready"') || started.child.exitCode !== null,
      40_000,
      () => started.out.stderr.slice(-1500),
    );
  }, 45_000);

  afterAll(async () => {
    if (started?.child.exitCode === null) started.child.kill('SIGKILL');
    await discord?.stop();
  });

  it('THEN SIGTERM to that pid stops the bot itself promptly, with exit code 0 and the gateway closed', async () => {
    const ready = started.out.stderr.split('\n').find((l) => l.includes('"bot ready"'));
    expect(ready, started.out.stderr.slice(-1500)).toBeDefined();
    const botPid = JSON.parse(ready ?? '{}').pid as number;
    expect(alive(botPid)).toBe(true);
    const t0 = Date.now();
    started.child.kill('SIGTERM');
    const code = await Promise.race([started.exit, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8000))]);
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(8000);
    // The process that held the gateway connection is gone too, not orphaned under init.
    await until(
      () => !alive(botPid),
      2000,
      () => `bot pid ${botPid} still alive`,
    );
    expect(started.out.stderr).toContain('"shutting down"');
    expect(started.out.stderr).toContain('"bot stopped"');
  }, 20_000);
});

describe('GIVEN an API that echoes the Authorization header in its error bodies', () => {
  let server: Server;
  let api: string;
  const token = 'echo.3f9c2a7b1d0e4c6a.secret-token-value';

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Bad request with Authorization: ${req.headers.authorization ?? ''}`, code: 50035 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('THEN the start-up failure is one line on stderr, exit code 1, and the token is not in it', async () => {
    const failed = run(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], { DISCORD_TOKEN: token, DISCORD_API_URL: api });
    const code = await failed.exit;
    expect(code).toBe(1);
    const line = failed.out.stderr.split('\n').find((l) => l.startsWith('bot failed to start'));
    expect(line, failed.out.stderr.slice(-1500)).toBeDefined();
    expect(line).toContain('Authorization: Bot [redacted]');
    expect(failed.out.stderr).not.toContain(token);
    expect(failed.out.stdout).not.toContain(token);
  }, 30_000);

  it('THEN deploy-commands fails with one line without the token too', async () => {
    const failed = run(process.execPath, ['--import', 'tsx', 'scripts/deploy-commands.ts'], {
      DISCORD_TOKEN: token,
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_API_URL: api,
    });
    expect(await failed.exit).toBe(1);
    expect(failed.out.stderr).toMatch(/^deploy failed: .*Authorization: Bot \[redacted\]/m);
    expect(failed.out.stderr).not.toContain(token);
  }, 30_000);
});
