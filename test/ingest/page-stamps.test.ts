import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAtPageStamps } from '../../src/ingest/boilerplate.js';
import { normalizeDate } from '../../src/ingest/metadata.js';
import { parseFile } from '../../src/ingest/parse.js';

const pieces = (p: string) => splitAtPageStamps(p, normalizeDate);

describe('GIVEN a web page whose headline, update stamp and lead run together in one paragraph', () => {
  const page =
    'Jackson memorial draws crowds Page last updated at 08:58 GMT, Thursday, 24 June 2010 09:58 UK Thousands gathered in Los Angeles on Tuesday to remember the singer. The service lasted two hours and ended with a song.\n\n' +
    'Fans had queued since dawn outside the arena, and police closed nearby streets for the day.\n';
  const r = parseFile('page.txt', new TextEncoder().encode(page));
  const article = r.kind === 'parsed' ? r.articles[0] : undefined;

  it('THEN the headline is the title, the lead starts the text, and the stamp is quoted nowhere', () => {
    expect(r.kind === 'parsed' && r.articles).toHaveLength(1);
    expect(article?.title).toBe('Jackson memorial draws crowds');
    expect(article?.text.startsWith('Thousands gathered in Los Angeles on Tuesday')).toBe(true);
    expect(article?.text).not.toMatch(/updated|GMT/);
  });

  it('THEN the stamp dates the article', () => {
    expect(article?.published).toBe('2010-06-24');
  });
});

describe('GIVEN the page stamps news sites print', () => {
  it.each([
    ['Page last updated at 08:58 GMT , Thursday , 24 June 2010 09:58 UK', '2010-06-24'],
    ['24 June 2010 Last updated at 14:59 GMT Help', '2010-06-24'],
    ['Saturday 25 April 2009 23.24 BST', '2009-04-25'],
    ['( an error occurred while processing this directive )', null],
  ])('THEN "%s" is set apart from the text around it, with its date', (stamp, date) => {
    expect(pieces(`Headline words here ${stamp} The lead sentence follows.`)).toEqual([
      { kind: 'text', text: 'Headline words here' },
      { kind: 'stamp', text: stamp, date },
      { kind: 'text', text: 'The lead sentence follows.' },
    ]);
  });

  it('THEN prose that names a date or a time is left whole', () => {
    for (const p of [
      'The service was held on 24 June 2010 at the Staples Center.',
      'Markets closed at 16:00 on Thursday, the exchange said.',
      'The site was last updated in June 2010, officials said.',
    ])
      expect(pieces(p)).toEqual([{ kind: 'text', text: p }]);
  });
});

describe('GIVEN any paragraph', () => {
  it('THEN splitting at stamps loses and adds no character but spaces', () => {
    const word = fc.constantFrom(
      'Page',
      'last',
      'updated',
      'at',
      '08:58',
      'GMT',
      ',',
      'Thursday',
      '24',
      'June',
      '2010',
      'UK',
      'Help',
      'The',
      'lead.',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (ws) => {
        const p = ws.join(' ');
        const joined = pieces(p)
          .map((x) => x.text)
          .join('');
        expect(joined.replace(/\s+/g, '')).toBe(p.replace(/\s+/g, ''));
      }),
    );
  });
});
