import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Thrown when another ingestion holds the index lock. */
export class IndexLockedError extends Error {
  constructor(readonly pid: number) {
    super(`another ingestion (pid ${pid}) is already writing this index; try again when it has finished`);
    this.name = 'IndexLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the index directory's write lock (`.lock`, created exclusively, holding our pid).
 * A lock left by a process that no longer exists (crash, kill -9) is taken over.
 * Returns the release function.
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new IndexLockedError(pid);
      await rm(path, { force: true }); // stale
    }
  }
  throw new Error(`could not take the index lock at ${path}`);
}
