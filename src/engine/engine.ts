/**
 * The application engine: owns the loaded index and models, answers, builds timelines, and
 * reindexes with an atomic swap. Every front end (CLI, terminal chat, Discord) uses this.
 */
import type { Config } from '../config.js';
import { answer } from '../answer/answer.js';
import { citationOf, type TimelineResult } from '../core/types.js';
import type { Embedder, Reranker } from '../embed/types.js';
import { IndexLoadError, loadSearchIndex, readManifest } from '../index/store.js';
import type { SearchIndex } from '../index/types.js';
import { ingest } from '../ingest/pipeline.js';
import type { IngestProgress, IngestSummary } from '../ingest/types.js';
import { timelineFor } from '../timeline/timeline.js';
import type { Lexicon } from '../lexicon/types.js';
import { loadLexicon } from '../lexicon/load.js';
import { quoteContext } from './context.js';
import { loadModels } from './models.js';
import { ingestInThread } from './reindex-thread.js';
import type { AskOptions, Engine, QuoteContext, SourceEntry, TimelineOptions } from './types.js';

/** Thrown by `reindex` when one is already running. */
export class ReindexBusyError extends Error {
  constructor() {
    super('a reindex is already running');
    this.name = 'ReindexBusyError';
  }
}

export interface EngineParts {
  readonly index: SearchIndex;
  readonly embedder: Embedder | null;
  readonly reranker: Reranker | null;
  readonly articlesDir: string;
  readonly indexDir: string;
  /** Related words for query expansion; none when absent. */
  readonly lexicon?: Lexicon | null;
  /** Model load problems, surfaced once at start-up. */
  readonly warnings?: readonly string[];
  /**
   * Run reindexing in a worker thread (embedding requests come back to this thread's model), so
   * answering never waits for parsing or index building. createEngine turns it on.
   */
  readonly ingestInThread?: boolean;
}

/** An engine over already-loaded parts (tests pass in-memory indexes and fakes). */
export function engineFrom(parts: EngineParts): Engine & { readonly warnings: readonly string[] } {
  let index = parts.index;
  let running: Promise<IngestSummary> | null = null;
  const { embedder, reranker } = parts;
  const lexicon = parts.lexicon ?? null;
  const deps = () => ({ index, embedder: index.vectors ? embedder : null, reranker, lexicon });
  // Questions and timelines start one per event-loop turn: a burst of questions then never holds
  // the loop longer than one question's synchronous work. Only starts are ordered, so a question
  // waiting on a slow model does not hold up the others.
  let turns: Promise<void> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const start = turns.then(() => new Promise<void>((r) => setImmediate(r)));
    turns = start;
    return start.then(work);
  };

  return {
    warnings: parts.warnings ?? [],
    get mode() {
      return index.vectors && embedder ? 'hybrid' : 'lexical';
    },
    get reindexing() {
      return running !== null;
    },
    ask: (question: string, options: AskOptions = {}) =>
      inTurn(() => answer(deps(), question, { k: options.k ?? 3, ...(options.followUp ? { followUp: options.followUp } : {}) })),
    timeline: (topic: string, options: TimelineOptions = {}): Promise<TimelineResult> => inTurn(() => timelineFor(deps(), topic, options)),
    sources(): readonly SourceEntry[] {
      const counts = new Map<string, number>();
      for (const c of index.chunks) counts.set(c.articleId, (counts.get(c.articleId) ?? 0) + 1);
      return index.articles.map((a) => ({
        article: citationOf(a),
        chunks: counts.get(a.id) ?? 0,
        ...(a.reasons ? { reasons: a.reasons } : {}),
      }));
    },
    context(articleId: string, start: number, end: number): QuoteContext | null {
      const a = index.articleById.get(articleId);
      return a ? quoteContext(a, start, end) : null;
    },
    async reindex(options: { readonly full: boolean }, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
      if (running) throw new ReindexBusyError();
      const job = (async () => {
        const where = { articlesDir: parts.articlesDir, indexDir: parts.indexDir, full: options.full };
        const summary = parts.ingestInThread
          ? await ingestInThread(where, embedder, onProgress)
          : await ingest({ ...where, embedder, ...(onProgress ? { onProgress } : {}) });
        // Swap only once the new generation loaded completely; until then queries use the old one.
        if (!summary.noop) index = await loadSearchIndex(parts.indexDir, { modelId: embedder?.modelId ?? null });
        return summary;
      })();
      running = job;
      try {
        return await job;
      } finally {
        running = null;
      }
    },
  };
}

/** Progress of start-up, for the CLIs and the bot's logs. */
export type StartupEvent =
  | { readonly kind: 'warning'; readonly message: string }
  | { readonly kind: 'building'; readonly reason: string }
  | { readonly kind: 'progress'; readonly progress: IngestProgress };

/**
 * Loads models and the saved index; builds the index first when there is none. An index built
 * with a different embedding model is refused with a message saying how to rebuild it.
 */
export async function createEngine(
  config: Pick<
    Config,
    'articlesDir' | 'indexDir' | 'embeddingModel' | 'rerankerModel' | 'modelCacheDir' | 'allowRemoteModels' | 'modelLoadTimeoutMs'
  > &
    Partial<Pick<Config, 'staticEmbedding' | 'queryExpansion'>> & { readonly databaseUrl?: string | null },
  onEvent: (e: StartupEvent) => void = () => {},
): Promise<Engine & { readonly warnings: readonly string[] }> {
  if (config.databaseUrl) {
    // DATABASE_URL set: the shared PostgreSQL index (loaded lazily: the embedded path never imports pg).
    const { createPgEngine } = await import('./pg-engine.js');
    return createPgEngine({ ...config, databaseUrl: config.databaseUrl }, onEvent);
  }
  const manifest = await readManifest(config.indexDir);
  const models = await loadModels(config, true, { indexModelId: manifest?.model?.id ?? null });
  for (const w of models.warnings) onEvent({ kind: 'warning', message: w });
  const modelId = models.embedder?.modelId ?? null;
  if (!manifest) {
    onEvent({ kind: 'building', reason: `no index at ${config.indexDir}` });
    await ingest({
      articlesDir: config.articlesDir,
      indexDir: config.indexDir,
      embedder: models.embedder,
      onProgress: (progress) => onEvent({ kind: 'progress', progress }),
    });
  } else if (manifest.model === null && modelId) {
    onEvent({
      kind: 'warning',
      message: `the index at ${config.indexDir} is lexical only; run \`npm run ingest -- --full\` to add semantic vectors with ${modelId}`,
    });
  } else if (manifest.model && !modelId) {
    onEvent({
      kind: 'warning',
      message: `the index has vectors from ${manifest.model.id}, but no embedding model is loaded: lexical search only`,
    });
  }
  let index: SearchIndex;
  try {
    index = await loadSearchIndex(config.indexDir, { modelId });
  } catch (e) {
    if (e instanceof IndexLoadError) throw e;
    throw new IndexLoadError(`cannot load the index at ${config.indexDir}: ${(e as Error).message}`);
  }
  const lexicon = await loadLexicon({ ...config, embedder: models.embedder }, (message) => onEvent({ kind: 'warning', message }));
  return engineFrom({
    index,
    lexicon,
    embedder: models.embedder,
    reranker: models.reranker,
    articlesDir: config.articlesDir,
    indexDir: config.indexDir,
    warnings: models.warnings,
    ingestInThread: true,
  });
}
