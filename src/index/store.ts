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
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** Reads and validates the manifest; null when there is none. Throws IndexLoadError when it is unusable. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new IndexLoadError(`cannot read ${join(dir, MANIFEST)}: ${(e as Error).message}`);
  }
  let m: Manifest;
  try {
    m = JSON.parse(raw) as Manifest;
  } catch {
    throw new IndexLoadError(`${join(dir, MANIFEST)} is not valid JSON; rebuild with \`npm run ingest -- --full\``);
  }
  if (m.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexLoadError(
      `index at ${dir} has schema version ${String(m.schemaVersion)}, this version reads ${SCHEMA_VERSION}; rebuild with \`npm run ingest -- --full\``,
    );
  }
  if (typeof m.generation !== 'string' || !m.generation || typeof m.files !== 'object' || !m.chunking) {
    throw new IndexLoadError(`${join(dir, MANIFEST)} is incomplete; rebuild with \`npm run ingest -- --full\``);
  }
  return m;
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
    const rec = JSON.parse(await readFile(path, 'utf8')) as FileRecord;
    if (rec.file !== file) throw new IndexLoadError(`${path} holds ${rec.file}, expected ${file}`);
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
 * index is missing, corrupt, or built with a different embedding model.
 */
export async function loadSearchIndex(dir: string, options: LoadOptions = {}): Promise<SearchIndex> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new IndexLoadError(`no index at ${dir}; build it with \`npm run ingest\``);
  const genDir = join(dir, manifest.generation);
  const articles: Article[] = [];
  try {
    for (const file of manifestFiles(manifest)) await readRecordArticles(genDir, file, manifest.files[file]!.parts ?? 1, articles);
  } catch (e) {
    if (e instanceof IndexLoadError) throw e;
    throw new IndexLoadError(`index at ${dir} is damaged (${(e as Error).message}); rebuild with \`npm run ingest -- --full\``);
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
    vectors = await HnswVectorIndex.load(join(genDir, 'vectors.hnsw'), manifest.model.dimension, chunks.length);
  }
  let lexical: Bm25Index;
  try {
    lexical = Bm25Index.fromPostings(await readLexicalPostings(genDir, chunks.length));
  } catch (e) {
    throw new IndexLoadError(
      `index at ${dir} has unusable lexical postings (${(e as Error).message}); rebuild with \`npm run ingest -- --full\``,
    );
  }
  const duplicates = JSON.parse(await readFile(join(genDir, 'duplicates.json'), 'utf8').catch(() => '{}')) as Record<string, string>;
  return buildSearchIndexInMemory(articles, {
    chunks,
    lexical,
    vectors,
    manifest,
    duplicateOf: new Map(Object.entries(duplicates)),
  });
}
