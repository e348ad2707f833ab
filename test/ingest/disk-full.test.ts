/**
 * Disk full and read-only index folders (items 4 and 9): the write fails with one line, the
 * half-written generation is removed, the previous index stays live. The failures are injected
 * into node:fs/promises; when the tests run as root and may mount, a real 1 MB tmpfs is filled too.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSearchIndex } from '../../src/index/store.js';
import { IndexWriteError } from '../../src/index/write-error.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

/** The injected fault: writes to paths containing `match` fail with `code`. */
const fault = vi.hoisted(() => ({ code: null as string | null, match: '' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const check = (path: unknown): void => {
    if (fault.code && String(path).includes(fault.match)) {
      throw Object.assign(new Error(`${fault.code}: injected failure, write '${String(path)}'`), { code: fault.code });
    }
  };
  const writeFile: typeof real.writeFile = async (path, data, ...rest) => {
    if (fault.code && String(path).includes(fault.match) && typeof data === 'string') {
      await real.writeFile(path, data.slice(0, data.length >> 1)); // the disk fills up halfway through
    }
    check(path);
    return real.writeFile(path, data, ...rest);
  };
  const open: typeof real.open = async (path, ...rest) => {
    if (rest[0] !== undefined && rest[0] !== 'r') check(path);
    return real.open(path, ...rest);
  };
  return { ...real, default: { ...real, writeFile, open }, writeFile, open };
});

let ws: SeedWorkspace;
let articlesDir: string;
let indexDir: string;

beforeEach(async () => {
  fault.code = null;
  ws = await seedWorkspace('diskfull-');
  ({ articlesDir, indexDir } = ws);
});
afterEach(async () => {
  fault.code = null;
  await ws.remove();
});

const generations = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((n) => n.startsWith('gen-'));

describe('disk full (injected ENOSPC)', () => {
  it('GIVEN ENOSPC while writing the new generation THEN one-line error, the partial generation is gone, the previous index loads', async () => {
    await ingest({ articlesDir, indexDir });
    const before = await loadSearchIndex(indexDir);
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    fault.code = 'ENOSPC';
    fault.match = 'duplicates.json'; // late in the build: records are already written
    const failed = ingest({ articlesDir, indexDir });
    await expect(failed).rejects.toBeInstanceOf(IndexWriteError);
    await expect(failed).rejects.toThrow(/^no space left on device while writing the index; the previous index is unchanged$/);
    expect(await generations(indexDir)).toEqual([before.manifest.generation]);
    expect((await loadSearchIndex(indexDir)).manifest.generation).toBe(before.manifest.generation);
    // Space again: the next run succeeds (no leftover lock, no leftover generation).
    fault.code = null;
    expect((await ingest({ articlesDir, indexDir })).files.find((f) => f.file === 'extra.txt')?.status).toBe('added');
  });

  it('GIVEN a read-only index folder (EROFS on the lock) THEN one line naming the folder, no stack', async () => {
    fault.code = 'EROFS';
    fault.match = '.lock';
    await expect(ingest({ articlesDir, indexDir })).rejects.toThrow(
      new IndexWriteError(`the index directory ${indexDir} is on a read-only file system; the previous index is unchanged`, 'EROFS'),
    );
  });

  it('GIVEN ENOSPC while writing the manifest THEN the previous manifest is still the live one', async () => {
    await ingest({ articlesDir, indexDir });
    const before = await loadSearchIndex(indexDir);
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    fault.code = 'ENOSPC';
    fault.match = 'manifest.json.tmp';
    await expect(ingest({ articlesDir, indexDir })).rejects.toBeInstanceOf(IndexWriteError);
    expect(await generations(indexDir)).toEqual([before.manifest.generation]);
    expect((await readdir(indexDir)).filter((n) => n.includes('.tmp-'))).toEqual([]); // the half-written manifest is gone too
    expect((await loadSearchIndex(indexDir)).articles.map((a) => a.id)).toEqual(before.articles.map((a) => a.id));
  });
});

/** True when this process may mount a tmpfs (root in a privileged container or on a host). */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  const probe = join(tmpdir(), `tmpfs-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

describe.runIf(canMountTmpfs())('disk full (a real 1 MB tmpfs)', () => {
  const run = promisify(execFile);
  const ROOT = join(import.meta.dirname, '../..');

  it('GIVEN an index on a 1 MB tmpfs and a new article too big for it THEN `npm run ingest` prints one line, frees the space, and `ask` still answers', async () => {
    const mount = await mkdtemp(join(tmpdir(), 'tmpfs-index-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
    try {
      const env = { ...process.env, EMBEDDING_MODEL: 'none', RERANKER_MODEL: 'none', LOG_LEVEL: 'silent' };
      const cli = async (name: string, args: string[]) =>
        run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${name}.ts`), ...args], { cwd: ROOT, env }).then(
          (r) => ({ ...r, code: 0 }),
          (e: { stdout: string; stderr: string; code: number }) => e,
        );
      expect((await cli('ingest', ['--articles', articlesDir, '--index', mount])).code).toBe(0);
      const live = await generations(mount);
      const usedBefore = execFileSync('du', ['-sk', mount]).toString();
      // 1.3 MB of text in short paragraphs: more than the whole disk.
      const paragraphs = Array.from({ length: 2000 }, (_, p) =>
        Array.from({ length: 10 }, (_, i) => `Officials in Ankara confirmed on day ${p * 10 + i} that the port reopened.`).join(' '),
      );
      await writeFile(join(articlesDir, 'big.txt'), `Big title\n\n${paragraphs.join('\n\n')}\n`);
      const failed = await cli('ingest', ['--articles', articlesDir, '--index', mount]);
      expect(failed.code).toBe(1);
      expect(failed.stderr.trim().split('\n').at(-1)).toBe(
        'error: no space left on device while writing the index; the previous index is unchanged',
      );
      expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack
      expect(await generations(mount)).toEqual(live);
      expect(execFileSync('du', ['-sk', mount]).toString()).toBe(usedBefore);
      const asked = await cli('ask', ['--index', mount, '--json', 'When did Bolivia first sever relations with Israel?']);
      expect(JSON.parse(asked.stdout)).toMatchObject({ status: 'answered' });
    } finally {
      execFileSync('umount', [mount]);
      await rm(mount, { recursive: true, force: true });
    }
  });
});
