/**
 * The offline semantic default: when no transformers.js model loads, the engine builds and serves
 * a hybrid index with the static word vectors (a tiny generated file here), records them in the
 * manifest, and reopens that index with them without trying the unavailable model again.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { isStaticModelId, loadModels } from '../../src/engine/models.js';
import { readManifest } from '../../src/index/store.js';
import { makeTinyVectors, TINY_DIMENSION } from '../fixtures/tiny-vectors/make-tiny-vectors.js';

let work: string;
let vectors: string;

const ARTICLES: Record<string, string> = {
  'ties.md':
    '---\ntitle: Ties severed\nsource: Wire\npublished: 2023-11-01\n---\nThe government severed diplomatic relations on Tuesday.\n',
  'budget.md': '---\ntitle: City budget\nsource: Post\npublished: 2023-11-02\n---\nThe council passed the budget after a long vote.\n',
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'static-model-'));
  vectors = await makeTinyVectors(join(work, 'vectors', 'tiny.json'));
  await mkdir(join(work, 'articles'));
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(work, 'articles', name), text);
});
afterAll(() => rm(work, { recursive: true, force: true }));

const config = (embeddingModel: string | null, indexDir: string, staticEmbedding: string | null = vectors) => ({
  articlesDir: join(work, 'articles'),
  indexDir: join(work, indexDir),
  embeddingModel,
  staticEmbedding,
  rerankerModel: null,
  modelCacheDir: join(work, 'cache'),
  allowRemoteModels: false,
  modelLoadTimeoutMs: 5_000,
});

describe('the offline word vectors as the fallback embedder', () => {
  it('GIVEN a transformers model that cannot load THEN the index is built hybrid with the word vectors and one warning says so', async () => {
    const engine = await createEngine(config('./no-such-model-dir', 'index-a'));
    expect(engine.mode).toBe('hybrid');
    expect(engine.warnings).toHaveLength(1);
    expect(engine.warnings[0]).toMatch(/offline word vectors instead/);
    const manifest = await readManifest(join(work, 'index-a'));
    expect(manifest?.mode).toBe('hybrid');
    expect(isStaticModelId(manifest?.model?.id)).toBe(true);
    expect(manifest?.model?.dimension).toBe(TINY_DIMENSION);
    const r = await engine.ask('Who severed relations?');
    expect(r.kind).toBe('answer');
    if (r.kind === 'answer') expect(r.excerpts[0]?.quote).toContain('severed diplomatic relations');
  });

  it('GIVEN an index built with the word vectors THEN reopening uses them directly: no attempt at the configured model, no warning', async () => {
    const engine = await createEngine(config('Xenova/not-a-real-model-xyz', 'index-a'));
    expect(engine.mode).toBe('hybrid');
    expect(engine.warnings).toEqual([]);
  });

  it('GIVEN EMBEDDING_MODEL=static THEN the word vectors are used without trying a transformers model', async () => {
    const models = await loadModels(config('static', 'unused'), false);
    expect(models.warnings).toEqual([]);
    expect(isStaticModelId(models.embedder?.modelId)).toBe(true);
  });

  it('GIVEN STATIC_EMBEDDING=none or EMBEDDING_MODEL=none THEN search stays lexical', async () => {
    const noFallback = await loadModels(config('./no-such-model-dir', 'unused', null), false);
    expect(noFallback.embedder).toBeNull();
    expect(noFallback.warnings[0]).toMatch(/lexical search only/);
    const off = await loadModels(config(null, 'unused'), false);
    expect(off.embedder).toBeNull();
    expect(off.warnings).toEqual([]);
  });

  it('GIVEN word vectors that cannot be read THEN the warning names both failures and search is lexical', async () => {
    const models = await loadModels(config('./no-such-model-dir', 'unused', join(work, 'missing.json')), false);
    expect(models.embedder).toBeNull();
    expect(models.warnings).toHaveLength(2);
    expect(models.warnings[1]).toMatch(/offline word vectors.*lexical search only/);
  });
});
