import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Sketch,
  decodeSketches,
  encodeSketches,
  findNearDuplicateSketches,
  findNearDuplicates,
  sketchOf,
} from '../../src/ingest/dedupe.js';
import { parseFile } from '../../src/ingest/parse.js';

const WIRE = [
  'The government of Bolivia announced on Tuesday it was severing diplomatic relations with Israel due to its military operation in Gaza and alleged war crimes against the Palestinians.',
  '“Bolivia decided to break diplomatic relations with the state of Israel in repudiation and condemnation of the aggressive and disproportionate Israeli military offensive taking place in the Gaza Strip,” Deputy Foreign Minister Freddy Mamani said at a press conference.',
  'Acting Foreign Minister Maria Nela Prada accused Israel of “committing crimes against humanity” against the Palestinians in Gaza, calling on the Israeli government to cease attacks.',
  'The move follows President Luis Arce’s meeting on Monday with the Palestinian ambassador in La Paz, Mahmoud Elalwani.',
  'Bolivia has severed relations with Israel on account of Gaza once before, in 2009, under the rule of President Evo Morales.',
].join('\n\n');

/** The same wire story as another outlet runs it: a dateline added, a few words changed, quotes straightened. */
const EDITED = `LA PAZ (AP) – ${WIRE.replace('announced on Tuesday', 'said on Tuesday')
  .replace('alleged war crimes', 'what it called war crimes')
  .replaceAll('“', '"')
  .replaceAll('”', '"')
  .replace('in La Paz, Mahmoud Elalwani', 'in the capital')}`;

/** The same wire story cut short by an editor: the first three paragraphs only. */
const TRIMMED = WIRE.split('\n\n').slice(0, 3).join('\n\n');

const OTHER =
  'Iranian Foreign Minister Hossein Amir-Abdollahian has met with his Turkish counterpart Hakan Fidan in Ankara to discuss efforts needed for an immediate ceasefire in the Gaza Strip. The two foreign ministers held a meeting behind closed doors in the Turkish capital on Wednesday.';

describe('GIVEN a wire story and a lightly edited copy in another file', () => {
  it('THEN the copy maps to the first one', () => {
    const d = findNearDuplicates([
      { id: 'a', text: WIRE },
      { id: 'b', text: OTHER },
      { id: 'c', text: EDITED },
    ]);
    expect([...d]).toEqual([['c', 'a']]);
  });

  it('THEN a trimmed copy maps to the full one, and a third copy maps to the first, not the second', () => {
    const d = findNearDuplicates([
      { id: 'full', text: WIRE },
      { id: 'trimmed', text: TRIMMED },
      { id: 'edited', text: EDITED },
    ]);
    expect(d.get('trimmed')).toBe('full');
    expect(d.get('edited')).toBe('full');
    expect(d.has('full')).toBe(false);
  });
});

describe('GIVEN different stories on the same topic', () => {
  it('THEN none is a duplicate, even though they share names and phrases', () => {
    const seeds = [
      '000_32496ba02e16739e.txt',
      '001_2307ceb8bb1c8c94.txt',
      '002_ab3423500176ee8b.txt',
      '003_cd995ce927069bad.txt',
      '004_02c67a769af9a6a9.txt',
    ];
    const articles = seeds.flatMap((f) => {
      const r = parseFile(f, readFileSync(new URL(`../../data/articles/${f}`, import.meta.url)));
      return r.kind === 'parsed' ? r.articles.map((a, i) => ({ id: `${f}#${i}`, text: a.text })) : [];
    });
    expect(articles).toHaveLength(7);
    expect(findNearDuplicates(articles).size).toBe(0);
  });

  it('THEN a short excerpt quoted inside a much longer article is not a copy of it', () => {
    const long = `${WIRE}\n\n${OTHER}\n\n${OTHER.replaceAll('Ankara', 'Tehran')}\n\n${WIRE.replaceAll('Bolivia', 'Chile')}`;
    const excerpt = WIRE.split('\n\n')[0]!;
    expect(
      findNearDuplicates([
        { id: 'long', text: long },
        { id: 'x', text: excerpt },
      ]).size,
    ).toBe(0);
  });
});

describe('GIVEN edge cases', () => {
  it('THEN empty input, empty texts and identical ids give no duplicates', () => {
    expect(findNearDuplicates([]).size).toBe(0);
    expect(
      findNearDuplicates([
        { id: 'a', text: '' },
        { id: 'b', text: '' },
      ]).size,
    ).toBe(0);
    expect(
      findNearDuplicates([
        { id: 'a', text: WIRE },
        { id: 'a', text: WIRE },
      ]).size,
    ).toBe(0);
  });

  it('THEN identical very short texts are duplicates', () => {
    expect([
      ...findNearDuplicates([
        { id: 'a', text: 'Gaza ceasefire' },
        { id: 'b', text: 'Gaza ceasefire!' },
      ]),
    ]).toEqual([['b', 'a']]);
  });

  it('THEN many distinct articles plus copies: exactly the copies are found', () => {
    let s = 7;
    const rnd = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s >>> 8) / 16777216;
    };
    const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const articles = Array.from({ length: 2000 }, (_, i) => ({
      id: `n${i}`,
      text: Array.from({ length: 300 }, () => vocab[Math.floor(rnd() * vocab.length)]).join(' '),
    }));
    const copies = articles
      .slice(0, 100)
      .map((a, i) => ({ id: `copy${i}`, text: a.text.replace(/^(\S+ ){5}/, 'Edited lead words here ') }));
    const d = findNearDuplicates([...articles, ...copies]);
    expect(d.size).toBe(100);
    for (let i = 0; i < 100; i++) expect(d.get(`copy${i}`)).toBe(`n${i}`);
  });

  it('THEN saved sketches (encoded, decoded) find exactly what the texts find, accents folded as before', () => {
    const texts = [WIRE, WIRE.replace('Tuesday', 'Wednesday'), 'Crème brûlée is a dessert served in Paris cafés every day of the week.'];
    const accented = { id: 'd', text: texts[2]!.normalize('NFD') }; // decomposed accents: same words
    const articles = [...texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text })), accented];
    const decoded = decodeSketches(encodeSketches(articles.map((a) => sketchOf(a.text))));
    const flat = (d: Sketch) => [d.total, ...d.keys, -1, ...d.min];
    expect(decoded.map(flat)).toEqual(articles.map((a) => flat(sketchOf(a.text))));
    const fromSaved = findNearDuplicateSketches(articles.map((a, i) => ({ id: a.id, sketch: decoded[i]! })));
    expect([...fromSaved]).toEqual([...findNearDuplicates(articles)]);
    expect(fromSaved.get('b')).toBe('a');
    expect(fromSaved.get('d')).toBe('c');
    expect(() => decodeSketches(new Uint8Array([9, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0]))).toThrow(/truncated/);
  });

  it('THEN a long text (sampled sketch) and its shorter cut (full sketch) are still matched, and a different text is not', () => {
    const words = Array.from({ length: 90 }, (_, i) => `word${(i * 7919) % 1000}`);
    const long = words.join(' ');
    const cut = words.slice(0, 60).join(' ');
    const other = Array.from({ length: 60 }, (_, i) => `other${i}`).join(' ');
    expect(sketchOf(long).keys.length).toBeLessThan(sketchOf(long).total); // sampled
    expect(sketchOf(cut).keys.length).toBe(sketchOf(cut).total); // kept whole
    // Candidate keys: the 16 smallest hashes of the whole set, whatever the text's length.
    expect(sketchOf(long).min.length).toBe(16);
    expect([...sketchOf(cut).min].every((h, i, m) => i === 0 || m[i - 1]! < h)).toBe(true);
    const d = findNearDuplicates([
      { id: 'long', text: long },
      { id: 'cut', text: cut },
      { id: 'other', text: other },
    ]);
    expect([...d]).toEqual([['cut', 'long']]);
  });
});
