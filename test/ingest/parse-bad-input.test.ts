import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTextStream, decodeUtf8Stream, scanUtf8, streamIsUtf8 } from '../../src/ingest/parse-decode.js';
import { type FileParse, type RawArticle, parseFile } from '../../src/ingest/parse.js';

const enc = new TextEncoder();
const STORY = 'Ceasefire talks resume\n\nNegotiators met in Cairo on Monday, officials said.\n';

function articles(r: FileParse): readonly RawArticle[] {
  if (r.kind !== 'parsed') throw new Error(`skipped: ${r.reason}`);
  return r.articles;
}

describe('GIVEN an empty or whitespace-only file', () => {
  it('THEN it is skipped as "empty file"', () => {
    expect(parseFile('a.txt', new Uint8Array())).toEqual({ kind: 'skipped', reason: 'empty file' });
    expect(parseFile('a.txt', enc.encode(' \r\n\t\n  '))).toEqual({ kind: 'skipped', reason: 'empty file' });
    expect(parseFile('a.md', enc.encode('\uFEFF\n\n'))).toEqual({ kind: 'skipped', reason: 'empty file' });
    expect(parseFile('a.jsonl', enc.encode('\n \n'))).toEqual({ kind: 'skipped', reason: 'empty file' });
  });
});

describe('GIVEN a binary file with a text extension', () => {
  it('THEN NUL bytes make it "binary file"', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    expect(parseFile('image.txt', png)).toEqual({ kind: 'skipped', reason: 'binary file' });
  });

  it('THEN mostly control bytes make it "binary file" too', () => {
    const junk = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7)));
    expect(parseFile('junk.html', junk)).toEqual({ kind: 'skipped', reason: 'binary file' });
  });
});

describe('GIVEN a file with an unsupported extension', () => {
  it('THEN it is skipped with a reason naming the extension', () => {
    expect(parseFile('report.pdf', enc.encode(STORY))).toEqual({ kind: 'skipped', reason: 'unsupported file type .pdf' });
    expect(parseFile('README', enc.encode(STORY))).toEqual({ kind: 'skipped', reason: 'no file extension' });
  });

  it('THEN extensions are matched case-insensitively', () => {
    expect(articles(parseFile('dir/STORY.TXT', enc.encode(STORY)))).toHaveLength(1);
  });
});

describe('GIVEN a windows-1252 file (invalid UTF-8)', () => {
  // “Peace” – café … in windows-1252 bytes.
  const bytes = new Uint8Array([
    ...enc.encode('Talks resume\n\n'),
    0x93,
    ...enc.encode('Peace'),
    0x94,
    0x20,
    0x96,
    ...enc.encode(' said the caf'),
    0xe9,
    ...enc.encode(' owner'),
    0x85,
    0x2e,
  ]);
  const r = parseFile('legacy.txt', bytes);

  it('THEN it is decoded as windows-1252, with a warning, and quotes/dashes/accents are right', () => {
    expect(r.kind).toBe('parsed');
    if (r.kind !== 'parsed') return;
    expect(r.warnings).toEqual(['not valid UTF-8: decoded as windows-1252']);
    expect(r.articles[0]!.text).toBe('“Peace” – said the café owner….');
  });
});

describe('GIVEN a UTF-8 file with accents and one stray byte (issue 13 item 7)', () => {
  const head = enc.encode('Talks resume\n\nThe café owner in Zürich welcomed Gülnur Şahin.\n\nThe price rose by ');
  const bytes = new Uint8Array([...head, 0xa3, ...enc.encode('5 on Monday, according to José Núñez.\n')]);
  const r = parseFile('mostly-utf8.txt', bytes);

  it('THEN it stays UTF-8: names and accents intact, the bad byte shown as U+FFFD, its paragraph kept, a warning gives its offset', () => {
    expect(r.kind).toBe('parsed');
    if (r.kind !== 'parsed') return;
    const text = r.articles[0]!.text;
    expect(text).toContain('The café owner in Zürich welcomed Gülnur Şahin.');
    expect(text).toContain('The price rose by \uFFFD5 on Monday, according to José Núñez.');
    expect(r.warnings).toEqual([`an invalid UTF-8 byte at offset ${head.length}, shown as \uFFFD`]);
  });

  it('THEN scanUtf8 counts the valid multi-byte sequences and lists the bad offsets, rejecting overlongs and surrogates', () => {
    expect(scanUtf8(bytes)).toEqual({ multiByte: 7, invalid: [head.length], complete: bytes.length });
    expect(scanUtf8(new Uint8Array([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80])).multiByte).toBe(0);
    expect(scanUtf8(enc.encode('€ 😀')).multiByte).toBe(2);
  });
});

describe('GIVEN a streamed file (JSON Lines) with bad UTF-8 bytes, cut into chunks anywhere', () => {
  const bytes = new Uint8Array([
    ...enc.encode('{"text":"Zürich – café"}\n'),
    0xe2,
    0x82, // a truncated euro sign
    ...enc.encode('{"text":"😀 ok"}\n'),
    0xff,
  ]);
  const whole = scanUtf8(bytes).invalid;

  it('THEN every split decodes like the whole file and warns once with the same byte offsets', async () => {
    expect(whole).toEqual([29, 50]); // one per U+FFFD the decoder writes
    expect(new TextDecoder().decode(bytes).match(/\uFFFD/g)).toHaveLength(2);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const warnings: string[] = [];
      let text = '';
      async function* chunks(): AsyncGenerator<Uint8Array> {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      }
      for await (const t of decodeUtf8Stream(chunks(), warnings)) text += t;
      expect(text).toBe(new TextDecoder().decode(bytes));
      expect(warnings).toEqual(['invalid UTF-8 bytes at offsets 29, 50, shown as \uFFFD']);
    }
  });
});

describe('GIVEN a streamed file as a whole not UTF-8 (windows-1252 JSON Lines), cut into chunks anywhere', () => {
  // “Peace” – café … in windows-1252 bytes.
  const legacy = new Uint8Array([
    ...enc.encode('{"text":"'),
    0x93,
    ...enc.encode('Peace'),
    0x94,
    0x20,
    0x96,
    ...enc.encode(' caf'),
    0xe9,
    0x85,
    ...enc.encode('"}\n'),
  ]);
  const stray = new Uint8Array([...enc.encode('{"text":"Zürich – café"}\n'), 0xff, ...enc.encode('{"text":"ok"}\n')]);
  async function decode(bytes: Uint8Array, cut: number): Promise<{ text: string; warnings: string[] }> {
    const warnings: string[] = [];
    let text = '';
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut);
    }
    for await (const t of decodeTextStream(chunks, warnings)) text += t;
    return { text, warnings };
  }

  it('THEN every split decodes it as windows-1252 with one warning, as the whole-file decoder does', async () => {
    const whole = parseFile('legacy.txt', new Uint8Array([...enc.encode('Title\n\n'), ...legacy]));
    expect(whole.kind === 'parsed' && whole.warnings).toEqual(['not valid UTF-8: decoded as windows-1252']);
    for (let cut = 0; cut <= legacy.length; cut++) {
      expect(await decode(legacy, cut)).toEqual({
        text: '{"text":"“Peace” – café…"}\n',
        warnings: ['not valid UTF-8: decoded as windows-1252'],
      });
    }
  });

  it('THEN a UTF-8 stream with one stray byte stays UTF-8, with the offset warning', async () => {
    expect(
      await streamIsUtf8(
        (async function* () {
          yield stray;
        })(),
      ),
    ).toBe(true);
    for (let cut = 0; cut <= stray.length; cut++) {
      const r = await decode(stray, cut);
      expect(r.text).toBe(new TextDecoder().decode(stray));
      expect(r.warnings).toEqual(['an invalid UTF-8 byte at offset 29, shown as \uFFFD']);
    }
  });
});

describe('GIVEN a UTF-8 file with a byte-order mark, CRLF line ends, NBSPs and runs of spaces', () => {
  const raw =
    '\uFEFFTalks\u00A0resume in Cairo\r\n\r\nNegotiators   met in\u00A0Cairo on Monday.  \r\n\r\n\r\n\r\nThey will meet again.\r\n';
  const [a] = articles(parseFile('crlf.txt', enc.encode(raw)));

  it('THEN the BOM is dropped, spaces are normalised and paragraphs are separated by one blank line', () => {
    expect(a!.title).toBe('Talks resume in Cairo');
    expect(a!.text).toBe('Negotiators met in Cairo on Monday.\n\nThey will meet again.');
  });
});

describe('GIVEN a UTF-16 file with a byte-order mark', () => {
  const s = 'Talks resume\n\nNegotiators met on Monday.';
  const bytes = new Uint8Array(2 + s.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i);

  it('THEN it is decoded instead of being taken for binary', () => {
    expect(articles(parseFile('utf16.txt', bytes))[0]!.text).toBe('Negotiators met on Monday.');
  });
});

describe('GIVEN a JSON Lines file where every line is broken', () => {
  it('THEN it is skipped with the count and the first error', () => {
    const r = parseFile('bad.ndjson', enc.encode('{oops\nnot json\n'));
    expect(r.kind).toBe('skipped');
    if (r.kind === 'skipped') expect(r.reason).toMatch(/^no valid JSON Lines records \(2 bad lines; first: line 1: invalid JSON/);
  });
});

describe('GIVEN a file that holds only site chrome', () => {
  it('THEN it is skipped as having no article text', () => {
    const r = parseFile('chrome.txt', enc.encode('Share\n\n2 min read\n\nRelated Articles\n\nBack to top button\n'));
    expect(r).toEqual({ kind: 'skipped', reason: 'no article text found' });
  });
});

describe('GIVEN a one-line note without a headline', () => {
  it('THEN it is still an article, titled by its own words', () => {
    const [a] = articles(parseFile('note.txt', enc.encode('Markets closed early on Friday')));
    expect(a!.text).toBe('Markets closed early on Friday');
    expect(a!.title).toBe('Markets closed early on Friday');
  });
});

describe('GIVEN large inputs', () => {
  it('THEN a 2 MB single-line text and a file of 20,000 short lines both parse', () => {
    const oneLine = 'Officials said talks would continue. '.repeat(55_000);
    expect(articles(parseFile('long.txt', enc.encode(oneLine)))).toHaveLength(1);
    const manyLines = Array.from({ length: 20_000 }, (_, i) => `Line ${i} of the report has some words in it.`).join('\n');
    const [a] = articles(parseFile('lines.txt', enc.encode(manyLines)));
    expect(a!.text.split('\n\n').length).toBeGreaterThan(19_000);
  });

  it('THEN pathological markdown emphasis does not blow up', () => {
    const md = `# T\n\n${'**a '.repeat(20_000)}end.`;
    expect(articles(parseFile('stars.md', enc.encode(md)))).toHaveLength(1);
  });
});

describe('GIVEN a long list of short lines without punctuation', () => {
  it('THEN it parses (no quadratic trimming) and keeps its first line as the body', () => {
    const txt = `Headline of the list\n\nA first sentence of the story.\n\n${Array.from({ length: 30_000 }, (_, i) => `item ${i}`).join('\n')}`;
    const [a] = articles(parseFile('list.txt', enc.encode(txt)));
    expect(a!.text).toBe('A first sentence of the story.');
  });
});

describe('GIVEN arbitrary bytes and strings under any supported extension', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      'Share',
      '2 min read',
      'Press TV – November 1, 2023',
      'November 1, 2023 Posted by | x | 1 Comment',
      '• A bullet',
      '---',
      '# Heading',
      '<p>para</p>',
      '{"text":"x"}',
    ),
    fc.lorem({ maxCount: 30, mode: 'sentences' }),
  );
  const doc = fc.array(line, { maxLength: 30 }).map((ls) => ls.join(fc.sample(fc.constantFrom('\n', '\n\n', '\r\n'), 1)[0]));
  const ext = fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.jsonl');

  it('THEN parseFile never throws and every article text is normalised', () => {
    fc.assert(
      fc.property(
        ext,
        fc.oneof(
          doc.map((d) => enc.encode(d)),
          fc.uint8Array({ maxLength: 300 }),
        ),
        (name, bytes) => {
          const r = parseFile(name, bytes);
          if (r.kind === 'skipped') return;
          for (const a of r.articles) {
            expect(a.text).toBe(a.text.trim());
            expect(a.text.length).toBeGreaterThan(0);
            expect(a.title.trim().length).toBeGreaterThan(0);
            expect(a.text).not.toMatch(/\n{3,}|\u00A0| {2}|\r/);
            expect(a.published === null || /^\d{4}-\d{2}-\d{2}$/.test(a.published)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
