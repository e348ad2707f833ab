/**
 * `npm run ask -- [--index DIR] [--k N] [--json] "question"`
 * `npm run ask -- [--index DIR] [--k N] --questions FILE.jsonl`
 *
 * Answers from the saved index with verbatim, cited quotes. Human-readable by default; with
 * --json exactly one JSON object on stdout:
 *   {"question","status":"answered"|"no_answer","reason"?,"excerpts":[{"quote","start","end","score",
 *    "article":{"id","title","source","published","file"}}],"ms"}
 * Batch mode reads `{id, question}` lines and writes one such object per line (plus "id"), in
 * order, loading the index and models once. Every input line gets exactly one output line: a line
 * that cannot be answered (not JSON, not an object, no string question, a repeated id, over the
 * cap) gets `{"id","question","status":"error","error":"<reason>","excerpts":[],"ms":0}`. Logs go to stderr only.
 * Exit codes: 0 answered or declined, 1 runtime error (e.g. no index), 2 bad usage or a question over the cap.
 */
import { createReadStream } from 'node:fs';
import { runMain } from '../src/cli/run.js';
import { createInterface } from 'node:readline';
import { answer, type AnswerDeps } from '../src/answer/answer.js';
import { checkQuestion } from '../src/answer/question.js';
import { formatAnswer } from '../src/cli/format-text.js';
import { loadConfig } from '../src/config.js';
import { parseCli, usageError } from '../src/cli/args.js';
import { answerJson } from '../src/cli/json.js';
import type { AnswerResult } from '../src/core/types.js';
import { openSavedIndex } from '../src/engine/open.js';

const USAGE =
  'usage: npm run ask -- [--index DIR] [--k N] [--json] "question"\n       npm run ask -- [--index DIR] [--k N] --questions FILE.jsonl';

type Mode =
  { readonly kind: 'single'; readonly question: string; readonly json: boolean } | { readonly kind: 'batch'; readonly file: string };

interface Args {
  readonly mode: Mode;
  readonly indexDir: string | undefined;
  readonly k: number;
}

/** The arguments, or the exit code to return at once (help or misuse, already reported). */
function parse(argv: readonly string[]): Args | number {
  const cli = parseCli(
    argv,
    {
      index: { type: 'string' },
      k: { type: 'string' },
      json: { type: 'boolean', default: false },
      questions: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  const { values, positionals } = cli;
  const bad = (message: string): number => usageError(message, USAGE).code;
  const k = values.k === undefined ? 3 : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 20) return bad(`--k must be an integer from 1 to 20, got "${values.k}"`);
  if (values.questions !== undefined) {
    if (positionals.length) return bad('give either a question or --questions FILE, not both');
    return { mode: { kind: 'batch', file: values.questions }, indexDir: values.index, k };
  }
  const question = positionals.join(' ');
  const check = checkQuestion(question);
  switch (check.kind) {
    case 'empty':
      return bad('a question is required');
    case 'tooLong':
      return bad(`the question is ${check.length} characters long; the limit is ${check.max}`);
    case 'ok':
      return { mode: { kind: 'single', question, json: values.json }, indexDir: values.index, k };
    default:
      return check satisfies never;
  }
}

async function timed(deps: AnswerDeps, question: string, k: number): Promise<{ result: AnswerResult; ms: number }> {
  const t0 = performance.now();
  const result = await answer(deps, question, { k });
  return { result, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

/** One batch input line → the question to answer, or why the line cannot be answered. */
type BatchLine =
  | { readonly kind: 'question'; readonly id: unknown; readonly question: string }
  | { readonly kind: 'error'; readonly id: unknown; readonly question: unknown; readonly error: string };

/**
 * Reads one `{id, question}` line. `seen` maps ids already used to their line numbers: a
 * repeated id is an error (outputs are matched to inputs by id), as is anything not a JSON
 * object with a string question. Pure apart from updating `seen`.
 */
function readBatchLine(line: string, lineNo: number, seen: Map<string, number>): BatchLine {
  const fail = (error: string, id: unknown = lineNo, question: unknown = null): BatchLine => ({ kind: 'error', id, question, error });
  if (!line.trim()) return fail('blank line');
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return fail('not JSON');
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return fail('not a JSON object with "id" and "question"');
  const { id: rawId, question } = row as { id?: unknown; question?: unknown };
  if (rawId !== undefined && typeof rawId !== 'string' && typeof rawId !== 'number') return fail('"id" must be a string or a number');
  const id = rawId ?? lineNo;
  const key = JSON.stringify(id);
  const first = seen.get(key);
  if (first !== undefined) return fail(`duplicate id ${key} (first on line ${first})`, id, question);
  seen.set(key, lineNo);
  if (typeof question !== 'string') return fail('"question" must be a string', id, question ?? null);
  const check = checkQuestion(question);
  switch (check.kind) {
    case 'ok':
      return { kind: 'question', id, question };
    case 'empty':
      return fail('empty question', id, question);
    case 'tooLong':
      return fail(`question over ${check.max} characters`, id, question);
    default:
      return check satisfies never;
  }
}

/** Answers every line of `file` in order: exactly one output line per input line, errors included. */
async function runBatch(deps: AnswerDeps, file: string, k: number): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const seen = new Map<string, number>();
  let lineNo = 0;
  let failures = 0;
  for await (const line of lines) {
    const row = readBatchLine(line, ++lineNo, seen);
    let out: Record<string, unknown>;
    if (row.kind === 'question') {
      try {
        const { result, ms } = await timed(deps, row.question, k);
        out = { id: row.id, ...answerJson(result, row.question, ms) };
      } catch (e) {
        // One failing question must not stop the batch; the details go to stderr.
        process.stderr.write(`${file}:${lineNo}: ${(e as Error).stack ?? String(e)}\n`);
        out = { id: row.id, question: row.question, status: 'error', error: 'internal error while answering', excerpts: [], ms: 0 };
      }
    } else {
      out = { id: row.id, question: row.question, status: 'error', error: row.error, excerpts: [], ms: 0 };
    }
    if (out['status'] === 'error') failures++;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  if (failures) process.stderr.write(`${failures} line(s) could not be answered\n`);
  return 0;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const deps = await openSavedIndex(args.indexDir ?? config.indexDir, config, (w) => process.stderr.write(`warning: ${w}\n`));
  const { mode } = args;
  switch (mode.kind) {
    case 'batch':
      return runBatch(deps, mode.file, args.k);
    case 'single': {
      const { result, ms } = await timed(deps, mode.question, args.k);
      if (mode.json) process.stdout.write(`${JSON.stringify(answerJson(result, mode.question, ms))}\n`);
      else process.stdout.write(`${formatAnswer(result)}\n`);
      return 0;
    }
    default:
      return mode satisfies never;
  }
}

runMain(main);
