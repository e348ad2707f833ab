import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { recaseNames } from '../../src/answer/recase.js';
import type { SearchIndex } from '../../src/index/types.js';
import { article, seedIndex } from './helpers.js';

const articles = [
  article(
    'a',
    'Talks in the capital',
    'The envoy met Ruslan Okafor in Tallin on Monday. Reporters said the UN was not invited. The state of the talks is unclear. ' +
      'Okafor later left the State Department building.',
  ),
];

describe('names typed in lower case', () => {
  it('GIVEN a lower-case question naming people and bodies the corpus capitalises THEN they are read with capitals', () => {
    expect(recaseNames('what did okafor tell the un in tallin?', articles)).toBe('what did Okafor tell the UN in Tallin?');
  });

  it('GIVEN a word the corpus writes both ways ("state") THEN it keeps its lower case', () => {
    expect(recaseNames('what is the state of the talks?', articles)).toBe('what is the state of the talks?');
  });

  it('GIVEN a question that already capitalises a name THEN its lower-case words are left as written', () => {
    expect(recaseNames('Did Okafor meet the envoy in tallin?', articles)).toBe('Did Okafor meet the envoy in tallin?');
  });

  describe('on the seed articles', () => {
    let index: SearchIndex;
    beforeAll(async () => {
      index = await seedIndex();
    });

    it('GIVEN "what did erdogan tell the hamas chief?" in lower case THEN the engine declines (Erdogan speaks in no article), as it does for the capitalised question', async () => {
      expect((await answer({ index }, 'what did erdogan tell the hamas chief?')).kind).toBe('noAnswer');
      expect((await answer({ index }, 'What did Erdogan tell the Hamas chief?')).kind).toBe('noAnswer');
    });
  });
});
