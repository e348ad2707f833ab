import { describe, expect, it } from 'vitest';
import { isBulletLine, isNoticeLine, isSeparatorLine, isShoutedLabel, isUiLine } from '../../src/ingest/boilerplate.js';

describe('GIVEN short interface lines', () => {
  const chrome = [
    'Share',
    'Share this article',
    '2 min read',
    '5 minutes read',
    'Related Articles',
    'Related',
    'Back to top button',
    'Source link',
    'Click to enter the source.',
    'MORE FROM THE POST',
    '1 Comment',
    '12 comments',
    'Leave a comment',
    'Leave a reply',
    'Advertisement',
    'Subscribe to our newsletter',
    'Follow us on Telegram',
    'Read more: Iran warns Israel',
    'Tags: Gaza, Iran',
    'Skip to content',
    'You may also like',
    '© 2023 Example Media',
  ];
  it('THEN each is recognised as site chrome', () => {
    for (const line of chrome) expect(isUiLine(line), line).toBe(true);
  });
});

describe('GIVEN lines of real article text', () => {
  const content = [
    'Iran FM stresses the need to halt the genocide in Gaza',
    'Bolivia cuts ties with Israel over Gaza conflict',
    'Share prices fell sharply on Monday after the announcement.',
    'Readers were asked to comment on the plan.',
    'Amir-Abdollahian and Fidan will participate in a joint press conference after the meeting.',
    'UN',
    'Related talks are planned for next week in Doha, officials said.',
    'The source of the leak remains unknown.',
  ];
  it('THEN none is taken for chrome', () => {
    for (const line of content) expect(isUiLine(line), line).toBe(false);
  });
});

describe('GIVEN site notices', () => {
  it('THEN the "collected from news agencies" notice and rights lines are notices', () => {
    expect(isNoticeLine('This news has been collected from reliable news agencies in the country. Click to enter the source.')).toBe(true);
    expect(isNoticeLine('All rights reserved to the publisher.')).toBe(true);
    expect(isNoticeLine('The views expressed in this article are the author’s own.')).toBe(true);
  });

  it('THEN ordinary sentences mentioning agencies are not', () => {
    expect(isNoticeLine('The report was collected by UN agencies over six months.')).toBe(false);
    expect(isNoticeLine('Aid agencies said the convoy had been collected from the border.')).toBe(false);
  });
});

describe('GIVEN separators and bullets', () => {
  it('THEN punctuation-only lines are separators and "•" lines are bullets', () => {
    expect(isSeparatorLine('***')).toBe(true);
    expect(isSeparatorLine('| , , , |')).toBe(true);
    expect(isSeparatorLine('A - B')).toBe(false);
    expect(isBulletLine('• During the call, he praised the move')).toBe(true);
    expect(isBulletLine('During the call • he praised')).toBe(false);
  });
});

describe('GIVEN short all-capitals labels', () => {
  it('THEN "SPEEDREAD" and "MORE FROM THE POST" are shouted labels, acronyms and sentences are not', () => {
    expect(isShoutedLabel('SPEEDREAD')).toBe(true);
    expect(isShoutedLabel('MORE FROM THE POST')).toBe(true);
    expect(isShoutedLabel('UN')).toBe(false);
    expect(isShoutedLabel('NATO SUMMIT ENDS.')).toBe(false);
    expect(isShoutedLabel('Iran warns Israel')).toBe(false);
  });
});
