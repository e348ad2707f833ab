import { describe, expect, it } from 'vitest';
import {
  CARRY,
  PREFER_FRESH,
  carriedProfile,
  carriedQuery,
  carriedStands,
  contentConfidence,
  followUpStages,
  namesOwnTopic,
} from '../../src/answer/followup.js';
import { profileQuestion } from '../../src/answer/profile.js';
import { article, indexOf } from './helpers.js';

const GAZA = article(
  'gaza',
  'Israeli strikes on Gaza',
  'The aggression has so far killed 8,610 Palestinians in Gaza and left more than 23,000 wounded.\n\nAnkara is the capital of Turkey, where the ministers met.',
);
const OTHER = article('other', 'Football results', 'The home side won the cup final after extra time in front of 40,000 fans.');
const index = indexOf([GAZA, OTHER]);
const profile = (q: string) => profileQuestion(q, index.lexical);

describe('carriedProfile', () => {
  it('GIVEN a follow-up and the question it follows THEN the previous terms join at a fraction of their weight, never as anchors, and the follow-up keeps its own', () => {
    const own = profile('How many were wounded?');
    const previous = profile('How many Palestinians were killed in Gaza?');
    const carried = carriedProfile(own, previous);
    for (const t of own.terms) expect(carried.terms.find((c) => c.term === t.term)).toEqual(t);
    const gaza = carried.terms.find((t) => t.term === 'gaza');
    expect(gaza?.weight).toBeCloseTo(previous.terms.find((t) => t.term === 'gaza')!.weight * CARRY.weight);
    expect(gaza?.anchor).toBe(false);
    // "many" is asked by both: counted once, at the follow-up's own weight.
    expect(carried.terms.filter((t) => t.term === own.terms[0]!.term)).toHaveLength(1);
    expect(carried.totalWeight).toBeCloseTo(carried.terms.reduce((s, t) => s + t.weight, 0));
    expect(carried.type).toBe(own.type);
    expect(carried.termOf.get('gaza')).toBe('gaza');
  });

  it('GIVEN a previous question whose words no article uses THEN nothing is carried', () => {
    const own = profile('How many were wounded?');
    expect(carriedProfile(own, profile('What about Zanzibar quokkas?'))).toBe(own);
  });
});

describe('carriedQuery', () => {
  it('GIVEN a follow-up THEN its own terms weigh 1 per mention and the carried ones CARRY.weight per mention', () => {
    const own = profile('How many were wounded?');
    const previous = 'How many Palestinians were killed in Gaza? Gaza!';
    const q = carriedQuery('How many were wounded?', previous, carriedProfile(own, profile(previous)));
    expect(q.get('wound')).toBe(1);
    expect(q.get('gaza')).toBeCloseTo(2 * CARRY.weight);
    expect(q.get('kill')).toBeCloseTo(CARRY.weight);
  });

  it('GIVEN an expanded query THEN its weights are kept and the carried terms are added', () => {
    const own = profile('How many were wounded?');
    const q = carriedQuery(
      new Map([
        ['wound', 1],
        ['injur', 0.4],
      ]),
      'Killed in Gaza?',
      carriedProfile(own, profile('Killed in Gaza?')),
    );
    expect(q.get('injur')).toBe(0.4);
    expect(q.get('gaza')).toBeCloseTo(CARRY.weight);
  });
});

describe('followUpStages', () => {
  it('GIVEN cited articles THEN they are tried first, then the collection, then the question alone', () => {
    expect(followUpStages({ question: 'q', articleIds: ['a', 'b', 'a'] })).toEqual([
      { kind: 'cited', articleIds: new Set(['a', 'b']) },
      { kind: 'collection' },
      { kind: 'fresh' },
    ]);
  });
  it('GIVEN no cited article (a reply to a no-answer) THEN the collection, then the question alone', () => {
    expect(followUpStages({ question: 'q', articleIds: [] })).toEqual([{ kind: 'collection' }, { kind: 'fresh' }]);
  });
});

describe('namesOwnTopic', () => {
  it('GIVEN a follow-up naming what it asks about THEN true; frame words only ("When?", "How many?") THEN false', () => {
    expect(namesOwnTopic(profile('How many were wounded?'))).toBe(true);
    expect(namesOwnTopic(profile('What is the capital of France?'))).toBe(true);
    expect(namesOwnTopic(profile('How many?'))).toBe(false);
    expect(namesOwnTopic(profile('Why?'))).toBe(false);
  });
});

describe('carriedStands', () => {
  it("GIVEN the fresh answer clearly more confident in the question's own words THEN the fresh answer wins; otherwise the carried one", () => {
    expect(carriedStands(0.5, 0.5 + PREFER_FRESH.margin / 2)).toBe(true);
    expect(carriedStands(0.5, 0.5 + PREFER_FRESH.margin * 2)).toBe(false);
    // Frame words only, or nothing fresh to compare with: the carried answer.
    expect(carriedStands(null, 0.9)).toBe(true);
    expect(carriedStands(0.4, null)).toBe(true);
  });
});

describe('contentConfidence', () => {
  it('GIVEN a question THEN its frame words do not count: a sentence saying only "many" adds nothing', () => {
    const many = article('crush', 'Stadium crush', 'Many say 40 were wounded.\n\nOfficials say 40 were wounded.');
    const own = profile('How many were wounded?');
    expect(contentConfidence(own, many, 0)).toBeCloseTo(contentConfidence(own, many, 1)!);
    expect(contentConfidence(profile('How many?'), many, 0)).toBeNull();
  });
});
