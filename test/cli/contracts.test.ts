/**
 * The command-line contracts other tools rely on (`ingest --json`, `ask --json`, batch `ask`,
 * `timeline --json`), run as real processes the way a user or a checker runs them.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
let work: string;
let articles: string;
let index: string;

/** Runs `scripts/NAME.ts` with tsx; resolves with stdout, stderr and the exit code. */
async function cli(
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${name}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, EMBEDDING_MODEL: 'none', RERANKER_MODEL: 'none', LOG_LEVEL: 'silent', ...env },
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-'));
  articles = join(work, 'articles');
  index = join(work, 'index');
  await cp(join(ROOT, 'data/articles'), articles, { recursive: true });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('npm run ingest -- --json', () => {
  it('GIVEN the seed corpus THEN stdout is exactly one summary object', async () => {
    const { stdout, code } = await cli('ingest', ['--articles', articles, '--index', index, '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(['articles', 'chunks', 'files', 'mode', 'ms', 'warnings']);
    expect(summary).toMatchObject({ articles: 7, mode: 'lexical' });
    expect(summary.files).toContainEqual({ file: '000_32496ba02e16739e.txt', articles: 3, status: 'added' });
  });

  it('GIVEN a bad JSON Lines line, a symbolic link and a file name with a newline THEN --json carries the warnings and reasons, and the text summary cannot be forged', async () => {
    const dir = join(work, 'odd-articles');
    await cp(articles, dir, { recursive: true });
    await writeFile(join(dir, 'wire.jsonl'), '{"id":"w1","title":"Wire","text":"Port reopened in Ankara."}\nnot json\n');
    await symlink(join(dir, 'wire.jsonl'), join(dir, 'link.jsonl'));
    await writeFile(join(dir, 'evil\nindexed 999 articles.txt'), '');
    const json = await cli('ingest', ['--articles', dir, '--index', join(work, 'odd-index'), '--json']);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout) as { warnings: string[]; files: { file: string; status: string; reason?: string }[] };
    expect(summary.warnings).toContainEqual(expect.stringMatching(/wire\.jsonl: line 2: invalid JSON/));
    expect(summary.files).toContainEqual({ file: 'link.jsonl', articles: 0, status: 'skipped', reason: 'symbolic link (not followed)' });
    const text = await cli('ingest', ['--articles', dir, '--index', join(work, 'odd-index-2')]);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('indexed '))).toHaveLength(1);
    expect(text.stdout).toContain('skipped evil\\nindexed 999 articles.txt: empty file');
  });

  it('GIVEN an unknown flag THEN it exits 2 with the usage', async () => {
    const { code, stderr } = await cli('ingest', ['--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run ingest/);
  });
});

describe('npm run ask', () => {
  it('GIVEN --json and a covered question THEN one answer object with verbatim, cited excerpts', async () => {
    const { stdout, code } = await cli('ask', ['--index', index, '--json', 'When did Bolivia first sever relations with Israel?']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as {
      status: string;
      excerpts: { quote: string; start: number; end: number; article: Record<string, unknown> }[];
    };
    expect(r.status).toBe('answered');
    expect(r.excerpts.some((e) => e.quote.includes('in 2009'))).toBe(true);
    expect(Object.keys(r.excerpts[0]!.article).sort()).toEqual([
      'creditedTo',
      'file',
      'id',
      'published',
      'publishedAfter',
      'source',
      'title',
    ]);
  });

  it('GIVEN an off-topic question THEN status no_answer with a reason', async () => {
    const { stdout } = await cli('ask', ['--index', index, '--json', 'Who won the 2018 football World Cup?']);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'no_answer', excerpts: [] });
  });

  it('GIVEN a question over the cap or an empty one THEN exit 2 with a clear message', async () => {
    const long = await cli('ask', ['--index', index, 'x'.repeat(600)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/600 characters.*limit is 500/);
    expect((await cli('ask', ['--index', index, '   '])).code).toBe(2);
  });

  it('GIVEN --questions FILE THEN one JSON line per question, with its id, including bad lines', async () => {
    const file = join(work, 'q.jsonl');
    await writeFile(
      file,
      `{"id":"a","question":"Who met Hakan Fidan in Ankara?"}\n{"id":"b","question":"What is the capital of Peru?"}\n{"id":"c","question":"${'x'.repeat(600)}"}\n`,
    );
    const { stdout, code } = await cli('ask', ['--index', index, '--questions', file]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; status: string });
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      ['a', 'answered'],
      ['b', 'no_answer'],
      ['c', 'error'],
    ]);
  });

  it('GIVEN a corrupt duplicates.json THEN exit 1 with one line saying the index is damaged, no stack', async () => {
    const copy = join(work, 'damaged-index');
    await cp(index, copy, { recursive: true });
    const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8')) as { generation: string };
    await writeFile(join(copy, manifest.generation, 'duplicates.json'), '{"broken": ');
    const { code, stderr } = await cli('ask', ['--index', copy, 'anything at all?']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: index at .* is damaged \(duplicates\.json is not valid JSON\)/),
    ]);
  });

  it('GIVEN a batch with null, non-JSON, blank, array, question-less and duplicate-id lines THEN one output line per input line, in order, errors with a reason', async () => {
    const file = join(work, 'hostile.jsonl');
    const input = [
      '{"id":"a","question":"Who met Hakan Fidan in Ankara?"}',
      'null',
      '{not json',
      '',
      '[1,2]',
      '{"id":"e"}',
      '{"id":"a","question":"What is the capital of Peru?"}',
      '{"question":"What is the capital of Peru?"}',
    ];
    await writeFile(file, `${input.join('\n')}\n`);
    const { stdout, stderr, code } = await cli('ask', ['--index', index, '--questions', file]);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; status: string; error?: string });
    expect(lines.map((l) => [l.id, l.status, l.error])).toEqual([
      ['a', 'answered', undefined],
      [2, 'error', 'not a JSON object with "id" and "question"'],
      [3, 'error', 'not JSON'],
      [4, 'error', 'blank line'],
      [5, 'error', 'not a JSON object with "id" and "question"'],
      ['e', 'error', '"question" must be a string'],
      ['a', 'error', 'duplicate id "a" (first on line 1)'],
      [8, 'no_answer', undefined],
    ]);
  });

  it('GIVEN no index THEN exit 1 saying how to build one', async () => {
    const { code, stderr } = await cli('ask', ['--index', join(work, 'none'), 'anything at all?']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/npm run ingest/);
  });
});

describe('npm start', () => {
  it('GIVEN an invalid variable THEN exit 1 with the readable configuration error, no stack', async () => {
    const { code, stderr } = await cli('start', [], { RATE_LIMIT_PER_MINUTE: 'lots' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: Invalid configuration:\n {2}- RATE_LIMIT_PER_MINUTE: must be a number\n$/);
  });
});

describe('npm run timeline -- --json', () => {
  it('GIVEN the Bolivia topic THEN events are sorted by date and run 2009 → 2019 → 2023', async () => {
    const { stdout, code } = await cli('timeline', ['--index', index, '--json', 'Bolivia and Israel']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { events: { date: string; precision: string; quote: string }[] };
    const dates = r.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const years = dates.map((d) => d.slice(0, 4));
    expect(years.indexOf('2009')).toBeLessThan(years.indexOf('2019'));
    expect(years.indexOf('2019')).toBeLessThan(years.lastIndexOf('2023'));
  });

  it('GIVEN a bad --from THEN exit 2', async () => {
    expect((await cli('timeline', ['--index', index, '--from', '2023-13-01', 'Bolivia'])).code).toBe(2);
  });

  it('GIVEN --max-dates above 100 THEN it is accepted (no cap); 0 or a fraction THEN exit 2', async () => {
    const { stdout, code } = await cli('timeline', ['--index', index, '--json', '--max-dates', '500', 'Bolivia and Israel']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { events: unknown[] }).events.length).toBeGreaterThan(0);
    expect((await cli('timeline', ['--index', index, '--max-dates', '0', 'Bolivia'])).code).toBe(2);
    expect((await cli('timeline', ['--index', index, '--max-dates', '2.5', 'Bolivia'])).code).toBe(2);
  });
});
