import type { Article, Chunk } from '../core/types.js';
import { DEFAULT_CHUNKING, chunkSentences } from '../ingest/chunker.js';
import { placeInCollection } from '../ingest/collection-dates.js';
import { spelledAcronyms } from '../core/acronyms.js';
import { terms } from '../core/text.js';
import { Bm25Index } from './bm25.js';
import { type PostingsData, postingsFromTerms } from './postings.js';
import type { ChunkingSettings, LexicalIndex, Manifest, SearchIndex, VectorIndex } from './types.js';

/**
 * Current on-disk schema; bump when a saved field changes meaning.
 * 2: binary BM25 postings (`lexical.post`, per-part `.post`) and HNSW label tables.
 */
export const SCHEMA_VERSION = 2;

/**
 * Text a chunk is searched by: the article title then the chunk's sentences. The title gives
 * every chunk its topic ("Bolivia cuts ties with Israel"), which the sentences often omit.
 */
export function chunkSearchText(article: Article, chunk: Pick<Chunk, 'start' | 'end'>): string {
  return `${article.title}\n${article.text.slice(chunk.start, chunk.end)}`;
}

/** What a chunk is indexed by: see {@link chunkTerms}. */
export interface ChunkTerms {
  /** The terms of {@link chunkSearchText}, in order. */
  readonly terms: string[];
  /** Acronyms its title and sentences spell out ("American Automobile Association" → "aaa"). */
  readonly acronyms: string[];
}

/**
 * Lexical terms a chunk is indexed by: those of {@link chunkSearchText}, and the acronyms its
 * title and sentences spell out, so a question naming the acronym ("According to the AAA…")
 * finds the passage that writes the name in full. Acronyms count once and not toward the
 * chunk's length (see `postingsFromTerms`).
 */
export function chunkTerms(article: Article, chunk: Pick<Chunk, 'start' | 'end' | 'firstSentence' | 'lastSentence'>): ChunkTerms {
  const acronyms = new Set(spelledAcronyms(article.title));
  for (let i = chunk.firstSentence; i <= chunk.lastSentence; i++) {
    const s = article.sentences[i];
    if (s) for (const a of spelledAcronyms(article.text.slice(s.start, s.end))) acronyms.add(a);
  }
  return { terms: terms(chunkSearchText(article, chunk)), acronyms: [...acronyms] };
}

/** Postings of chunks' {@link ChunkTerms}; chunk `i` of the list gets id `i`. */
export function chunkPostings(list: readonly ChunkTerms[]): PostingsData {
  return postingsFromTerms(
    list.map((t) => t.terms),
    list.map((t) => t.acronyms),
  );
}

/** Chunks every article in order; chunk ids are dense and global. */
export function chunkArticles(articles: readonly Article[], settings: ChunkingSettings = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  for (const a of articles) chunks.push(...chunkSentences(a.id, a.sentences, settings, chunks.length));
  return chunks;
}

export interface InMemoryOptions {
  readonly chunking?: ChunkingSettings;
  /** Precomputed chunks (ids must be 0..n-1 in order); computed from `chunking` when absent. */
  readonly chunks?: readonly Chunk[];
  readonly vectors?: VectorIndex | null;
  /** A lexical index loaded from saved postings; built from the chunks' text when absent. */
  readonly lexical?: LexicalIndex;
  readonly duplicateOf?: ReadonlyMap<string, string>;
  readonly manifest?: Manifest;
}

/** Assembles a searchable index from articles without touching the disk (tests, eval, and the loader). */
export function buildSearchIndexInMemory(input: readonly Article[], options: InMemoryOptions = {}): SearchIndex {
  // Year-less dates of undated articles placed from the whole collection (see collection-dates.ts).
  const articles = placeInCollection(input);
  const chunking = options.chunking ?? options.manifest?.chunking ?? DEFAULT_CHUNKING;
  const chunks = options.chunks ?? chunkArticles(articles, chunking);
  const articleById = new Map(articles.map((a) => [a.id, a] as const));
  const lexical = options.lexical ?? Bm25Index.fromPostings(chunkPostings(chunks.map((c) => chunkTerms(articleById.get(c.articleId)!, c))));
  const vectors = options.vectors ?? null;
  const manifest: Manifest = options.manifest ?? {
    schemaVersion: SCHEMA_VERSION,
    mode: vectors ? 'hybrid' : 'lexical',
    parserVersion: 0,
    model: vectors ? { id: 'in-memory', dimension: vectors.dimension } : null,
    chunking,
    files: {},
    counts: { articles: articles.length, chunks: chunks.length },
    corpusHash: '',
    builtAt: new Date(0).toISOString(),
    generation: '',
  };
  return {
    manifest,
    articles,
    articleById,
    chunks,
    lexical,
    vectors,
    duplicateOf: options.duplicateOf ?? new Map(),
  };
}
