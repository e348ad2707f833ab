/**
 * `npm run eval:followup -- --docs DOCS.jsonl --questions Q.jsonl [--half 1|2] [--weights 0.25,0.5,0.75] [--margins 0,0.1,0.2]`
 *
 * How follow-up handling (src/answer/followup.ts) treats questions asked as replies. The dev sets
 * hold only self-contained questions, so this measures that carrying the previous topic does not
 * drown them, in two settings, each against the same questions asked fresh (answer@1, the first
 * excerpt holding a gold answer, extractive questions only):
 * - same: the reply follows another question on the same paragraph (the previous answer's
 *   articles and terms are the reply's own topic);
 * - other: the reply follows a question on another article (a change of subject).
 * Lexical retrieval, no query expansion (as `npm run eval` by default).
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { answer } from '../src/answer/answer.js';
import { CARRY, PREFER_FRESH } from '../src/answer/followup.js';
import { parseCli, usageError } from '../src/cli/args.js';
import { runMain } from '../src/cli/run.js';
import type { AnswerResult } from '../src/core/types.js';
import { extractive, half } from '../src/eval/split.js';
import { loadSearchIndex } from '../src/index/store.js';
import { ingest } from '../src/ingest/pipeline.js';

const USAGE =
  'usage: npm run eval:followup -- --docs DOCS.jsonl --questions Q.jsonl [--half 1|2] [--weights 0.25,0.5,0.75] [--margins 0,0.1,0.2]';

interface Q {
  readonly id: string;
  readonly question: string;
  readonly answers: readonly string[];
  readonly doc_ids: readonly string[];
}

async function main(): Promise<number> {
  const cli = parseCli(
    process.argv.slice(2),
    {
      docs: { type: 'string' },
      questions: { type: 'string' },
      half: { type: 'string' },
      weights: { type: 'string' },
      margins: { type: 'string' },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  const { docs, questions: qPath } = cli.values;
  if (!docs || !qPath) return usageError('--docs and --questions are required', USAGE).code;
  const weights = (cli.values.weights ?? String(CARRY.weight)).split(',').map(Number);
  const margins = (cli.values.margins ?? String(PREFER_FRESH.margin)).split(',').map(Number);
  if ([...weights, ...margins].some((w) => !Number.isFinite(w) || w < 0))
    return usageError('--weights and --margins must be numbers ≥ 0', USAGE).code;
  const docRows = await jsonl(docs);
  const articleOf = new Map(docRows.map((r) => [String(r.id), typeof r.article_index === 'number' ? r.article_index : null]));
  let questions: Q[] = extractive(
    (await jsonl(qPath)).map((r, i) => ({
      id: String(r.id ?? i),
      question: String(r.question ?? ''),
      answers: Array.isArray(r.answers) ? r.answers.map(String) : [],
      doc_ids: Array.isArray(r.doc_ids) ? r.doc_ids.map(String) : [],
    })),
  );
  if (cli.values.half === '1' || cli.values.half === '2')
    questions = half(questions, Number(cli.values.half) as 1 | 2, (d) => articleOf.get(d) ?? null);

  const tmp = await mkdtemp(join(tmpdir(), 'eval-followup-'));
  try {
    const articlesDir = join(tmp, 'articles');
    await mkdir(articlesDir);
    await copyFile(docs, join(articlesDir, `${basename(docs).replace(/\.(?:jsonl|ndjson)$/i, '')}.jsonl`));
    await ingest({ articlesDir, indexDir: join(tmp, 'index'), full: true, embedder: null });
    const index = await loadSearchIndex(join(tmp, 'index'), { modelId: null });
    const deps = { index };
    const hit = (q: Q, r: AnswerResult) =>
      r.kind === 'answer' && !!r.excerpts[0] && q.answers.some((a) => r.excerpts[0]!.quote.toLowerCase().includes(a.toLowerCase()));
    const cited = (r: AnswerResult) => (r.kind === 'answer' ? [...new Set(r.excerpts.map((e) => e.article.id))] : []);

    // Pairs: the previous question on the same paragraph; and one on another article, half the list away.
    const same: [Q, Q][] = [];
    const other: [Q, Q][] = [];
    questions.forEach((q, i) => {
      const prev = questions
        .slice(0, i)
        .reverse()
        .find((p) => p.doc_ids[0] === q.doc_ids[0]);
      if (prev) same.push([prev, q]);
      const far = questions[(i + Math.floor(questions.length / 2)) % questions.length]!;
      if (articleOf.get(far.doc_ids[0]!) !== articleOf.get(q.doc_ids[0]!)) other.push([far, q]);
    });
    const previous = new Map<string, AnswerResult>();
    const fresh = new Map<string, boolean>();
    for (const q of questions) {
      const r = await answer(deps, q.question, { k: 3 });
      previous.set(q.id, r);
      fresh.set(q.id, hit(q, r));
    }
    const lines = [`questions ${questions.length} · same-paragraph pairs ${same.length} · other-article pairs ${other.length}`];
    const freshRate = (pairs: [Q, Q][]) => pairs.filter(([, q]) => fresh.get(q.id)).length / Math.max(1, pairs.length);
    lines.push(`fresh        same ${freshRate(same).toFixed(3)} · other ${freshRate(other).toFixed(3)}`);
    const saved = { weight: CARRY.weight, margin: PREFER_FRESH.margin };
    for (const w of weights)
      for (const m of margins) {
        CARRY.weight = w;
        PREFER_FRESH.margin = m;
        const rate = async (pairs: [Q, Q][]) => {
          let n = 0;
          for (const [p, q] of pairs) {
            const r = await answer(deps, q.question, { k: 3, followUp: { question: p.question, articleIds: cited(previous.get(p.id)!) } });
            if (hit(q, r)) n++;
            else if (fresh.get(q.id) && process.env.EVAL_FOLLOWUP_FLIPS)
              process.stderr.write(
                `flip: ${p.question} -> ${q.question} | ${r.kind === 'answer' ? r.excerpts[0]?.article.id + ' ' + r.excerpts[0]?.quote.slice(0, 100) : r.reason} | gold ${q.doc_ids[0]}\n`,
              );
          }
          return n / Math.max(1, pairs.length);
        };
        lines.push(
          `carry ${w.toFixed(2)} margin ${m.toFixed(2)}   same ${(await rate(same)).toFixed(3)} · other ${(await rate(other)).toFixed(3)}`,
        );
      }
    CARRY.weight = saved.weight;
    PREFER_FRESH.margin = saved.margin;
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function jsonl(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

runMain(main);
