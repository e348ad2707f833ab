/** Child process for the kill test: ingests with an embedder that stalls mid-build, and says so. */
import { ingest } from '../../src/ingest/pipeline.js';
import { FakeEmbedder } from './fake-embedder.js';

const [articlesDir, indexDir] = process.argv.slice(2) as [string, string];
await ingest({
  articlesDir,
  indexDir,
  embedder: new FakeEmbedder(64, 'fake/bag-of-words', { stallAfter: 3, onStall: () => process.stdout.write('stalled\n') }),
});
