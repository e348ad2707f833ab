import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordCount } from '../../src/timeline/timeline.js';

/** The definition the counting loop replaces: runs of letters or digits. */
const byRegex = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

describe('timeline wordCount', () => {
  it('GIVEN any text (ASCII, accents, astral letters, lone surrogates) THEN it counts what the regex counts', () => {
    const piece = fc.constantFrom('Gaza', ' ', '8,610', 'Zürich', '—', '“', '𝐀𝐁', '𠀀', '\uD800', '١٢٣', 'é', '.', '\n', 'x');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme' })), { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(wordCount(s)).toBe(byRegex(s));
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN a plain sentence THEN its words are counted', () => {
    expect(wordCount('On 31 October, Israeli strikes killed 8,610 Palestinians.')).toBe(9); // '8,610' is two runs, as before
    expect(wordCount('')).toBe(0);
  });
});
