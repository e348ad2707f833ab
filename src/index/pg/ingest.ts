/**
 * Ingestion into PostgreSQL: the same scanning, parsing, chunking, embedding and near-duplicate
 * detection as the embedded pipeline (src/ingest/pipeline.ts), written to the tables of
 * migrations/0001_initial.sql.
 *
 * - Incremental: a file whose content hash, model, parser version and chunking are unchanged
 *   reuses its stored version (no parsing, no embedding, no copying).
 * - Atomic: rows go into new, unreferenced file versions; the new generation (file list, ids,
 *   term statistics, duplicates) is written and made live in one transaction, the switch being
 *   one UPDATE of `nqb_live`. Until then readers see the previous generation; a kill at any
 *   point leaves it serving (and the next run reuses the files the killed one had finished).
 * - Serialised: a session-level advisory lock; a second ingestion is refused, not queued.
 */
import type { Article, Chunk } from '../../core/types.js';
import type { Embedder } from '../../embed/types.js';
import { PARSER_VERSION, buildArticle } from '../../ingest/article.js';
import { DEFAULT_CHUNKING } from '../../ingest/chunker.js';
import { placeInCollection } from '../../ingest/collection-dates.js';
import { type Sketch, decodeSketches, encodeSketches, findNearDuplicateSketches, sketchOf } from '../../ingest/dedupe.js';
import {
  BATCH_ARTICLES,
  canReuse,
  DEFAULT_MAX_FILE_BYTES,
  embedAll,
  hashWithSidecar,
  manifestOf,
  readSource,
  scan,
  type SourceRead,
} from '../../ingest/pipeline.js';
import type { FileReport, IngestProgress, IngestSummary } from '../../ingest/types.js';
import { type ChunkTerms, chunkArticles, chunkSearchText, chunkTerms } from '../memory.js';
import { uniqueArticleIds } from '../store.js';
import type { ChunkingSettings, FileEntryInfo, Manifest } from '../types.js';
import { DatabaseError, type Database, type Queryable, type Session } from './db.js';

/** Advisory lock key of ingestion (any fixed 64-bit number unlikely to clash with others). */
const INGEST_LOCK = 7_514_020_002;

/** Thrown when another ingestion holds the database's ingestion lock. */
export class DatabaseLockedError extends DatabaseError {
  constructor(label: string) {
    super(`another ingestion is already writing ${label}; try again when it has finished`);
    this.name = 'DatabaseLockedError';
  }
}

/** Thrown when vectors are asked of a database without pgvector. */
export class NoVectorSupportError extends DatabaseError {
  constructor(label: string) {
    super(
      `database ${label} has no pgvector (the "vector" extension): ingest lexically with EMBEDDING_MODEL=none, or install pgvector and recreate the schema`,
    );
    this.name = 'NoVectorSupportError';
  }
}

export interface PgIngestOptions {
  readonly db: Database;
  readonly articlesDir: string;
  /** Parse and embed every file again, ignoring stored versions. */
  readonly full?: boolean;
  readonly embedder?: Embedder | null;
  readonly embedderWarning?: string;
  readonly chunking?: ChunkingSettings;
  readonly maxFileBytes?: number;
  readonly batchArticles?: number;
  readonly onProgress?: (p: IngestProgress) => void;
}

/** Ingestions running in this process, per database: PGlite has one session, so its advisory locks are re-entrant. */
const running = new WeakSet<Database>();

interface StoredFile {
  readonly file: string;
  readonly fileId: number;
  readonly info: FileEntryInfo;
  readonly totalLength: number;
}

/** The live generation's manifest, or null when nothing was ingested yet. */
export async function liveManifest(db: Queryable): Promise<Manifest | null> {
  const { rows } = await db.query<{ manifest: Manifest }>(
    'SELECT g.manifest FROM nqb_live l JOIN nqb_generations g ON g.generation = l.generation',
  );
  return rows[0]?.manifest ?? null;
}

/** Runs one ingestion into the database. Throws DatabaseLockedError when another one is running. */
export async function ingestToDatabase(options: PgIngestOptions): Promise<IngestSummary> {
  const { db } = options;
  if (running.has(db)) throw new DatabaseLockedError(db.label);
  return db.session(async (s) => {
    const { rows } = await s.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [INGEST_LOCK]);
    if (!rows[0]?.ok) throw new DatabaseLockedError(db.label);
    running.add(db);
    try {
      return await ingestLocked(s, options);
    } finally {
      running.delete(db);
      await s.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]).catch(() => undefined);
    }
  });
}

async function ingestLocked(s: Session, options: PgIngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const embedder = options.embedder ?? null;
  const modelId = embedder?.modelId ?? null;
  const emit = options.onProgress ?? (() => {});
  const warnings: string[] = options.embedderWarning ? [options.embedderWarning] : [];
  const settings = JSON.stringify({
    model: modelId,
    parserVersion: PARSER_VERSION,
    chunking: [chunking.targetChars, chunking.overlapSentences],
  });
  const finish = (fields: Omit<IngestSummary, 'ms' | 'warnings'>): IngestSummary => {
    const summary: IngestSummary = { ...fields, ms: Math.round(performance.now() - started), warnings };
    emit({ stage: 'done', summary });
    return summary;
  };

  if (embedder) {
    const { rows } = await s.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'nqb_chunks' AND column_name = 'embedding' AND table_schema = current_schema()`,
    );
    if (rows.length === 0) throw new NoVectorSupportError(options.db.label);
  }

  const { sources, ignored } = await scan(options.articlesDir);
  emit({ stage: 'scan', files: sources.length });
  const previous = await liveManifest(s);
  const reusable = !options.full && canReuse(previous, modelId, chunking);

  const hashes = new Map<string, string>();
  for (const src of sources) hashes.set(src.file, await hashWithSidecar(src.path));
  const reports: FileReport[] = ignored.map((i) => ({ file: i.file, articles: 0, status: 'skipped', reason: i.reason }));
  if (reusable && previous) {
    const known = Object.keys(previous.files).length + Object.keys(previous.skipped ?? {}).length;
    const same =
      known === sources.length &&
      sources.every((src) => (previous.files[src.file]?.hash ?? previous.skipped?.[src.file]?.hash) === hashes.get(src.file));
    if (same && sources.length > 0) {
      for (const src of sources) {
        const f = previous.files[src.file];
        reports.push(
          f
            ? { file: src.file, articles: f.articles, status: 'unchanged' }
            : { file: src.file, articles: 0, status: 'skipped', reason: previous.skipped?.[src.file]?.reason ?? 'skipped' },
        );
      }
      return finish({ ...previous.counts, files: reports, mode: previous.mode, noop: true });
    }
  }

  const stored: StoredFile[] = [];
  const skipped: Record<string, { hash: string; reason: string }> = {};
  let done = 0;
  for (const src of sources) {
    emit({ stage: 'parse', done, total: sources.length, file: src.file });
    done++;
    const hash = hashes.get(src.file) ?? '';
    const before = previous?.files[src.file];
    if (!hash) {
      reports.push({ file: src.file, articles: 0, status: 'skipped', reason: 'unreadable file' });
      continue;
    }
    const status = before?.hash === hash ? 'unchanged' : before ? 'changed' : 'added';
    if (!options.full) {
      const { rows } = await s.query<{ file_id: number; articles: number; chunks: number; total_length: string | number }>(
        'SELECT file_id, articles, chunks, total_length FROM nqb_files WHERE path = $1 AND hash = $2 AND settings = $3 AND complete ORDER BY file_id DESC LIMIT 1',
        [src.file, hash, settings],
      );
      const hit = rows[0];
      if (hit) {
        stored.push({
          file: src.file,
          fileId: hit.file_id,
          info: { hash, articles: hit.articles, chunks: hit.chunks },
          totalLength: Number(hit.total_length),
        });
        reports.push({ file: src.file, articles: hit.articles, status });
        continue;
      }
    }
    const { rows } = await s.query<{ file_id: number }>(
      `INSERT INTO nqb_files (path, hash, settings, articles, chunks, total_length, sketches) VALUES ($1, $2, $3, 0, 0, 0, '\\x') RETURNING file_id`,
      [src.file, hash, settings],
    );
    const fileId = rows[0]!.file_id;
    const state = { ids: [] as string[], sketches: [] as Sketch[], chunks: 0, totalLength: 0, df: new Map<string, number>() };
    const fileWarnings: string[] = [];
    const read: SourceRead = await readSource(
      src,
      options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      options.batchArticles ?? BATCH_ARTICLES,
      fileWarnings,
      async (raws) => {
        const articles = raws.filter((r) => r.text.trim() !== '').map((r, i) => buildArticle(r, src.file, state.ids.length + i + 1));
        if (articles.length === 0) return;
        const firstArticle = state.ids.length;
        for (const a of articles) {
          state.ids.push(a.id);
          state.sketches.push(sketchOf(a.text));
        }
        // Article by article: ids may clash inside a file (the generation renames them later).
        const chunks: Chunk[] = [];
        const owners: number[] = [];
        const texts: string[] = [];
        const termLists: ChunkTerms[] = [];
        articles.forEach((a, i) => {
          for (const c of chunkArticles([a], chunking)) {
            chunks.push(c);
            owners.push(firstArticle + i);
            texts.push(chunkSearchText(a, c));
            termLists.push(chunkTerms(a, c));
          }
        });
        const vectors = embedder ? await embedAll(embedder, texts, emit) : null;
        await insertArticles(s, fileId, articles, firstArticle);
        await insertChunks(s, fileId, chunks, state.chunks, owners, termLists, vectors, state);
        state.chunks += chunks.length;
      },
    );
    for (const w of fileWarnings) warnings.push(`${src.file}: ${w}`);
    if (read.kind === 'skipped' || state.ids.length === 0) {
      await s.query('DELETE FROM nqb_files WHERE file_id = $1', [fileId]);
      const reason = read.kind === 'skipped' ? read.reason : 'no article text found';
      skipped[src.file] = { hash, reason };
      reports.push({ file: src.file, articles: 0, status: 'skipped', reason });
      continue;
    }
    await insertFileTerms(s, fileId, state.df);
    await s.query('UPDATE nqb_files SET articles = $2, chunks = $3, total_length = $4, sketches = $5, complete = true WHERE file_id = $1', [
      fileId,
      state.ids.length,
      state.chunks,
      state.totalLength,
      Buffer.from(encodeSketches(state.sketches)),
    ]);
    stored.push({
      file: src.file,
      fileId,
      info: { hash, articles: state.ids.length, chunks: state.chunks },
      totalLength: state.totalLength,
    });
    reports.push({ file: src.file, articles: state.ids.length, status });
  }
  emit({ stage: 'parse', done, total: sources.length, file: '' });
  if (previous) {
    for (const f of Object.keys(previous.files))
      if (!sources.some((src) => src.file === f)) reports.push({ file: f, articles: 0, status: 'removed' });
  }

  emit({ stage: 'write' });
  const fileIds = stored.map((f) => f.fileId);
  // Article ids in corpus order, made unique exactly as the embedded loader does.
  const { rows: idRows } = await s.query<{ file_id: number; id: string }>(
    'SELECT file_id, id FROM nqb_articles WHERE file_id = ANY($1::int[]) ORDER BY file_id, ord',
    [fileIds],
  );
  const idsByFile = new Map<number, string[]>();
  for (const r of idRows) {
    let list = idsByFile.get(r.file_id);
    if (!list) idsByFile.set(r.file_id, (list = []));
    list.push(r.id);
  }
  const ids = uniqueArticleIds(stored.flatMap((f) => idsByFile.get(f.fileId) ?? []));
  for (const [from, to] of ids.renamed) warnings.push(`duplicate article id ${from} renamed ${to}`);
  const { rows: sketchRows } = await s.query<{ file_id: number; sketches: Uint8Array }>(
    'SELECT file_id, sketches FROM nqb_files WHERE file_id = ANY($1::int[])',
    [fileIds],
  );
  const sketchesByFile = new Map(sketchRows.map((r) => [r.file_id, decodeSketches(new Uint8Array(r.sketches))] as const));
  const sketches = stored.flatMap((f) => sketchesByFile.get(f.fileId) ?? []);
  // Collection-level date placement, as the embedded index applies when it is assembled: kept per generation.
  const assembled = await loadArticles(s, stored, ids.ids);
  const placed = placeInCollection(assembled);
  const overrides = new Map<number, Article>();
  placed.forEach((a, i) => {
    if (a !== assembled[i]) overrides.set(i, a);
  });
  const duplicates = findNearDuplicateSketches(ids.ids.map((id, i) => ({ id, sketch: sketches[i]! })));
  if (embedder) await ensureVectorIndex(s, embedder.dimension);

  const files: Record<string, FileEntryInfo> = {};
  for (const f of stored) files[f.file] = f.info;
  const counts = { articles: ids.ids.length, chunks: stored.reduce((n, f) => n + f.info.chunks, 0) };
  const totalLength = stored.reduce((n, f) => n + f.totalLength, 0);
  const manifestFor = (generation: number): Manifest =>
    manifestOf({ embedder, chunking, files, skipped, counts, generation: String(generation) });

  const manifest = await s.transaction(async (tx) => {
    const { rows: genRows } = await tx.query<{ generation: number }>(
      `INSERT INTO nqb_generations (manifest, articles, chunks, total_length) VALUES ('{}', $1, $2, $3) RETURNING generation`,
      [counts.articles, counts.chunks, totalLength],
    );
    const generation = genRows[0]!.generation;
    const m = manifestFor(generation);
    await tx.query('UPDATE nqb_generations SET manifest = $2::jsonb WHERE generation = $1', [generation, JSON.stringify(m)]);
    let chunkOffset = 0;
    let articleOffset = 0;
    const fileRows = stored.map((f, position) => {
      const row = { file_id: f.fileId, position, chunk_offset: chunkOffset, article_offset: articleOffset };
      chunkOffset += f.info.chunks;
      articleOffset += f.info.articles;
      return row;
    });
    await tx.query(
      `INSERT INTO nqb_generation_files (generation, file_id, position, chunk_offset, article_offset)
       SELECT $1, r.file_id, r.position, r.chunk_offset, r.article_offset
       FROM jsonb_to_recordset($2::jsonb) AS r(file_id int, position int, chunk_offset int, article_offset int)`,
      [generation, JSON.stringify(fileRows)],
    );
    let next = 0;
    const articleRows: { article_id: string; file_id: number; article_ord: number; dates: unknown; extra: unknown }[] = [];
    for (const f of stored) {
      for (let ord = 0; ord < f.info.articles; ord++) {
        const changed = overrides.get(next);
        const cols = changed ? columnsOf(changed) : null;
        articleRows.push({
          article_id: ids.ids[next++]!,
          file_id: f.fileId,
          article_ord: ord,
          dates: cols?.dates ?? null,
          extra: cols?.extra ?? null,
        });
      }
    }
    await tx.query(
      `INSERT INTO nqb_generation_articles (generation, article_id, file_id, article_ord, dates, extra)
       SELECT $1, r.article_id, r.file_id, r.article_ord, r.dates, r.extra
       FROM jsonb_to_recordset($2::jsonb) AS r(article_id text, file_id int, article_ord int, dates jsonb, extra jsonb)`,
      [generation, JSON.stringify(articleRows)],
    );
    if (duplicates.size > 0) {
      await tx.query(
        `INSERT INTO nqb_duplicates (generation, article_id, canonical_id)
         SELECT $1, r.a, r.c FROM jsonb_to_recordset($2::jsonb) AS r(a text, c text)`,
        [generation, JSON.stringify([...duplicates].map(([a, c]) => ({ a, c })))],
      );
    }
    await tx.query(
      `INSERT INTO nqb_terms (generation, term, df)
       SELECT $1, term, sum(df)::int FROM nqb_file_terms WHERE file_id = ANY($2::int[]) GROUP BY term`,
      [generation, fileIds],
    );
    // The switch: one statement. Readers follow nqb_live, so they see all of it or none of it.
    await tx.query(
      `INSERT INTO nqb_live (singleton, generation) VALUES (true, $1)
       ON CONFLICT (singleton) DO UPDATE SET previous_generation = nqb_live.generation, generation = EXCLUDED.generation, switched_at = now()`,
      [generation],
    );
    return m;
  });
  await collectGarbage(s);
  return finish({ ...manifest.counts, files: reports.sort((a, b) => (a.file < b.file ? -1 : 1)), mode: manifest.mode, noop: false });
}

/**
 * Drops generations other than the live and the previous one (queries already under way may
 * still read the previous), then file versions no generation lists. Runs under the ingestion lock.
 */
async function collectGarbage(s: Queryable): Promise<void> {
  await s.query(
    `DELETE FROM nqb_generations g WHERE NOT EXISTS (
       SELECT 1 FROM nqb_live l WHERE l.generation = g.generation OR l.previous_generation = g.generation)`,
  );
  await s.query('DELETE FROM nqb_files f WHERE NOT EXISTS (SELECT 1 FROM nqb_generation_files gf WHERE gf.file_id = f.file_id)');
}

/** The HNSW index over one model dimension's vectors (pgvector needs a fixed dimension per index). */
async function ensureVectorIndex(s: Queryable, dimension: number): Promise<void> {
  const dim = Math.floor(dimension);
  await s.query(
    `CREATE INDEX IF NOT EXISTS nqb_chunks_embedding_${dim} ON nqb_chunks USING hnsw ((embedding::vector(${dim})) vector_cosine_ops) WHERE vector_dims(embedding) = ${dim}`,
  );
}

/** An article's columns, and every other field as `extra`. */
function columnsOf(a: Article) {
  const { id, file: _file, title, source, url, published, text, paragraphs, sentences, dates, ...extra } = a;
  return { id, title, source, url, published, body: text, paragraphs, sentences, dates, extra };
}

/** The articles of the given file versions in corpus order, as the embedded loader assembles them (ids made unique). */
async function loadArticles(s: Queryable, stored: readonly StoredFile[], ids: readonly string[]): Promise<Article[]> {
  const out: Article[] = [];
  for (const f of stored) {
    const { rows } = await s.query<{
      title: string;
      source: string | null;
      url: string | null;
      published: string | null;
      body: string;
      paragraphs: Article['paragraphs'];
      sentences: Article['sentences'];
      dates: Article['dates'];
      extra: Partial<Article>;
    }>(
      'SELECT title, source, url, published, body, paragraphs, sentences, dates, extra FROM nqb_articles WHERE file_id = $1 ORDER BY ord',
      [f.fileId],
    );
    for (const r of rows) {
      const { body, extra, ...rest } = r;
      out.push({ ...extra, ...rest, id: ids[out.length]!, file: f.file, text: body });
    }
  }
  return out;
}

async function insertArticles(s: Queryable, fileId: number, articles: readonly Article[], first: number): Promise<void> {
  const rows = articles.map((a, i) => ({ ord: first + i, ...columnsOf(a) }));
  await s.query(
    `INSERT INTO nqb_articles (file_id, ord, id, title, source, url, published, body, paragraphs, sentences, dates, extra)
     SELECT $1, r.ord, r.id, r.title, r.source, r.url, r.published, r.body, r.paragraphs, r.sentences, r.dates, r.extra
     FROM jsonb_to_recordset($2::jsonb) AS r(ord int, id text, title text, source text, url text, published text, body text, paragraphs jsonb, sentences jsonb, dates jsonb, extra jsonb)`,
    [fileId, JSON.stringify(rows)],
  );
}

/** Largest term frequency kept, as the embedded BM25's 16-bit postings do. */
const MAX_TF = 65535;

async function insertChunks(
  s: Queryable,
  fileId: number,
  chunks: readonly Chunk[],
  firstOrd: number,
  owners: readonly number[],
  termLists: readonly ChunkTerms[],
  vectors: readonly Float32Array[] | null,
  state: { totalLength: number; df: Map<string, number> },
): Promise<void> {
  const chunkRows = chunks.map((c, i) => ({
    ord: firstOrd + i,
    a: owners[i]!,
    s: c.start,
    e: c.end,
    f: c.firstSentence,
    l: c.lastSentence,
    v: vectors ? `[${Array.from(vectors[i]!).join(',')}]` : null,
  }));
  const postings: { t: string; o: number; tf: number; n: number }[] = [];
  chunks.forEach((_, i) => {
    const { terms: list, acronyms } = termLists[i]!;
    state.totalLength += list.length;
    const counts = new Map<string, number>();
    for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
    // Acronyms the passage spells out count once and not toward its length (see chunkTerms).
    for (const t of acronyms) if (!counts.has(t)) counts.set(t, 1);
    for (const [t, c] of counts) {
      postings.push({ t, o: firstOrd + i, tf: Math.min(c, MAX_TF), n: list.length });
      state.df.set(t, (state.df.get(t) ?? 0) + 1);
    }
  });
  await s.query(
    `INSERT INTO nqb_chunks (file_id, ord, article_ord, start_offset, end_offset, first_sentence, last_sentence${vectors ? ', embedding' : ''})
     SELECT $1, r.ord, r.a, r.s, r.e, r.f, r.l${vectors ? ', r.v::vector' : ''}
     FROM jsonb_to_recordset($2::jsonb) AS r(ord int, a int, s int, e int, f int, l int, v text)`,
    [fileId, JSON.stringify(chunkRows)],
  );
  for (let i = 0; i < postings.length; i += POSTINGS_BATCH) {
    await s.query(
      `INSERT INTO nqb_postings (term, file_id, chunk_ord, tf, len)
       SELECT r.t, $1, r.o, r.tf, r.n FROM jsonb_to_recordset($2::jsonb) AS r(t text, o int, tf int, n int)`,
      [fileId, JSON.stringify(postings.slice(i, i + POSTINGS_BATCH))],
    );
  }
}

/** Rows per INSERT: large enough to amortise the round trip, small enough to bound one statement. */
const POSTINGS_BATCH = 20_000;

async function insertFileTerms(s: Queryable, fileId: number, df: ReadonlyMap<string, number>): Promise<void> {
  const rows = [...df].map(([t, d]) => ({ t, d }));
  for (let i = 0; i < rows.length; i += POSTINGS_BATCH) {
    await s.query(
      `INSERT INTO nqb_file_terms (file_id, term, df) SELECT $1, r.t, r.d FROM jsonb_to_recordset($2::jsonb) AS r(t text, d int)`,
      [fileId, JSON.stringify(rows.slice(i, i + POSTINGS_BATCH))],
    );
  }
}
