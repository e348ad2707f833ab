import type { Config } from '../config.js';
import { IndexLoadError, loadSearchIndex, readManifest } from '../index/store.js';
import type { SearchIndex } from '../index/types.js';
import type { Embedder, Reranker } from '../embed/types.js';
import type { Lexicon } from '../lexicon/types.js';
import { loadLexicon } from '../lexicon/load.js';
import { loadModels } from './models.js';

/** A saved index with the models that can query it. */
export interface OpenedIndex {
  readonly index: SearchIndex;
  readonly embedder: Embedder | null;
  readonly reranker: Reranker | null;
  readonly lexicon: Lexicon | null;
}

/**
 * Opens a saved index (it must exist) and the models it needs, once. A lexical index needs no
 * embedder, so none is loaded; a hybrid one uses its vectors only when the configured model is
 * the one it was built with. Every fallback is reported through `warn`.
 */
export async function openSavedIndex(
  dir: string,
  config: Pick<Config, 'embeddingModel' | 'rerankerModel' | 'modelCacheDir' | 'allowRemoteModels' | 'modelLoadTimeoutMs'> &
    Partial<Pick<Config, 'staticEmbedding' | 'queryExpansion'>>,
  warn: (message: string) => void,
): Promise<OpenedIndex> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new IndexLoadError(`no index at ${dir}; build it with \`npm run ingest\``);
  const models = await loadModels({ ...config, embeddingModel: manifest.mode === 'hybrid' ? config.embeddingModel : null }, true, {
    indexModelId: manifest.model?.id ?? null,
  });
  for (const w of models.warnings) warn(w);
  const embedder = models.embedder && manifest.model?.id === models.embedder.modelId ? models.embedder : null;
  if (manifest.mode === 'hybrid' && !embedder) warn('embedding model unavailable or different from the index; searching lexically');
  const index = await loadSearchIndex(dir, { modelId: embedder?.modelId ?? null });
  const lexicon = await loadLexicon({ ...config, embedder }, warn);
  return { index, embedder, reranker: models.reranker, lexicon };
}
