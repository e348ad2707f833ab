import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginate, renderBlocks, truncate, type Block } from '../../src/discord/paging.js';

describe('GIVEN blocks that fit', () => {
  const blocks: Block[] = ['a', 'b', 'c', 'd', 'e'].map((t) => ({ text: t }));
  it('THEN they are packed maxBlocks per page, in order', () => {
    const pages = paginate(blocks, { maxChars: 100, maxBlocks: 2 });
    expect(pages.map((p) => p.items)).toEqual([[0, 1], [2, 3], [4]]);
    expect(pages[0]?.text).toBe('a\n\nb');
  });
  it('THEN an empty list gives one empty page', () => {
    expect(paginate([], { maxChars: 10, maxBlocks: 3 })).toEqual([{ text: '', items: [] }]);
  });
});

describe('GIVEN grouped blocks', () => {
  it('THEN a group heading is shown where the group changes and repeated at the top of each page', () => {
    const blocks: Block[] = [
      { group: 'G1', text: 'x' },
      { group: 'G1', text: 'y' },
      { group: 'G2', text: 'z' },
    ];
    expect(renderBlocks(blocks)).toBe('G1\nx\n\ny\n\nG2\nz');
    const pages = paginate(blocks, { maxChars: 100, maxBlocks: 1 });
    expect(pages.map((p) => p.text)).toEqual(['G1\nx', 'G1\ny', 'G2\nz']);
  });
});

describe('GIVEN a block too long for any page', () => {
  it('THEN it gets its own page and is shrunk with an ellipsis, the neighbours untouched', () => {
    const blocks: Block[] = [{ text: 'short' }, { text: 'word '.repeat(100) }, { text: 'after' }];
    const pages = paginate(blocks, { maxChars: 60, maxBlocks: 3 });
    expect(pages.map((p) => p.items)).toEqual([[0], [1], [2]]);
    expect(pages[1]?.text.length).toBeLessThanOrEqual(60);
    expect(pages[1]?.text.endsWith('…')).toBe(true);
  });
  it('THEN its own shrink function is used when given', () => {
    const pages = paginate([{ text: 'x'.repeat(50), shrink: () => 'shrunk' }], { maxChars: 20, maxBlocks: 1 });
    expect(pages[0]?.text).toBe('shrunk');
  });
});

describe('GIVEN truncate', () => {
  it('THEN short text is unchanged and long text ends at a word with an ellipsis', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('hello wonderful world', 16)).toBe('hello wonderful…');
  });
  it('THEN a trailing backslash is not left to escape the ellipsis', () => {
    expect(truncate('abc\\\\def', 5)).toBe('abc…');
  });
});

describe('GIVEN any blocks (property)', () => {
  it('THEN no page exceeds the limits, every block appears exactly once and in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ text: fc.string({ minLength: 1, maxLength: 300 }), group: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }) }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 1, max: 5 }),
        (raw, maxChars, maxBlocks) => {
          const blocks: Block[] = raw.map((b) => (b.group === undefined ? { text: b.text } : { text: b.text, group: b.group }));
          const pages = paginate(blocks, { maxChars, maxBlocks });
          const items = pages.flatMap((p) => p.items);
          expect(items).toEqual(blocks.map((_, i) => i));
          for (const p of pages) {
            expect(p.text.length).toBeLessThanOrEqual(maxChars);
            expect(p.items.length).toBeLessThanOrEqual(maxBlocks);
          }
        },
      ),
    );
  });
});
