import { describe, expect, it } from 'vitest';
import { confidence } from '../../src/answer/abstain.js';
import { answer } from '../../src/answer/answer.js';
import { profileQuestion } from '../../src/answer/profile.js';
import { sentenceFeatures } from '../../src/answer/quote.js';
import { oneEditAway, surfaceVariants, termVariants } from '../../src/answer/variants.js';
import { article, indexOf } from './helpers.js';

describe('word forms', () => {
  it('GIVEN a verb Porter stems apart from its past tense ("die" / "died") THEN both stems are variants', () => {
    expect(termVariants('die')).toEqual(expect.arrayContaining(['die', 'di']));
    expect(termVariants('died')).toEqual(expect.arrayContaining(['di', 'die']));
  });
  it('GIVEN irregular verbs, superlatives, demonyms and small numbers THEN their other forms are variants', () => {
    expect(surfaceVariants('sent')).toContain('send');
    expect(surfaceVariants('won')).toContain('win');
    expect(surfaceVariants('longest')).toContain('long');
    expect(surfaceVariants('earliest')).toContain('early');
    expect(surfaceVariants('californian')).toContain('california');
    expect(surfaceVariants('five')).toContain('5');
    expect(surfaceVariants('9')).toContain('nine');
  });
  it('GIVEN ambiguous irregular forms ("left", "saw") THEN they are not mapped to a verb', () => {
    expect(surfaceVariants('left')).not.toContain('leave');
    expect(surfaceVariants('saw')).not.toContain('see');
  });
  it('GIVEN a long word THEN spellings one edit away keep its first letter; short words get none', () => {
    const edits = oneEditAway('maastrich');
    expect(edits).toContain('maastricht');
    expect(edits.every((e) => e.startsWith('m'))).toBe(true);
    expect(oneEditAway('yen')).toEqual([]);
  });
});

describe('question profile with word forms', () => {
  const tesla = article('t', 'Nikola Tesla', 'Tesla lived in a series of New York hotels. Tesla died on 7 January 1943.');
  const other = article('o', 'Harbour', 'The harbour ferry runs daily between the two islands.');
  const index = indexOf([tesla, other]);

  it('GIVEN "die" in the question and only "died" in the corpus THEN the term is not missing and the sentence covers it', () => {
    const p = profileQuestion('What year did Tesla die?', index.lexical);
    const die = p.terms.find((t) => t.term === 'die')!;
    expect(die.missing).toBe(false);
    expect(sentenceFeatures(p, tesla, 1).coverage).toBeGreaterThan(sentenceFeatures(p, tesla, 0).coverage);
  });

  it('GIVEN the question "What year did Tesla die?" THEN the death sentence is quoted first', async () => {
    const r = await answer({ index }, 'What year did Tesla die?');
    if (r.kind !== 'answer') throw new Error('expected an answer');
    expect(r.excerpts[0]!.quote).toContain('1943');
  });

  it('GIVEN a misspelt name ("Maastrich") THEN the known name one edit away stands in for it', () => {
    const eu = article('eu', 'Treaties', 'The Maastricht Treaty was signed in 1992.');
    const p = profileQuestion('When was the Maastrich Treaty signed?', indexOf([eu, other]).lexical);
    const t = p.terms.find((x) => x.term === 'maastrich')!;
    expect(t.missing).toBe(false);
    expect(t.variants).toContain('maastricht');
  });

  it('GIVEN an ordinary word the corpus lacks THEN no spelling fix is guessed for it', () => {
    const p = profileQuestion(
      'What are stators attached to?',
      indexOf([article('s', 'Turbine', 'Stators are fixed. The army attacked at dawn.')]).lexical,
    );
    expect(p.terms.find((x) => x.term === 'attach')!.variants).toEqual(['attach']);
  });
});

describe('confidence', () => {
  const a = article(
    'a',
    'Port',
    'The port authority raised the harbour fees in spring. Fees for the harbour ferry stay the same.\n\nThe old town is quiet.',
  );
  const index = indexOf([a]);
  it('GIVEN the same coverage THEN question terms standing together give more confidence than scattered ones', () => {
    const p = profileQuestion('Who raised the harbour fees in the old town?', index.lexical);
    const together = sentenceFeatures(p, a, 0);
    const scattered = { ...together, proximity: 0, phrase: 0 };
    expect(confidence(p, together)).toBeGreaterThan(confidence(p, scattered));
  });
  it('GIVEN question terms the corpus never mentions THEN confidence drops', () => {
    const known = profileQuestion('Who raised the harbour fees?', index.lexical);
    const unknown = profileQuestion('Who raised the harbour fees in Australia?', index.lexical);
    expect(confidence(unknown, sentenceFeatures(unknown, a, 0))).toBeLessThan(confidence(known, sentenceFeatures(known, a, 0)));
  });
});

describe('confidence: weak evidence', () => {
  const a = article('r', 'Treaties', 'The emperor Henry III ennobled the family.\n\nRome signed the treaty.\n\nThe first ships arrived.');
  const index = indexOf([a]);
  it('GIVEN a best sentence sharing a single word with a question whose other words the corpus knows THEN confidence is lowered', () => {
    const p = profileQuestion('Who was the first emperor of Rome?', index.lexical);
    const f = sentenceFeatures(p, a, 0);
    expect(f.proximity).toBe(0);
    expect(confidence(p, f)).toBeCloseTo(Math.max(0, f.windowCoverage - 0.15), 5);
  });

  it('GIVEN a question naming a year nothing retrieved is about THEN confidence is lower than without the year', async () => {
    const { answerWithTrace } = await import('../../src/answer/answer.js');
    const race = article('b', 'Boat race', 'Oxford won the boat race on the river by two lengths.');
    const idx = indexOf([race, a]);
    const withYear = await answerWithTrace({ index: idx }, 'Who won the boat race in 1995?', { threshold: 0 });
    const without = await answerWithTrace({ index: idx }, 'Who won the boat race?', { threshold: 0 });
    expect(withYear.trace.confidence).toBeLessThan(without.trace.confidence);
  });
});

describe('confidence: what the question asks about', () => {
  it('GIVEN a question whose only words besides names are unknown to the corpus THEN confidence drops by the predicate penalty', async () => {
    const { PREDICATE } = await import('../../src/answer/abstain.js');
    const a = article('a', 'T', 'Lena Berg spoke in Oslo on Monday about the new harbour and the ferry timetable.');
    const index = indexOf([a]);
    const p = profileQuestion('When was Lena Berg born?', index.lexical);
    const f = sentenceFeatures(p, a, 0);
    const evidence = { typePresent: true, anchorsMissing: 0 };
    const withPenalty = confidence(p, f, evidence);
    const saved = PREDICATE.absentPenalty;
    PREDICATE.absentPenalty = 0;
    try {
      expect(saved).toBeGreaterThan(0);
      const base = confidence(p, f, evidence);
      expect(base).toBeGreaterThan(0);
      expect(withPenalty).toBeLessThan(base);
      expect(withPenalty).toBeCloseTo(Math.max(0, base - saved), 5);
      // A question whose other words the corpus knows is not penalised.
      const q = profileQuestion('When did Lena Berg speak?', index.lexical);
      const fq = sentenceFeatures(q, a, 0);
      PREDICATE.absentPenalty = saved;
      const kept = confidence(q, fq, evidence);
      PREDICATE.absentPenalty = 0;
      expect(kept).toBeCloseTo(confidence(q, fq, evidence), 5);
    } finally {
      PREDICATE.absentPenalty = saved;
    }
  });
});
