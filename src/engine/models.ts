import type { Config } from '../config.js';
import { loadEmbedder } from '../embed/transformers-embedder.js';
import { loadReranker } from '../embed/transformers-reranker.js';
import type { Embedder, Reranker } from '../embed/types.js';

/** The models an engine or ingestion runs with, and why any is missing. */
export interface LoadedModels {
  readonly embedder: Embedder | null;
  readonly reranker: Reranker | null;
  /** One line per model that was configured but could not be loaded. */
  readonly warnings: readonly string[];
}

type ModelConfig = Pick<Config, 'embeddingModel' | 'rerankerModel' | 'modelCacheDir' | 'allowRemoteModels' | 'modelLoadTimeoutMs'>;

/**
 * Loads the configured embedding model (and reranker when asked). A model that cannot be
 * loaded is not an error: search falls back to lexical only and the warning says how to fix it.
 */
export async function loadModels(config: ModelConfig, withReranker: boolean): Promise<LoadedModels> {
  const options = {
    cacheDir: config.modelCacheDir,
    allowRemote: config.allowRemoteModels,
    timeoutMs: config.modelLoadTimeoutMs,
  };
  const warnings: string[] = [];
  let embedder: Embedder | null = null;
  if (config.embeddingModel) {
    const r = await loadEmbedder(config.embeddingModel, options);
    if (r.kind === 'loaded') embedder = r.model;
    else warnings.push(r.reason);
  }
  let reranker: Reranker | null = null;
  if (withReranker && config.rerankerModel) {
    const r = await loadReranker(config.rerankerModel, options);
    if (r.kind === 'loaded') reranker = r.model;
    else warnings.push(r.reason);
  }
  return { embedder, reranker, warnings };
}
