/**
 * A question answerer over a fresh in-process PostgreSQL (PGlite) holding one articles
 * directory: how `npm run eval -- --backend postgres` measures the database backend on the same
 * questions as the embedded index.
 */
import { answerWithTrace, type AnswerOptions, type AnswerTrace } from '../../answer/answer.js';
import type { AnswerResult } from '../../core/types.js';
import type { Embedder } from '../../embed/types.js';
import type { IngestSummary } from '../../ingest/types.js';
import type { Lexicon } from '../../lexicon/types.js';
import { openPglite } from './db.js';
import { ingestToDatabase } from './ingest.js';
import { migrate } from './migrate.js';
import { PgSearch } from './search.js';

export interface PgAnswerer {
  readonly summary: IngestSummary;
  ask(question: string, options: AnswerOptions): Promise<{ result: AnswerResult; trace: AnswerTrace }>;
  close(): Promise<void>;
}

/** Ingests `articlesDir` into a new in-memory PGlite database and answers from it. */
export async function pgliteAnswerer(articlesDir: string, embedder: Embedder | null, lexicon: Lexicon | null): Promise<PgAnswerer> {
  const db = await openPglite();
  await migrate(db);
  const summary = await ingestToDatabase({ db, articlesDir, full: true, embedder });
  const search = new PgSearch(db);
  const gen = await search.live();
  if (!gen) throw new Error('the database holds no generation after ingestion');
  return {
    summary,
    ask: (question, options) => search.run(gen, { embedder, reranker: null, lexicon }, (deps) => answerWithTrace(deps, question, options)),
    close: () => db.close(),
  };
}
