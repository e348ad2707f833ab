/**
 * Writes the tiny test models (transformers.js layout) to a directory, e.g. to try the app
 * offline with real (if meaningless) semantic search:
 *   npx tsx scripts/make-tiny-model.ts /tmp/tiny   → /tmp/tiny/embedder, /tmp/tiny/reranker
 *   EMBEDDING_MODEL=/tmp/tiny/embedder RERANKER_MODEL=/tmp/tiny/reranker npm run ingest
 */
import { join, resolve } from 'node:path';
import { makeTinyModel } from '../test/fixtures/tiny-model/make-tiny-model.js';

const target = resolve(process.argv[2] ?? 'tiny-models');
await makeTinyModel(join(target, 'embedder'), 'embedder', { maxLength: 512 });
await makeTinyModel(join(target, 'reranker'), 'reranker', { maxLength: 512 });
console.log(`tiny models written to ${join(target, 'embedder')} and ${join(target, 'reranker')}`);
