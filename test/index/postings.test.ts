import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/bm25.js';
import { decodePostings, encodePostings, mergePostings, postingsFromTerms } from '../../src/index/postings.js';

const docs = [
  ['bolivia', 'israel', 'tie', 'cut'],
  ['gaza', 'israel', 'israel', 'ceasefir'],
  ['doha', 'talk', 'ceasefir'],
  ['bolivia', 'ambassador', 'recal', 'café'],
];
const queries = [['israel'], ['bolivia', 'talk'], ['ceasefir', 'gaza'], ['café'], ['absent']];

describe('GIVEN postings of tokenised documents', () => {
  const data = postingsFromTerms(docs);

  it('THEN encode → decode round-trips every array and term', () => {
    const back = decodePostings(encodePostings(data));
    expect(back.terms).toEqual(data.terms);
    expect([...back.offsets]).toEqual([...data.offsets]);
    expect([...back.ids]).toEqual([...data.ids]);
    expect([...back.tfs]).toEqual([...data.tfs]);
    expect([...back.lengths]).toEqual([4, 4, 3, 4]);
  });

  it('THEN a BM25 index over the decoded postings scores exactly like one built from the terms', () => {
    const built = Bm25Index.fromTerms(docs);
    const loaded = Bm25Index.fromPostings(decodePostings(encodePostings(data)));
    for (const q of queries) expect(loaded.searchTerms(q, 10)).toEqual(built.searchTerms(q, 10));
    expect(loaded.idf('israel')).toBe(built.idf('israel'));
  });

  it('THEN a truncated, foreign or empty file is refused with a reason', () => {
    const bytes = encodePostings(data);
    expect(() => decodePostings(bytes.subarray(0, bytes.length - 2))).toThrow(/bytes, its header says/);
    expect(() => decodePostings(new TextEncoder().encode('{"not":"postings", "padding": "........"}'))).toThrow(/not a postings file/);
    expect(() => decodePostings(new Uint8Array(3))).toThrow(/shorter than its header/);
    const empty = decodePostings(encodePostings(postingsFromTerms([])));
    expect(empty.terms).toEqual([]);
    expect(Bm25Index.fromPostings(empty).searchTerms(['x'], 3)).toEqual([]);
  });
});

describe('GIVEN postings merged from parts (a file changed between unchanged ones)', () => {
  it('THEN the merge equals postings built over the new corpus in one go (property)', () => {
    const term = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const doc = fc.array(term, { maxLength: 6 });
    const file = fc.array(doc, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(file, { minLength: 2, maxLength: 5 }), fc.nat(), fc.array(doc, { maxLength: 4 }), (files, pick, replacement) => {
        // Old generation: all files merged; new generation: file `changed` replaced by `replacement`.
        const changed = pick % files.length;
        const old = postingsFromTerms(files.flat());
        const starts: number[] = [];
        files.reduce((at, f) => (starts.push(at), at + f.length), 0);
        const next = files.map((f, i) => (i === changed ? replacement : f));
        const newStarts: number[] = [];
        const total = next.reduce((at, f) => (newStarts.push(at), at + f.length), 0);
        const oldToNew = (id: number) => {
          const i = starts.findLastIndex((s) => s <= id);
          return i === changed ? -1 : newStarts[i]! + (id - starts[i]!);
        };
        const fresh = { data: postingsFromTerms(replacement), map: (local: number) => newStarts[changed]! + local };
        // Whole: the old postings as one source. Segmented, as incremental ingestion does it: one
        // ranged source per run of unchanged files, all sources in new-id order (no sort needed).
        const oldEnd = starts[changed]! + files[changed]!.length;
        const segmented = [
          { data: old, map: oldToNew, from: 0, to: starts[changed]! },
          fresh,
          { data: old, map: oldToNew, from: oldEnd, to: old.lengths.length },
        ];
        for (const sources of [[{ data: old, map: oldToNew }, fresh], segmented]) {
          const merged = mergePostings(sources, total);
          const direct = Bm25Index.fromTerms(next.flat());
          const fromMerge = Bm25Index.fromPostings(merged);
          for (const t of ['a', 'b', 'c', 'd', 'e', 'f']) {
            expect(fromMerge.searchTerms([t], 100)).toEqual(direct.searchTerms([t], 100));
            expect(fromMerge.idf(t)).toBe(direct.idf(t));
          }
          // Ids ascend within every term (search relies on nothing else, but the file format says so).
          for (let i = 0; i < merged.terms.length; i++) {
            const ids = [...merged.ids.subarray(merged.offsets[i]!, merged.offsets[i + 1]!)];
            expect(ids).toEqual([...ids].sort((x, y) => x - y));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('THEN a document left uncovered or covered twice is an error, not a silent gap', () => {
    const p = postingsFromTerms([['a'], ['b']]);
    expect(() => mergePostings([{ data: p, map: (l) => l }], 3)).toThrow(/miss document 2/);
    expect(() => mergePostings([{ data: p, map: () => 0 }], 2)).toThrow(/merged twice/);
  });
});
