import { describe, expect, it } from 'vitest';
import { describeError, loadPretrained } from '../../src/embed/load-model.js';

const feature = { modelKind: 'test', consequence: 'Feature is off.', setting: 'TEST_MODEL' };

describe('GIVEN a model load that never finishes', () => {
  it('THEN it is reported unavailable as a timeout', async () => {
    const load = await loadPretrained('Org/hangs', { timeoutMs: 30 }, feature, () => new Promise<never>(() => {}));
    expect(load).toEqual({
      kind: 'unavailable',
      reason: expect.stringMatching(/could not load test model Org\/hangs: timed out.*Feature is off\. Set TEST_MODEL/),
    });
  });
});

describe('GIVEN a slow load that keeps reporting progress', () => {
  it('THEN the inactivity timeout does not cut it off', async () => {
    const load = await loadPretrained('Org/slow', { timeoutMs: 40 }, feature, async (_name, options) => {
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 15));
        options.progress_callback({ status: 'progress' });
      }
      return 'model';
    });
    expect(load).toEqual({ kind: 'loaded', model: 'model' });
  });
});

describe('GIVEN a load that times out and finishes later', () => {
  it('THEN the late model is handed to dispose', async () => {
    const disposed: string[] = [];
    let finish!: (v: string) => void;
    const load = await loadPretrained(
      'Org/late',
      { timeoutMs: 10 },
      feature,
      () => new Promise<string>((r) => (finish = r)),
      (m) => disposed.push(m),
    );
    expect(load.kind).toBe('unavailable');
    finish('late-model');
    await new Promise((r) => setTimeout(r, 0));
    expect(disposed).toEqual(['late-model']);
  });
});

describe('GIVEN a hub id and options', () => {
  it('THEN from_pretrained gets the id, quantized default and local-only when downloads are off', async () => {
    const seen: unknown[] = [];
    await loadPretrained('Org/model', { allowRemote: false, cacheDir: '/tmp/cache-x' }, feature, async (name, options) => {
      seen.push(name, options.quantized, options.local_files_only, options.cache_dir);
      return 1;
    });
    expect(seen).toEqual(['Org/model', true, true, '/tmp/cache-x']);
  });
});

describe('GIVEN a fetch error with a network cause', () => {
  it('THEN the cause code is part of the description', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) });
    expect(describeError(error)).toBe('fetch failed (ENOTFOUND)');
    expect(describeError('plain')).toBe('plain');
  });
});
