/**
 * The engine over a PostgreSQL database (chosen by DATABASE_URL). Nothing of the index is held
 * in memory: every question reads the live generation and fetches its candidates
 * (src/index/pg/search.ts), so every process on the same database — several bot shards, CLIs —
 * sees a reindex made by any of them at its next question, with no reload.
 *
 * `sources()` and `context()` are synchronous in the Engine interface: the list of sources is
 * kept per live generation (citations only, refreshed when the generation changes), and the
 * articles of recent answers are kept so the Context button can show their paragraph.
 */
import type { Config } from '../config.js';
import { answer } from '../answer/answer.js';
import { citationOf, type Article, type TimelineResult } from '../core/types.js';
import type { Embedder, Reranker } from '../embed/types.js';
import { loadLexicon } from '../lexicon/load.js';
import type { Lexicon } from '../lexicon/types.js';
import { IndexLoadError } from '../index/store.js';
import type { Manifest, SearchIndex } from '../index/types.js';
import { openDatabase, type Database } from '../index/pg/db.js';
import { ingestToDatabase, liveManifest } from '../index/pg/ingest.js';
import { checkSchema } from '../index/pg/migrate.js';
import { PgSearch, type Generation } from '../index/pg/search.js';
import type { IngestProgress, IngestSummary } from '../ingest/types.js';
import { timelineFor } from '../timeline/timeline.js';
import { ReindexBusyError, type StartupEvent } from './engine.js';
import { loadModels } from './models.js';
import { ingestInThread } from './reindex-thread.js';
import { quoteContext } from './context.js';
import type { AskOptions, Engine, QuoteContext, SourceEntry, TimelineOptions } from './types.js';

/** How often an idle process looks for a generation switched by another one (for `/sources`). */
const POLL_MS = 15_000;
/** Articles of recent answers kept for the Context button (the bot keeps results 30 min, 500 at most). */
const RECENT_ARTICLES = 3000;

export interface PgEngineParts {
  readonly db: Database;
  readonly embedder: Embedder | null;
  readonly reranker: Reranker | null;
  /** Related words for query expansion (QUERY_EXPANSION); none when absent. */
  readonly lexicon?: Lexicon | null;
  readonly articlesDir: string;
  readonly warnings?: readonly string[];
  /** Milliseconds between checks for a new generation when idle; 0 disables polling (tests). */
  readonly pollMs?: number;
  /**
   * The database's postgres:// URL: /reindex then runs in a worker thread on its own connection,
   * off the event loop, as the embedded engine's does. Absent (PGlite, which one process opens
   * once): on this thread.
   */
  readonly databaseUrl?: string;
}

export type PgEngine = Engine & {
  readonly warnings: readonly string[];
  /** Re-reads the live generation now (the engine also does it before every question). */
  refresh(): Promise<void>;
  close(): Promise<void>;
};

/** An engine over an already migrated, already opened database. */
export async function pgEngineFrom(parts: PgEngineParts): Promise<PgEngine> {
  const { db, embedder, reranker } = parts;
  const search = new PgSearch(db);
  let sources: readonly SourceEntry[] = [];
  let listed = -1;
  let running: Promise<IngestSummary> | null = null;
  const recent = new Map<string, Article>();

  const refresh = async (): Promise<Generation | null> => {
    const gen = await search.live();
    const id = gen?.generation ?? 0;
    if (id !== listed) {
      sources = gen ? sourcesOf(gen) : [];
      listed = id;
    }
    return gen;
  };
  const remember = (articles: readonly { id: string }[], view: ReadonlyMap<string, Article>) => {
    for (const { id } of articles) {
      const a = view.get(id);
      if (!a) continue;
      recent.delete(id);
      recent.set(id, a);
      if (recent.size > RECENT_ARTICLES) recent.delete(recent.keys().next().value!);
    }
  };
  await refresh();
  const timer = (parts.pollMs ?? POLL_MS) > 0 ? setInterval(() => void refresh().catch(() => undefined), parts.pollMs ?? POLL_MS) : null;
  timer?.unref();

  const models = { embedder, reranker, lexicon: parts.lexicon ?? null };
  return {
    warnings: parts.warnings ?? [],
    get mode() {
      const model = search.last?.manifest.model;
      return model && embedder && model.id === embedder.modelId ? 'hybrid' : 'lexical';
    },
    get reindexing() {
      return running !== null;
    },
    async ask(question: string, options: AskOptions = {}) {
      const gen = await refresh();
      if (!gen) return answer({ index: EMPTY }, question);
      return search.run(gen, models, async (deps) => {
        const r = await answer(deps, question, { k: options.k ?? 3, ...(options.followUp ? { followUp: options.followUp } : {}) });
        if (r.kind === 'answer')
          remember(
            r.excerpts.map((e) => e.article),
            deps.index.articleById,
          );
        return r;
      });
    },
    async timeline(topic: string, options: TimelineOptions = {}): Promise<TimelineResult> {
      const gen = await refresh();
      if (!gen) return timelineFor({ index: EMPTY }, topic, options);
      return search.run(gen, models, async (deps) => {
        const r = await timelineFor(deps, topic, options);
        if (r.kind === 'timeline')
          remember(
            r.events.map((e) => e.article),
            deps.index.articleById,
          );
        return r;
      });
    },
    sources: () => sources,
    context(articleId: string, start: number, end: number): QuoteContext | null {
      const a = recent.get(articleId);
      return a ? quoteContext(a, start, end) : null;
    },
    async reindex(options: { readonly full: boolean }, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
      if (running) throw new ReindexBusyError();
      const job = parts.databaseUrl
        ? ingestInThread(
            { articlesDir: parts.articlesDir, indexDir: '', databaseUrl: parts.databaseUrl, full: options.full },
            embedder,
            onProgress,
          )
        : ingestToDatabase({
            db,
            articlesDir: parts.articlesDir,
            full: options.full,
            embedder,
            ...(onProgress ? { onProgress } : {}),
          });
      running = job;
      try {
        const summary = await job;
        await refresh();
        return summary;
      } finally {
        running = null;
      }
    },
    refresh: async () => {
      await refresh();
    },
    async close() {
      if (timer) clearInterval(timer);
    },
  };
}

/** Every article of a generation with its chunk count, in corpus order, as the embedded engine lists them. */
function sourcesOf(gen: Generation): SourceEntry[] {
  return gen.catalog.map((a, i) => ({
    article: citationOf(a),
    chunks: gen.catalogChunks[i] ?? 0,
    ...(a.reasons ? { reasons: a.reasons } : {}),
  }));
}

const EMPTY_MANIFEST: Manifest = {
  schemaVersion: 0,
  mode: 'lexical',
  parserVersion: 0,
  model: null,
  chunking: { targetChars: 0, overlapSentences: 0 },
  files: {},
  counts: { articles: 0, chunks: 0 },
  corpusHash: '',
  builtAt: new Date(0).toISOString(),
  generation: '',
};

/** What a database without any generation answers from: nothing (an honest "empty index"). */
const EMPTY: SearchIndex = {
  manifest: EMPTY_MANIFEST,
  articles: [],
  articleById: new Map(),
  chunks: [],
  lexical: { search: () => [], idf: () => 0 },
  vectors: null,
  duplicateOf: new Map(),
};

/**
 * Opens the database, refuses an unknown schema (with the command to run), loads the models,
 * and ingests the articles first when the database holds no generation yet.
 */
export async function createPgEngine(
  config: Pick<Config, 'articlesDir' | 'embeddingModel' | 'rerankerModel' | 'modelCacheDir' | 'allowRemoteModels' | 'modelLoadTimeoutMs'> &
    Partial<Pick<Config, 'staticEmbedding' | 'queryExpansion'>> & { readonly databaseUrl: string },
  onEvent: (e: StartupEvent) => void = () => {},
): Promise<PgEngine> {
  const db = await openDatabase(config.databaseUrl);
  try {
    await checkSchema(db);
    const manifest = await liveManifest(db);
    const models = await loadModels(config, true, { indexModelId: manifest?.model?.id ?? null });
    for (const w of models.warnings) onEvent({ kind: 'warning', message: w });
    const modelId = models.embedder?.modelId ?? null;
    if (!manifest) {
      onEvent({ kind: 'building', reason: `no articles in ${db.label} yet` });
      await ingestToDatabase({
        db,
        articlesDir: config.articlesDir,
        embedder: models.embedder,
        onProgress: (progress) => onEvent({ kind: 'progress', progress }),
      });
    } else if (manifest.model && modelId && manifest.model.id !== modelId) {
      throw new IndexLoadError(
        `database ${db.label} was embedded with ${manifest.model.id} but the configured model is ${modelId}; reindex with \`npm run ingest -- --full\` or set EMBEDDING_MODEL=${manifest.model.id}`,
      );
    } else if (manifest.model === null && modelId) {
      onEvent({
        kind: 'warning',
        message: `the database holds a lexical index; run \`npm run ingest -- --full\` to add semantic vectors with ${modelId}`,
      });
    } else if (manifest.model && !modelId) {
      onEvent({
        kind: 'warning',
        message: `the database has vectors from ${manifest.model.id}, but no embedding model is loaded: lexical search only`,
      });
    }
    const lexicon = await loadLexicon({ ...config, embedder: models.embedder }, (message) => onEvent({ kind: 'warning', message }));
    const engine = await pgEngineFrom({
      lexicon,
      db,
      embedder: models.embedder,
      reranker: models.reranker,
      articlesDir: config.articlesDir,
      warnings: models.warnings,
      ...(/^postgres(ql)?:\/\//i.test(config.databaseUrl) ? { databaseUrl: config.databaseUrl } : {}),
    });
    return {
      ...engine,
      get mode() {
        return engine.mode;
      },
      get reindexing() {
        return engine.reindexing;
      },
      async close() {
        await engine.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
