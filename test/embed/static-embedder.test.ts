/**
 * The offline word-vector model: streaming conversion of the wink layout, the compact cache
 * (round trip, corruption, staleness) and the pooled embedder — all on a tiny generated file.
 */
import { readFile, rm, stat, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertWinkEmbeddings, staticModelId } from '../../src/embed/convert-wink.js';
import { ensureWordVectors, loadStaticEmbedder, StaticEmbedder, staticCachePath, staticTokens } from '../../src/embed/static-embedder.js';
import { decodeWordVectors, encodeWordVectors, quantizeInto, wordCosine, WordVectorsFormatError } from '../../src/embed/word-vectors.js';
import { makeTinyVectors, TINY_DIMENSION, TINY_WORDS } from '../fixtures/tiny-vectors/make-tiny-vectors.js';

let work: string;
let source: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'static-vectors-'));
  // A word with an escaped quote and a zero vector are part of the layout's edge cases.
  source = await makeTinyVectors(join(work, 'src', 'vectors.json'), '0.0.1', [
    ['say \\"hi\\"', [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['zero', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ]);
});
afterAll(() => rm(work, { recursive: true, force: true }));

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('converting the wink JSON layout', () => {
  it('GIVEN the tiny file THEN plain words and numbers are kept in frequency order with their ranks; punctuation, hyphenated and zero vectors are not', async () => {
    const data = await convertWinkEmbeddings(source);
    const kept = TINY_WORDS.map(([w]) => w).filter((w) => /^(?:[a-z]+|\d{1,4})$/.test(w));
    expect(data.words).toEqual(kept);
    expect(data.dimension).toBe(TINY_DIMENSION);
    // Ranks are the source's (1-based), so skipped tokens leave gaps: "killed" is the 5th entry.
    expect(data.ranks[data.words.indexOf('killed')]).toBe(5);
    expect(data.id).toBe(staticModelId({ version: '0.0.1' }, TINY_DIMENSION));
  });

  it('GIVEN a word limit THEN only the most frequent words are read', async () => {
    const data = await convertWinkEmbeddings(source, { maxWords: 3 });
    expect(data.words).toEqual(['the', 'said', 'killed']);
  });

  it('GIVEN a file without a vectors object THEN conversion fails with a clear message', async () => {
    const bad = join(work, 'bad.json');
    await writeFile(bad, '{"dimensions":8,"words":["vectors"]}');
    await expect(convertWinkEmbeddings(bad)).rejects.toThrow(/vectors/);
  });
});

describe('the compact cache file', () => {
  it('GIVEN a converted table THEN it survives a round trip and cosines match the float vectors within quantization error', async () => {
    const data = await convertWinkEmbeddings(source);
    const table = decodeWordVectors(encodeWordVectors(data));
    expect(table.words).toEqual(data.words);
    const i = table.indexOf.get('ties')!;
    const j = table.indexOf.get('relations')!;
    const k = table.indexOf.get('budget')!;
    expect(wordCosine(table, i, j)).toBeGreaterThan(0.9); // same topic axis
    expect(wordCosine(table, i, k)).toBeLessThan(0.3); // different axes
    expect(Math.abs(wordCosine(table, i, i) - 1)).toBeLessThan(0.02);
  });

  it('GIVEN one flipped byte THEN loading reports a format error instead of trusting the data', async () => {
    const bytes = encodeWordVectors(await convertWinkEmbeddings(source));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    expect(() => decodeWordVectors(bytes)).toThrow(WordVectorsFormatError);
    expect(() => decodeWordVectors(bytes.subarray(0, 20))).toThrow(WordVectorsFormatError);
  });

  it('GIVEN any unit vector THEN int8 quantization keeps every component within half a step', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 16 }), (xs) => {
        const out = new Int8Array(xs.length);
        const scale = quantizeInto(xs, out, 0);
        xs.forEach((x, i) => expect(Math.abs(out[i]! * scale - x)).toBeLessThanOrEqual(scale / 2 + 1e-6));
      }),
    );
  });

  it('GIVEN no cache THEN it is built once; THEN reused, rebuilt when corrupt or when the source changes, and used alone when the source is gone', async () => {
    const cacheDir = join(work, 'cache');
    const notes: string[] = [];
    const first = await ensureWordVectors(source, { cacheDir, onConvert: (m) => notes.push(m) });
    const path = staticCachePath(cacheDir, source);
    expect(notes).toHaveLength(1);
    const built = (await stat(path)).mtimeMs;

    await ensureWordVectors(source, { cacheDir, onConvert: (m) => notes.push(m) });
    expect(notes).toHaveLength(1); // cached: not converted again
    expect((await stat(path)).mtimeMs).toBe(built);

    const bytes = await readFile(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(path, bytes);
    const repaired = await ensureWordVectors(source, { cacheDir, onConvert: (m) => notes.push(m) });
    expect(notes).toHaveLength(2);
    expect(repaired.words).toEqual(first.words);

    // A new package version (another size) is another source: converted again, under a new id.
    const moved = await makeTinyVectors(join(work, 'src2', 'vectors.json'), '0.0.2');
    const cache2 = join(work, 'cache2');
    const v1 = await ensureWordVectors(moved, { cacheDir: cache2 });
    await makeTinyVectors(moved, '0.0.3', [['extra', [0, 1, 0, 0, 0, 0, 0, 0, 0, 0]]]);
    const v2 = await ensureWordVectors(moved, { cacheDir: cache2, onConvert: (m) => notes.push(m) });
    expect(notes).toHaveLength(3);
    expect(v2.id).not.toBe(v1.id);
    expect(v2.words).toContain('extra');

    await rm(moved);
    const alone = await ensureWordVectors(moved, { cacheDir: cache2 });
    expect(alone.id).toBe(v2.id);
  });
});

describe('the offline embedder', () => {
  let embedder: StaticEmbedder;
  beforeAll(async () => {
    const r = await loadStaticEmbedder(source, { cacheDir: join(work, 'cache-embedder') });
    if (r.kind !== 'loaded') throw new Error(r.reason);
    embedder = r.model;
  });

  it('GIVEN texts about the same topic in different words THEN their vectors are closer than to another topic', async () => {
    const [a, b, c] = await embedder.embed(['Bolivia cut ties', 'new diplomatic relations', 'the council budget vote']);
    expect(embedder.dimension).toBe(TINY_DIMENSION);
    expect(dot(a!, b!)).toBeGreaterThan(0.8);
    expect(dot(a!, c!)).toBeLessThan(0.3);
  });

  it('GIVEN any text THEN the vector is unit length, or all zeros when no word is known', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('ties', 'Budget', 'unknownword', 'the', '2023', 'flood,', '“complicit”', ' '), { maxLength: 12 }),
        (ws) => {
          const v = embedder.embedOne(ws.join(' '));
          const n = Math.sqrt(dot(v, v));
          const known = staticTokens(ws.join(' ')).some((w) => embedder.table.indexOf.has(w));
          expect(known ? Math.abs(n - 1) < 1e-5 : n === 0).toBe(true);
        },
      ),
    );
  });

  it('GIVEN a source that does not exist and no cache THEN loading is unavailable with advice, not an exception', async () => {
    const r = await loadStaticEmbedder(join(work, 'nope.json'), { cacheDir: join(work, 'cache-none') });
    expect(r.kind).toBe('unavailable');
    if (r.kind === 'unavailable') expect(r.reason).toMatch(/STATIC_EMBEDDING/);
  });
});
