import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { spelledAcronyms, spelledNames } from '../../src/core/acronyms.js';
import { articleTerms } from '../../src/core/article-terms.js';
import { terms } from '../../src/core/text.js';
import { chunkArticles, chunkTerms } from '../../src/index/memory.js';
import { postingsFromTerms } from '../../src/index/postings.js';
import { article, indexOf } from '../answer/helpers.js';

describe('spelledAcronyms', () => {
  it('GIVEN a name spelt out with joiners THEN its initials, as the term the question word makes', () => {
    expect(spelledAcronyms('members of the Organisation of Islamic Cooperation met')).toContain(terms('OIC')[0]);
    expect(spelledAcronyms('the U.S. Food and Drug Administration said')).toContain(terms('FDA')[0]);
    expect(spelledAcronyms('the Department of Homeland Security')).toContain(terms('DHS')[0]);
  });

  it('GIVEN a run that opens the sentence THEN the run without its first word counts too', () => {
    const found = spelledAcronyms('The American Automobile Association reported shortages.');
    expect(found).toContain('aaa');
    expect(found).toContain('taaa');
  });

  it('GIVEN a run in mid-sentence THEN its first word is kept: "IRGC", not "RGC"', () => {
    const found = spelledAcronyms('commanders of the Islamic Revolutionary Guard Corps met');
    expect(found).toContain('irgc');
    expect(found).not.toContain('rgc');
  });

  it('GIVEN a long run with a joined name in it THEN the stretch after the joiners is a name too', () => {
    const names = spelledNames('He wrote to the Secretary General of the United Nations yesterday');
    expect(names.map((n) => n.acronym)).toContain('un');
    expect(names.find((n) => n.acronym === 'un')!.words).toEqual(['United', 'Nations']);
  });

  it('GIVEN words split by a comma, a single capitalised word or an acronym already written THEN no acronym', () => {
    expect(spelledAcronyms('Paris, London, Rome')).toEqual([]);
    expect(spelledAcronyms('he met Fidan in the capital')).toEqual([]);
    expect(spelledAcronyms('the UN and NATO said')).toEqual([]);
  });

  it('GIVEN any text THEN every acronym is a 2–6 letter lower-case term, none from text without capitals', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        for (const a of spelledAcronyms(s)) expect(a).toMatch(/^\p{Ll}{1,6}$/u);
        expect(spelledAcronyms(s.toLowerCase())).toEqual([]);
      }),
    );
  });
});

describe('acronyms in the index and the answer', () => {
  const aaa = article(
    'fuel',
    'Fuel shortages of 1974',
    'Lines at gasoline stations were common that winter. The American Automobile Association reported that in the last week of February 1974, 20% of American gasoline stations had no fuel. Prices doubled within months.',
  );
  const other = article('other', 'Gas prices', 'Gas stations raised prices again. The percentage of stations with long lines grew.');

  it('GIVEN a sentence spelling a name out THEN its term set and its chunk hold the acronym, outside the chunk length', () => {
    expect(articleTerms(aaa).sentenceSets[1]!.has('aaa')).toBe(true);
    expect(articleTerms(aaa).all.has('aaa')).toBe(false);
    const [chunk] = chunkArticles([aaa]);
    const t = chunkTerms(aaa, chunk!);
    expect(t.acronyms).toContain('aaa');
    expect(t.terms).not.toContain('aaa');
    const p = postingsFromTerms([t.terms], [t.acronyms]);
    expect(p.lengths[0]).toBe(t.terms.length);
    expect(p.terms).toContain('aaa');
  });

  it('GIVEN "According to the AAA…" THEN the first excerpt is the sentence naming the American Automobile Association', async () => {
    const r = await answer({ index: indexOf([aaa, other]) }, 'According to the AAA, what share of gasoline stations had no fuel?');
    expect(r.kind === 'noAnswer' ? r.reason : r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.excerpts[0]!.quote).toContain('20% of American gasoline stations');
  });
});
