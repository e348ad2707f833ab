/** Child process for the PostgreSQL kill test: ingests into a PGlite directory with an embedder that stalls mid-way, and says so. */
import { openPglite } from '../../src/index/pg/db.js';
import { ingestToDatabase } from '../../src/index/pg/ingest.js';
import { FakeEmbedder } from './fake-embedder.js';

const [dataDir, articlesDir] = process.argv.slice(2) as [string, string];
const db = await openPglite(dataDir);
// Stalls after the first file is stored: the kill lands with rows written but no generation switched.
await ingestToDatabase({
  db,
  articlesDir,
  embedder: new FakeEmbedder(32, 'fake/hash', { stallAfter: 12, onStall: () => process.stdout.write('stalled\n') }),
});
