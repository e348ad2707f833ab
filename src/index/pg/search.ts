/**
 * Answering from PostgreSQL with the unchanged answer and timeline code.
 *
 * Those engines read a synchronous {@link SearchIndex}. For each question this module builds a
 * query-scoped view of the live generation holding only what the question touched: the chunks
 * BM25 (in SQL, over our own tokenizer's statistics) and pgvector return, their articles and
 * near-duplicate links, and the document frequencies of the terms asked about. The engine runs
 * on the view; whatever it asked for that the view lacked (an idf, a search, an article) is
 * recorded, fetched in one round, and the engine runs again, until a run asks for nothing new.
 * That last run saw exactly the data the embedded index would have given it, so its result is
 * the embedded result: the same excerpts, verbatim, cited the same way.
 *
 * Lexical scores are recomputed in JavaScript with float32 accumulation, as src/index/bm25.ts
 * does, so ranks and ties agree with the embedded BM25 to the bit.
 */
import { terms } from '../../core/text.js';
import type { Article, Chunk } from '../../core/types.js';
import type { Embedder, Reranker } from '../../embed/types.js';
import type { Lexicon } from '../../lexicon/types.js';
import { DEFAULT_PARAMS, topK } from '../bm25.js';
import type { Hit, LexicalIndex, Manifest, SearchIndex, VectorIndex } from '../types.js';
import type { Database } from './db.js';

/** Re-runs allowed per question; real questions need two or three. */
const MAX_PASSES = 8;
/** Extra lexical candidates scored in SQL beyond `k`, re-scored exactly here (float32 rounding can swap near-ties). */
const LEXICAL_MARGIN = 20;
/** Document frequencies cached per generation before the cache is emptied (query expansion asks for a word table's whole vocabulary). */
const DF_CACHE_LIMIT = 1_000_000;
/** Dense search beam width floor, as the embedded HNSW index (src/index/hnsw-index.ts). */
const MIN_EF_SEARCH = 128;

/** One source file of a generation. */
interface GenerationFile {
  readonly fileId: number;
  readonly path: string;
  readonly chunkOffset: number;
  readonly articleOffset: number;
}

/** The live generation as this process last saw it. */
export interface Generation {
  readonly generation: number;
  readonly manifest: Manifest;
  readonly chunks: number;
  readonly articles: number;
  readonly avgLength: number;
  readonly files: readonly GenerationFile[];
  readonly fileIds: readonly number[];
  /** term → document frequency, filled as questions ask. */
  readonly df: Map<string, number>;
  /**
   * Every article of the generation in corpus order, metadata only (id, file, title, outlet,
   * dates, credits, reasons): what the engines read of `index.articles` (outlets and titles named
   * in a question) and what `/sources` lists. Text, sentences and dates are not loaded: reading
   * them from here throws, so a full-text scan can never silently see empty articles.
   */
  readonly catalog: readonly Article[];
  /** Chunks per article, parallel to `catalog`. */
  readonly catalogChunks: readonly number[];
}

export interface QueryDeps {
  readonly index: SearchIndex;
  readonly embedder: Embedder | null;
  readonly reranker: Reranker | null;
  readonly lexicon: Lexicon | null;
}

/** Reads the live generation of a database and answers questions over it. */
export class PgSearch {
  #current: Generation | null = null;

  constructor(readonly db: Database) {}

  /** The live generation (one small query; its details are re-read only when it changed). Null before the first ingestion. */
  async live(): Promise<Generation | null> {
    const { rows } = await this.db.query<{ generation: number }>('SELECT generation FROM nqb_live');
    const id = rows[0]?.generation;
    if (id === undefined) return (this.#current = null);
    if (this.#current?.generation === id) return this.#current;
    return (this.#current = await this.#load(id));
  }

  /** The generation last returned by {@link live}, without asking the database. */
  get last(): Generation | null {
    return this.#current;
  }

  async #load(generation: number): Promise<Generation> {
    const { rows } = await this.db.query<{ manifest: Manifest; articles: number; chunks: number; total_length: string | number }>(
      'SELECT manifest, articles, chunks, total_length FROM nqb_generations WHERE generation = $1',
      [generation],
    );
    const g = rows[0];
    if (!g) throw new Error(`generation ${generation} vanished while being read`);
    const { rows: fileRows } = await this.db.query<{ file_id: number; path: string; chunk_offset: number; article_offset: number }>(
      `SELECT gf.file_id, f.path, gf.chunk_offset, gf.article_offset
       FROM nqb_generation_files gf JOIN nqb_files f ON f.file_id = gf.file_id
       WHERE gf.generation = $1 ORDER BY gf.position`,
      [generation],
    );
    const files = fileRows.map((r) => ({ fileId: r.file_id, path: r.path, chunkOffset: r.chunk_offset, articleOffset: r.article_offset }));
    const total = Number(g.total_length);
    const { catalog, catalogChunks } = await this.#catalog(generation, new Map(files.map((f) => [f.fileId, f.path] as const)));
    return {
      catalog,
      catalogChunks,
      generation,
      manifest: g.manifest,
      chunks: g.chunks,
      articles: g.articles,
      // As Bm25Index: the mean of the chunk lengths (1 for an empty index).
      avgLength: g.chunks ? total / g.chunks : 1,
      files,
      fileIds: files.map((f) => f.fileId),
      df: new Map(),
    };
  }

  async #catalog(generation: number, paths: ReadonlyMap<number, string>): Promise<{ catalog: Article[]; catalogChunks: number[] }> {
    const { rows } = await this.db.query<{
      article_id: string;
      file_id: number;
      title: string;
      source: string | null;
      url: string | null;
      published: string | null;
      extra: Partial<Article>;
      chunks: number;
    }>(
      `SELECT ga.article_id, ga.file_id, a.title, a.source, a.url, a.published, coalesce(ga.extra, a.extra) - 'roles' AS extra, coalesce(c.n, 0)::int AS chunks
       FROM nqb_generation_articles ga
       JOIN nqb_generation_files gf ON gf.generation = ga.generation AND gf.file_id = ga.file_id
       JOIN nqb_articles a ON a.file_id = ga.file_id AND a.ord = ga.article_ord
       LEFT JOIN (SELECT file_id, article_ord, count(*) AS n FROM nqb_chunks GROUP BY file_id, article_ord) c
         ON c.file_id = ga.file_id AND c.article_ord = ga.article_ord
       WHERE ga.generation = $1
       ORDER BY gf.position, ga.article_ord`,
      [generation],
    );
    return {
      catalog: rows.map((r) =>
        metadataOnly({
          ...r.extra,
          id: r.article_id,
          file: paths.get(r.file_id) ?? '',
          title: r.title,
          source: r.source,
          url: r.url,
          published: r.published,
        }),
      ),
      catalogChunks: rows.map((r) => r.chunks),
    };
  }

  /**
   * Runs `fn` (the answer or timeline engine) on a view of generation `gen`, fetching what it
   * asks for until it asks for nothing new. `embedder` is used only when the generation holds
   * vectors from that same model.
   */
  async run<T>(
    gen: Generation,
    models: { readonly embedder: Embedder | null; readonly reranker: Reranker | null; readonly lexicon?: Lexicon | null },
    fn: (deps: QueryDeps) => Promise<T>,
  ): Promise<T> {
    const model = gen.manifest.model;
    const embedder = models.embedder && model && model.id === models.embedder.modelId ? memoEmbedder(models.embedder) : null;
    const reranker = models.reranker ? memoReranker(models.reranker) : null;
    const view = new QueryView(gen, embedder !== null);
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      view.startPass();
      const result = await fn({ index: view.index, embedder, reranker, lexicon: models.lexicon ?? null });
      if (!view.wanting()) return result;
      await this.#fill(gen, view);
    }
    throw new Error(`a question needed more than ${MAX_PASSES} rounds of database reads`);
  }

  /** Fetches everything the last pass missed. */
  async #fill(gen: Generation, view: QueryView): Promise<void> {
    const wants = view.takeWants();
    const termSet = new Set(wants.terms);
    for (const s of wants.searches) for (const t of s.weights.keys()) termSet.add(t);
    await this.#fetchDf(
      gen,
      [...termSet].filter((t) => !gen.df.has(t)),
    );
    const chunkIds = new Set<number>();
    for (const s of wants.searches) {
      const hits = await this.#lexicalSearch(gen, s.weights, s.k);
      view.searches.set(s.key, hits);
      for (const h of hits) chunkIds.add(h.id);
    }
    for (const v of wants.vectors) {
      const hits = await this.#vectorSearch(gen, v.vector, v.k);
      let byK = view.vectorSearches.get(v.vector);
      if (!byK) view.vectorSearches.set(v.vector, (byK = new Map()));
      byK.set(v.k, hits);
      for (const h of hits) chunkIds.add(h.id);
    }
    await this.#fetchChunks(
      gen,
      view,
      [...chunkIds].filter((id) => view.chunks[id] === undefined),
    );
    if (wants.articles.length > 0) await this.#fetchArticles(gen, view, { ids: wants.articles });
  }

  async #fetchDf(gen: Generation, wanted: string[]): Promise<void> {
    if (wanted.length === 0) return;
    if (gen.df.size + wanted.length > DF_CACHE_LIMIT) gen.df.clear();
    for (const t of wanted) gen.df.set(t, 0);
    // PostgreSQL text cannot hold NUL, so no stored term does (the answer engine asks for '\0absent').
    wanted = wanted.filter((t) => !t.includes('\u0000'));
    if (wanted.length === 0) return;
    const { rows } = await this.db.query<{ term: string; df: number }>(
      'SELECT term, df FROM nqb_terms WHERE generation = $1 AND term = ANY($2::text[])',
      [gen.generation, wanted],
    );
    for (const r of rows) gen.df.set(r.term, r.df);
  }

  /** BM25 exactly as src/index/bm25.ts: candidates ranked in SQL, then re-scored here with its float32 arithmetic. */
  async #lexicalSearch(gen: Generation, qtf: ReadonlyMap<string, number>, k: number): Promise<Hit[]> {
    if (k <= 0 || gen.chunks === 0) return [];
    const known = [...qtf].filter(([t, m]) => m > 0 && (gen.df.get(t) ?? 0) > 0);
    if (known.length === 0) return [];
    const { k1, b } = DEFAULT_PARAMS;
    const { rows } = await this.db.query<{ file_id: number; chunk_ord: number; terms: string[]; tfs: number[]; len: number }>(
      `SELECT p.file_id, p.chunk_ord, array_agg(p.term) AS terms, array_agg(p.tf) AS tfs, min(p.len) AS len
       FROM unnest($2::text[], $3::float8[]) AS q(term, mult)
       JOIN nqb_terms t ON t.generation = $1 AND t.term = q.term
       JOIN nqb_postings p ON p.term = q.term
       JOIN nqb_generation_files gf ON gf.generation = $1 AND gf.file_id = p.file_id
       GROUP BY p.file_id, p.chunk_ord, gf.chunk_offset
       ORDER BY sum(ln(1 + ($4::float8 - t.df + 0.5) / (t.df + 0.5)) * q.mult * (p.tf * ($6::float8 + 1))
                    / (p.tf + $6::float8 * (1 - $7::float8 + $7::float8 * p.len / $5::float8))) DESC,
                gf.chunk_offset + p.chunk_ord
       LIMIT $8`,
      [gen.generation, known.map(([t]) => t), known.map(([, m]) => m), gen.chunks, gen.avgLength, k1, b, k + LEXICAL_MARGIN],
    );
    const n = gen.chunks;
    const idf = (t: string) => {
      const df = gen.df.get(t) ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    };
    const scores: { length: number; [id: number]: number } = { length: n };
    const ids: number[] = [];
    for (const r of rows) {
      const id = globalChunkId(gen, r.file_id, r.chunk_ord);
      const tfOf = new Map(r.terms.map((t, i) => [t, r.tfs[i]!] as const));
      let score = 0;
      // Term by term in query order, rounding to float32 after each step like Bm25Index's Float32Array.
      for (const [t, mult] of qtf) {
        if (!(mult > 0)) continue;
        const tf = tfOf.get(t);
        if (tf === undefined) continue;
        const w = idf(t) * mult;
        const norm = k1 * (1 - b + (b * r.len) / gen.avgLength);
        score = Math.fround(score + (w * (tf * (k1 + 1))) / (tf + norm));
      }
      scores[id] = score;
      ids.push(id);
    }
    return topK(ids, scores, k);
  }

  async #vectorSearch(gen: Generation, vector: Float32Array, k: number): Promise<Hit[]> {
    const wanted = Math.min(Math.floor(k), gen.chunks);
    const dim = gen.manifest.model?.dimension ?? 0;
    if (wanted <= 0 || dim === 0) return [];
    if (vector.length !== dim) throw new Error(`query has ${vector.length} dimensions, expected ${dim}`);
    const literal = `[${Array.from(vector).join(',')}]`;
    const rows = await this.db.session((s) =>
      s.transaction(async (tx) => {
        // The HNSW scan filters by generation after the graph walk: keep walking until enough rows pass.
        await tx.query(`SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`, [
          String(Math.max(MIN_EF_SEARCH, wanted)),
        ]);
        const r = await tx.query<{ file_id: number; ord: number; distance: number }>(
          `SELECT c.file_id, c.ord, c.embedding::vector(${dim}) <=> $1::vector(${dim}) AS distance
           FROM nqb_chunks c
           WHERE vector_dims(c.embedding) = ${dim} AND c.file_id = ANY($2::int[])
           ORDER BY c.embedding::vector(${dim}) <=> $1::vector(${dim})
           LIMIT $3`,
          [literal, gen.fileIds, wanted],
        );
        return r.rows;
      }),
    );
    return rows
      .map((r) => ({ id: globalChunkId(gen, r.file_id, r.ord), score: 1 - r.distance }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  async #fetchChunks(gen: Generation, view: QueryView, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const keys = ids.map((id) => fileOfChunk(gen, id));
    const { rows } = await this.db.query<{
      file_id: number;
      ord: number;
      article_ord: number;
      start_offset: number;
      end_offset: number;
      first_sentence: number;
      last_sentence: number;
    }>(
      `SELECT c.file_id, c.ord, c.article_ord, c.start_offset, c.end_offset, c.first_sentence, c.last_sentence
       FROM unnest($1::int[], $2::int[]) AS k(f, o) JOIN nqb_chunks c ON c.file_id = k.f AND c.ord = k.o`,
      [keys.map((k) => k.file.fileId), keys.map((k) => k.ord)],
    );
    const wanted = new Map<string, { f: number; o: number }>();
    for (const r of rows) {
      const key = `${r.file_id}:${r.article_ord}`;
      if (!view.articleAt.has(key)) wanted.set(key, { f: r.file_id, o: r.article_ord });
    }
    await this.#fetchArticles(gen, view, { positions: [...wanted.values()] });
    for (const r of rows) {
      const article = view.articleAt.get(`${r.file_id}:${r.article_ord}`);
      if (!article) continue;
      const id = globalChunkId(gen, r.file_id, r.ord);
      view.chunks[id] = {
        id,
        articleId: article.id,
        start: r.start_offset,
        end: r.end_offset,
        firstSentence: r.first_sentence,
        lastSentence: r.last_sentence,
      };
    }
  }

  async #fetchArticles(
    gen: Generation,
    view: QueryView,
    which: { readonly ids?: readonly string[]; readonly positions?: readonly { f: number; o: number }[] },
  ): Promise<void> {
    const select = `SELECT ga.article_id, a.file_id, a.ord, a.title, a.source, a.url, a.published, a.body, a.paragraphs, a.sentences, coalesce(ga.dates, a.dates) AS dates, coalesce(ga.extra, a.extra) AS extra, d.canonical_id
       FROM nqb_generation_articles ga
       JOIN nqb_articles a ON a.file_id = ga.file_id AND a.ord = ga.article_ord
       LEFT JOIN nqb_duplicates d ON d.generation = ga.generation AND d.article_id = ga.article_id`;
    let rows: ArticleRow[] = [];
    if (which.ids && which.ids.length > 0) {
      rows = (
        await this.db.query<ArticleRow>(`${select} WHERE ga.generation = $1 AND ga.article_id = ANY($2::text[])`, [
          gen.generation,
          which.ids,
        ])
      ).rows;
    } else if (which.positions && which.positions.length > 0) {
      rows = (
        await this.db.query<ArticleRow>(
          `${select} JOIN unnest($2::int[], $3::int[]) AS k(f, o) ON ga.file_id = k.f AND ga.article_ord = k.o WHERE ga.generation = $1`,
          [gen.generation, which.positions.map((p) => p.f), which.positions.map((p) => p.o)],
        )
      ).rows;
    }
    const byFile = new Map(gen.files.map((f) => [f.fileId, f] as const));
    for (const r of rows) {
      const file = byFile.get(r.file_id);
      if (!file) continue;
      const article: Article = {
        ...r.extra,
        id: r.article_id,
        file: file.path,
        title: r.title,
        source: r.source,
        url: r.url,
        published: r.published,
        text: r.body,
        paragraphs: r.paragraphs,
        sentences: r.sentences,
        dates: r.dates,
      };
      view.addArticle(article, `${r.file_id}:${r.ord}`, r.canonical_id);
    }
    for (const id of which.ids ?? []) view.markAbsent(id);
  }
}

interface ArticleRow {
  readonly article_id: string;
  readonly file_id: number;
  readonly ord: number;
  readonly title: string;
  readonly source: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly body: string;
  readonly paragraphs: Article['paragraphs'];
  readonly sentences: Article['sentences'];
  readonly dates: Article['dates'];
  readonly extra: Partial<Article>;
  readonly canonical_id: string | null;
}

/** An article record without its text: the text fields throw when read (see {@link Generation.catalog}). */
function metadataOnly(fields: Omit<Article, 'text' | 'paragraphs' | 'sentences' | 'dates'>): Article {
  const absent = (name: string) => ({
    enumerable: false,
    get(): never {
      throw new Error(`article ${fields.id}: ${name} is not loaded in the database view's article list; read it through articleById`);
    },
  });
  return Object.defineProperties(
    { ...fields },
    {
      text: absent('text'),
      paragraphs: absent('paragraphs'),
      sentences: absent('sentences'),
      dates: absent('dates'),
    },
  ) as Article;
}

function globalChunkId(gen: Generation, fileId: number, ord: number): number {
  const file = gen.files.find((f) => f.fileId === fileId);
  if (!file) throw new Error(`file version ${fileId} is not in generation ${gen.generation}`);
  return file.chunkOffset + ord;
}

/** The file holding global chunk `id` (files are in chunk order) and the chunk's position in it. */
function fileOfChunk(gen: Generation, id: number): { file: GenerationFile; ord: number } {
  let lo = 0;
  let hi = gen.files.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (gen.files[mid]!.chunkOffset <= id) lo = mid;
    else hi = mid - 1;
  }
  const file = gen.files[lo]!;
  return { file, ord: id - file.chunkOffset };
}

/** Query term weights as Bm25Index.searchTerms computes them: the count of each term, in first-occurrence order. */
function termCounts(query: string): Map<string, number> {
  const qtf = new Map<string, number>();
  for (const t of terms(query)) qtf.set(t, (qtf.get(t) ?? 0) + 1);
  return qtf;
}

function searchKey(weights: ReadonlyMap<string, number>, k: number): string {
  return `${k}\u0000${JSON.stringify([...weights])}`;
}

/** A map that records reads of keys it has not been told about. */
class RecordingMap<V> extends Map<string, V> {
  constructor(
    private readonly known: (key: string) => boolean,
    private readonly onMiss: (key: string) => void,
  ) {
    super();
  }
  override get(key: string): V | undefined {
    if (!super.has(key) && !this.known(key)) this.onMiss(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    if (!super.has(key) && !this.known(key)) this.onMiss(key);
    return super.has(key);
  }
}

/** The query-scoped SearchIndex and what its last pass asked for and did not have. */
class QueryView {
  index: SearchIndex;
  readonly #makeLexical: () => LexicalIndex;
  /** Sparse, indexed by global chunk id; `length` is the generation's chunk count. */
  readonly chunks: Chunk[];
  readonly articles: readonly Article[];
  readonly articleAt = new Map<string, Article>();
  readonly searches = new Map<string, Hit[]>();
  readonly vectorSearches = new Map<Float32Array, Map<number, Hit[]>>();
  readonly #byId: RecordingMap<Article>;
  readonly #duplicates: RecordingMap<string>;
  readonly #absent = new Set<string>();
  #wants = emptyWants();

  constructor(
    private readonly gen: Generation,
    withVectors: boolean,
  ) {
    this.chunks = new Array<Chunk>(gen.chunks);
    this.articles = gen.catalog;
    const missArticle = (id: string) => this.#wants.articles.push(id);
    this.#byId = new RecordingMap<Article>((id) => this.#absent.has(id), missArticle);
    // An article's duplicate link is fetched with the article: only unknown articles are misses.
    this.#duplicates = new RecordingMap<string>((id) => this.#absent.has(id) || this.#byId.has(id), missArticle);
    const n = gen.chunks;
    const searchWeighted = (weights: ReadonlyMap<string, number>, k: number): Hit[] => {
      const key = searchKey(weights, k);
      const hits = this.searches.get(key);
      if (hits) return hits;
      this.#wants.searches.push({ key, weights: new Map(weights), k });
      return [];
    };
    // A new object every pass: callers cache per LexicalIndex (query expansion's corpus
    // neighbours), and what a pass with missing statistics built must not outlive it.
    this.#makeLexical = () => ({
      search: (query, k) => searchWeighted(termCounts(query), k),
      searchWeighted: (weights, k) => searchWeighted(weights, k),
      idf: (term) => {
        const df = gen.df.get(term);
        if (df === undefined) this.#wants.terms.push(term);
        const d = df ?? 0;
        return Math.log(1 + (n - d + 0.5) / (d + 0.5));
      },
    });
    const lexical = this.#makeLexical();
    const dimension = gen.manifest.model?.dimension ?? 0;
    const vectors: VectorIndex | null = withVectors
      ? {
          dimension,
          size: n,
          search: (vector, k) => {
            const hits = this.vectorSearches.get(vector)?.get(k);
            if (hits) return hits;
            this.#wants.vectors.push({ vector, k });
            return [];
          },
        }
      : null;
    this.index = {
      manifest: gen.manifest,
      articles: this.articles,
      articleById: this.#byId,
      chunks: this.chunks,
      lexical,
      vectors,
      duplicateOf: this.#duplicates,
    };
  }

  startPass(): void {
    this.#wants = emptyWants();
    this.index = { ...this.index, lexical: this.#makeLexical() };
  }

  wanting(): boolean {
    const w = this.#wants;
    return w.terms.length + w.searches.length + w.vectors.length + w.articles.length > 0;
  }

  takeWants(): Wants {
    const w = this.#wants;
    this.#wants = emptyWants();
    return { terms: [...new Set(w.terms)], searches: w.searches, vectors: w.vectors, articles: [...new Set(w.articles)] };
  }

  addArticle(article: Article, key: string, canonical: string | null): void {
    if (this.articleAt.has(key)) return;
    this.articleAt.set(key, article);
    Map.prototype.set.call(this.#byId, article.id, article);
    if (canonical !== null) Map.prototype.set.call(this.#duplicates, article.id, canonical);
  }

  /** An id looked up and not found in this generation: not a miss again. */
  markAbsent(id: string): void {
    if (!Map.prototype.has.call(this.#byId, id)) this.#absent.add(id);
  }

  get generation(): number {
    return this.gen.generation;
  }
}

interface Wants {
  terms: string[];
  searches: { key: string; weights: ReadonlyMap<string, number>; k: number }[];
  vectors: { vector: Float32Array; k: number }[];
  articles: string[];
}

function emptyWants(): Wants {
  return { terms: [], searches: [], vectors: [], articles: [] };
}

/** The same texts give the same vector objects within one question, so the view can key searches by vector. */
function memoEmbedder(embedder: Embedder): Embedder {
  const cache = new Map<string, Float32Array[]>();
  return {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      const key = texts.join('\u0001');
      let v = cache.get(key);
      if (!v) cache.set(key, (v = await embedder.embed(texts)));
      return v;
    },
  };
}

function memoReranker(reranker: Reranker): Reranker {
  const cache = new Map<string, number[]>();
  return {
    modelId: reranker.modelId,
    async score(query: string, passages: readonly string[]): Promise<number[]> {
      const key = `${query}\u0002${passages.join('\u0001')}`;
      let s = cache.get(key);
      if (!s) cache.set(key, (s = await reranker.score(query, passages)));
      return s;
    },
  };
}
