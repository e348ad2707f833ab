/** The /reindex summary wording, from real ingestion runs over the seed corpus. */
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryText } from '../../src/discord/format.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

let ws: SeedWorkspace;
beforeAll(async () => {
  ws = await seedWorkspace('reindex-summary-');
  await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
});
afterAll(() => ws.remove());

describe('GIVEN an index of the seed corpus', () => {
  it('THEN a full reindex with no file changed says the files were re-read, never "5 changed"', async () => {
    const summary = await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir, full: true });
    const text = summaryText(summary, true);
    expect(text).toContain('✅ Rebuilt:');
    expect(text).toContain(`Files: ${summary.files.length} re-read.`);
    expect(text).not.toMatch(/\d+ changed/);
  });

  it('THEN an incremental reindex after one file was edited counts exactly that one as changed', async () => {
    const [first] = (await readdir(ws.articlesDir)).sort();
    await appendFile(join(ws.articlesDir, first ?? ''), '\n\nA later paragraph added by an editor.\n');
    const summary = await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
    expect(summaryText(summary)).toContain('✅ Reindexed:');
    expect(summaryText(summary)).toContain('Files: 1 changed.');
  });
});
