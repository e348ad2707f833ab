import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawOrtThroughput } from '../../src/embed/raw-ort.js';
import { makeTinyModels, type TinyModels } from './tiny-models.js';

let models: TinyModels;
beforeAll(async () => {
  models = await makeTinyModels();
});
afterAll(async () => models?.cleanup());

describe('GIVEN the tiny embedder directory and 10 texts in batches of 4', () => {
  it('THEN every text is run through onnxruntime in 3 batches and rates are reported', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => 'the river flood '.repeat(i + 1));
    const result = await rawOrtThroughput(models.embedderDir, texts, 4);
    expect(result.texts).toBe(10);
    expect(result.batches).toBe(3);
    expect(result.textsPerSecond).toBeGreaterThan(0);
    expect(result.inferenceTextsPerSecond).toBeGreaterThanOrEqual(result.textsPerSecond);
  });
});

describe('GIVEN a directory without a model', () => {
  it('THEN it throws with the reason', async () => {
    await expect(rawOrtThroughput(models.root, ['x'], 4)).rejects.toThrow(/could not load/);
  });
});
