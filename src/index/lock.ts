/**
 * The index directory's write lock: `.lock`, created exclusively, holding who took it — the pid
 * plus that process's start time and the boot id, because a pid alone is reused (a restarted
 * container often gives the bot the same pid, even its own). The holder refreshes the lock's
 * modification time while it runs, so a lock nobody refreshed for {@link LOCK_STALE_MS} is taken
 * over whatever its pid.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { indexWriteError } from './write-error.js';

/** Thrown when another ingestion holds the index lock. */
export class IndexLockedError extends Error {
  constructor(readonly pid: number) {
    super(`another ingestion (pid ${pid}) is already writing this index; try again when it has finished`);
    this.name = 'IndexLockedError';
  }
}

/** How often a holder refreshes its lock. */
export const LOCK_HEARTBEAT_MS = 30_000;
/**
 * A lock not refreshed for this long belongs to no running ingestion: far above the heartbeat, and
 * above the longest synchronous step of a run (an HNSW build of the 100k-chunk bench corpus takes
 * minutes, during which timers cannot fire).
 */
export const LOCK_STALE_MS = 60 * 60_000;

/** Who holds a lock, as written in it. `start` and `boot` are null where /proc is not available. */
export interface LockOwner {
  readonly pid: number;
  /** Process start time in clock ticks since boot (/proc/PID/stat field 22). */
  readonly start: string | null;
  /** /proc/sys/kernel/random/boot_id. */
  readonly boot: string | null;
  readonly host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Start time of process `pid` (clock ticks since boot), or null when unknown. */
export function processStart(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Field 2 (the command) may hold spaces and parentheses: count fields after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function bootId(): string | null {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
}

/** This process as a lock owner. */
export function currentOwner(): LockOwner {
  return { pid: process.pid, start: processStart(process.pid), boot: bootId(), host: hostname() };
}

/** Parses a lock file: the JSON owner, or a bare pid (locks written by earlier versions). */
function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | number;
    if (typeof o === 'number') return Number.isInteger(o) && o > 0 ? { pid: o, start: null, boot: null, host: hostname() } : null;
    if (typeof o !== 'object' || o === null || !Number.isInteger(o.pid) || (o.pid ?? 0) <= 0) return null;
    return { pid: o.pid!, start: o.start ?? null, boot: o.boot ?? null, host: o.host ?? hostname() };
  } catch {
    return null;
  }
}

/**
 * Whether `owner` can still be running and holding the lock. `me` is this process; `ageMs` is how
 * long ago the lock was last refreshed. Pure apart from the liveness and start-time probes.
 */
export function ownerIsLive(
  owner: LockOwner | null,
  ageMs: number,
  me: LockOwner = currentOwner(),
  probe: { alive(pid: number): boolean; start(pid: number): string | null } = { alive, start: processStart },
): boolean {
  if (!owner || ageMs > LOCK_STALE_MS) return false;
  // Another machine sharing the directory: only the age can tell.
  if (owner.host !== me.host) return true;
  if (owner.boot && me.boot && owner.boot !== me.boot) return false; // taken before a reboot
  if (owner.pid === me.pid) {
    // Our own pid: held by this very process (another ingestion in it) only if the start time matches.
    return owner.start !== null && owner.start === me.start;
  }
  if (!probe.alive(owner.pid)) return false;
  const start = probe.start(owner.pid);
  // A live pid that started at another time is a different process that reused the number.
  return !(owner.start && start && owner.start !== start);
}

/**
 * Takes the index directory's write lock and returns the release function. A lock whose owner is
 * gone (crash, kill -9, restart with a reused pid, or no refresh for an hour) is taken over.
 * Throws IndexLockedError when a live ingestion holds it, IndexWriteError when the directory
 * cannot be written (read-only, no permission, disk full).
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, '.lock');
  const me = currentOwner();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(JSON.stringify(me));
      } finally {
        await fh.close();
      }
      const beat = setInterval(() => {
        const now = new Date();
        utimes(path, now, now).catch(() => {});
      }, LOCK_HEARTBEAT_MS);
      beat.unref();
      return async () => {
        clearInterval(beat);
        await rm(path, { force: true });
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        await rm(path, { force: true }).catch(() => {}); // a half-written lock of ours (disk full)
        throw indexWriteError(e, dir) ?? e;
      }
      const text = await readFile(path, 'utf8').catch(() => null);
      const info = await stat(path).catch(() => null);
      if (text === null || !info) continue; // released meanwhile: try again
      const owner = parseOwner(text);
      if (ownerIsLive(owner, Date.now() - info.mtimeMs, me)) throw new IndexLockedError(owner!.pid);
      await takeOver(path, text);
    }
  }
  throw new Error(`could not take the index lock at ${path}`);
}

/**
 * Removes a stale lock, unless another process replaced it since we read `seen`: the lock is moved
 * aside first (only one mover wins) and put back when it turns out to be someone's fresh lock.
 */
async function takeOver(path: string, seen: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved or released it
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== null && moved !== seen) await rename(aside, path).catch(() => {});
  else await rm(aside, { force: true });
}
