/**
 * Golden expectations on the seed corpus: each article's outlet (or unknown) and date (or lower
 * bound) exactly as its text supports them, with the reason /sources shows an admin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSearchIndex } from '../../src/index/store.js';
import { ingest } from '../../src/ingest/pipeline.js';
import type { Article } from '../../src/core/types.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

let ws: SeedWorkspace;
beforeEach(async () => {
  ws = await seedWorkspace('dating-');
});
afterEach(() => ws.remove());

async function seedArticles(): Promise<readonly Article[]> {
  await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
  return (await loadSearchIndex(ws.indexDir)).articles;
}

function summary(a: Article) {
  return { id: a.id, source: a.source, published: a.published, after: a.publishedAfter ?? null, reasons: a.reasons };
}

const NO_PUBLISHER = 'no byline, wire dateline or metadata says who published it';
const OCT7 = 'no publication date stated; published on or after “October 7”, placed in 2023 by the collection’s dated articles';

describe('GIVEN the seed corpus ingested and loaded', () => {
  it('THEN every article has its outlet or none, its date or bound, and the reason for each', async () => {
    const got = (await seedArticles()).map(summary);
    expect(got).toEqual([
      {
        id: '000_32496ba02e16739e#1',
        source: 'Press TV',
        published: '2023-11-01',
        after: null,
        reasons: { source: 'byline “Press TV – November 1, 2023”', date: 'stated in the byline “Press TV – November 1, 2023”' },
      },
      {
        id: '000_32496ba02e16739e#2',
        source: 'Press TV',
        published: '2023-10-31',
        after: null,
        reasons: { source: 'byline “Press TV – October 31, 2023”', date: 'stated in the byline “Press TV – October 31, 2023”' },
      },
      {
        id: '000_32496ba02e16739e#3',
        source: 'RT',
        published: '2023-11-01',
        after: null,
        reasons: { source: 'byline “RT | November 1, 2023”', date: 'stated in the byline “RT | November 1, 2023”' },
      },
      // 001-003 state no date; their "October 7" is the war's start, which the dated articles of 000 place in 2023.
      ...['001_2307ceb8bb1c8c94#1', '002_ab3423500176ee8b#1', '003_cd995ce927069bad#1'].map((id) => ({
        id,
        source: null,
        published: null,
        after: { after: '2023-10-07', approximate: true },
        reasons: { source: NO_PUBLISHER, date: OCT7 },
      })),
      {
        id: '004_02c67a769af9a6a9#1',
        source: null,
        published: null,
        // The caption's "October 31, 2023" is the latest full date the text gives.
        after: { after: '2023-10-31', approximate: false },
        reasons: {
          source: `${NO_PUBLISHER} (the photo credit “AFP” names the picture’s source; the text credits mehrnews for its reporting; neither is the publisher)`,
          date: 'no publication date stated; published on or after the latest date the text mentions, “October 31, 2023” (in a caption)',
        },
      },
    ]);
  });

  it('THEN a sidecar override wins over the text, and editing it re-parses the file', async () => {
    await seedArticles();
    await writeFile(
      join(ws.articlesDir, '002_ab3423500176ee8b.txt.meta.json'),
      JSON.stringify({ published: '2023-12-11', source: 'Press TV' }),
    );
    await writeFile(join(ws.articlesDir, '004_02c67a769af9a6a9.txt.meta.yaml'), 'publishedAfter: 2023-12-08\n');
    await writeFile(join(ws.articlesDir, '000_32496ba02e16739e.txt.meta.json'), JSON.stringify({ articles: { '3': { source: null } } }));
    const summaryRun = await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
    // Sidecars are not articles: still five files, the three with sidecars re-parsed.
    expect(summaryRun.files.map((f) => f.status)).toEqual(['changed', 'unchanged', 'changed', 'unchanged', 'changed']);
    const byId = new Map((await loadSearchIndex(ws.indexDir)).articles.map((a) => [a.id, a]));
    const a002 = byId.get('002_ab3423500176ee8b#1')!;
    expect([a002.source, a002.published, a002.publishedAfter ?? null]).toEqual(['Press TV', '2023-12-11', null]);
    expect(a002.reasons).toEqual({
      source: 'set by an admin in 002_ab3423500176ee8b.txt.meta.json',
      date: 'set by an admin in 002_ab3423500176ee8b.txt.meta.json',
      overridden: true,
    });
    const a004 = byId.get('004_02c67a769af9a6a9#1')!;
    expect(a004.publishedAfter).toEqual({ after: '2023-12-08', approximate: false });
    expect(a004.reasons?.date).toBe('lower bound set by an admin in 004_02c67a769af9a6a9.txt.meta.yaml');
    const rt = byId.get('000_32496ba02e16739e#3')!;
    expect([rt.source, rt.published]).toEqual([null, '2023-11-01']);
    expect(byId.get('000_32496ba02e16739e#1')!.source).toBe('Press TV');
  });

  it('THEN a bad sidecar is a one-line warning naming the field, and the article keeps what its text says', async () => {
    await writeFile(join(ws.articlesDir, '003_cd995ce927069bad.txt.meta.json'), JSON.stringify({ published: 'last week' }));
    const run = await ingest({ articlesDir: ws.articlesDir, indexDir: ws.indexDir });
    expect(run.warnings).toEqual([
      '003_cd995ce927069bad.txt: 003_cd995ce927069bad.txt.meta.json ignored: published: expected a date YYYY-MM-DD',
    ]);
    expect(run.articles).toBe(7);
    const a = (await loadSearchIndex(ws.indexDir)).articleById.get('003_cd995ce927069bad#1')!;
    expect(a.publishedAfter).toEqual({ after: '2023-10-07', approximate: true });
  });
});
