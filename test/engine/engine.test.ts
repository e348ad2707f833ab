import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReindexBusyError, createEngine, engineFrom } from '../../src/engine/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { IndexLockedError, acquireLock } from '../../src/index/lock.js';
import { loadSearchIndex } from '../../src/index/store.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { FakeEmbedder } from '../helpers/fake-embedder.js';
import { type SeedWorkspace, seedWorkspace } from '../helpers/seed-workspace.js';

let ws: SeedWorkspace;
let work: string;
let articlesDir: string;
let indexDir: string;

beforeEach(async () => {
  ws = await seedWorkspace('engine-');
  ({ work, articlesDir, indexDir } = ws);
});
afterEach(() => ws.remove());

/**
 * An embedder whose ingestion batches wait until the test opens the gate. Ingestion embeds
 * "title\ntext" while queries are one line, so questions asked meanwhile are not held up.
 */
class GatedEmbedder extends FakeEmbedder {
  private open!: () => void;
  readonly gate = new Promise<void>((r) => (this.open = r));
  release(): void {
    this.open();
  }
  override async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.some((t) => t.includes('\n'))) await this.gate;
    return super.embed(texts);
  }
}

const NEW_ARTICLE =
  '---\ntitle: Chile recalls its ambassador\nsource: Test Wire\npublished: 2023-11-02\n---\nChile recalled its ambassador to Israel on Tuesday, the foreign ministry said.\n';

describe.each([
  ['in this thread', false],
  ['in a worker thread', true],
])('engine: reindex with a live swap, ingestion %s', (_where, ingestInThread) => {
  it('GIVEN a reindex in progress THEN questions are answered from the old index, a second reindex is refused, and the new article is found after the swap', async () => {
    const embedder = new GatedEmbedder(64, 'fake/gated');
    embedder.release(); // first build runs freely
    await ingest({ articlesDir, indexDir, embedder });
    const gated = new GatedEmbedder(64, 'fake/gated');
    const slow: Engine = engineFrom({
      index: await loadSearchIndex(indexDir, { modelId: gated.modelId }),
      embedder: gated,
      reranker: null,
      articlesDir,
      indexDir,
      ingestInThread,
    });
    expect(slow.mode).toBe('hybrid');

    await writeFile(join(articlesDir, 'chile.md'), NEW_ARTICLE);
    const job = slow.reindex({ full: false });
    expect(slow.reindexing).toBe(true);
    await expect(slow.reindex({ full: false })).rejects.toBeInstanceOf(ReindexBusyError);

    // During the reindex: the old index answers, and does not know the new article yet.
    const during = await slow.ask('When did Bolivia first sever relations with Israel?');
    expect(during.kind).toBe('answer');
    expect(slow.sources().some((s) => s.article.title.startsWith('Chile'))).toBe(false);

    gated.release();
    const summary = await job;
    expect(summary.files.find((f) => f.file === 'chile.md')?.status).toBe('added');
    // The new article's chunks (and the one question asked meanwhile) were embedded by this thread's model, in either mode.
    const after = await loadSearchIndex(indexDir, { modelId: gated.modelId });
    expect(gated.embedded).toBe(after.chunks.filter((c) => c.articleId.startsWith('chile')).length + 1);
    expect(slow.reindexing).toBe(false);
    expect(slow.sources().some((s) => s.article.title === 'Chile recalls its ambassador')).toBe(true);
  });

  it('GIVEN a failing reindex THEN the old index keeps serving and the error reaches the caller', async () => {
    await ingest({ articlesDir, indexDir });
    const engine = engineFrom({
      index: await loadSearchIndex(indexDir),
      embedder: new FakeEmbedder(64, 'fake/failing', { failAfter: 0 }),
      reranker: null,
      articlesDir,
      indexDir,
      ingestInThread,
    });
    const before = engine.sources().length;
    await expect(engine.reindex({ full: true })).rejects.toThrow('fake embedder failure');
    expect(engine.reindexing).toBe(false);
    expect(engine.sources()).toHaveLength(before);
  });

  it('GIVEN another ingestion holding the lock THEN the reindex is refused with IndexLockedError and progress is reported otherwise', async () => {
    await ingest({ articlesDir, indexDir });
    const engine = engineFrom({
      index: await loadSearchIndex(indexDir),
      embedder: null,
      reranker: null,
      articlesDir,
      indexDir,
      ingestInThread,
    });
    const release = await acquireLock(indexDir);
    await expect(engine.reindex({ full: false })).rejects.toBeInstanceOf(IndexLockedError);
    await release();
    await writeFile(join(articlesDir, 'chile.md'), NEW_ARTICLE);
    const stages = new Set<string>();
    const summary = await engine.reindex({ full: false }, (p) => stages.add(p.stage));
    expect(summary.noop).toBe(false);
    expect([...stages]).toEqual(expect.arrayContaining(['scan', 'parse', 'write', 'done']));
  });
});

describe('engine: timelines use the same hybrid retrieval as answers', () => {
  it('GIVEN a hybrid index THEN the Bolivia timeline runs 2009 → 2019 → 2023 and an unknown topic still finds nothing', async () => {
    const embedder = new FakeEmbedder();
    await ingest({ articlesDir, indexDir, embedder });
    const engine = engineFrom({
      index: await loadSearchIndex(indexDir, { modelId: embedder.modelId }),
      embedder,
      reranker: null,
      articlesDir,
      indexDir,
    });
    expect(engine.mode).toBe('hybrid');
    const t = await engine.timeline('Bolivia relations with Israel');
    expect(t.kind).toBe('timeline');
    if (t.kind !== 'timeline') return;
    const years = t.events.map((e) => e.date.slice(0, 4));
    expect(years.indexOf('2009')).toBeGreaterThanOrEqual(0);
    expect(years.indexOf('2009')).toBeLessThan(years.indexOf('2019'));
    expect(years.indexOf('2019')).toBeLessThan(years.indexOf('2023'));
    // Dense neighbours exist for any text, but no article mentions this topic.
    expect((await engine.timeline('kangaroo rugby league')).kind).toBe('noEvents');
  });
});

describe('engine: context and start-up', () => {
  it('GIVEN a quote THEN context returns its paragraph with the quote at the right offsets', async () => {
    await ingest({ articlesDir, indexDir });
    const index = await loadSearchIndex(indexDir);
    const engine = engineFrom({ index, embedder: null, reranker: null, articlesDir, indexDir });
    const article = index.articles.find((a) => a.title.startsWith('Bolivia'))!;
    const s = article.sentences[1]!;
    const ctx = engine.context(article.id, s.start, s.end)!;
    expect(ctx.paragraph.slice(ctx.quoteStart, ctx.quoteEnd)).toBe(article.text.slice(s.start, s.end));
    expect(engine.context(article.id, -1, 5)).toBeNull();
    expect(engine.context('no-such-id', 0, 5)).toBeNull();
  });

  it('GIVEN no index and no model THEN createEngine builds a lexical index first and reports why', async () => {
    const events: string[] = [];
    const engine = await createEngine(
      {
        articlesDir,
        indexDir,
        embeddingModel: null,
        rerankerModel: null,
        modelCacheDir: join(work, 'cache'),
        allowRemoteModels: false,
        modelLoadTimeoutMs: 1000,
      },
      (e) => events.push(e.kind),
    );
    expect(events).toContain('building');
    expect(engine.mode).toBe('lexical');
    expect(engine.sources()).toHaveLength(7);
  });
});
