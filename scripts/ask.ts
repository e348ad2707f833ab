/**
 * `npm run ask -- [--index DIR] [--k N] [--json] "question"`
 * `npm run ask -- [--index DIR] [--k N] --questions FILE.jsonl`
 *
 * Answers from the saved index with verbatim, cited quotes. Human-readable by default; with
 * --json exactly one JSON object on stdout:
 *   {"question","status":"answered"|"no_answer","reason"?,"excerpts":[{"quote","start","end","score",
 *    "article":{"id","title","source","published","file"}}],"ms"}
 * Batch mode reads `{id, question}` lines and writes one such object per line (plus "id"),
 * loading the index and models once. Logs go to stderr only.
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

async function runBatch(deps: AnswerDeps, file: string, k: number): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let row: { id?: unknown; question?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      process.stderr.write(`${file}:${lineNo}: not JSON, skipped\n`);
      failures++;
      continue;
    }
    const id = row.id ?? lineNo;
    const question = typeof row.question === 'string' ? row.question : '';
    const check = checkQuestion(question);
    if (check.kind === 'tooLong') {
      // One bad line must not stop the batch: report it in its own line.
      process.stdout.write(
        `${JSON.stringify({ id, question, status: 'error', error: `question over ${check.max} characters`, excerpts: [], ms: 0 })}\n`,
      );
      failures++;
      continue;
    }
    const { result, ms } = await timed(deps, question, k);
    process.stdout.write(`${JSON.stringify({ id, ...answerJson(result, question, ms) })}\n`);
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
