import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, checkQuestion, cleanQuestion } from '../../src/answer/question.js';

describe('checkQuestion', () => {
  it('GIVEN surrounding whitespace THEN the question is trimmed', () => {
    expect(checkQuestion('   Why did Bolivia cut ties?  \n')).toEqual({ kind: 'ok', text: 'Why did Bolivia cut ties?' });
  });

  it('GIVEN Discord mentions, channels and custom emoji THEN they are removed', () => {
    const r = checkQuestion('<@123456789012345678> <@!42> what did <#987654321> say about <:gaza:11223344> Gaza? <a:wave:99>');
    expect(r).toEqual({ kind: 'ok', text: 'what did say about Gaza?' });
  });

  it('GIVEN Markdown emphasis, code and quotes THEN only the words remain', () => {
    expect(cleanQuestion('> **Why** did __Bolivia__ `cut` ~~ties~~ ||with|| Israel?')).toBe('Why did Bolivia cut ties with Israel?');
  });

  it('GIVEN zero-width characters and full-width letters THEN NFKC and stripping give plain text', () => {
    expect(checkQuestion('Ｗho\u200b is Fi\u200ddan?')).toEqual({ kind: 'ok', text: 'Who is Fidan?' });
  });

  it('GIVEN only emoji, punctuation or a mention THEN the question is empty', () => {
    for (const raw of ['', '   ', '🤔🤔', '???!!', '<@123456789012345678>', '**__**', '\u200b']) {
      expect(checkQuestion(raw)).toEqual({ kind: 'empty' });
    }
  });

  it('GIVEN a question in another script THEN it is kept as is', () => {
    expect(checkQuestion('ما هو عدد القتلى؟')).toEqual({ kind: 'ok', text: 'ما هو عدد القتلى؟' });
  });

  it('GIVEN a question over the cap THEN it is refused with its length, not truncated', () => {
    const long = 'why '.repeat(200);
    const r = checkQuestion(long);
    expect(r.kind).toBe('tooLong');
    if (r.kind === 'tooLong') {
      expect(r.max).toBe(MAX_QUESTION_CHARS);
      expect(r.length).toBeGreaterThan(MAX_QUESTION_CHARS);
    }
  });
});

describe('cleanQuestion: terminal escapes and control characters (issue 13 item 10)', () => {
  const plain = 'What did Bolivia announce?';

  it('GIVEN ANSI colour codes, an OSC title and a cursor move around the words THEN the cleaned question is the plain one', () => {
    expect(cleanQuestion('\u001b[1;31mWhat\u001b[0m did \u001b]0;title\u0007Bolivia \u001b[2Kannounce?')).toBe(plain);
    expect(cleanQuestion('\u009b31mWhat did Bolivia announce?\u009b0m')).toBe(plain);
  });

  it('GIVEN NUL, backspace, bell, DEL and C1 controls between words THEN they read as spaces, never as letters', () => {
    expect(cleanQuestion('What\u0000did\u0008Bolivia\u0007announce?\u007f\u0085')).toBe(plain);
    expect(checkQuestion('\u001b[0m\u0000\u0007')).toEqual({ kind: 'empty' });
  });
});
