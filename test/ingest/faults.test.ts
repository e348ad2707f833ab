/**
 * Fault tests for the saved index: damaged manifests and generations, concurrent readers during
 * swaps, stale locks whose pid is alive, orphaned generations. (Disk full: disk-full.test.ts;
 * kill mid-ingest: pipeline.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IndexLockedError, LOCK_HEARTBEAT_MS, LOCK_STALE_MS, acquireLock, currentOwner, ownerIsLive } from '../../src/index/lock.js';
import { IndexLoadError, loadSearchIndex, readManifest, recordKey } from '../../src/index/store.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

let ws: SeedWorkspace;
let articlesDir: string;
let indexDir: string;

beforeEach(async () => {
  ws = await seedWorkspace('faults-');
  ({ articlesDir, indexDir } = ws);
});
afterEach(() => ws.remove());

const FILE = '003_cd995ce927069bad.txt';
const manifestPath = (): string => join(indexDir, 'manifest.json');
const generations = async (): Promise<string[]> => (await readdir(indexDir)).filter((n) => n.startsWith('gen-')).sort();
const liveGen = async (): Promise<string> => (await readManifest(indexDir))!.generation;

describe('faults: damaged manifests (item 6)', () => {
  const damaged: [string, (m: Record<string, unknown>) => unknown][] = [
    ['null', () => null],
    ['files: null', (m) => ({ ...m, files: null })],
    ['no counts', (m) => ({ ...m, counts: undefined })],
    ['a file entry without counts', (m) => ({ ...m, files: { [FILE]: { hash: 'x' } } })],
    ['a generation outside the index folder', (m) => ({ ...m, generation: '../elsewhere' })],
  ];
  for (const [what, damage] of damaged) {
    it(`GIVEN a manifest with ${what} THEN loading says it is damaged, and both an incremental and a --full ingest rebuild it`, async () => {
      await ingest({ articlesDir, indexDir });
      const good = JSON.parse(await readFile(manifestPath(), 'utf8')) as Record<string, unknown>;
      await writeFile(manifestPath(), JSON.stringify(damage(good)));
      await expect(loadSearchIndex(indexDir)).rejects.toBeInstanceOf(IndexLoadError);
      await expect(loadSearchIndex(indexDir)).rejects.toThrow(/incomplete or damaged.*--full/);

      const again = await ingest({ articlesDir, indexDir });
      expect(again.noop).toBe(false);
      expect(again.warnings.some((w) => /previous index unusable/.test(w))).toBe(true);
      expect((await loadSearchIndex(indexDir)).articles).toHaveLength(7);

      await writeFile(manifestPath(), JSON.stringify(damage(good)));
      const full = await ingest({ articlesDir, indexDir, full: true });
      expect(full.articles).toBe(7);
      expect((await loadSearchIndex(indexDir)).articles).toHaveLength(7);
    });
  }
});

describe('faults: damaged generations and incremental ingest (item 5)', () => {
  it('GIVEN a truncated record in the live generation THEN a run on an unchanged corpus does not report "up to date" and repairs it', async () => {
    await ingest({ articlesDir, indexDir });
    await truncate(join(indexDir, await liveGen(), 'files', `${recordKey(FILE)}.json`), 40);
    await expect(loadSearchIndex(indexDir)).rejects.toThrow(/damaged/);
    const again = await ingest({ articlesDir, indexDir });
    expect(again.noop).toBe(false);
    expect(again.warnings.some((w) => w.includes(FILE) && /damaged/.test(w))).toBe(true);
    expect(again.files.find((f) => f.file === FILE)?.status).toBe('changed');
    expect((await loadSearchIndex(indexDir)).articles).toHaveLength(7);
  });

  it('GIVEN a missing ids file or a truncated sketch THEN the next incremental run re-parses those files instead of crashing', async () => {
    await ingest({ articlesDir, indexDir });
    const files = join(indexDir, await liveGen(), 'files');
    await rm(join(files, `${recordKey(FILE)}.ids.json`));
    await truncate(join(files, `${recordKey('004_02c67a769af9a6a9.txt')}.sketches`), 6);
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    const summary = await ingest({ articlesDir, indexDir });
    const status = Object.fromEntries(summary.files.map((f) => [f.file, f.status]));
    expect(status).toMatchObject({ [FILE]: 'changed', '004_02c67a769af9a6a9.txt': 'changed', 'extra.txt': 'added' });
    expect((await loadSearchIndex(indexDir)).articles).toHaveLength(8);
  });

  it('GIVEN a corrupt duplicates.json THEN loading fails with the one-line "damaged" error, and a run repairs it (item 9)', async () => {
    await ingest({ articlesDir, indexDir });
    await writeFile(join(indexDir, await liveGen(), 'duplicates.json'), '{"a": ');
    await expect(loadSearchIndex(indexDir)).rejects.toBeInstanceOf(IndexLoadError);
    await expect(loadSearchIndex(indexDir)).rejects.toThrow(/damaged \(duplicates\.json is not valid JSON\)/);
    expect((await ingest({ articlesDir, indexDir })).noop).toBe(false);
    expect((await loadSearchIndex(indexDir)).articles).toHaveLength(7);
  });

  it('GIVEN truncated merged postings in the live generation THEN an unchanged corpus is rebuilt, not declared up to date', async () => {
    await ingest({ articlesDir, indexDir });
    await truncate(join(indexDir, await liveGen(), 'lexical.post'), 10);
    await expect(loadSearchIndex(indexDir)).rejects.toBeInstanceOf(IndexLoadError);
    expect((await ingest({ articlesDir, indexDir })).noop).toBe(false);
    expect((await loadSearchIndex(indexDir)).articles).toHaveLength(7);
  });

  it('GIVEN a record that is JSON null THEN loading fails with the "damaged" error, not a TypeError (item 9)', async () => {
    await ingest({ articlesDir, indexDir });
    await writeFile(join(indexDir, await liveGen(), 'files', `${recordKey(FILE)}.json`), 'null');
    await expect(loadSearchIndex(indexDir)).rejects.toThrow(/damaged .*not a file record/);
  });
});

describe('faults: generations during swaps (item 2, item 10)', () => {
  it('GIVEN three successive swaps THEN the generation each replaced is kept until the next one, older ones once their grace period has passed', async () => {
    await ingest({ articlesDir, indexDir });
    const first = await liveGen();
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    await ingest({ articlesDir, indexDir });
    const second = await liveGen();
    expect(await generations()).toEqual([first, second].sort());
    expect((await readManifest(indexDir))?.previousGeneration).toBe(first);
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething else happened in Doha today.\n');
    await ingest({ articlesDir, indexDir });
    const third = await liveGen();
    // The first was replaced moments ago: a slow reader may still be on it, so it stays for a grace period…
    expect(await generations()).toEqual([first, second, third].sort());
    // …and goes on the next run once that has passed.
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(join(indexDir, first, '.superseded'), longAgo, longAgo);
    expect((await ingest({ articlesDir, indexDir })).noop).toBe(true);
    expect(await generations()).toEqual([second, third].sort());
  });

  it('GIVEN an orphaned generation left by a crashed run THEN a no-op run removes it and keeps the live and previous ones', async () => {
    await ingest({ articlesDir, indexDir });
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    await ingest({ articlesDir, indexDir });
    const kept = await generations();
    await mkdir(join(indexDir, 'gen-9999999999999-1', 'files'), { recursive: true });
    const noop = await ingest({ articlesDir, indexDir });
    expect(noop.noop).toBe(true);
    expect(await generations()).toEqual(kept);
  });

  it('GIVEN a reader process loading in a loop while eight ingestions swap generations THEN no load fails', async () => {
    // Many small files make each load read many records: a wide window for a swap to land in.
    for (let f = 0; f < 40; f++) {
      await writeFile(
        join(articlesDir, `wire-${f}.md`),
        `---\ntitle: Wire ${f}\n---\nPort ${f} reopened in Ankara on Monday. Officials confirmed it.\n`,
      );
    }
    await ingest({ articlesDir, indexDir });
    const stop = join(ws.work, 'stop');
    const script = join(import.meta.dirname, '../helpers/reader-loop.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, indexDir, stop], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      }),
    );
    // 'close', not 'exit': 'exit' may come before the child's last output is read, and the result is that output.
    const exited = new Promise((r) => child.on('close', r));
    await ready;
    for (let i = 0; i < 8; i++) {
      await writeFile(join(articlesDir, 'extra.txt'), `Extra title ${i}\n\nSomething new happened in Ankara on day ${i}.\n`);
      await ingest({ articlesDir, indexDir });
      await new Promise((r) => setTimeout(r, 20));
    }
    await writeFile(stop, '');
    await exited;
    const result = JSON.parse(out.slice(out.indexOf('{'))) as { ok: number; failed: number; errors: string[] };
    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
    expect(result.ok).toBeGreaterThan(0);
  });
});

describe('faults: stale locks with a live pid (item 3)', () => {
  const lockPath = (): string => join(indexDir, '.lock');
  const hasProc = existsSync('/proc/self/stat');

  it('GIVEN a lock holding our own pid from an earlier process (another start time) THEN ingestion takes it over', async () => {
    await mkdir(indexDir, { recursive: true });
    await writeFile(lockPath(), JSON.stringify({ ...currentOwner(), start: 'an-earlier-start' }));
    expect((await ingest({ articlesDir, indexDir })).articles).toBe(7);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('GIVEN a lock holding only our own pid (the format of earlier versions) THEN ingestion takes it over', async () => {
    await mkdir(indexDir, { recursive: true });
    await writeFile(lockPath(), String(process.pid));
    expect((await ingest({ articlesDir, indexDir })).articles).toBe(7);
  });

  it.runIf(hasProc)(
    'GIVEN a lock naming a live pid whose process started at another time (a reused pid) THEN it is taken over',
    async () => {
      await mkdir(indexDir, { recursive: true });
      await writeFile(lockPath(), JSON.stringify({ ...currentOwner(), pid: process.ppid, start: '1' }));
      expect((await ingest({ articlesDir, indexDir })).articles).toBe(7);
    },
  );

  it('GIVEN a lock naming a live process that has not refreshed it for longer than any run THEN it is taken over', async () => {
    await mkdir(indexDir, { recursive: true });
    await writeFile(lockPath(), JSON.stringify({ ...currentOwner(), pid: process.ppid, start: null }));
    const old = new Date(Date.now() - LOCK_STALE_MS - 60_000);
    await utimes(lockPath(), old, old);
    expect((await ingest({ articlesDir, indexDir })).articles).toBe(7);
  });

  it('GIVEN a lock taken by this very process THEN a second ingestion in it is refused, and allowed once released', async () => {
    await mkdir(indexDir, { recursive: true });
    const release = await acquireLock(indexDir);
    await expect(ingest({ articlesDir, indexDir })).rejects.toBeInstanceOf(IndexLockedError);
    await release();
    expect((await ingest({ articlesDir, indexDir })).articles).toBe(7);
  });

  it('GIVEN a held lock THEN its holder refreshes it every heartbeat, so a long run is never taken for stale', async () => {
    await mkdir(indexDir, { recursive: true });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const release = await acquireLock(indexDir);
      const old = new Date(Date.now() - LOCK_STALE_MS - 60_000);
      await utimes(lockPath(), old, old);
      vi.advanceTimersByTime(LOCK_HEARTBEAT_MS);
      await vi.waitFor(async () => expect(Date.now() - (await stat(lockPath())).mtimeMs).toBeLessThan(60_000));
      await expect(acquireLock(indexDir)).rejects.toBeInstanceOf(IndexLockedError);
      await release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('GIVEN lock owners THEN liveness follows pid, start time, boot id, host and age', () => {
    const me = { pid: 100, start: '500', boot: 'boot-a', host: hostname() };
    const probe = { alive: (pid: number) => pid === 100 || pid === 200, start: (pid: number) => (pid === 200 ? '700' : null) };
    expect(ownerIsLive({ ...me }, 0, me, probe)).toBe(true); // ourselves, same start
    expect(ownerIsLive({ ...me, start: '499' }, 0, me, probe)).toBe(false); // our pid, earlier process
    expect(ownerIsLive({ ...me, pid: 200, start: '700' }, 0, me, probe)).toBe(true); // another live holder
    expect(ownerIsLive({ ...me, pid: 200, start: '650' }, 0, me, probe)).toBe(false); // pid reused
    expect(ownerIsLive({ ...me, pid: 300, start: '700' }, 0, me, probe)).toBe(false); // dead
    expect(ownerIsLive({ ...me, pid: 200, start: '700', boot: 'boot-b' }, 0, me, probe)).toBe(false); // before a reboot
    expect(ownerIsLive({ ...me, pid: 999, host: 'other-host' }, 0, me, probe)).toBe(true); // cannot probe another host…
    expect(ownerIsLive({ ...me, pid: 999, host: 'other-host' }, LOCK_STALE_MS + 1, me, probe)).toBe(false); // …but age tells
    expect(ownerIsLive(null, 0, me, probe)).toBe(false); // unreadable lock
  });
});
