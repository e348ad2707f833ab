import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FileParse, type RawArticle, parseFile, parseJsonLine } from '../../src/ingest/parse.js';

const FIXTURES = new URL('../fixtures/parse/', import.meta.url);
const enc = new TextEncoder();

function fixture(name: string): FileParse {
  return parseFile(name, readFileSync(new URL(name, FIXTURES)));
}

function parsed(r: FileParse): { articles: readonly RawArticle[]; warnings: readonly string[] } {
  if (r.kind !== 'parsed') throw new Error(`skipped: ${r.reason}`);
  return r;
}

function only(r: FileParse): RawArticle {
  const { articles } = parsed(r);
  expect(articles).toHaveLength(1);
  return articles[0]!;
}

describe('GIVEN a Markdown file with YAML front matter', () => {
  const a = only(fixture('front-matter.md'));

  it('THEN title, source, url and date come from the front matter', () => {
    expect(a.title).toBe('Ministers meet in Ankara over Gaza ceasefire');
    expect(a.source).toBe('Anadolu Agency');
    expect(a.url).toBe('https://example.org/news/ankara-meeting');
    expect(a.published).toBe('2023-11-01');
  });

  it('THEN the repeated # heading, images, widgets and trailing "Related Articles" are gone', () => {
    expect(a.text).not.toContain('Ministers meet in Ankara over Gaza ceasefire');
    expect(a.text).not.toContain('photo of the meeting');
    expect(a.text.split('\n\n')).not.toContain('Share');
    expect(a.text).not.toContain('Related Articles');
  });

  it('THEN inline markup is removed, soft-wrapped lines are joined and quotes are verbatim', () => {
    expect(a.text.split('\n\n')[0]).toBe(
      'The foreign ministers of Iran and Turkey met in Ankara on Wednesday to discuss a “ceasefire” in Gaza, officials said.',
    );
    expect(a.text).toContain('Neither side released a statement on the details.');
    expect(a.text).toContain('“We need an immediate ceasefire,” one minister said.');
  });

  it('THEN sub-headings and list items are their own paragraphs', () => {
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs).toContain('Talks behind closed doors');
    expect(paragraphs).toContain('• The meeting was the second in two weeks.');
  });
});

describe('GIVEN a Markdown file without front matter', () => {
  const md =
    '# Aid convoy reaches Gaza\n\nA convoy of *twenty* trucks crossed at Rafah on Sunday, officials said.\n\nMore trucks are expected.\n';
  const a = only(parseFile('notes/aid.markdown', enc.encode(md)));

  it('THEN the first heading is the title and metadata is unknown', () => {
    expect(a.title).toBe('Aid convoy reaches Gaza');
    expect(a.text).toBe('A convoy of twenty trucks crossed at Rafah on Sunday, officials said.\n\nMore trucks are expected.');
    expect([a.source, a.url, a.published]).toEqual([null, null, null]);
  });
});

describe('GIVEN a Markdown file with broken front matter', () => {
  const md = '---\ntitle: [unclosed\n---\nHeadline of the day\n\nThe body sentence is here.\n';
  const r = parsed(parseFile('broken.md', enc.encode(md)));

  it('THEN the body is still parsed and a warning explains the front matter was ignored', () => {
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]!.text).toBe('The body sentence is here.');
    expect(r.warnings.join(' ')).toMatch(/front matter/);
  });
});

describe('GIVEN a Markdown file whose front matter is never closed (issue 13 item 10)', () => {
  const md =
    '---\ntitle: Talks resume\nsource: Test Wire\npublished: 2023-11-02\n\nThe ministers met again in Doha. They agreed on nothing.\n';
  const r = parsed(parseFile('unclosed.md', enc.encode(md)));

  it('THEN its key: value lines are metadata, not article text, and a warning says the closing --- is missing', () => {
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]).toMatchObject({ title: 'Talks resume', source: 'Test Wire', published: '2023-11-02' });
    expect(r.articles[0]!.text).toBe('The ministers met again in Doha. They agreed on nothing.');
    expect(r.warnings).toEqual(['front matter has no closing ---: lines 2–4 read as front matter, the rest as text']);
  });

  it('THEN a --- rule at the top of a file without key: value lines is left alone', () => {
    const plain = parsed(parseFile('rule.md', enc.encode('---\n\nA convoy crossed at Rafah on Sunday, officials said.\n')));
    expect(plain.articles[0]!.text).toBe('A convoy crossed at Rafah on Sunday, officials said.');
    expect(plain.warnings).toEqual([]);
  });
});

describe('GIVEN an HTML page with head metadata, navigation, scripts, a figure, an aside and a footer', () => {
  const a = only(fixture('page.html'));

  it('THEN title, outlet, canonical url and date come from the page metadata', () => {
    expect(a.title).toBe('Bolivia cuts ties with Israel over Gaza conflict');
    expect(a.source).toBe('World News Daily');
    expect(a.url).toBe('https://news.example.com/world/bolivia-israel');
    expect(a.published).toBe('2023-11-01');
  });

  it('THEN only the article paragraphs remain', () => {
    expect(a.text.split('\n\n')).toEqual([
      'The government of Bolivia announced on Tuesday it was severing diplomatic relations with Israel due to its military operation in Gaza.',
      '“Bolivia decided to break diplomatic relations with the state of Israel,” Deputy Foreign Minister Freddy Mamani said at a press conference.',
      'Bolivia has severed relations with Israel on account of Gaza once before, in 2009.',
    ]);
  });

  it('THEN no script, style, navigation or footer text leaks in', () => {
    for (const leak of [
      'tracking',
      'font-family',
      'Politics',
      'Sport',
      'All rights reserved',
      'Back to top',
      'Another story',
      'La Paz, Bolivia',
    ]) {
      expect(a.text).not.toContain(leak);
    }
  });
});

describe('GIVEN an HTML page without metadata', () => {
  const html =
    '<html><body><nav>Home | World</nav><h1>Quake hits coastal city</h1><p>Date: <time datetime="2010-01-13T02:00:00Z">13 Jan</time></p>' +
    '<p>A strong earthquake struck the coastal city on Tuesday, killing dozens.</p><p>Rescue teams arrived overnight.</p></body></html>';
  const a = only(parseFile('quake.htm', enc.encode(html)));

  it('THEN the <h1> is the title and the <time> element gives the date', () => {
    expect(a.title).toBe('Quake hits coastal city');
    expect(a.published).toBe('2010-01-13');
    expect(a.source).toBeNull();
    expect(a.text).toBe('A strong earthquake struck the coastal city on Tuesday, killing dozens.\n\nRescue teams arrived overnight.');
  });
});

describe('GIVEN a JSON Lines file with a broken line, a record without text, a non-object and a blank line', () => {
  const r = parsed(fixture('records.jsonl'));

  it('THEN the good records are kept with their ids and metadata', () => {
    expect(r.articles.map((a) => a.id)).toEqual(['wire-1', '7']);
    const [first, second] = r.articles;
    expect(first).toEqual({
      id: 'wire-1',
      title: 'Iran and Qatar discuss Gaza',
      source: 'IRNA',
      url: 'https://example.org/1',
      published: '2023-12-07',
      text: 'TEHRAN – Iran and Qatar discussed the war on Thursday.\n\nThe ministers spoke by phone.',
      reasons: { source: 'given by the JSON record’s fields', date: 'given by the JSON record’s fields' },
    });
    expect(second!.published).toBe('2023-12-08');
    expect(second!.text).toBe('Line one of the story.\n\nLine two of the story.');
  });

  it('THEN each bad line is reported with its line number', () => {
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[0]).toMatch(/^line 2: invalid JSON/);
    expect(r.warnings[1]).toBe('line 4: record has no text');
    expect(r.warnings[2]).toBe('line 6: not a JSON object');
  });
});

describe('GIVEN single JSON Lines records', () => {
  it('THEN a blank or whitespace line is blank', () => {
    expect(parseJsonLine('', 1)).toEqual({ kind: 'blank' });
    expect(parseJsonLine('  \r', 2)).toEqual({ kind: 'blank' });
  });

  it('THEN a record without a title gets one from its first sentence and keeps all its text', () => {
    const r = parseJsonLine(JSON.stringify({ id: 'x', text: 'Flights were cancelled on Monday. Airports stayed shut.' }), 3);
    expect(r.kind).toBe('article');
    if (r.kind !== 'article') return;
    expect(r.article.title).toBe('Flights were cancelled on Monday.');
    expect(r.article.text).toBe('Flights were cancelled on Monday. Airports stayed shut.');
    expect(r.article.published).toBeNull();
  });

  it('THEN an unparseable date is left unknown rather than guessed', () => {
    const r = parseJsonLine(JSON.stringify({ title: 'T', date: 'last Tuesday', text: 'Body text here.' }), 4);
    expect(r.kind === 'article' && r.article.published).toBeNull();
  });

  it('THEN a record whose text is empty is an error naming the line', () => {
    expect(parseJsonLine('{"title":"x","text":"  "}', 9)).toEqual({ kind: 'error', reason: 'line 9: record has no text' });
  });

  it('THEN a leading byte-order mark is ignored', () => {
    expect(parseJsonLine('\uFEFF{"title":"T","text":"Body."}', 1).kind).toBe('article');
  });
});

describe('GIVEN a plain-text digest of two stories with bylines but no footers', () => {
  const txt = [
    'World Digest',
    '',
    'Floods force thousands from their homes',
    'Reuters | March 3, 2024',
    '',
    'Heavy rain flooded the river valley on Saturday, forcing thousands to leave.',
    '',
    'Officials said the water would recede within days.',
    '',
    'Share',
    '',
    'Central bank holds rates steady',
    'AP – 4 March 2024',
    '',
    'The central bank kept its main interest rate unchanged on Monday.',
    '',
    'Related Articles',
  ].join('\n');
  const r = parsed(parseFile('digest.txt', enc.encode(txt)));

  it('THEN it is split into two articles, each with its own title, outlet and date', () => {
    expect(r.articles.map((a) => [a.title, a.source, a.published])).toEqual([
      ['Floods force thousands from their homes', 'Reuters', '2024-03-03'],
      ['Central bank holds rates steady', 'AP', '2024-03-04'],
    ]);
    expect(r.articles[0]!.text).toBe(
      'Heavy rain flooded the river valley on Saturday, forcing thousands to leave.\n\nOfficials said the water would recede within days.',
    );
    expect(r.articles[1]!.text).toBe('The central bank kept its main interest rate unchanged on Monday.');
  });
});

describe('GIVEN a hard-wrapped plain-text article', () => {
  const txt = [
    'Talks resume in Doha',
    '',
    'Negotiators returned to Doha on Sunday for a new round of talks aimed at',
    'securing a ceasefire and the release of hostages, according to officials',
    'familiar with the matter.',
    '',
    'DOHA, March 3 (Reuters) - A second paragraph follows here.',
  ].join('\n');
  const a = only(parseFile('wrapped.txt', enc.encode(txt)));

  it('THEN wrapped lines are joined into one paragraph', () => {
    expect(a.text.split('\n\n')[0]).toBe(
      'Negotiators returned to Doha on Sunday for a new round of talks aimed at securing a ceasefire and the release of hostages, according to officials familiar with the matter.',
    );
  });
});

describe('GIVEN a wire story whose first paragraph has an agency dateline', () => {
  const txt = 'Talks resume in Doha\n\nDOHA, March 3 (Reuters) - Negotiators returned to Doha on Sunday.\n\nMore talks are planned.';
  const a = only(parseFile('wire.txt', enc.encode(txt)));

  it('THEN the agency is the outlet and the dateline stays in the text', () => {
    expect(a.source).toBe('Reuters');
    expect(a.published).toBeNull();
    expect(a.text.startsWith('DOHA, March 3 (Reuters) - Negotiators')).toBe(true);
  });
});

describe('GIVEN a text whose headline is a question and whose first line is an all-capitals headline', () => {
  it('THEN a short question is the title, not the first body paragraph', () => {
    const a = only(parseFile('q.txt', enc.encode('Is the truce holding?\n\nFighting resumed on Friday, witnesses said.\n')));
    expect(a.title).toBe('Is the truce holding?');
    expect(a.text).toBe('Fighting resumed on Friday, witnesses said.');
  });

  it('THEN an all-capitals first line is kept as the title while later shouted labels are dropped', () => {
    const a = only(parseFile('caps.txt', enc.encode('IRAN WARNS ISRAEL\n\nTehran warned on Friday of a wider war.\n\nSPEEDREAD\n')));
    expect(a.title).toBe('IRAN WARNS ISRAEL');
    expect(a.text).toBe('Tehran warned on Friday of a wider war.');
  });
});

describe('GIVEN one article with a byline on top and a "Source:" credit and an update line at the end', () => {
  const txt = [
    'Talks resume in Cairo',
    'Published: March 3, 2024',
    '',
    'Negotiators met in Cairo on Monday, officials said.',
    '',
    'They will meet again next week.',
    '',
    'Updated: March 4, 2024',
    '',
    'Source: Al Ahram',
  ].join('\n');
  const a = only(parseFile('credit.txt', enc.encode(txt)));

  it('THEN it stays one article, dated by its byline, with the outlet from the credit line', () => {
    expect(a.published).toBe('2024-03-03');
    expect(a.source).toBe('Al Ahram');
    expect(a.text).toBe('Negotiators met in Cairo on Monday, officials said.\n\nThey will meet again next week.');
  });
});
