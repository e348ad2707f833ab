import { describe, expect, it } from 'vitest';
import {
  datelineAgency,
  normalizeDate,
  parseByline,
  parseCaption,
  parseLabelLine,
  parsePostedByFooter,
} from '../../src/ingest/metadata.js';

describe('GIVEN byline lines', () => {
  it('THEN outlet and date are read in either order and with any usual separator', () => {
    expect(parseByline('Press TV – November 1, 2023')).toEqual({ source: 'Press TV', date: '2023-11-01' });
    expect(parseByline('RT | November 1, 2023')).toEqual({ source: 'RT', date: '2023-11-01' });
    expect(parseByline('1 November 2023 | Tehran Times')).toEqual({ source: 'Tehran Times', date: '2023-11-01' });
    expect(parseByline('Al Jazeera - 31 Oct 2023')).toEqual({ source: 'Al Jazeera', date: '2023-10-31' });
  });

  it('THEN a date alone or with an author gives only the date', () => {
    expect(parseByline('Published: November 1, 2023')).toEqual({ source: null, date: '2023-11-01' });
    expect(parseByline('By Jane Doe | March 3, 2024')).toEqual({ source: null, date: '2024-03-03' });
  });

  it('THEN sentences, relative dates and dates without a year are not bylines', () => {
    expect(parseByline('He left on November 1, 2023.')).toBeNull();
    expect(parseByline('Press TV – on Wednesday')).toBeNull();
    expect(parseByline('Press TV – October 31')).toBeNull();
    expect(parseByline('Iran, Qatar discuss latest developments in Gaza war')).toBeNull();
  });
});

describe('GIVEN "Posted by" footers', () => {
  it('THEN the leading date is read and the line is a footer', () => {
    expect(parsePostedByFooter('November 1, 2023 Posted by | Ethnic Cleansing, Racism, Zionism | , , , , | 1 Comment')).toEqual({
      date: '2023-11-01',
    });
    expect(parsePostedByFooter('Posted by admin | News')).toEqual({ date: null });
  });

  it('THEN a sentence that merely contains "posted by" is not a footer', () => {
    expect(parsePostedByFooter('The video, posted by a witness, shows the strike.')).toBeNull();
  });
});

describe('GIVEN labelled metadata lines', () => {
  it('THEN "Source:" names the outlet and author/date labels are dropped', () => {
    expect(parseLabelLine('Source: Press TV')).toEqual({ source: 'Press TV', date: null });
    expect(parseLabelLine('By Staff Writer')).toBeNull();
    expect(parseLabelLine('Date: 13 Jan')).toBeNull();
    expect(parseLabelLine('Negotiators met in Cairo on Monday.')).toBeUndefined();
  });
});

describe('GIVEN datelines and photo captions', () => {
  it('THEN the agency in a dateline is the outlet', () => {
    expect(datelineAgency('DOHA, March 3 (Reuters) - Negotiators returned.')).toBe('Reuters');
    expect(datelineAgency('(AFP) – Talks resumed.')).toBe('AFP');
    expect(datelineAgency('Talks (in Doha) - resumed.')).toBeNull();
  });

  it('THEN a caption yields its credit', () => {
    expect(
      parseCaption(
        "This handout picture provided by the Iranian foreign ministry on October 31, 2023, shows Foreign Minister Hossein Amir Abdollahian (L) greets Hamas' political bureau chief Ismail Haniyeh in Doha. AFP",
      ),
    ).toEqual({ credit: 'AFP' });
    expect(parseCaption('Rescuers search the rubble in Gaza City. (Photo by Reuters)')).toEqual({ credit: 'Reuters' });
    expect(parseCaption('Rescuers search the rubble in Gaza City on Monday.')).toBeNull();
  });
});

describe('GIVEN publication dates given as data', () => {
  it('THEN ISO strings keep their calendar day, Dates and epochs are converted, vague strings are null', () => {
    expect(normalizeDate('2023-11-01T23:30:00-05:00')).toBe('2023-11-01');
    expect(normalizeDate(new Date(Date.UTC(2023, 10, 1)))).toBe('2023-11-01');
    expect(normalizeDate(1698796800)).toBe('2023-11-01');
    expect(normalizeDate('November 1, 2023')).toBe('2023-11-01');
    expect(normalizeDate('last week')).toBeNull();
    expect(normalizeDate('2023-02-30')).toBeNull();
    expect(normalizeDate(null)).toBeNull();
  });
});

describe('GIVEN a place dateline with a full date', () => {
  it('THEN the date is read but the place is not taken for an outlet', () => {
    expect(parseByline('TEHRAN, November 1, 2023')).toEqual({ source: null, date: '2023-11-01' });
  });
});
