/**
 * Sentence segmentation over long paragraphs (issue 13 item 1): `Intl.Segmenter` is superlinear
 * on huge text, so it only ever sees bounded windows, and the windowed spans are the ones a
 * whole-paragraph segmentation gives.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEGMENT_WINDOW, sentenceSpans } from '../../src/core/text.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Calls to the segmenter during `f`, by input length. */
function segmenterInputs(f: () => void): number[] {
  const spy = vi.spyOn(Intl.Segmenter.prototype, 'segment');
  f();
  const lengths = spy.mock.calls.map(([s]) => s.length);
  spy.mockRestore();
  return lengths;
}

/** Every non-whitespace character covered exactly once, spans in order and trimmed. */
function expectExactCover(text: string, spans: readonly { start: number; end: number }[]): void {
  let at = 0;
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(at);
    expect(text.slice(at, s.start).trim()).toBe('');
    expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
    at = s.end;
  }
  expect(text.slice(at).trim()).toBe('');
}

describe('sentenceSpans: bounded windows', () => {
  const sentence = (i: number): string => `Officials in Ankara said on day ${i} that the U.S. envoy, Mr. Smith, met 3.5 thousand people.`;
  const megabyte = Array.from({ length: 11_000 }, (_, i) => sentence(i)).join(' ');

  it('GIVEN a 1 MB single paragraph THEN the segmenter never sees more than one window, and the work is linear', () => {
    expect(megabyte.length).toBeGreaterThan(1_000_000);
    let spans: ReturnType<typeof sentenceSpans> = [];
    const inputs = segmenterInputs(() => (spans = sentenceSpans(megabyte)));
    expect(Math.max(...inputs)).toBeLessThanOrEqual(SEGMENT_WINDOW);
    // Each character is segmented at most about twice (a window's cut-off last sentence is redone).
    expect(inputs.reduce((a, b) => a + b, 0)).toBeLessThan(1.1 * megabyte.length);
    expect(spans).toHaveLength(11_000);
    expect(megabyte.slice(spans[4321]!.start, spans[4321]!.end)).toBe(sentence(4321));
    expectExactCover(megabyte, spans);
  });

  it('GIVEN one "sentence" longer than a window (no full stop at all) THEN it is cut at spaces, still covering every character once', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const spans = sentenceSpans(text, 500);
    expect(spans.length).toBeGreaterThan(1);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(500);
    expectExactCover(text, spans);
    expect(spans.every((s) => /^\S/.test(text.slice(s.start)) && !/^\S/.test(text.slice(s.end) || ' '))).toBe(true); // never inside a word
  });

  it('GIVEN random paragraphs of news-like sentences THEN small windows give exactly the spans of unbounded segmentation', () => {
    const word = fc.constantFrom(
      'the',
      'minister',
      'said',
      'U.S.',
      'Mr.',
      'Dr.',
      'e.g.',
      '3.5',
      '“We',
      'will.”',
      'No.',
      '1',
      '(AFP)',
      'Gaza',
      'on',
      'Jan.',
      'officials',
      '...',
      'it',
      '—',
      'Ankara',
      'J.',
      'Smith',
      '"Yes!"',
      'why?',
      'and',
      '2023.',
      'km',
      'i.e.',
      'etc.',
    );
    const ending = fc.constantFrom('.', '!', '?', '.”', '."', '...', '');
    const sentenceArb = fc.tuple(fc.array(word, { minLength: 1, maxLength: 12 }), ending).map(([ws, end]) => `${ws.join(' ')}${end}`);
    const textArb = fc.array(
      fc.array(sentenceArb, { minLength: 1, maxLength: 30 }).map((ss) => ss.join(' ')),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(textArb, fc.integer({ min: 200, max: 600 }), (paragraphs, window) => {
        const text = paragraphs.join('\n\n');
        expect(sentenceSpans(text, window)).toEqual(sentenceSpans(text, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 200 },
    );
  });
});
