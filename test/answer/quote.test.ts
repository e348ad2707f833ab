import { describe, expect, it } from 'vitest';
import { answerType, profileQuestion } from '../../src/answer/profile.js';
import type { NamedKind } from '../../src/lexicon/types.js';
import {
  MAX_EXCERPT_CHARS,
  SENTENCE_WEIGHTS,
  combine,
  hasAnswerType,
  isDangling,
  planExcerpt,
  pointsBack,
  sentenceFeatures,
  verifiedQuote,
} from '../../src/answer/quote.js';
import { article, indexOf } from './helpers.js';

const a = article(
  'q1',
  'Record quarterback',
  'Peyton Manning became the first quarterback to lead two teams to the final. He is also the oldest quarterback ever to play in the final at age 39. The past record was held by John Elway, who won at age 38.\n\nThe weather was mild.',
);
const index = indexOf([a]);

describe('planExcerpt', () => {
  it('GIVEN a sentence starting with a pronoun THEN the previous sentence is added so it makes sense', () => {
    const p = profileQuestion('What age was the oldest quarterback to play in the final?', index.lexical);
    const plan = planExcerpt(p, a, 1)!;
    expect(plan.first).toBe(0);
    expect(plan.last).toBe(1);
  });

  it('GIVEN a "who" question whose best sentence names nobody new THEN the next sentence with the name is added', () => {
    const p = profileQuestion('Who previously held the record of oldest quarterback to play in the final?', index.lexical);
    const plan = planExcerpt(p, a, 1)!;
    expect(a.text.slice(plan.start, plan.end)).toContain('John Elway');
    expect(plan.last - plan.first).toBe(1);
  });

  it('GIVEN a self-contained answering sentence THEN it is quoted alone', () => {
    const p = profileQuestion('How was the weather?', index.lexical);
    const plan = planExcerpt(p, a, 3)!;
    expect(a.text.slice(plan.start, plan.end)).toBe('The weather was mild.');
  });

  it('GIVEN a sentence longer than the cap THEN the excerpt is cut to the cap around the question terms, verbatim', () => {
    const long = article(
      'q2',
      'Long',
      `${'Filler words go on and on. '.repeat(3)}${'alpha beta gamma, '.repeat(40)}the treaty was signed in Lisbon by the ministers${', delta epsilon'.repeat(30)}.`,
    );
    const li = indexOf([long]);
    const p = profileQuestion('Where was the treaty signed?', li.lexical);
    const s = long.sentences.findIndex((x) => long.text.slice(x.start, x.end).includes('treaty'));
    const plan = planExcerpt(p, long, s)!;
    expect(plan.end - plan.start).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(verifiedQuote(long, plan)).toContain('treaty was signed');
  });
});

describe('verifiedQuote', () => {
  it('GIVEN a valid span THEN the exact substring is returned', () => {
    expect(verifiedQuote(a, { start: 0, end: 6 })).toBe('Peyton');
  });
  it('GIVEN spans out of range, empty, padded or over the cap THEN null', () => {
    expect(verifiedQuote(a, { start: -1, end: 5 })).toBeNull();
    expect(verifiedQuote(a, { start: 5, end: 5 })).toBeNull();
    expect(verifiedQuote(a, { start: 0, end: a.text.length + 1 })).toBeNull();
    expect(verifiedQuote(a, { start: 6, end: 12 })).toBeNull(); // starts with a space
    expect(verifiedQuote(a, { start: 0.5, end: 3 })).toBeNull();
  });
});

describe('answer-type cues', () => {
  const none = new Set<string>();
  it('GIVEN a "how many" question THEN a sentence with a number matches and one without does not', () => {
    expect(hasAnswerType('quantity', 'The strikes killed 8,610 people.', none)).toBe(true);
    expect(hasAnswerType('quantity', 'The strikes killed many people.', none)).toBe(false);
  });
  it('GIVEN a "when" question THEN years and months match', () => {
    expect(hasAnswerType('time', 'It happened in 2009.', none)).toBe(true);
    expect(hasAnswerType('time', 'It happened in November.', none)).toBe(true);
    expect(hasAnswerType('time', 'It happened again.', none)).toBe(false);
  });
  it('GIVEN a "when" question THEN a month that is also a common word counts only when capitalised', () => {
    expect(hasAnswerType('time', 'The vote may be delayed.', none)).toBe(false);
    expect(hasAnswerType('time', 'Protesters march on the capital.', none)).toBe(false);
    expect(hasAnswerType('time', 'The vote was held in May.', none)).toBe(true);
    expect(hasAnswerType('time', 'It closes every Sunday.', none)).toBe(true);
  });
  it('GIVEN a "who" question THEN only names not already in the question match', () => {
    expect(hasAnswerType('name', 'The record was held by John Elway.', new Set(['record']))).toBe(true);
    expect(hasAnswerType('name', 'The record was held by Elway.', new Set(['elway']))).toBe(false);
  });
  it('GIVEN a "why" question THEN causal phrases match', () => {
    expect(hasAnswerType('reason', 'It cut ties due to the war.', none)).toBe(true);
  });
});

describe('answerType: "which <noun>" with a lexicon that knows nouns', () => {
  // A stand-in for WordNet's hypernyms: two nouns that name people, one that names a place.
  const kinds = new Map<string, NamedKind>([
    ['lawmaker', 'person'],
    ['african', 'person'],
    ['atmosphere', 'place'],
  ]);
  const lexicon = { namedKind: (w: string) => kinds.get(w) ?? null };
  it('GIVEN the noun is a kind of person or place THEN the question asks for a name', () => {
    expect(answerType('Which lawmaker was ousted as speaker?', lexicon)).toBe('name');
    expect(answerType('Which African nation did the king visit?', lexicon)).toBe('name');
  });
  it('GIVEN no lexicon, another noun, or "what type of" THEN the question does not ask for a name', () => {
    expect(answerType('Which lawmaker was ousted as speaker?')).toBe('other');
    expect(answerType('Which crop is threatened by drought?', lexicon)).toBe('other');
    expect(answerType('What type of atmosphere fuelled the fire?', lexicon)).toBe('other');
  });
});

describe('isDangling', () => {
  it('GIVEN sentences leaning on the previous one THEN they dangle', () => {
    for (const s of ['He said so.', 'This was new.', 'It rained.', '“They left,” she said.', 'but then it stopped.'])
      expect(isDangling(s)).toBe(true);
  });
  it('GIVEN self-contained sentences THEN they do not', () => {
    for (const s of ['Bolivia cut ties.', 'The ministers met.', 'Hebrew is a language.']) expect(isDangling(s)).toBe(false);
  });
});

describe('planExcerpt: who the pronoun is', () => {
  const b = article(
    'q3',
    'Record quarterback',
    'Peyton Manning became the first quarterback to lead two teams to the final. He is also the oldest quarterback ever to play in the final at age 39. The past record was held by John Elway, who won in the final at age 38.',
  );
  const ib = indexOf([b]);
  it('GIVEN "who is…" answered by a sentence whose subject is "He" THEN the sentence before, with the name, is quoted with it', () => {
    const p = profileQuestion('Who is the oldest quarterback to play in the final?', ib.lexical);
    const plan = planExcerpt(p, b, 1)!;
    expect(b.text.slice(plan.start, plan.end)).toContain('Peyton Manning');
  });
  it('GIVEN the question already names the person before ("Prior to Manning, who…") THEN the pronoun rule does not apply', () => {
    const p = profileQuestion('Prior to Manning, who was the oldest quarterback to play in the final?', ib.lexical);
    const plan = planExcerpt(p, b, 1)!;
    expect(b.text.slice(plan.start, plan.end)).toContain('John Elway');
  });
});

describe('planExcerpt: "these devices"', () => {
  const c = article(
    'q4',
    'Oxygen',
    'Hyperbaric medicine uses special oxygen chambers to raise the pressure. Carbon monoxide poisoning is sometimes treated using these devices.',
  );
  it('GIVEN "What device…?" and a sentence saying "these devices" THEN the sentence naming the device is quoted with it', () => {
    const p = profileQuestion('What device is used to treat carbon monoxide poisoning?', indexOf([c]).lexical);
    const plan = planExcerpt(p, c, 1)!;
    expect(c.text.slice(plan.start, plan.end)).toContain('oxygen chambers');
  });
});

describe('sentenceFeatures: a sentence that asks', () => {
  it('GIVEN two sentences with the same evidence THEN the one that asks scores lower', () => {
    const a = article('a', 'T', 'Where will the next debate take place? The next debate will take place in Miami.');
    const p = profileQuestion('Where will the next debate take place?', indexOf([a]).lexical);
    const asking = sentenceFeatures(p, a, 0);
    expect(combine(asking, 1)).toBeCloseTo(combine({ ...asking, asks: 0 }, 1) - SENTENCE_WEIGHTS.asks);
    expect(SENTENCE_WEIGHTS.asks).toBeGreaterThan(0);
  });

  it('GIVEN a question and a statement THEN only the question has the asks feature', () => {
    const a = article('a', 'T', 'Who won the race? Lena Berg won the race.');
    const p = profileQuestion('Who won the race?', indexOf([a]).lexical);
    expect(sentenceFeatures(p, a, 0).asks).toBe(1);
    expect(sentenceFeatures(p, a, 1).asks).toBe(0);
  });
});

describe('sentenceFeatures: a person is named in full', () => {
  const a = article('a', 'T', 'Rebels ousted Hale as speaker on Tuesday. The House voted to oust Kevin Hale as speaker.');
  const lexical = indexOf([a]).lexical;
  it('GIVEN a question asking for a person THEN a surname alone is no answer of that kind, a full name is', () => {
    const p = profileQuestion('Who was ousted as speaker?', lexical);
    expect(p.person).toBe(true);
    expect(sentenceFeatures(p, a, 0).typeMatch).toBe(0);
    expect(sentenceFeatures(p, a, 1).typeMatch).toBe(1);
  });
  it('GIVEN a person question naming someone THEN that name with a first name added is not a full-name answer', () => {
    const b = article('b', 'T', 'Peyton Manning played in the final at 39. The past record was held by John Elway.');
    const p = profileQuestion('Prior to Manning, who was the oldest to play in the final?', indexOf([b]).lexical);
    expect(sentenceFeatures(p, b, 0).typeMatch).toBe(0);
    expect(sentenceFeatures(p, b, 1).typeMatch).toBe(1);
  });
  it('GIVEN a question asking for a place THEN a single capitalised name still matches', () => {
    const b = article('b', 'T', 'The summit was held in Oslo on Tuesday.');
    const p = profileQuestion('Where was the summit held?', indexOf([b]).lexical);
    expect(p.person).toBe(false);
    expect(sentenceFeatures(p, b, 0).typeMatch).toBe(1);
  });
  it('GIVEN "which <noun>" and a lexicon THEN the head noun decides whether a person is asked for', () => {
    const kinds = new Map<string, NamedKind>([
      ['african', 'person'],
      ['country', 'place'],
      ['lawmaker', 'person'],
    ]);
    const lexicon = { related: () => [], relatedToPhrase: () => [], namedKind: (w: string) => kinds.get(w) ?? null };
    expect(profileQuestion('Which lawmaker was ousted as speaker?', lexical, lexicon).person).toBe(true);
    expect(profileQuestion('Which African country did the king visit?', lexical, lexicon).person).toBe(false);
  });
});

describe('sentenceFeatures: a name of the very kind the question asks for', () => {
  // A stand-in for WordNet: which nouns name kinds, and which proper names are instances of which.
  const kinds = new Map<string, NamedKind>([
    ['country', 'place'],
    ['african', 'person'],
  ]);
  const instances = new Map([
    ['Bolivia', ['country', 'location']],
    ['Africa', ['continent', 'location']],
    ['Addis Ababa', ['city', 'location']],
  ]);
  const lexicon = {
    related: () => [],
    relatedToPhrase: () => [],
    namedKind: (w: string) => kinds.get(w) ?? null,
    isInstanceOf: (name: string, noun: string) => instances.get(name)?.includes(noun) ?? false,
  };
  const b = article('b', 'T', 'Leaders from Africa met in Addis Ababa on Monday. Bolivia restored relations with Israel on Monday.');
  const lexical = indexOf([b]).lexical;

  it('GIVEN "which African country" THEN only the sentence naming a country has it, not the one naming a continent and a city', () => {
    const p = profileQuestion('Which African country restored relations with Israel?', lexical, lexicon);
    expect(sentenceFeatures(p, b, 0).instance).toBe(0);
    expect(sentenceFeatures(p, b, 1).instance).toBe(1);
  });
  it('GIVEN "where" THEN any location counts', () => {
    const p = profileQuestion('Where did the leaders meet?', lexical, lexicon);
    expect(sentenceFeatures(p, b, 0).instance).toBe(1);
  });
  it('GIVEN the question names the country itself, or asks for no kind THEN no sentence has it', () => {
    const own = profileQuestion('Which country did Bolivia restore relations with?', lexical, lexicon);
    expect(sentenceFeatures(own, b, 1).instance).toBe(0);
    const none = profileQuestion('How did relations change?', lexical, lexicon);
    expect([0, 1].map((i) => sentenceFeatures(none, b, i).instance)).toEqual([0, 0]);
  });
  it('GIVEN no WordNet THEN the feature is off', () => {
    const p = profileQuestion('Which African country restored relations with Israel?', lexical);
    expect(p.instanceOf).toBeNull();
    expect(sentenceFeatures(p, b, 1).instance).toBe(0);
  });
});

describe('planExcerpt: a subject that is only a description', () => {
  const k = article(
    'k',
    'Oscars host',
    "Fourth time's the charm for Jimmy Kimmel.\n\nThe late-night TV host and comedian has been tapped to host the 96th Academy Awards, the academy announced on Wednesday.",
  );
  const lexical = indexOf([k]).lexical;
  it('GIVEN a question asking who THEN the sentence before, which names the host, is quoted with it (across the paragraph break)', () => {
    const p = profileQuestion('Who will host the 96th Academy Awards?', lexical);
    const plan = planExcerpt(p, k, 1)!;
    expect(verifiedQuote(k, plan)).toContain('Jimmy Kimmel');
    expect([plan.first, plan.last]).toEqual([0, 1]);
  });
  it('GIVEN a question that asks for no name THEN the sentence is quoted alone', () => {
    const p = profileQuestion('When was the 96th Academy Awards host announced?', lexical);
    const plan = planExcerpt(p, k, 1)!;
    expect([plan.first, plan.last]).toEqual([1, 1]);
  });
});

describe('planExcerpt: a sentence that points back with "these/those <noun>"', () => {
  const t = article(
    't',
    'Speech',
    'In a post on Saturday, Smith said his rivals "live like vermin" in the country.\n\nSmith also used those phrases during a speech in New Hampshire.\n\nThose who attended the rally cheered.',
  );
  const lexical = indexOf([t]).lexical;
  it('GIVEN the sentence says "those phrases" THEN the sentence before, which holds them, is quoted with it (across the paragraph break)', () => {
    const p = profileQuestion('Which word did Smith use during his speech in New Hampshire?', lexical);
    const plan = planExcerpt(p, t, 1)!;
    expect([plan.first, plan.last]).toEqual([0, 1]);
    expect(verifiedQuote(t, plan)).toContain('vermin');
  });
  it('GIVEN a question asking for a number the sentence before does not hold THEN the sentence is quoted alone', () => {
    const p = profileQuestion('How many phrases did Smith use during the speech in New Hampshire?', lexical);
    const plan = planExcerpt(p, t, 1)!;
    expect([plan.first, plan.last]).toEqual([1, 1]);
  });
  it('GIVEN "those who…" THEN nothing is pointed back at', () => {
    expect(pointsBack('Those who attended the rally cheered.')).toBe(false);
    expect(pointsBack('He repeated those phrases during a speech.')).toBe(true);
    expect(pointsBack('These devices are used in hospitals.')).toBe(true);
    expect(pointsBack('The cars from Wola have other numbers than these from Ursynów.')).toBe(false);
  });
});
