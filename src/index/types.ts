import type { Article, Chunk } from '../core/types.js';

/** A scored hit on a chunk id. */
export interface Hit {
  readonly id: number;
  readonly score: number;
}

/** Lexical (BM25) search over chunks. */
export interface LexicalIndex {
  /** Top `k` chunks for the query, best first; empty when no query term occurs. */
  search(query: string, k: number): Hit[];
  /** Inverse document frequency of an already-normalised term (see `terms()` in core/text). */
  idf(term: string): number;
  /** Optional: search with a weight per term (query expansion); callers fall back to {@link search}. */
  searchWeighted?(weights: ReadonlyMap<string, number>, k: number): Hit[];
}

/** Approximate nearest-neighbour search over chunk vectors (cosine similarity, higher is closer). */
export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  search(vector: Float32Array, k: number): Hit[];
}

/** Settings that change chunk boundaries; part of the manifest. */
export interface ChunkingSettings {
  /** Chunks grow sentence by sentence until they reach about this many characters. */
  readonly targetChars: number;
  /** Sentences repeated at the start of the next chunk. */
  readonly overlapSentences: number;
}

/** A source file as the manifest records it. */
export interface FileEntryInfo {
  readonly hash: string;
  readonly articles: number;
  readonly chunks: number;
  /** Record parts the articles are saved in (large JSON Lines files are written in batches); 1 when absent. */
  readonly parts?: number;
}

/** What is saved beside the data and checked on load. */
export interface Manifest {
  readonly schemaVersion: number;
  readonly mode: 'hybrid' | 'lexical';
  /**
   * Version of the parsing/date-resolution code that produced the saved articles. Records from
   * another version are re-parsed, so an upgrade never serves articles cleaned by old rules.
   */
  readonly parserVersion: number;
  readonly model: { readonly id: string; readonly dimension: number } | null;
  readonly chunking: ChunkingSettings;
  /** Per source file (relative path): content hash and counts. */
  readonly files: Readonly<Record<string, FileEntryInfo>>;
  /** Files that could not be indexed, with their hash (so an unchanged bad file is not retried) and why. */
  readonly skipped?: Readonly<Record<string, { readonly hash: string; readonly reason: string }>>;
  readonly counts: { readonly articles: number; readonly chunks: number };
  /** sha256 over the sorted file hashes: identifies the corpus. */
  readonly corpusHash: string;
  readonly builtAt: string;
  /** Sub-directory of the index directory holding this generation's files. */
  readonly generation: string;
  /** The generation this one replaced: kept until the next swap, so readers that started on it can finish. */
  readonly previousGeneration?: string;
}

/** Everything the answer and timeline engines need, loaded once and read-only. */
export interface SearchIndex {
  readonly manifest: Manifest;
  readonly articles: readonly Article[];
  readonly articleById: ReadonlyMap<string, Article>;
  /** Chunk `i` has `id === i`. */
  readonly chunks: readonly Chunk[];
  readonly lexical: LexicalIndex;
  /** Null in lexical-only mode. */
  readonly vectors: VectorIndex | null;
  /** Near-duplicate articles: article id → id of the canonical (earliest / first) article. */
  readonly duplicateOf: ReadonlyMap<string, string>;
}
