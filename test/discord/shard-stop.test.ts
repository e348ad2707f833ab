/**
 * The sharded bot's shutdown: the manager stops its shard processes and returns once they have
 * all exited (not after a fixed wait). Real child processes stand in for shards: one that takes a
 * moment to shut down gracefully on SIGTERM (as a shard logging out does), one that ignores it.
 * Nothing here asserts a duration: the checks are what has exited when the call returns.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { stopShardProcesses } from '../../src/discord/sharded.js';

const started: ChildProcess[] = [];

/** A stand-in shard: prints "up" once its SIGTERM handler is installed. */
async function fakeShard(onSigterm: 'exit after a moment' | 'ignore'): Promise<ChildProcess> {
  const handler =
    onSigterm === 'ignore' ? "process.on('SIGTERM', () => {});" : "process.on('SIGTERM', () => setTimeout(() => process.exit(0), 300));";
  const child = spawn(process.execPath, ['-e', `${handler} setInterval(() => {}, 1000); console.log('up');`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  await once(child.stdout!, 'data');
  return child;
}

const exited = (p: ChildProcess) => p.exitCode !== null || p.signalCode !== null;

afterEach(() => {
  for (const p of started.splice(0)) if (!exited(p)) p.kill('SIGKILL');
});

describe('GIVEN two running shard processes that shut down gracefully on SIGTERM', () => {
  it('THEN stopping them returns true only once both have exited, each by itself (exit code 0)', async () => {
    const shards = [await fakeShard('exit after a moment'), await fakeShard('exit after a moment')];
    expect(shards.some(exited)).toBe(false);
    const clean = await stopShardProcesses(shards);
    expect(clean).toBe(true);
    for (const s of shards) {
      expect(exited(s)).toBe(true);
      expect(s.exitCode).toBe(0);
    }
  });
});

describe('GIVEN a shard process that ignores SIGTERM', () => {
  it('THEN after the grace period it is killed, and the call returns false once it has exited', async () => {
    const stubborn = await fakeShard('ignore');
    const polite = await fakeShard('exit after a moment');
    const clean = await stopShardProcesses([stubborn, polite], 1500);
    expect(clean).toBe(false);
    expect(stubborn.signalCode).toBe('SIGKILL');
    expect(polite.exitCode).toBe(0);
  });
});

describe('GIVEN a shard process that has already exited', () => {
  it('THEN it is not signalled again and stopping returns true at once', async () => {
    const gone = await fakeShard('exit after a moment');
    gone.kill('SIGKILL');
    await once(gone, 'exit');
    expect(await stopShardProcesses([gone])).toBe(true);
    expect(gone.signalCode).toBe('SIGKILL');
  });
});
