/**
 * The benchmark's report plumbing (no timing here: the figures are made up, only the plumbing
 * is under test): a run cut short still yields every completed section and the targets judged
 * on them, a saved JSON Lines run renders again, and the peers' corpus cap keeps whole articles.
 */
import { describe, expect, it } from 'vitest';
import { capIndex } from '../../scripts/bench/cap-index.js';
import { generateArticle, lexicon } from '../../scripts/bench/corpus.js';
import { createRng } from '../../scripts/bench/prng.js';
import {
  emptyReport,
  mergeRecord,
  parseRecords,
  renderAll,
  targetsOf,
  type IngestFigure,
  type QueryFigure,
  type ReportRecord,
} from '../../scripts/bench/report.js';
import { renderTables } from '../../scripts/bench/table.js';
import { buildArticle } from '../../src/ingest/article.js';
import { buildSearchIndexInMemory } from '../../src/index/memory.js';

const ingest = (corpus: string, chunks: number): IngestFigure => ({
  corpus,
  articles: chunks / 10,
  chunks,
  inputMiB: 1,
  runs: 1,
  seconds: 2,
  articlesPerS: chunks / 20,
  chunksPerS: chunks / 2,
  peakRssMiB: 150,
  rssGrowthMiB: 20,
  indexMiB: 3,
});

const query = (chunks: number, lexicalP95: number): QueryFigure => ({
  corpus: `gen-${chunks / 10}`,
  chunks,
  reloadS: 0.9,
  reloadRuns: 1,
  loadedRssMiB: 350,
  lexical: { n: 200, p50: lexicalP95 / 2, p95: lexicalP95, p99: lexicalP95 + 1, answeredShare: 0.9 },
  hybrid: { skipped: 'no model' },
  hybridRerank: { skipped: 'no model' },
  timeline: { n: 50, p50: 40, p95: 80, p99: 90, answeredShare: 1 },
});

/** What a run that was stopped during its peers section had written. */
const records: ReportRecord[] = [
  {
    section: 'header',
    data: {
      benchmark: 'news-quote-bot',
      plan: 'full',
      machine: { cpu: 'test cpu', cores: 2, memoryGiB: 1, freeMemoryGiB: 1, node: 'v20', os: 'linux' },
      startedAt: '2026-01-01T00:00:00.000Z',
      budgetS: 600,
      loadStart: [1, 1, 1],
    },
  },
  { section: 'ingestion', data: { seed: ingest('seed', 50), generated: [ingest('gen-10000', 100_000)] } },
  { section: 'scale', data: { query: query(100_000, 30), hybridIngest: null } },
  { section: 'peersNote', data: 'capped at 25000 chunks (whole articles; the largest index has 100000)' },
  {
    section: 'peer',
    data: {
      peer: 'ours',
      chunks: 24_990,
      indexChunks: 100_000,
      buildS: 3,
      memoryMiB: 40,
      query: { n: 200, p50: 5, p95: 9, p99: 12 },
      answeredShare: 1,
      xquad: null,
    },
  },
];

describe('GIVEN the JSON Lines records of a run stopped during its peers section', () => {
  const text = `${records.map((r) => JSON.stringify(r)).join('\n')}\n{"section":"peer","da`;

  it('THEN every completed record is read back and the line cut off mid-write is ignored', () => {
    const r = parseRecords(text);
    expect(r.header?.plan).toBe('full');
    expect(r.ingestion?.generated[0]?.chunks).toBe(100_000);
    expect(r.scales.map((s) => s.query.chunks)).toEqual([100_000]);
    expect(r.peers.map((p) => p.peer)).toEqual(['ours']);
    expect(r.summary).toBeUndefined();
  });

  it('THEN the targets are judged on what was measured and the others say "not measured"', () => {
    const targets = targetsOf(parseRecords(text));
    const byName = (s: string) => targets.find((t) => t.name.startsWith(s))!;
    expect(byName('lexical ask p95 < 100 ms at 100k')).toMatchObject({ measured: 30, met: true });
    expect(byName('lexical ask p95 ≤ 22 ms')).toMatchObject({ measured: 30, met: false });
    expect(byName('reload < 1.5 s')).toMatchObject({ measured: 0.9, met: true });
    for (const missing of ['lexical ask p95 < 20 ms on the seed', 'offline semantic', 'worst event-loop delay during a PostgreSQL'])
      expect(byName(missing)).toMatchObject({ measured: null, met: null });
  });

  it('THEN the rendered tables name the peers cap and show the figures that were measured', () => {
    const out = renderTables(renderAll(parseRecords(text)));
    expect(out).toContain('(capped at 24990 of 100000 chunks)');
    expect(out).toContain('capped at 25000 chunks');
    expect(out).toContain('## Queries at 100000 chunks');
  });

  it('THEN a report saved by the older bench (one pretty-printed JSON object) is refused with what to do', () => {
    const old = JSON.stringify({ benchmark: 'news-quote-bot', plan: 'full', queries: [] }, null, 2);
    expect(() => parseRecords(old)).toThrow(/older bench.*re-run `npm run bench -- --json`/);
  });

  it('THEN a line that is not JSON before the last one is an error naming the line', () => {
    expect(() => parseRecords(`${JSON.stringify(records[0])}\nnot json\n${JSON.stringify(records[1])}`)).toThrow(/line 2/);
  });
});

describe('GIVEN records merged one at a time', () => {
  it('THEN list sections append and single sections are replaced', () => {
    const r = emptyReport();
    for (const rec of records) mergeRecord(r, rec);
    mergeRecord(r, records[2]!);
    expect(r.scales).toHaveLength(2);
    expect(r.peersNotes).toHaveLength(1);
  });
});

describe('GIVEN an index of generated articles and a chunk cap', () => {
  const words = lexicon();
  const rng = createRng(5);
  const articles = Array.from({ length: 6 }, (_, i) => buildArticle({ ...generateArticle(rng, i, words) }, 'part-000.jsonl', i));
  const full = buildSearchIndexInMemory(articles);

  it('THEN the capped index holds whole articles only, its chunks numbered 0…n-1, within the cap', () => {
    const cap = full.chunks.length - 3;
    const capped = capIndex(full, cap);
    expect(capped.chunks.length).toBeLessThanOrEqual(cap);
    expect(capped.chunks.length).toBeGreaterThan(0);
    capped.chunks.forEach((c, i) => expect(c.id).toBe(i));
    for (const a of capped.articles) {
      expect(capped.chunks.filter((c) => c.articleId === a.id).length).toBe(full.chunks.filter((c) => c.articleId === a.id).length);
    }
    expect(new Set(capped.chunks.map((c) => c.articleId))).toEqual(new Set(capped.articles.map((a) => a.id)));
  });

  it('THEN a cap the index already fits returns it unchanged, and a cap below one article keeps nothing', () => {
    expect(capIndex(full, full.chunks.length)).toBe(full);
    expect(capIndex(full, 1).chunks).toEqual([]);
  });
});
