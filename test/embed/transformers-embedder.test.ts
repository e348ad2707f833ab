import { cp, mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/types.js';
import { loadEmbedder } from '../../src/embed/transformers-embedder.js';
import { TINY_HIDDEN, TINY_VOCAB, tinyTypeEmbeddings, tinyWordEmbeddings } from '../fixtures/tiny-model/make-tiny-model.js';
import { makeTinyModels, type TinyModels } from './tiny-models.js';

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}
function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, x, i) => s + x * b[i]!, 0);
}

/** What mean pooling + L2 normalisation of the tiny model must give for these word tokens. */
function expectedVector(words: readonly string[]): Float32Array {
  const table = tinyWordEmbeddings();
  const types = tinyTypeEmbeddings();
  const ids = ['[CLS]', ...words, '[SEP]'].map((w) => TINY_VOCAB.indexOf(w));
  const sum = new Float32Array(TINY_HIDDEN);
  for (const id of ids) for (let d = 0; d < TINY_HIDDEN; d++) sum[d]! += table[id * TINY_HIDDEN + d]! + types[d]!;
  const n = norm(sum);
  return sum.map((x) => x / n);
}

let models: TinyModels;
let embedder: Embedder;

beforeAll(async () => {
  models = await makeTinyModels();
  const load = await loadEmbedder(models.embedderDir, { allowRemote: false });
  if (load.kind !== 'loaded') throw new Error(load.reason);
  embedder = load.model;
});
afterAll(async () => models?.cleanup());

describe('GIVEN the tiny BERT-like model loaded from a local directory', () => {
  it('THEN it reports the hidden size as dimension and the spec as model id', () => {
    expect(embedder.dimension).toBe(TINY_HIDDEN);
    expect(embedder.modelId).toBe(models.embedderDir);
  });

  it('THEN every vector has unit length and the model dimension', async () => {
    const vectors = await embedder.embed(['the river flood', 'city council vote on the budget', 'snow']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(TINY_HIDDEN);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('THEN the vector is the normalised mean of the token states, ignoring padding', async () => {
    // The short text is padded next to the long one: padding must not leak into its mean.
    const [short, long] = await embedder.embed(['river flood', 'the mayor said the new bridge and the old road was on fire']);
    const expected = expectedVector(['river', 'flood']);
    short!.forEach((x, d) => expect(x).toBeCloseTo(expected[d]!, 5));
    expect(long!.length).toBe(TINY_HIDDEN);
  });

  it('THEN the same text always gives the same vector, alone or in a batch', async () => {
    const [alone] = await embedder.embed(['storm and rain in the town']);
    const batch = await embedder.embed(['a', 'storm and rain in the town', 'the court and the judge said the law was old']);
    expect(Array.from(batch[1]!)).toEqual(Array.from(alone!));
  });

  it('THEN texts sharing words are closer than unrelated texts', async () => {
    const [query, related, unrelated] = await embedder.embed([
      'river flood water',
      'the river flood and the water',
      'music festival at the hospital',
    ]);
    expect(dot(query!, related!)).toBeGreaterThan(dot(query!, unrelated!));
  });

  it('THEN input order is preserved although batches are sorted by length', async () => {
    const texts = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: ((i * 7) % 13) + 1 }, (_, j) => TINY_VOCAB[11 + ((i + j) % 60)]).join(' '),
    );
    const together = await embedder.embed(texts);
    const oneByOne = await Promise.all(texts.map(async (t) => (await embedder.embed([t]))[0]!));
    together.forEach((v, i) => Array.from(v).forEach((x, d) => expect(x).toBeCloseTo(oneByOne[i]![d]!, 5)));
  });

  it('THEN an empty list gives no vectors', async () => {
    expect(await embedder.embed([])).toEqual([]);
  });

  it('THEN text longer than the model limit is truncated instead of failing', async () => {
    const [v] = await embedder.embed([Array.from({ length: 500 }, () => 'river').join(' ')]);
    expect(norm(v!)).toBeCloseTo(1, 5);
  });
});

describe('GIVEN small batches', () => {
  it('THEN results equal those of the default batch size', async () => {
    const load = await loadEmbedder(models.embedderDir, { batchSize: 2 });
    if (load.kind !== 'loaded') throw new Error(load.reason);
    const texts = ['rain', 'the storm', 'city council vote', 'a', 'power and water'];
    const small = await load.model.embed(texts);
    const big = await embedder.embed(texts);
    small.forEach((v, i) => Array.from(v).forEach((x, d) => expect(x).toBeCloseTo(big[i]![d]!, 5)));
  });
});

describe('GIVEN a relative path to the model directory', () => {
  it('THEN it loads from disk', async () => {
    const load = await loadEmbedder(relative(process.cwd(), models.embedderDir), { allowRemote: false });
    expect(load.kind).toBe('loaded');
  });
});

describe('GIVEN the non-quantized file is requested', () => {
  it('THEN onnx/model.onnx is loaded', async () => {
    const load = await loadEmbedder(models.embedderDir, { quantized: false });
    expect(load.kind).toBe('loaded');
  });
});

describe('GIVEN a local directory holding only onnx/model.onnx', () => {
  it('THEN it loads without asking for the quantized file', async () => {
    const dir = join(models.root, 'full-precision-only');
    await cp(models.embedderDir, dir, { recursive: true });
    await rm(join(dir, 'onnx', 'model_quantized.onnx'));
    const load = await loadEmbedder(dir);
    expect(load.kind).toBe('loaded');
  });
});

describe('GIVEN a hub id that was downloaded to the cache earlier', () => {
  it('THEN it loads from the cache with downloads disabled', async () => {
    const cacheDir = join(models.root, 'cache');
    await mkdir(join(cacheDir, 'SomeOrg'), { recursive: true });
    await cp(models.embedderDir, join(cacheDir, 'SomeOrg', 'tiny-embedder'), { recursive: true });
    const load = await loadEmbedder('SomeOrg/tiny-embedder', { cacheDir, allowRemote: false });
    expect(load.kind).toBe('loaded');
    if (load.kind === 'loaded') expect(load.model.dimension).toBe(TINY_HIDDEN);
  });
});

describe('GIVEN a hub id that is not cached and downloads are disabled', () => {
  it('THEN loading reports unavailable with advice on enabling semantic search', async () => {
    const load = await loadEmbedder('Xenova/no-such-model-for-tests', { allowRemote: false, cacheDir: join(models.root, 'empty-cache') });
    expect(load.kind).toBe('unavailable');
    if (load.kind !== 'unavailable') return;
    expect(load.reason).toContain('Xenova/no-such-model-for-tests');
    expect(load.reason).toContain('downloads are disabled');
    expect(load.reason).toContain('lexical search only');
    expect(load.reason).toContain('EMBEDDING_MODEL');
  });
});

describe('GIVEN a path to a directory that does not exist', () => {
  it('THEN loading reports unavailable naming the directory', async () => {
    const load = await loadEmbedder('./no/such/model-dir');
    expect(load.kind).toBe('unavailable');
    if (load.kind === 'unavailable') expect(load.reason).toMatch(/no\/such\/model-dir does not exist/);
  });
});

describe('GIVEN a directory that is not a model', () => {
  it('THEN loading reports unavailable rather than throwing', async () => {
    const load = await loadEmbedder(join(models.root, 'rerankers'), { allowRemote: false });
    expect(load.kind).toBe('unavailable');
  });
});

describe('GIVEN a model host that accepts connections but never answers', () => {
  it('THEN loading gives up after the inactivity timeout and reports unavailable', async () => {
    const { createServer } = await import('node:http');
    const { env } = await import('@xenova/transformers');
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer(() => {}).on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const savedHost = env.remoteHost;
    env.remoteHost = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    try {
      const load = await loadEmbedder('SomeOrg/hanging-model', { timeoutMs: 300, cacheDir: join(models.root, 'hang-cache') });
      expect(load.kind).toBe('unavailable');
      if (load.kind === 'unavailable') expect(load.reason).toMatch(/hanging-model: timed out: no progress for 300 ms.*lexical search only/);
    } finally {
      env.remoteHost = savedHost;
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });
});
