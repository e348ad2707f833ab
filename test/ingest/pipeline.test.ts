import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HnswVectorIndex } from '../../src/index/hnsw-index.js';
import { IndexLockedError, acquireLock } from '../../src/index/lock.js';
import { Bm25Index } from '../../src/index/bm25.js';
import { chunkSearchText } from '../../src/index/memory.js';
import { IndexLoadError, loadSearchIndex } from '../../src/index/store.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { FakeEmbedder, vectorOf } from '../helpers/fake-embedder.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

let ws: SeedWorkspace;
let work: string;
let articlesDir: string;
let indexDir: string;

beforeEach(async () => {
  ws = await seedWorkspace('ingest-');
  ({ work, articlesDir, indexDir } = ws);
});
afterEach(() => ws.remove());

describe('ingest: the seed corpus', () => {
  it('GIVEN the five seed files THEN seven articles are indexed lexically and the index loads', async () => {
    const summary = await ingest({ articlesDir, indexDir });
    expect(summary.mode).toBe('lexical');
    expect(summary.articles).toBe(7); // 000 holds three articles, the others one each
    expect(summary.files.map((f) => f.status)).toEqual(Array(5).fill('added'));
    const index = await loadSearchIndex(indexDir);
    expect(index.articles).toHaveLength(7);
    expect(index.chunks).toHaveLength(summary.chunks);
    // Every chunk's offsets point at whole sentences of its article.
    for (const c of index.chunks) {
      const a = index.articleById.get(c.articleId)!;
      expect(c.start).toBe(a.sentences[c.firstSentence]!.start);
      expect(c.end).toBe(a.sentences[c.lastSentence]!.end);
    }
    expect(index.manifest.files['000_32496ba02e16739e.txt']?.articles).toBe(3);
  });

  it('GIVEN an unchanged corpus THEN a second run is a no-op', async () => {
    await ingest({ articlesDir, indexDir });
    const again = await ingest({ articlesDir, indexDir });
    expect(again.noop).toBe(true);
    expect(again.files.every((f) => f.status === 'unchanged')).toBe(true);
  });
});

describe('ingest: incremental', () => {
  it('GIVEN records from another parser version THEN every file is parsed again', async () => {
    await ingest({ articlesDir, indexDir });
    const path = join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { parserVersion: number };
    await writeFile(path, JSON.stringify({ ...manifest, parserVersion: manifest.parserVersion - 1 }));
    const summary = await ingest({ articlesDir, indexDir });
    expect(summary.noop).toBe(false);
    expect(summary.files.every((f) => f.status === 'changed')).toBe(true);
  });

  it('GIVEN one changed, one added and one removed file THEN only the changed and added ones are embedded', async () => {
    const first = new FakeEmbedder();
    await ingest({ articlesDir, indexDir, embedder: first });
    const before = await loadSearchIndex(indexDir, { modelId: first.modelId });

    await writeFile(
      join(articlesDir, '003_cd995ce927069bad.txt'),
      'Changed headline\n\nBolivia recalled its ambassador on Monday. Officials confirmed it.\n',
    );
    await writeFile(
      join(articlesDir, 'new.md'),
      '---\ntitle: A new article\nsource: Test Wire\npublished: 2023-11-02\n---\nThe ministers met again in Doha. They agreed on nothing.\n',
    );
    await rm(join(articlesDir, '004_02c67a769af9a6a9.txt'));

    const second = new FakeEmbedder();
    const summary = await ingest({ articlesDir, indexDir, embedder: second });
    const status = Object.fromEntries(summary.files.map((f) => [f.file, f.status]));
    expect(status).toMatchObject({
      '000_32496ba02e16739e.txt': 'unchanged',
      '003_cd995ce927069bad.txt': 'changed',
      '004_02c67a769af9a6a9.txt': 'removed',
      'new.md': 'added',
    });
    const after = await loadSearchIndex(indexDir, { modelId: second.modelId });
    const touched = after.chunks.filter((c) => c.articleId.startsWith('003_') || c.articleId.startsWith('new#')).length;
    expect(second.embedded).toBe(touched);
    expect(after.articles.some((a) => a.file.startsWith('004_'))).toBe(false);
    expect(after.articles.length).toBe(before.articles.length); // one removed, one added
    // The vector of an unchanged chunk is still its own nearest neighbour after the rebuild.
    const hits = after.lexical.search('Bolivia severing diplomatic relations', 1);
    expect(hits).toHaveLength(1);
  });

  it('GIVEN one changed file THEN the previous graph is updated, not rebuilt, and answers like a full rebuild', async () => {
    const embedder = new FakeEmbedder();
    await ingest({ articlesDir, indexDir, embedder });
    await writeFile(
      join(articlesDir, '003_cd995ce927069bad.txt'),
      'Changed headline\n\nBolivia recalled its ambassador on Monday. Officials confirmed it.\n',
    );
    await ingest({ articlesDir, indexDir, embedder });
    const updated = await loadSearchIndex(indexDir, { modelId: embedder.modelId });
    const graph = updated.vectors as HnswVectorIndex;
    expect(graph.size).toBe(updated.chunks.length);
    expect(graph.deletedShare).toBeGreaterThan(0); // the old file's chunks are marked deleted, not rebuilt away

    const fullDir = join(work, 'full-index');
    await ingest({ articlesDir, indexDir: fullDir, embedder, full: true });
    const full = await loadSearchIndex(fullDir, { modelId: embedder.modelId });
    expect(full.chunks).toEqual(updated.chunks);
    for (const c of updated.chunks) {
      const v = vectorOf(chunkSearchText(updated.articleById.get(c.articleId)!, c), embedder.dimension);
      const got = updated.vectors!.search(v, 5);
      const want = full.vectors!.search(v, 5);
      expect(got.map((h) => h.score)).toEqual(want.map((h) => expect.closeTo(h.score, 5)));
      // Same ids wherever the score is not tied with a neighbour's.
      const distinct = (hits: typeof got, i: number) => hits.every((h, j) => j === i || Math.abs(h.score - hits[i]!.score) > 1e-6);
      got.forEach((h, i) => distinct(got, i) && expect(h.id).toBe(want[i]!.id));
      expect(got[0]!.score).toBeCloseTo(1, 5);
    }
  });

  it('GIVEN most files removed THEN the graph is compacted (rebuilt without deleted points)', async () => {
    const embedder = new FakeEmbedder();
    await ingest({ articlesDir, indexDir, embedder });
    for (const f of ['001_2307ceb8bb1c8c94.txt', '002_ab3423500176ee8b.txt', '003_cd995ce927069bad.txt', '004_02c67a769af9a6a9.txt']) {
      await rm(join(articlesDir, f));
    }
    const summary = await ingest({ articlesDir, indexDir, embedder });
    expect(summary.files.filter((f) => f.status === 'removed')).toHaveLength(4);
    const index = await loadSearchIndex(indexDir, { modelId: embedder.modelId });
    expect((index.vectors as HnswVectorIndex).deletedShare).toBe(0);
    expect(index.vectors!.size).toBe(index.chunks.length);
  });

  it('GIVEN a changed, an added and a removed file THEN the saved postings score like postings rebuilt from the text', async () => {
    await ingest({ articlesDir, indexDir });
    await writeFile(
      join(articlesDir, '001_2307ceb8bb1c8c94.txt'),
      'Changed headline\n\nBolivia recalled its ambassador on Monday. Officials in Doha confirmed it.\n',
    );
    await writeFile(join(articlesDir, 'aaa-first.md'), '---\ntitle: First\n---\nThe ministers met in Doha about the ceasefire.\n');
    await rm(join(articlesDir, '004_02c67a769af9a6a9.txt'));
    await ingest({ articlesDir, indexDir });
    const loaded = await loadSearchIndex(indexDir);
    const rebuilt = Bm25Index.fromTexts(loaded.chunks.map((c) => chunkSearchText(loaded.articleById.get(c.articleId)!, c)));
    for (const q of ['Bolivia ambassador', 'ceasefire Doha', 'Israel Gaza hospital', 'killed Palestinians', 'zzz-no-such-term']) {
      expect(loaded.lexical.search(q, 20)).toEqual(rebuilt.search(q, 20));
    }
  });

  it('GIVEN an index saved with an older schema THEN loading says to rebuild and the next ingestion rebuilds it', async () => {
    await ingest({ articlesDir, indexDir });
    const path = join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { schemaVersion: number };
    await writeFile(path, JSON.stringify({ ...manifest, schemaVersion: 1 }));
    await expect(loadSearchIndex(indexDir)).rejects.toThrow(
      /schema version 1, this version reads \d+; rebuild with `npm run ingest -- --full`/,
    );
    const summary = await ingest({ articlesDir, indexDir });
    expect(summary.warnings.some((w) => /schema version 1/.test(w))).toBe(true);
    expect(summary.files.every((f) => f.status === 'added')).toBe(true);
    expect((await loadSearchIndex(indexDir)).articles).toHaveLength(7);
  });

  it('GIVEN a JSON Lines file larger than one batch THEN progress within it is reported batch by batch: bytes read and records parsed, up to the whole file', async () => {
    const lines = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ id: `w${i}`, title: `Wire ${i}`, text: `Story ${i} about port ${i} reopening in Ankara.` }),
    );
    const body = `${lines.join('\n')}\n`;
    await writeFile(join(articlesDir, 'wire.jsonl'), body);
    const within: { bytes: number; records: number }[] = [];
    await ingest({
      articlesDir,
      indexDir,
      batchArticles: 10,
      onProgress: (p) => {
        if (p.stage === 'parse' && p.file === 'wire.jsonl' && p.read) within.push(p.read);
      },
    });
    expect(within.map((r) => r.records)).toEqual([10, 20, 25]);
    const bytes = within.map((r) => r.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBe(Buffer.byteLength(body));
  });

  it('GIVEN a JSON Lines file larger than one batch THEN it is saved in parts, loads whole, and is reused when unchanged', async () => {
    const lines = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ id: `w${i}`, title: `Wire ${i}`, text: `Story ${i} about port ${i} reopening in Ankara.` }),
    );
    await writeFile(join(articlesDir, 'wire.jsonl'), `${lines.join('\n')}\n`);
    const embedder = new FakeEmbedder();
    const first = await ingest({ articlesDir, indexDir, embedder, batchArticles: 10 });
    expect(first.files.find((f) => f.file === 'wire.jsonl')).toMatchObject({ articles: 25, status: 'added' });
    const index = await loadSearchIndex(indexDir, { modelId: embedder.modelId });
    expect(index.manifest.files['wire.jsonl']?.parts).toBe(3);
    expect(index.articles.filter((a) => a.file === 'wire.jsonl').map((a) => a.id)).toEqual(lines.map((_, i) => `w${i}`));
    expect(index.vectors?.size).toBe(index.chunks.length);

    await writeFile(join(articlesDir, 'extra.md'), '---\ntitle: Extra\n---\nA new note about Doha.\n');
    const again = new FakeEmbedder();
    const second = await ingest({ articlesDir, indexDir, embedder: again, batchArticles: 10 });
    expect(second.files.find((f) => f.file === 'wire.jsonl')?.status).toBe('unchanged');
    expect(again.embedded).toBe(1);
    const reloaded = await loadSearchIndex(indexDir, { modelId: again.modelId });
    expect(reloaded.articles.filter((a) => a.file === 'wire.jsonl')).toHaveLength(25);
  });

  it('GIVEN --full THEN every file is embedded again', async () => {
    await ingest({ articlesDir, indexDir, embedder: new FakeEmbedder() });
    const again = new FakeEmbedder();
    const summary = await ingest({ articlesDir, indexDir, embedder: again, full: true });
    expect(again.embedded).toBe(summary.chunks);
  });

  it('GIVEN an index built with one model THEN loading it for another model is refused with a clear message', async () => {
    await ingest({ articlesDir, indexDir, embedder: new FakeEmbedder(64, 'model-a') });
    await expect(loadSearchIndex(indexDir, { modelId: 'model-b' })).rejects.toThrow(/embedded with model-a.*--full/);
  });
});

describe('ingest: atomic and locked', () => {
  it('GIVEN an embedder that fails halfway THEN the previous index still loads unchanged', async () => {
    await ingest({ articlesDir, indexDir });
    const before = await loadSearchIndex(indexDir);
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    await expect(ingest({ articlesDir, indexDir, embedder: new FakeEmbedder(64, 'm', { failAfter: 5 }) })).rejects.toThrow(
      'fake embedder failure',
    );
    const after = await loadSearchIndex(indexDir);
    expect(after.manifest.generation).toBe(before.manifest.generation);
    expect(after.articles.map((a) => a.id)).toEqual(before.articles.map((a) => a.id));
    // The failed run removed its half-written generation at once.
    expect((await readdir(indexDir)).filter((n) => n.startsWith('gen-'))).toEqual([before.manifest.generation]);
    // The lock was released: the next run succeeds, keeping the generation it replaced for readers still on it.
    await ingest({ articlesDir, indexDir });
    const gens = (await readdir(indexDir)).filter((n) => n.startsWith('gen-'));
    expect(gens).toHaveLength(2);
    expect(gens).toContain(before.manifest.generation);
  });

  it('GIVEN an ingestion killed mid-build (SIGKILL) THEN the old index loads and the stale lock is taken over', async () => {
    await ingest({ articlesDir, indexDir });
    const before = await loadSearchIndex(indexDir);
    await writeFile(join(articlesDir, 'extra.txt'), 'Extra title\n\nSomething new happened in Ankara today.\n');
    const script = join(import.meta.dirname, '../helpers/stalling-ingest.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, articlesDir, indexDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('stalled')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(JSON.parse(await readFile(join(indexDir, '.lock'), 'utf8'))).toMatchObject({ pid: child.pid }); // left behind by the kill
    const after = await loadSearchIndex(indexDir);
    expect(after.manifest.generation).toBe(before.manifest.generation);
    const next = await ingest({ articlesDir, indexDir });
    expect(next.files.find((f) => f.file === 'extra.txt')?.status).toBe('added');
  });

  it('GIVEN a live lock THEN a second ingestion is refused', async () => {
    const release = await acquireLock(join(work));
    try {
      await expect(ingest({ articlesDir, indexDir: work })).rejects.toBeInstanceOf(IndexLockedError);
    } finally {
      await release();
    }
  });
});

describe('ingest: bad input', () => {
  it('GIVEN empty, binary, oversized, broken-JSONL and unknown files THEN each is skipped with a reason and the rest is indexed', async () => {
    await writeFile(join(articlesDir, 'empty.txt'), '   \n\n');
    await writeFile(join(articlesDir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 0, 10]));
    await writeFile(join(articlesDir, 'huge.txt'), Buffer.alloc(3 * 1024 * 1024, 'a'));
    await writeFile(
      join(articlesDir, 'import.jsonl'),
      '{"id":"j1","title":"Good","source":"Wire","published":"2023-11-03","text":"A valid record about Doha talks."}\n{not json\n',
    );
    await writeFile(join(articlesDir, 'image.png'), Buffer.from([137, 80, 78, 71]));
    const summary = await ingest({ articlesDir, indexDir, maxFileBytes: 2 * 1024 * 1024 });
    const byFile = Object.fromEntries(summary.files.map((f) => [f.file, f]));
    expect(byFile['empty.txt']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/empty/i) });
    expect(byFile['binary.txt']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/binary/i) });
    expect(byFile['huge.txt']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/MB.*limit/) });
    expect(byFile['image.png']?.status).toBe('skipped');
    expect(byFile['import.jsonl']).toMatchObject({ status: 'added', articles: 1 });
    expect(summary.warnings.some((w) => /import\.jsonl.*line 2/.test(w))).toBe(true);
    expect(summary.articles).toBe(8);
    // An unchanged corpus with skipped files is still a no-op.
    expect((await ingest({ articlesDir, indexDir, maxFileBytes: 2 * 1024 * 1024 })).noop).toBe(true);
  });

  it('GIVEN a JSON Lines file with a stray byte THEN its record is indexed with U+FFFD and the summary warns with the file and offset', async () => {
    const line = Buffer.from('{"id":"s1","title":"Stray","text":"The café in Zürich reopened at ');
    await writeFile(join(articlesDir, 'stray.jsonl'), Buffer.concat([line, Buffer.from([0xff]), Buffer.from(' noon."}\n')]));
    const summary = await ingest({ articlesDir, indexDir });
    expect(summary.warnings).toContain(`stray.jsonl: an invalid UTF-8 byte at offset ${line.length}, shown as \uFFFD`);
    const index = await loadSearchIndex(indexDir);
    expect(index.articleById.get('s1')?.text).toBe('The café in Zürich reopened at \uFFFD noon.');
  });

  it('GIVEN a JSON Lines file written in windows-1252 THEN (streamed) it is decoded as windows-1252, accents and quotes intact, and the summary says so', async () => {
    // “Peace” – café, Zürich in windows-1252 bytes: no valid UTF-8 sequence in the file.
    const cp1252 = (t: string) => Buffer.from(t, 'latin1');
    const body = Buffer.concat([
      cp1252('{"id":"w1","title":"Legacy","text":"'),
      Buffer.from([0x93]),
      cp1252('Peace'),
      Buffer.from([0x94]),
      cp1252(' '),
      Buffer.from([0x96]),
      cp1252(' the caf\u00e9 in Z\u00fcrich reopened."}\n'),
    ]);
    await writeFile(join(articlesDir, 'legacy.jsonl'), body);
    const summary = await ingest({ articlesDir, indexDir });
    expect(summary.warnings).toContain('legacy.jsonl: not valid UTF-8: decoded as windows-1252');
    const index = await loadSearchIndex(indexDir);
    expect(index.articleById.get('w1')?.text).toBe('“Peace” – the café in Zürich reopened.');
  });

  it('GIVEN two JSON Lines files reusing an id THEN the second is renamed, the same way on load', async () => {
    await writeFile(join(articlesDir, 'a.jsonl'), '{"id":"dup","title":"First","text":"The first article about Doha talks."}\n');
    await writeFile(join(articlesDir, 'b.jsonl'), '{"id":"dup","title":"Second","text":"The second article about Ankara talks."}\n');
    const summary = await ingest({ articlesDir, indexDir });
    expect(summary.warnings).toContain('duplicate article id dup renamed dup~2');
    const index = await loadSearchIndex(indexDir);
    expect(index.articleById.get('dup')?.title).toBe('First');
    expect(index.articleById.get('dup~2')?.title).toBe('Second');
    expect(new Set(index.articles.map((a) => a.id)).size).toBe(index.articles.length);
    expect(index.chunks.filter((c) => c.articleId === 'dup~2')).toHaveLength(1);
  });

  it('GIVEN a missing articles directory THEN a clear error names it', async () => {
    await expect(ingest({ articlesDir: join(work, 'nope'), indexDir })).rejects.toThrow(/cannot read the articles directory .*nope/);
  });

  it('GIVEN no index THEN loading says how to build one', async () => {
    await expect(loadSearchIndex(join(work, 'none'))).rejects.toBeInstanceOf(IndexLoadError);
    await expect(loadSearchIndex(join(work, 'none'))).rejects.toThrow(/npm run ingest/);
  });
});
