import { describe, expect, it } from 'vitest';
import { BIG_FILE_BYTES, fileProgress } from '../../src/ingest/progress.js';

describe('fileProgress', () => {
  it('GIVEN a streamed file part-way THEN bytes read of its size and records parsed', () => {
    expect(
      fileProgress({ stage: 'parse', done: 0, total: 1, file: 'wire.jsonl', bytes: 3 * 1048576, read: { bytes: 1048576, records: 1 } }),
    ).toBe('wire.jsonl: 1.0/3.0 MB, 1 record');
  });
  it('GIVEN a big file about to be parsed whole THEN its name and size; a small one THEN nothing', () => {
    expect(fileProgress({ stage: 'parse', done: 0, total: 1, file: 'long.txt', bytes: 2 * BIG_FILE_BYTES })).toBe('long.txt (2.0 MB)');
    expect(fileProgress({ stage: 'parse', done: 0, total: 1, file: 'short.txt', bytes: 10 })).toBe('');
    expect(fileProgress({ stage: 'parse', done: 1, total: 1, file: '' })).toBe('');
  });
});
