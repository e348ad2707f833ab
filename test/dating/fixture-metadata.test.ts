/** Outlets and dates on the fixtures written for the cases the seed corpus lacks. */
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, indexOfDir } from './helpers.js';

const index = indexOfDir(FIXTURE_DIR);
const byId = (id: string) => index.articleById.get(id)!;

describe('GIVEN an article whose only date is in its photo caption', () => {
  const a = byId('caption-only-date#1');
  it('THEN it is undated, bounded by the caption’s date, and the photo credit is not its outlet', () => {
    expect([a.source, a.published, a.publishedAfter]).toEqual([null, null, { after: '2023-12-04', approximate: false }]);
    expect(a.reasons).toEqual({
      source:
        'no byline, wire dateline or metadata says who published it (the photo credit “Reuters” names the picture’s source; neither is the publisher)',
      date: 'no publication date stated; published on or after the latest date the text mentions, “December 4, 2023” (in a caption)',
    });
  });
  it('THEN the caption is quotable text, marked as a caption', () => {
    const r = a.roles![0]!;
    expect(r.role).toBe('caption');
    expect(a.text.slice(r.start, r.end)).toBe(
      'Palestinians search through the rubble of a destroyed building in Khan Younis on December 4, 2023. Photo: Reuters',
    );
  });
});

describe('GIVEN a wire story credited to an agency in its dateline', () => {
  const a = byId('wire-agency#1');
  it('THEN the agency is the outlet, with the dateline as the reason; the ministry it quotes is not', () => {
    expect(a.source).toBe('Reuters');
    expect(a.reasons?.source).toBe('wire dateline “(Reuters)” opens the story');
    expect(a.creditedTo).toBeUndefined();
  });
  it('THEN its year-less dateline date is placed in the year the collection’s dated articles give that day (≈)', () => {
    expect(a.published).toBeNull();
    expect(a.publishedAfter).toEqual({ after: '2023-12-10', approximate: true });
  });
});

describe('GIVEN a page of three posts from two outlets, two of them on the same day', () => {
  it('THEN each post has its own byline outlet and date', () => {
    expect(['outlets-disagree#1', 'outlets-disagree#2', 'outlets-disagree#3'].map((id) => [byId(id).source, byId(id).published])).toEqual([
      ['Gulf Herald', '2023-12-10'],
      ['Levant Daily', '2023-12-10'],
      ['Gulf Herald', '2023-12-12'],
    ]);
  });
});
