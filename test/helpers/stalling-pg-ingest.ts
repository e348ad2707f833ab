/**
 * Child process for the PostgreSQL kill test: a full lexical ingestion into the database a URL
 * names (`pglite:<dir>` or `postgres://…`) that stalls once every file version is written but
 * before the generation is switched, says so, and waits there to be killed.
 */
import { openDatabase } from '../../src/index/pg/db.js';
import { ingestToDatabase } from '../../src/index/pg/ingest.js';

const [url, articlesDir] = process.argv.slice(2) as [string, string];
const db = await openDatabase(url);
await ingestToDatabase({
  db,
  articlesDir,
  full: true,
  onProgress: (p) => {
    if (p.stage !== 'write') return;
    // Pipes are synchronous on Linux: the parent has the line before this thread blocks for good.
    process.stdout.write('stalled\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
