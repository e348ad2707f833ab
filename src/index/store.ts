/**
 * On-disk layout of a saved index (all under the index directory):
 *
 *   manifest.json            the only mutable file; names the live generation. Replaced atomically.
 *   gen-<time>-<pid>/        one complete, immutable generation:
 *     files/<key>.json       parsed articles of one source file (sentences, dates…)
 *     files/<key>.f32        that file's chunk vectors (hybrid mode), raw little-endian float32
 *     duplicates.json        near-duplicate article map
 *     files/<key>[.<n>].post BM25 postings of each record part (binary, see postings.ts)
 *     lexical.post           BM25 postings of all chunks, merged: loading never tokenizes
 *     vectors.hnsw           HNSW graph over all chunk vectors (hybrid mode)
 *     vectors.hnsw.labels    its label → chunk id table (see hnsw-index.ts)
 *
 * A new generation is written beside the live one (unchanged files are hard-linked, not copied)
 * and becomes live only when manifest.json is renamed over the old one, so a crash at any point
 * leaves the previous index intact and loadable.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Article } from '../core/types.js';
import { chunkArticles } from './memory.js';
import { SCHEMA_VERSION, buildSearchIndexInMemory } from './memory.js';
import { Bm25Index } from './bm25.js';
import { HnswVectorIndex } from './hnsw-index.js';
import { readLexicalPostings } from './postings.js';
import type { Manifest, SearchIndex } from './types.js';

/** Thrown when the index is missing, corrupt, or was built with incompatible settings. */
export class IndexLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexLoadError';
  }
}

/** Parsed articles of one source file (or one part of a large one), as saved. */
export interface FileRecord {
  readonly file: string;
  readonly hash: string;
  readonly articles: readonly Article[];
}

export const MANIFEST = 'manifest.json';

/** Name of a file's records inside a generation: stable per source path. */
export function recordKey(file: string): string {
  return createHash('sha1').update(file).digest('hex').slice(0, 16);
}

/** Writes `data` to `path` via a temporary file and rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {}); // a half-written file must not keep a full disk full
    throw e;
  }
}

const count = z.number().int().nonnegative();

/** The manifest's shape, checked on every read: a saved file is parsed, never assumed. */
const manifestSchema = z.object({
  schemaVersion: z.number(),
  mode: z.enum(['hybrid', 'lexical']),
  parserVersion: z.number(),
  model: z.object({ id: z.string().min(1), dimension: z.number().int().positive() }).nullable(),
  chunking: z.object({ targetChars: z.number().positive(), overlapSentences: count }),
  files: z.record(
    z.string(),
    z.object({ hash: z.string(), articles: count, chunks: count, parts: z.number().int().positive().optional() }),
  ),
  skipped: z.record(z.string(), z.object({ hash: z.string(), reason: z.string() })).optional(),
  counts: z.object({ articles: count, chunks: count }),
  corpusHash: z.string(),
  builtAt: z.string(),
  generation: z.string().regex(/^gen-[\w.-]+$/, 'must name a gen-… folder'),
  previousGeneration: z
    .string()
    .regex(/^gen-[\w.-]+$/)
    .optional(),
});

/** Reads and validates the manifest; null when there is none. Throws IndexLoadError when it is unusable. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const path = join(dir, MANIFEST);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new IndexLoadError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new IndexLoadError(`${path} is not valid JSON; rebuild with \`npm run ingest -- --full\``);
  }
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    throw new IndexLoadError(
      `index at ${dir} has schema version ${version}, this version reads ${SCHEMA_VERSION}; rebuild with \`npm run ingest -- --full\``,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    throw new IndexLoadError(
      `${path} is incomplete or damaged (${where}: ${issue?.message ?? 'invalid'}); rebuild with \`npm run ingest -- --full\``,
    );
  }
  return parsed.data;
}

/** File name of part `part` of a source file's records: `<key>.json`, then `<key>.1.json`, `<key>.2.json`… */
export function recordPartName(file: string, part: number): string {
  return part === 0 ? `${recordKey(file)}.json` : `${recordKey(file)}.${part}.json`;
}

/** File name of part `part` of a source file's BM25 postings (chunk ids local to the part): `<key>.post`, `<key>.1.post`… */
export function postingsPartName(file: string, part: number): string {
  return recordPartName(file, part).replace(/\.json$/, '.post');
}

/** Reads the articles of one source file from a generation, part after part, into `into`. */
export async function readRecordArticles(genDir: string, file: string, parts: number, into: Article[]): Promise<void> {
  for (let part = 0; part < parts; part++) {
    const path = join(genDir, 'files', recordPartName(file, part));
    let rec: FileRecord | null;
    try {
      rec = JSON.parse(await readFile(path, 'utf8')) as FileRecord | null;
    } catch (e) {
      throw new Error(e instanceof SyntaxError ? `${path} is not valid JSON` : (e as Error).message);
    }
    if (typeof rec !== 'object' || rec === null || !Array.isArray(rec.articles)) throw new Error(`${path} is not a file record`);
    if (rec.file !== file) throw new Error(`${path} holds ${String(rec.file)}, expected ${file}`);
    // A loop, not push(...): one part may hold more articles than a call has arguments.
    for (const a of rec.articles) into.push(a);
  }
}

/** Source files of a manifest in the canonical (global chunk) order. */
export function manifestFiles(m: Manifest): string[] {
  return Object.keys(m.files).sort();
}

/**
 * Makes article ids unique in corpus order: the first keeps its id, later ones get `~2`, `~3`…
 * Ingestion and loading both apply it, so citations and duplicate maps agree.
 */
export function uniqueArticleIds(ids: readonly string[]): { ids: string[]; renamed: [string, string][] } {
  const seen = new Set<string>();
  const renamed: [string, string][] = [];
  const out = ids.map((id) => {
    let unique = id;
    for (let n = 2; seen.has(unique); n++) unique = `${id}~${n}`;
    if (unique !== id) renamed.push([id, unique]);
    seen.add(unique);
    return unique;
  });
  return { ids: out, renamed };
}

export interface LoadOptions {
  /**
   * Embedding model the caller will query with. A hybrid index built with another model is
   * refused (its vectors live in a different space); null means "no model": vectors are not loaded.
   */
  readonly modelId?: string | null;
}

/**
 * Loads a saved index. Throws IndexLoadError with a message that says what to do when the
 * index is missing, corrupt, or built with a different embedding model. A load that fails because
 * an ingestion swapped generations under it (the manifest changed meanwhile) is retried once.
 */
export async function loadSearchIndex(dir: string, options: LoadOptions = {}): Promise<SearchIndex> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new IndexLoadError(`no index at ${dir}; build it with \`npm run ingest\``);
  try {
    return await loadGeneration(dir, manifest, options);
  } catch (e) {
    const now = await readManifest(dir).catch(() => null);
    if (!now || now.generation === manifest.generation) throw e;
    return loadGeneration(dir, now, options);
  }
}

async function loadGeneration(dir: string, manifest: Manifest, options: LoadOptions): Promise<SearchIndex> {
  const genDir = join(dir, manifest.generation);
  const damaged = (e: unknown): IndexLoadError =>
    e instanceof IndexLoadError
      ? e
      : new IndexLoadError(`index at ${dir} is damaged (${(e as Error).message}); rebuild with \`npm run ingest -- --full\``);
  const articles: Article[] = [];
  try {
    for (const file of manifestFiles(manifest)) await readRecordArticles(genDir, file, manifest.files[file]!.parts ?? 1, articles);
  } catch (e) {
    throw damaged(e);
  }
  const { ids, renamed } = uniqueArticleIds(articles.map((a) => a.id));
  if (renamed.length > 0) ids.forEach((id, i) => (articles[i] = { ...articles[i]!, id }));
  const chunks = chunkArticles(articles, manifest.chunking);
  if (chunks.length !== manifest.counts.chunks || articles.length !== manifest.counts.articles) {
    throw new IndexLoadError(
      `index at ${dir} does not match its manifest (${articles.length} articles/${chunks.length} chunks, manifest says ${manifest.counts.articles}/${manifest.counts.chunks}); rebuild with \`npm run ingest -- --full\``,
    );
  }
  let vectors = null;
  const wanted = options.modelId ?? null;
  if (manifest.model && wanted) {
    if (manifest.model.id !== wanted) {
      throw new IndexLoadError(
        `index at ${dir} was embedded with ${manifest.model.id} but the configured model is ${wanted}; rebuild with \`npm run ingest -- --full\` or set EMBEDDING_MODEL=${manifest.model.id}`,
      );
    }
    try {
      vectors = await HnswVectorIndex.load(join(genDir, 'vectors.hnsw'), manifest.model.dimension, chunks.length);
    } catch (e) {
      throw damaged(e);
    }
  }
  let duplicates: Record<string, string>;
  try {
    duplicates = await readDuplicates(genDir);
  } catch (e) {
    throw damaged(e);
  }
  let lexical: Bm25Index;
  try {
    lexical = Bm25Index.fromPostings(await readLexicalPostings(genDir, chunks.length));
  } catch (e) {
    throw new IndexLoadError(
      `index at ${dir} has unusable lexical postings (${(e as Error).message}); rebuild with \`npm run ingest -- --full\``,
    );
  }
  return buildSearchIndexInMemory(articles, {
    chunks,
    lexical,
    vectors,
    manifest,
    duplicateOf: new Map(Object.entries(duplicates)),
  });
}

const duplicatesSchema = z.record(z.string(), z.string());

/** A generation's near-duplicate map (absent means none); throws when the file is not such a map. */
export async function readDuplicates(genDir: string): Promise<Record<string, string>> {
  let raw: string;
  try {
    raw = await readFile(join(genDir, 'duplicates.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('duplicates.json is not valid JSON');
  }
  const parsed = duplicatesSchema.safeParse(json);
  if (!parsed.success) throw new Error('duplicates.json is not a map of article ids');
  return parsed.data;
}
