import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../src/core/text.js';
import { chunkSentences } from '../../src/ingest/chunker.js';

/** News-like text: sentences of words, with abbreviations, numbers, quotes and paragraph breaks. */
const word = fc.constantFrom(
  'Gaza',
  'Iran',
  'minister',
  'said',
  'the',
  'U.S.',
  'Mr.',
  '8,610',
  '“talks”',
  'on',
  'Wednesday',
  'killed',
  'é',
  '—',
);
const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => `${ws.join(' ')}${'.!?'[ws.length % 3]}`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((ss) => ss.join(' '));
const article = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n\n'));
const settings = fc.record({ targetChars: fc.integer({ min: 20, max: 1500 }), overlapSentences: fc.integer({ min: 0, max: 3 }) });

describe('chunkSentences (property)', () => {
  it('GIVEN any article THEN chunks cover every sentence, in order, and never split one', () => {
    fc.assert(
      fc.property(article, settings, (text, s) => {
        const sentences = sentenceSpans(text);
        const chunks = chunkSentences('a', sentences, s, 0);
        // Coverage: every sentence index lies inside some chunk.
        const covered = new Set<number>();
        for (const c of chunks) for (let i = c.firstSentence; i <= c.lastSentence; i++) covered.add(i);
        expect(covered.size).toBe(sentences.length);
        for (const c of chunks) {
          // Boundaries are sentence boundaries.
          expect(c.start).toBe(sentences[c.firstSentence]!.start);
          expect(c.end).toBe(sentences[c.lastSentence]!.end);
        }
        // Progress: first sentences strictly increase, ids are dense.
        chunks.forEach((c, i) => {
          expect(c.id).toBe(i);
          if (i > 0) expect(c.firstSentence).toBeGreaterThan(chunks[i - 1]!.firstSentence);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN any article THEN a chunk exceeds the target only when it is a single sentence', () => {
    fc.assert(
      fc.property(article, settings, (text, s) => {
        const chunks = chunkSentences('a', sentenceSpans(text), s, 0);
        for (const c of chunks) {
          if (c.end - c.start > s.targetChars) expect(c.lastSentence).toBe(c.firstSentence);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN overlap N THEN consecutive chunks share at most N sentences', () => {
    fc.assert(
      fc.property(article, settings, (text, s) => {
        const chunks = chunkSentences('a', sentenceSpans(text), s, 0);
        for (let i = 1; i < chunks.length; i++) {
          const shared = chunks[i - 1]!.lastSentence - chunks[i]!.firstSentence + 1;
          expect(shared).toBeLessThanOrEqual(s.overlapSentences);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('sentenceSpans (property)', () => {
  it('GIVEN any text THEN spans are trimmed, ordered, disjoint and cover every non-space character', () => {
    fc.assert(
      fc.property(fc.oneof(article, fc.string({ maxLength: 300 })), (text) => {
        const spans = sentenceSpans(text);
        let prevEnd = 0;
        const mask = new Array<boolean>(text.length).fill(false);
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(prevEnd);
          expect(s.end).toBeGreaterThan(s.start);
          expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
          for (let i = s.start; i < s.end; i++) mask[i] = true;
          prevEnd = s.end;
        }
        for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) expect(mask[i]).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN "Mr." and "U.S." inside a sentence THEN it is not split there', () => {
    const text = 'Mr. Fidan met U.S. officials in Ankara. They talked.';
    const got = sentenceSpans(text).map((s) => text.slice(s.start, s.end));
    expect(got).toEqual(['Mr. Fidan met U.S. officials in Ankara.', 'They talked.']);
  });

  it('GIVEN a middle initial between names THEN the name is not split', () => {
    const text = 'The tower was designed by John C. Messenger in 1903. It still stands.';
    const got = sentenceSpans(text).map((s) => text.slice(s.start, s.end));
    expect(got).toEqual(['The tower was designed by John C. Messenger in 1903.', 'It still stands.']);
  });
});
