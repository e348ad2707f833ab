/**
 * The whole product path with the REAL transformers.js loader and onnxruntime, on tiny models the
 * test generates (no network): build a hybrid index, answer from it, refuse a model mismatch.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { IndexLoadError, readManifest } from '../../src/index/store.js';
import { makeTinyModels, type TinyModels } from '../embed/tiny-models.js';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model.js';

let models: TinyModels;
let work: string;

/** Articles written in the tiny model's vocabulary, so its vectors carry meaning. */
const ARTICLES: Record<string, string> = {
  'flood.md':
    '---\ntitle: River flood\nsource: Town Wire\npublished: 2024-03-02\n---\nThe river flooded the old road after the storm. Rain fell for a week.\n',
  'budget.md':
    '---\ntitle: City budget\nsource: City Post\npublished: 2024-03-05\n---\nThe city council passed the budget with a new tax. The mayor said it was fair.\n',
  'festival.md':
    '---\ntitle: Music festival\nsource: Town Wire\npublished: 2024-03-09\n---\nThe music festival in the park drew many people. The team played all day.\n',
};

beforeAll(async () => {
  models = await makeTinyModels();
  work = await mkdtemp(join(tmpdir(), 'real-models-'));
  await mkdir(join(work, 'articles'));
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(work, 'articles', name), text);
});
afterAll(async () => {
  await models.cleanup();
  await rm(work, { recursive: true, force: true });
});

const config = (embeddingModel: string, rerankerModel: string | null = null) => ({
  articlesDir: join(work, 'articles'),
  indexDir: join(work, 'index'),
  embeddingModel,
  rerankerModel,
  modelCacheDir: join(work, 'cache'),
  allowRemoteModels: false,
  modelLoadTimeoutMs: 10_000,
});

describe('engine with real transformers.js models', () => {
  it('GIVEN a local embedding model directory THEN the index is built hybrid and records the model', async () => {
    const engine = await createEngine(config(models.embedderDir, models.rerankerDir));
    expect(engine.mode).toBe('hybrid');
    expect(engine.warnings).toEqual([]);
    const manifest = await readManifest(join(work, 'index'));
    expect(manifest?.mode).toBe('hybrid');
    expect(manifest?.model?.dimension).toBeGreaterThan(0);

    // WHY: only the flood article mentions a river and a storm; BM25, dense and the reranker
    // (which scores flood/river/rain/storm/water words) all agree on it.
    const r = await engine.ask('What did the storm do to the river road?');
    expect(r.kind).toBe('answer');
    if (r.kind === 'answer') {
      expect(r.excerpts[0]?.article.title).toBe('River flood');
      expect(r.excerpts[0]?.quote).toContain('river flooded the old road');
    }
  });

  it('GIVEN an index built with one model THEN starting with another is refused with a clear message', async () => {
    const other = await makeTinyModel(join(work, 'other-embedder'), 'embedder');
    const attempt = createEngine(config(other));
    await expect(attempt).rejects.toBeInstanceOf(IndexLoadError);
    await expect(attempt).rejects.toThrow(/--full/);
  });

  it('GIVEN a model that cannot be loaded THEN the engine falls back to lexical search with one warning', async () => {
    const engine = await createEngine({ ...config('Xenova/not-a-real-model-xyz'), indexDir: join(work, 'index2') });
    expect(engine.mode).toBe('lexical');
    expect(engine.warnings).toHaveLength(1);
    expect(engine.warnings[0]).toMatch(/lexical/i);
    expect((await engine.ask('Who passed the city budget?')).kind).toBe('answer');
  });
});
