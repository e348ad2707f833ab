/**
 * Runs a benchmark worker in a fresh Node process, so its peak RSS (and its JIT and heap state)
 * belong to the measured work alone. Input goes in as a JSON argument; the worker writes its
 * result as JSON to a file (stdout stays free for libraries that print); stderr is passed
 * through as progress.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a worker process ended with. */
export type WorkerOutcome<T> =
  | { readonly kind: 'ok'; readonly result: T; readonly wallMs: number }
  | { readonly kind: 'failed'; readonly reason: string; readonly wallMs: number; readonly timedOut: boolean };

/** Worker processes running now, so an interrupted bench can end them (and only them). */
const live = new Set<ChildProcess>();

/** Kills every worker process this bench started that is still running (on Ctrl-C). */
export function killWorkers(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  readonly timeoutMs?: number;
  /** V8 old-space limit of the child (`--max-old-space-size`), to prove work fits in it. */
  readonly heapCapMiB?: number;
}

/** Runs `script` (a .ts file) with tsx and `input`; the worker must call {@link workerMain}. */
export async function runWorker<I, T>(script: string, input: I, options: WorkerOptions = {}): Promise<WorkerOutcome<T>> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const heap = options.heapCapMiB === undefined ? [] : [`--max-old-space-size=${options.heapCapMiB}`];
  const dir = await mkdtemp(join(tmpdir(), 'bench-worker-'));
  const out = join(dir, 'result.json');
  const started = performance.now();
  let timedOut = false;
  try {
    const code = await new Promise<number | string>((resolve) => {
      const child = spawn(process.execPath, [...heap, '--import', 'tsx', script, JSON.stringify(input), out], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      live.add(child);
      const timer = setTimeout(
        () => {
          timedOut = true;
          child.kill('SIGKILL');
        },
        Math.max(1, timeoutMs),
      );
      child.on('error', (e) => resolve(e.message));
      child.on('exit', (c, signal) => {
        clearTimeout(timer);
        live.delete(child);
        resolve(signal ? `killed by ${signal}` : (c ?? 1));
      });
    });
    const wallMs = performance.now() - started;
    const text = await readFile(out, 'utf8').catch(() => null);
    if (text === null) {
      const reason = timedOut
        ? `stopped after ${Math.round(timeoutMs / 1000)} s (its time limit)`
        : `worker exited (${code}) without a result`;
      return { kind: 'failed', reason, wallMs, timedOut };
    }
    const parsed = JSON.parse(text) as { ok: true; result: T } | { ok: false; error: string };
    return parsed.ok ? { kind: 'ok', result: parsed.result, wallMs } : { kind: 'failed', reason: parsed.error, wallMs, timedOut };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Worker side: parses the input, runs `work`, writes its result (or its error) for the parent. */
export async function workerMain<I, T>(work: (input: I) => Promise<T>): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const [inputJson, outPath] = process.argv.slice(2);
  if (!inputJson || !outPath) throw new Error('usage: worker INPUT_JSON OUTPUT_PATH');
  try {
    const result = await work(JSON.parse(inputJson) as I);
    await writeFile(outPath, JSON.stringify({ ok: true, result }));
  } catch (e) {
    await writeFile(outPath, JSON.stringify({ ok: false, error: (e as Error).stack ?? String(e) }));
  }
}

/** Peak resident set size of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Current resident set size, in MiB. */
export function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}
