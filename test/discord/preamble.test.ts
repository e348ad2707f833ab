import { describe, expect, it } from 'vitest';
import { withoutPreamble } from '../../src/discord/preamble.js';

describe('withoutPreamble', () => {
  it.each([
    ['bold italic strike spoiler code What did Bolivia announce?', 'What did Bolivia announce?'],
    ['Header\nbold italic What did Bolivia announce?', 'What did Bolivia announce?'],
    ['URGENT please … Why did Bolivia cut ties?', 'Why did Bolivia cut ties?'],
  ])('GIVEN words that name nothing before a question (%j) THEN the question alone', (text, question) => {
    expect(withoutPreamble(text)).toBe(question);
  });

  it.each([
    ['What did Bolivia announce?', 'no preamble'],
    ['About Chile. What did the government announce?', 'a name before the question'],
    ['In 2009 What did Bolivia do?', 'a number before the question'],
    ['bold italic What did Bolivia announce', 'no question mark'],
    ['bold italic what did Bolivia announce?', 'no capitalised question word'],
  ])('GIVEN %j (%s) THEN nothing is dropped', (text) => {
    expect(withoutPreamble(text)).toBeNull();
  });
});
