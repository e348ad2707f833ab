/**
 * The PostgreSQL backend answers exactly as the embedded index: the golden questions of
 * test/answer/golden.test.ts and the golden timeline topics of test/timeline/timeline.test.ts,
 * run on both backends over the seed corpus, give deep-equal results (same excerpts, offsets,
 * scores and citations). Questions are read from the golden files, so new golden cases are
 * covered here too. Runs on PGlite (PostgreSQL 17 in WASM, pgvector 0.8.1) and, lexically, on
 * the real PostgreSQL server NQB_TEST_PG_URL names (CI: Debian's 15, which has no pgvector).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answer } from '../../../src/answer/answer.js';
import type { AnswerResult, TimelineResult } from '../../../src/core/types.js';
import type { Database } from '../../../src/index/pg/db.js';
import { PgSearch, type Generation } from '../../../src/index/pg/search.js';
import type { SearchIndex } from '../../../src/index/types.js';
import { rankSentencesLexically } from '../../../src/timeline/relevance.js';
import { buildTimeline, timelineFor } from '../../../src/timeline/timeline.js';
import { seedIndex } from '../../answer/helpers.js';
import { engineFrom } from '../../../src/engine/engine.js';
import { pgEngineFrom } from '../../../src/engine/pg-engine.js';
import { loadSearchIndex } from '../../../src/index/store.js';
import { ingest } from '../../../src/ingest/pipeline.js';
import { ensureWordVectors } from '../../../src/embed/static-embedder.js';
import { createLexicon } from '../../../src/lexicon/lexicon.js';
import type { Lexicon } from '../../../src/lexicon/types.js';
import { defaultWordNetDir, WordNet } from '../../../src/lexicon/wordnet.js';
import { makeTinyVectors } from '../../fixtures/tiny-vectors/make-tiny-vectors.js';
import { FakeEmbedder } from '../../helpers/fake-embedder.js';
import { SEED_DIR, describeOnBackends, seedDb } from './helpers.js';

// PGlite (PostgreSQL in WASM) takes seconds to start, and much longer on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

/** Question literals of the golden answer tests: `answer({ index }, '…')` and `for (const q of ['…', …])`. */
function goldenQuestions(): string[] {
  const src = readFileSync(new URL('../../answer/golden.test.ts', import.meta.url), 'utf8');
  const out = new Set<string>();
  for (const m of src.matchAll(/answer\(\{ index \}, '((?:[^'\\]|\\.)+)'/g)) out.add(m[1]!);
  for (const list of src.matchAll(/for \(const q of \[([^\]]+)\]/g))
    for (const m of list[1]!.matchAll(/'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!);
  return [...out];
}

/** Topics of the golden timeline tests over the seed corpus. */
function goldenTopics(): string[] {
  const src = readFileSync(new URL('../../timeline/timeline.test.ts', import.meta.url), 'utf8');
  return [...new Set([...src.matchAll(/run\(index, '((?:[^'\\]|\\.)+)'/g)].map((m) => m[1]!))];
}

let embedded: SearchIndex;
let db: Database;
let search: PgSearch;
let gen: Generation;
const models = { embedder: null, reranker: null };
const onPg = <T>(fn: (index: SearchIndex) => Promise<T>) => search.run(gen, models, (deps) => fn(deps.index));

beforeAll(async () => {
  embedded = await seedIndex();
});

describeOnBackends('GIVEN the seed corpus in the embedded index and in PostgreSQL', (backend) => {
  beforeAll(async () => {
    db = await seedDb(null, backend);
    search = new PgSearch(db);
    gen = (await search.live())!;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('THEN both hold the same articles and chunks', () => {
    expect(gen.articles).toBe(embedded.articles.length);
    expect(gen.chunks).toBe(embedded.chunks.length);
    expect(gen.manifest.corpusHash).toBe(embedded.manifest.corpusHash);
  });

  const questions = goldenQuestions();
  it('THEN the golden file yields its questions (the extraction below is not vacuous)', () => {
    expect(questions.length).toBeGreaterThanOrEqual(10);
    expect(questions).toContain('Why did Bolivia cut ties with Israel?');
  });
  for (const q of [...questions, 'Who is Maria Nela Prada?', 'What happened in Gaza in November 2023?', 'What did Fidan say in Ankara?']) {
    it(`WHEN asked "${q}" THEN the Postgres answer equals the embedded one`, async () => {
      const expected: AnswerResult = await answer({ index: embedded }, q);
      const got = await onPg((index) => answer({ index }, q));
      expect(got).toEqual(expected);
    });
  }

  it('THEN /sources lists the same articles, chunk counts and reasons, and Context shows the same paragraph', async () => {
    const local = engineFrom({ index: embedded, embedder: null, reranker: null, articlesDir: SEED_DIR, indexDir: '' });
    const shared = await pgEngineFrom({ db, embedder: null, reranker: null, articlesDir: SEED_DIR, pollMs: 0 });
    expect(shared.sources()).toEqual(local.sources());
    const r = await shared.ask('Why did Bolivia cut ties with Israel?');
    expect(r).toEqual(await local.ask('Why did Bolivia cut ties with Israel?'));
    const e = r.kind === 'answer' ? r.excerpts[0]! : null;
    expect(shared.context(e!.article.id, e!.start, e!.end)).toEqual(local.context(e!.article.id, e!.start, e!.end));
    await shared.close();
  });

  it('WHEN asked with k = 5 THEN the answers are equal too', async () => {
    const q = 'How many Palestinians have been killed?';
    expect(await onPg((index) => answer({ index }, q, { k: 5 }))).toEqual(await answer({ index: embedded }, q, { k: 5 }));
  });

  const topics = goldenTopics().filter((t) => t.trim() !== '');
  it('THEN the timeline file yields its topics', () => {
    expect(topics).toContain('Bolivia Israel relations');
  });
  for (const topic of [...topics, 'Gaza ceasefire', 'United Nations']) {
    it(`WHEN the timeline of "${topic}" is built THEN both backends give the same events`, async () => {
      const expected: TimelineResult = buildTimeline(embedded, topic, rankSentencesLexically(embedded, topic));
      const got = await onPg(async (index) => buildTimeline(index, topic, rankSentencesLexically(index, topic)));
      expect(got).toEqual(expected);
      expect(await onPg((index) => timelineFor({ index }, topic, { maxDates: 3 }))).toEqual(
        await timelineFor({ index: embedded }, topic, { maxDates: 3 }),
      );
    });
  }

  it('GIVEN random questions from corpus words and noise THEN every answer is equal on both backends', async () => {
    const vocab = Array.from(new Set(embedded.articles.flatMap((a) => a.text.split(/\s+/)))).slice(0, 400);
    const word = fc.oneof(fc.constantFrom(...vocab), fc.constantFrom('who', 'when', 'how many', 'why', 'in November', '2023'));
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 10 }), async (words) => {
        const q = words.join(' ');
        expect(await onPg((index) => answer({ index }, q))).toEqual(await answer({ index: embedded }, q));
      }),
      { numRuns: 40, seed: 11 },
    );
  });
  describe('GIVEN query expansion (WordNet and a tiny word-vector table) on both backends', () => {
    let work: string;
    let lexicon: Lexicon;
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'pg-expansion-'));
      const table = await ensureWordVectors(await makeTinyVectors(join(work, 'v', 'tiny.json'), '0.0.1', [], 1000), {
        cacheDir: join(work, 'cache'),
      });
      lexicon = createLexicon({ vectors: table, wordnet: new WordNet(defaultWordNetDir()!) })!;
    });
    afterAll(() => rm(work, { recursive: true, force: true }));

    it('THEN questions in other words than the articles get the same answers', async () => {
      const src = readFileSync(new URL('../../answer/expansion-golden.test.ts', import.meta.url), 'utf8');
      const questions = [...src.matchAll(/const q = '((?:[^'\\]|\\.)+)'/g)].map((m) => m[1]!);
      expect(questions.length).toBeGreaterThanOrEqual(2);
      for (const q of questions) {
        const expected = await answer({ index: embedded, lexicon }, q);
        expect(await search.run(gen, { embedder: null, reranker: null, lexicon }, (deps) => answer(deps, q))).toEqual(expected);
      }
    });
  });
});

describe('GIVEN the seed corpus embedded with a (fake, bag-of-words) model in the embedded index and in PGlite (pgvector)', () => {
  const embedder = new FakeEmbedder(32, 'fake/hash');
  let hybrid: SearchIndex;
  let hdb: Database;
  let hsearch: PgSearch;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pg-parity-'));
    try {
      await ingest({ articlesDir: SEED_DIR, indexDir: dir, full: true, embedder });
      hybrid = await loadSearchIndex(dir, { modelId: embedder.modelId });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    hdb = await seedDb(embedder);
    hsearch = new PgSearch(hdb);
  });
  afterAll(async () => {
    await hdb?.close();
  });

  it('THEN the vectors are in pgvector and hybrid answers and timelines are equal', async () => {
    const g = (await hsearch.live())!;
    expect(g.manifest.mode).toBe('hybrid');
    const { rows } = await hdb.query<{ n: number }>('SELECT count(embedding)::int AS n FROM nqb_chunks');
    expect(rows[0]!.n).toBe(hybrid.chunks.length);
    for (const q of goldenQuestions().slice(0, 8)) {
      const expected = await answer({ index: hybrid, embedder }, q);
      expect(await hsearch.run(g, { embedder, reranker: null }, (deps) => answer(deps, q))).toEqual(expected);
    }
    const topic = 'Bolivia Israel relations';
    expect(await hsearch.run(g, { embedder, reranker: null }, (deps) => timelineFor(deps, topic))).toEqual(
      await timelineFor({ index: hybrid, embedder }, topic),
    );
  });
});
