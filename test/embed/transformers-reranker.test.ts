import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reranker } from '../../src/embed/types.js';
import { loadEmbedder } from '../../src/embed/transformers-embedder.js';
import { loadReranker } from '../../src/embed/transformers-reranker.js';
import { makeTinyModels, type TinyModels } from './tiny-models.js';

let models: TinyModels;
let reranker: Reranker;

beforeAll(async () => {
  models = await makeTinyModels();
  const load = await loadReranker(models.rerankerDir, { allowRemote: false });
  if (load.kind !== 'loaded') throw new Error(load.reason);
  reranker = load.model;
});
afterAll(async () => models?.cleanup());

// The tiny cross-encoder's logit is the number of passage tokens among flood/river/rain/storm/water.
describe('GIVEN the tiny cross-encoder loaded from a local directory', () => {
  it('THEN each passage gets the logit of its (query, passage) pair, in input order', async () => {
    const scores = await reranker.score('flood', [
      'the council vote',
      'the river flood after the rain and the storm',
      'rain',
      'water and power at the station, then a flood',
    ]);
    expect(scores).toEqual([0, 4, 1, 2]);
  });

  it('THEN the query is the first segment and does not count as passage text', async () => {
    expect(await reranker.score('river flood rain storm', ['the city'])).toEqual([0]);
  });

  it('THEN padding in a mixed-length batch does not change a score', async () => {
    const [alone] = await reranker.score('q', ['river']);
    const [, inBatch] = await reranker.score('q', ['the old bridge and the new road in the town said the mayor', 'river']);
    expect(inBatch).toBe(alone);
  });

  it('THEN an over-long passage is truncated but keeps scoring', async () => {
    const long = Array.from({ length: 300 }, () => 'river').join(' ');
    const [score] = await reranker.score('flood', [long]);
    // 64-token limit: [CLS] flood [SEP] … [SEP] leaves 60 passage tokens.
    expect(score).toBe(60);
  });

  it('THEN no passages give no scores', async () => {
    expect(await reranker.score('flood', [])).toEqual([]);
  });

  it('THEN batching in small batches gives the same scores', async () => {
    const load = await loadReranker(models.rerankerDir, { batchSize: 1 });
    if (load.kind !== 'loaded') throw new Error(load.reason);
    const passages = ['rain rain', 'a', 'storm water river', 'the flood'];
    expect(await load.model.score('x', passages)).toEqual(await reranker.score('x', passages));
  });
});

describe('GIVEN an embedder and a reranker loaded at the same time from different directories', () => {
  it('THEN both load (the shared transformers.js settings do not leak between loads)', async () => {
    const [e, r] = await Promise.all([loadEmbedder(models.embedderDir), loadReranker(models.rerankerDir)]);
    expect(e.kind).toBe('loaded');
    expect(r.kind).toBe('loaded');
  });
});

describe('GIVEN a reranker hub id that is not cached and downloads are disabled', () => {
  it('THEN loading reports unavailable and says reranking is off', async () => {
    const load = await loadReranker('Xenova/no-such-reranker', { allowRemote: false, cacheDir: join(models.root, 'none') });
    expect(load.kind).toBe('unavailable');
    if (load.kind === 'unavailable') {
      expect(load.reason).toContain('Xenova/no-such-reranker');
      expect(load.reason).toContain('Reranking is off');
    }
  });
});
