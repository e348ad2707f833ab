/**
 * Worker: one search library (ours, MiniSearch, Orama or SQLite FTS5 via better-sqlite3) in a
 * fresh process. It indexes the same chunk texts as our saved index (title + chunk, as our BM25
 * sees them), answers the same questions (top 3) and, when the xquad-dev set is given, indexes
 * its paragraphs' sentences (the unit an excerpt is made of, capped as ours are) and reports
 * answer@3: a gold answer inside one of the 3 excerpts returned. For "ours" the xquad excerpts
 * are the engine's answers (the full pipeline over its own index of the same documents).
 */
import { mkdtemp, readFile, rm, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { MAX_EXCERPT_CHARS } from '../../src/answer/quote.js';
import { engineFrom } from '../../src/engine/engine.js';
import { Bm25Index } from '../../src/index/bm25.js';
import { chunkSearchText } from '../../src/index/memory.js';
import { loadSearchIndex } from '../../src/index/store.js';
import { capIndex } from './cap-index.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { rssMiB, workerMain } from './child.js';

export type PeerName = 'ours' | 'minisearch' | 'orama' | 'sqlite-fts5';

export interface PeerInput {
  readonly peer: PeerName;
  readonly indexDir: string;
  readonly questions: readonly string[];
  /** xquad-dev folder (docs.jsonl, questions.jsonl), or null when it is not beside the project. */
  readonly xquadDir: string | null;
  /**
   * At most this many chunks (whole articles, in corpus order) are indexed, by every peer alike:
   * a library whose build grows faster than linearly must not hold the run for ever.
   */
  readonly maxChunks: number;
}

export interface PeerOutput {
  readonly peer: PeerName;
  readonly chunks: number;
  /** Chunks of the saved index (more than `chunks` when capped). */
  readonly indexChunks: number;
  readonly buildMs: number;
  /** RSS after building minus RSS with only the texts loaded. */
  readonly memoryMiB: number;
  readonly queryMs: readonly number[];
  /** Questions with at least one hit. */
  readonly answered: number;
  readonly xquad: { readonly questions: number; readonly answerAt3: number } | null;
}

/** A built search: top `k` document numbers for a question. */
type Search = (question: string, k: number) => number[] | Promise<number[]>;

/** Builds the peer's index over `texts` (document i = texts[i]). */
async function build(peer: Exclude<PeerName, 'ours'>, texts: readonly string[]): Promise<Search> {
  switch (peer) {
    case 'minisearch': {
      const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
      ms.addAll(texts.map((text, id) => ({ id, text })));
      return (q, k) =>
        ms
          .search(q)
          .slice(0, k)
          .map((r) => r.id as number);
    }
    case 'orama': {
      const db = create({ schema: { text: 'string' } as const });
      await insertMultiple(
        db,
        texts.map((text, id) => ({ id: String(id), text })),
      );
      return async (q, k) => (await oramaSearch(db, { term: q, limit: k })).hits.map((h) => Number(h.id));
    }
    case 'sqlite-fts5': {
      const db = new Database(':memory:');
      db.exec('CREATE VIRTUAL TABLE docs USING fts5(text)');
      const insert = db.prepare('INSERT INTO docs(rowid, text) VALUES (?, ?)');
      db.transaction(() => texts.forEach((t, id) => insert.run(id + 1, t)))();
      const query = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?');
      return (q, k) => {
        // FTS5 query syntax: every word quoted, any of them (OR), ranked by BM25.
        const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
        if (words.length === 0) return [];
        const match = words.map((w) => `"${w}"`).join(' OR ');
        return (query.all(match, k) as { rowid: number }[]).map((r) => r.rowid - 1);
      };
    }
    default:
      return assertNever(peer);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown peer ${String(x)}`);
}

interface XquadQuestion {
  readonly question: string;
  readonly answers: readonly string[];
}

async function readJsonl<T>(path: string): Promise<T[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const hasGold = (excerpts: readonly string[], gold: readonly string[]) =>
  excerpts.some((e) => gold.some((g) => e.toLowerCase().includes(g.toLowerCase())));

/** answer@3 on xquad-dev: the documents go through our ingestion (parsing, sentences) for every peer alike. */
async function xquad(peer: PeerName, dir: string): Promise<{ questions: number; answerAt3: number }> {
  const tmp = await mkdtemp(join(tmpdir(), 'bench-xquad-'));
  try {
    await mkdir(join(tmp, 'articles'));
    await copyFile(join(dir, 'docs.jsonl'), join(tmp, 'articles', 'docs.jsonl'));
    await ingest({ articlesDir: join(tmp, 'articles'), indexDir: join(tmp, 'index'), full: true });
    const index = await loadSearchIndex(join(tmp, 'index'));
    const questions = await readJsonl<XquadQuestion>(join(dir, 'questions.jsonl'));
    let hits = 0;
    if (peer === 'ours') {
      const engine = engineFrom({ index, embedder: null, reranker: null, articlesDir: '', indexDir: '' });
      for (const q of questions) {
        const r = await engine.ask(q.question);
        if (
          r.kind === 'answer' &&
          hasGold(
            r.excerpts.slice(0, 3).map((e) => e.quote),
            q.answers,
          )
        )
          hits++;
      }
    } else {
      const sentences: string[] = [];
      for (const a of index.articles) {
        for (const s of a.sentences) sentences.push(a.text.slice(s.start, Math.min(s.end, s.start + MAX_EXCERPT_CHARS)));
      }
      const find = await build(peer, sentences);
      for (const q of questions)
        if (
          hasGold(
            (await find(q.question, 3)).map((i) => sentences[i]!),
            q.answers,
          )
        )
          hits++;
    }
    return { questions: questions.length, answerAt3: hits / Math.max(1, questions.length) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await workerMain<PeerInput, PeerOutput>(async (input) => {
  const full = await loadSearchIndex(input.indexDir, { modelId: null });
  const index = capIndex(full, input.maxChunks);
  const texts = index.chunks.map((c) => chunkSearchText(index.articleById.get(c.articleId)!, c));
  const before = rssMiB();
  const started = performance.now();
  let find: Search;
  if (input.peer === 'ours') {
    // The same in-memory build the peers do (tokenize + postings); queries go through the engine.
    const lexical = Bm25Index.fromTexts(texts);
    const engine = engineFrom({ index: { ...index, lexical }, embedder: null, reranker: null, articlesDir: '', indexDir: '' });
    find = async (q) => {
      const r = await engine.ask(q);
      return r.kind === 'answer' ? r.excerpts.map((_, i) => i) : [];
    };
  } else {
    find = await build(input.peer, texts);
  }
  const buildMs = performance.now() - started;
  const memoryMiB = rssMiB() - before;
  for (const q of input.questions.slice(0, 5)) await find(q, 3); // warm-up
  const queryMs: number[] = [];
  let answered = 0;
  for (const q of input.questions) {
    const t = performance.now();
    const hits = await find(q, 3);
    queryMs.push(performance.now() - t);
    if (hits.length > 0) answered++;
  }
  return {
    peer: input.peer,
    chunks: texts.length,
    indexChunks: full.chunks.length,
    buildMs,
    memoryMiB,
    queryMs,
    answered,
    xquad: input.xquadDir ? await xquad(input.peer, input.xquadDir) : null,
  };
});
