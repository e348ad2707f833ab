/** I/O boundaries for models, so the pure core and the tests can use fakes. */

/** Turns texts into unit-length vectors of a fixed dimension. */
export interface Embedder {
  /** Model id or local path as configured; recorded in the index manifest. */
  readonly modelId: string;
  readonly dimension: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Scores (query, passage) pairs; higher is more relevant. Scores are comparable within one call only. */
export interface Reranker {
  readonly modelId: string;
  score(query: string, passages: readonly string[]): Promise<number[]>;
}

/** Outcome of trying to load a model: callers must handle both branches. */
export type ModelLoad<T> = { readonly kind: 'loaded'; readonly model: T } | { readonly kind: 'unavailable'; readonly reason: string };
