import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { extractMetadataScope } from '../../src/answer/metadata.js';
import { article, indexOf } from './helpers.js';

const north = article('n', 'Flood toll rises in the valley', 'Floods in the valley have killed 120 people, officials said.', {
  source: 'Northern Courier',
  published: '2023-11-02',
});
const south = article('s', 'Valley floods: rescue teams overwhelmed', 'The floods in the valley have killed 95 people so far.', {
  source: 'South Wire',
  published: '2023-11-03',
});
// Unrelated reports, so the question's words have realistic idf (in two articles alone every word is rare or everywhere).
const others = [
  article('x1', 'Markets close higher', 'Shares rose on Friday as oil prices fell. Many traders expected the move.'),
  article('x2', 'New bridge opens', 'The bridge opened to traffic after many years of work.'),
  article('x3', 'School term starts', 'Pupils returned to school on Monday.'),
];
const articles = [north, south];

describe('metadata named in the question', () => {
  it('GIVEN "according to <outlet>" THEN that outlet’s articles are the scope and its words leave the text query', () => {
    const { scope, rest } = extractMetadataScope('How many people were killed according to South Wire?', articles);
    expect([...scope!.articleIds]).toEqual(['s']);
    expect(rest).toBe('How many people were killed?');
  });

  it('GIVEN an outlet written another way ("southwire") after a cue THEN it still matches; a common word that is no outlet does not', () => {
    expect([...(extractMetadataScope('What did southwire report on the floods?', articles).scope?.articleIds ?? [])]).toEqual([]);
    expect([...extractMetadataScope('How many died, according to southwire?', articles).scope!.articleIds]).toEqual(['s']);
    expect(extractMetadataScope('How many died in the valley?', articles).scope).toBeNull();
  });

  it('GIVEN a quoted part of a title THEN that article is the scope; a short unquoted title stays ordinary words', () => {
    const { scope, rest } = extractMetadataScope('How many were killed in "rescue teams overwhelmed"?', articles);
    expect([...scope!.articleIds]).toEqual(['s']);
    expect(rest).not.toMatch(/rescue/);
    expect(extractMetadataScope('How many died in the valley floods?', articles).scope).toBeNull();
  });

  it('GIVEN an article described by some of its title words ("the rescue teams article", "the report about the flood toll") THEN that article is the scope and the description leaves the text query', () => {
    const a = extractMetadataScope('In the rescue teams article, how many were killed?', articles);
    expect([...a.scope!.articleIds]).toEqual(['s']);
    expect(a.rest).toBe('how many were killed?');
    const b = extractMetadataScope('How many died according to the report about the flood toll?', articles);
    expect([...b.scope!.articleIds]).toEqual(['n']);
    expect(b.rest).toBe('How many died?');
    // One title word, or words no title holds, describe no article.
    expect(extractMetadataScope('How many died according to the flood article?', articles).scope).toBeNull();
    expect(extractMetadataScope('What does the article say about the bridge?', articles).scope).toBeNull();
  });

  it('GIVEN "How many people were killed according to Northern Courier?" THEN only the Northern Courier figure is quoted (without the outlet the other report could come first)', async () => {
    const index = indexOf([...articles, ...others]);
    const r = await answer({ index }, 'How many people were killed according to Northern Courier?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.excerpts.every((e) => e.article.source === 'Northern Courier')).toBe(true);
    expect(r.excerpts[0]!.quote).toContain('120');
  });

  it('GIVEN an outlet none of whose articles is about the question THEN the engine declines rather than quoting another outlet', async () => {
    const other = article('o', 'Markets close lower', 'Shares fell on Monday as oil prices rose.', { source: 'Market Daily' });
    const r = await answer({ index: indexOf([...articles, ...others, other]) }, 'How many people were killed according to Market Daily?');
    expect(r.kind).toBe('noAnswer');
  });
});
