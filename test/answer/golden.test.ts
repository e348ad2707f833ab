/**
 * Golden questions on the seed corpus (data/articles), indexed with the real ingestion pipeline.
 * Each case says which article should win and why.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import type { AnswerResult } from '../../src/core/types.js';
import type { SearchIndex } from '../../src/index/types.js';
import { seedIndex } from './helpers.js';

let index: SearchIndex;
beforeAll(async () => {
  index = await seedIndex();
});

function excerptsOf(r: AnswerResult) {
  expect(r.kind).toBe('answer');
  return r.kind === 'answer' ? r.excerpts : [];
}

describe('golden questions on the seed corpus', () => {
  it('GIVEN "Why did Bolivia cut ties with Israel?" THEN the RT article answers first with "severing diplomatic relations" (its headline is the question; the sentence gives the reason "due to")', async () => {
    const [first] = excerptsOf(await answer({ index }, 'Why did Bolivia cut ties with Israel?'));
    expect(first!.article.source).toBe('RT');
    expect(first!.article.title).toMatch(/Bolivia cuts ties/);
    expect(first!.quote).toContain('severing diplomatic relations');
  });

  it('GIVEN "Who did Bolivia accuse of crimes against humanity?" THEN the quote names the acting foreign minister (only sentence with "crimes against humanity" and Bolivia context)', async () => {
    const ex = excerptsOf(await answer({ index }, 'Which Bolivian minister accused Israel of committing crimes against humanity?'));
    expect(ex[0]!.quote).toContain('Maria Nela Prada');
  });

  it('GIVEN "Why did Craig Mokhiber resign?" THEN the Press TV article on his resignation answers (his name only occurs there)', async () => {
    const ex = excerptsOf(await answer({ index }, 'Why did Craig Mokhiber resign?'));
    expect(ex[0]!.article.title).toMatch(/UN official resigns/);
    expect(ex.some((e) => /resign/i.test(e.quote))).toBe(true);
  });

  it('GIVEN "What did Guterres invoke?" THEN the AFP article quotes Article 99 (the only mention of the invocation)', async () => {
    const ex = excerptsOf(await answer({ index }, 'What did Guterres invoke?'));
    expect(ex.some((e) => e.quote.includes('Article 99'))).toBe(true);
  });

  it('GIVEN "How many Palestinians were killed?" THEN figures from several reports are quoted, dated ones oldest first', async () => {
    const ex = excerptsOf(await answer({ index }, 'How many Palestinians have been killed?'));
    expect(ex.some((e) => /\d{1,3},\d{3}/.test(e.quote))).toBe(true);
    const dated = ex.filter((e) => /\d,\d{3}/.test(e.quote) && e.article.published).map((e) => e.article.published!);
    expect([...dated].sort()).toEqual(dated);
  });

  it('GIVEN "When did Bolivia first sever relations with Israel?" THEN the quote holds the year 2009 (a "when" question prefers a sentence with a year)', async () => {
    const ex = excerptsOf(await answer({ index }, 'When did Bolivia first sever relations with Israel over Gaza?'));
    expect(ex.slice(0, 2).some((e) => e.quote.includes('2009'))).toBe(true);
  });

  it('GIVEN a question naming a month THEN only articles or sentences of that time are quoted', async () => {
    const ex = excerptsOf(await answer({ index }, 'What did Bolivia announce in November 2023?'));
    for (const e of ex) expect(e.article.published?.startsWith('2023-11') ?? true).toBe(true);
  });

  it('GIVEN any answer THEN there are at most 2 excerpts per article and each is at most 500 characters', async () => {
    const ex = excerptsOf(await answer({ index }, 'What did the Iranian foreign minister discuss with his Turkish counterpart?'));
    const per = new Map<string, number>();
    for (const e of ex) per.set(e.article.id, (per.get(e.article.id) ?? 0) + 1);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(2);
    for (const e of ex) expect(e.quote.length).toBeLessThanOrEqual(500);
  });
});

describe('who said it, direct speech and metadata on the seed corpus (issue 10)', () => {
  it('GIVEN a quote attributed only to "the former president" THEN the excerpt starts at the sentence before, which names Morales (verbatim, contiguous, within the cap)', async () => {
    const ex = excerptsOf(await answer({ index }, 'Who said Bolivia must declare Israel a terrorist state?'));
    const quote = ex.find((e) => e.quote.includes('This is not enough'));
    expect(quote).toBeDefined();
    expect(quote!.quote).toMatch(/Morales criticized/);
    expect(quote!.quote.length).toBeLessThanOrEqual(500);
  });

  it('GIVEN "What did Haniyeh say about the Resistance?" THEN his quoted words ("…Resistance is going to last…,” he told Abdollahian) answer first: a quotation, attributed to a pronoun whose referent Haniyeh is named just before', async () => {
    const ex = excerptsOf(await answer({ index }, 'What did Haniyeh say about the Resistance?'));
    expect(ex[0]!.quote).toContain('Resistance is going to last');
  });

  it('GIVEN "What does Haniyeh think about the Resistance?" THEN the same quotation answers (another wording of a direct-speech question)', async () => {
    const ex = excerptsOf(await answer({ index }, 'What does Haniyeh think about the Resistance?'));
    expect(ex.some((e) => e.quote.includes('Resistance is going to last'))).toBe(true);
  });

  it('GIVEN "How many Palestinians were killed according to Press TV?" THEN every excerpt is from a Press TV article and the first holds a figure (the outlet is matched against the citations, not the text)', async () => {
    const ex = excerptsOf(await answer({ index }, 'How many Palestinians were killed according to Press TV?'));
    for (const e of ex) expect(e.article.source).toBe('Press TV');
    expect(ex[0]!.quote).toMatch(/\d{1,3},\d{3}/);
  });

  it('GIVEN "What does the article \'<title>\' say about Morales?" THEN that article answers about Morales (the article is the text asked about, not a speaker to be quoted)', async () => {
    const ex = excerptsOf(
      await answer({ index }, "What does the article 'Bolivia cuts ties with Israel over Gaza conflict' say about Morales?"),
    );
    expect(ex[0]!.article.title).toBe('Bolivia cuts ties with Israel over Gaza conflict');
    expect(ex[0]!.quote).toContain('Morales');
  });

  it('GIVEN "What is the population of Tehran?" THEN the engine declines: the best sentence counts Gaza\'s population, the question\'s name (Tehran) is not in it', async () => {
    const r = await answer({ index }, 'What is the population of Tehran?');
    expect(r.kind).toBe('noAnswer');
  });
});

describe('abstention on the seed corpus', () => {
  for (const q of [
    'What is the capital of Australia?',
    'Who won the 2018 World Cup?',
    'How do I bake sourdough bread?',
    'What did Joe Biden say about the hostages?',
  ]) {
    it(`GIVEN the off-topic question "${q}" THEN the engine declines`, async () => {
      const r = await answer({ index }, q);
      expect(r.kind).toBe('noAnswer');
      if (r.kind === 'noAnswer') expect(['noMatch', 'lowConfidence']).toContain(r.reason);
    });
  }

  // Near-topic questions: the corpus names the person or place, but does not answer. Putin,
  // Erdogan and Guterres are mentioned, never quoted (a sentence naming Putin reports what the
  // Iranian diplomat said); "join" and "born" occur in no article.
  for (const q of [
    'What did Vladimir Putin say about Hamas?',
    'What did Recep Tayyip Erdogan say about Iran?',
    'What did Antonio Guterres say about Hamas?',
    'When did Craig Mokhiber join the UN?',
    'Where was Ismail Haniyeh born?',
  ]) {
    it(`GIVEN the near-topic question "${q}" THEN the engine declines`, async () => {
      expect((await answer({ index }, q)).kind).toBe('noAnswer');
    });
  }

  it('GIVEN an empty or emoji-only question THEN the reason is emptyQuestion', async () => {
    for (const q of ['', '   ', '🤷', '<@123456789012345678>']) {
      const r = await answer({ index }, q);
      expect(r.kind === 'noAnswer' && r.reason).toBe('emptyQuestion');
    }
  });

  it('GIVEN a question over the cap THEN answer() refuses with a clear error', async () => {
    await expect(answer({ index }, 'why '.repeat(300))).rejects.toThrow(/limit is 500/);
  });
});

describe('verbatim property', () => {
  it('GIVEN random questions built from corpus words and noise THEN every quote equals article.text.slice(start, end), within the caps', async () => {
    const vocab = Array.from(new Set(index.articles.flatMap((a) => a.text.split(/\s+/)))).slice(0, 400);
    const word = fc.oneof(
      fc.constantFrom(...vocab),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('who', 'when', 'how many', 'why', 'in November', '2023', '🤔', '<@1234567890123456789>'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 0, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (words, k) => {
        const r = await answer({ index }, words.join(' '), { k });
        if (r.kind !== 'answer') return;
        expect(r.excerpts.length).toBeLessThanOrEqual(k);
        for (const e of r.excerpts) {
          const a = index.articleById.get(e.article.id)!;
          expect(a.text.slice(e.start, e.end)).toBe(e.quote);
          expect(e.quote.length).toBeLessThanOrEqual(500);
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
