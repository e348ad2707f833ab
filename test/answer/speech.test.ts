import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { describedSubject, documentTopic, isQuotation, speakerUnnamed, speaksIn, speechQuestion } from '../../src/answer/speech.js';
import { terms } from '../../src/core/text.js';
import { article, indexOf } from './helpers.js';

describe('speech cues', () => {
  it('GIVEN quotes attributed to a pronoun or a description THEN the speaker is unnamed; a named attribution is not', () => {
    expect(speakerUnnamed('“We will stay,” he told reporters.')).toBe(true);
    expect(speakerUnnamed('“This is not enough,” added the former president, who spoke on Tuesday.')).toBe(true);
    expect(speakerUnnamed('“It is over,” the official said.')).toBe(true);
    expect(speakerUnnamed('She also demanded an end to the blockade.')).toBe(true);
    expect(speakerUnnamed('“It is over,” Khaji said.')).toBe(false);
    expect(speakerUnnamed('The talks ended on Monday.')).toBe(false);
  });

  it('GIVEN curly or straight quotation marks THEN the sentence is a quotation; an apostrophe alone is not', () => {
    expect(isQuotation('He said, “Yes.”')).toBe(true);
    expect(isQuotation('He said "yes".')).toBe(true);
    expect(isQuotation('Gaza’s population grew.')).toBe(false);
  });

  it('GIVEN a name before a speech verb, after a quote-final verb or after "according to" THEN that person speaks; an addressee or a topic does not', () => {
    const is = (name: string) => (t: string) => terms(name).includes(t);
    expect(speaksIn('Amir-Abdollahian told Haniyeh the talks went well.', is('Amir-Abdollahian'))).toBe(true);
    expect(speaksIn('Amir-Abdollahian told Haniyeh the talks went well.', is('Haniyeh'))).toBe(false);
    expect(speaksIn('“It is genocide,” said Khaji on Monday.', is('Khaji'))).toBe(true);
    expect(speaksIn('At least 8,796 people were killed, according to officials in Gaza.', is('officials'))).toBe(true);
    expect(speaksIn('He praised the invocation by Secretary-General Antonio Guterres.', is('Guterres'))).toBe(false);
  });

  it('GIVEN a name inside a prepositional phrase of its clause THEN it does not speak; the subject of ", emphasizing that…" does, however far back', () => {
    const is = (name: string) => (t: string) => terms(name).includes(t);
    const call =
      'Iranian Foreign Minister Hossein Amir-Abdollahian, in a phone conversation with his Turkish counterpart Hakan Fidan, called for “maximum efforts” to end the war.';
    expect(speaksIn(call, is('Fidan'))).toBe(false);
    const part =
      'For his part, Fidan appreciated Iran’s diplomatic efforts to secure a ceasefire in Gaza, emphasizing that Palestine is the central issue.';
    expect(speaksIn(part, is('Fidan'))).toBe(true);
    // A place named in a phrase ("in Gaza") is not the clause's subject.
    expect(speaksIn(part, is('Gaza'))).toBe(false);
    // A clause opened by a comma still has its own subject.
    expect(speaksIn('Speaking to reporters, Fidan said the talks went well.', is('Fidan'))).toBe(true);
  });

  it('GIVEN question wordings THEN "what did/does X say/think (about Y)" and "what was X’s position on Y" are direct-speech questions, others are not', () => {
    expect(speechQuestion('What did Haniyeh say about the Resistance?')).toEqual({ speaker: 'Haniyeh', topic: 'the Resistance?' });
    expect(speechQuestion('What does the Iranian foreign minister think of the war?')?.speaker).toBe('the Iranian foreign minister');
    expect(speechQuestion('What was Morales’s position on Israel?')?.speaker).toBe('Morales');
    expect(speechQuestion('What did Bolivia announce?')).toBeNull();
    // A noun that looks like a verb, or a capitalised name, is not a speech question.
    expect(speechQuestion('What is the primary claim made by the attorney general?')).toBeNull();
    expect(speechQuestion('What is the focus of Delaware State University’s mission?')).toBeNull();
    expect(speechQuestion('What has the minister said about the talks?')?.speaker).toBe('the minister');
    expect(speechQuestion('How many people were killed?')).toBeNull();
  });
});

describe('direct-speech answers', () => {
  const a = article(
    'a',
    'Ministers meet in Doha',
    [
      'Foreign Minister Lena Ostrova met union leader Tomas Brandt in Doha on Monday.',
      'Brandt and Ostrova discussed the strike at the harbour and the new wage offer.',
      '“The strike will go on until the offer is doubled,” he told Ostrova.',
      'The harbour has been closed since March.',
    ].join('\n\n'),
  );
  const b = article(
    'b',
    'Harbour strike enters its third week',
    'Tomas Brandt leads the dockers. The strike began in March when wages were cut.',
  );

  it('GIVEN "What did Brandt say about the strike?" THEN his quote (speaker "he", named in the sentence before) answers first, not a sentence that merely names him', async () => {
    const r = await answer({ index: indexOf([a, b]) }, 'What did Brandt say about the strike?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.excerpts[0]!.quote).toContain('The strike will go on');
  });

  it('GIVEN a quote whose speaker is only "he" THEN the excerpt reaches back to the sentence before it (across the paragraph break, verbatim)', async () => {
    const index = indexOf([a, b]);
    const r = await answer({ index }, 'Will the strike go on until the offer is doubled?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    const e = r.excerpts.find((x) => x.quote.includes('The strike will go on'))!;
    expect(e.quote.startsWith('Brandt and Ostrova discussed the strike')).toBe(true);
    expect(a.text.slice(e.start, e.end)).toBe(e.quote);
  });
});

describe('questions about what the text says', () => {
  it('GIVEN "What does the article say about Morales?" THEN it is no direct-speech question and its topic is Morales', () => {
    expect(speechQuestion('What does the article say about Morales?')).toBeNull();
    expect(documentTopic('What does the article say about Morales?')).toBe('Morales?');
    expect(documentTopic('What did the report say about the ceasefire?')).toBe('the ceasefire?');
  });

  it('GIVEN a person as the speaker THEN it stays a direct-speech question with no document topic', () => {
    expect(speechQuestion('What did Haniyeh say about the Resistance?')?.speaker).toBe('Haniyeh');
    expect(documentTopic('What did Haniyeh say about the Resistance?')).toBeNull();
    expect(documentTopic('What does the article say?')).toBeNull();
  });
});

describe('describedSubject', () => {
  it('GIVEN a sentence whose subject is a lower-case description THEN it is one, acronyms included', () => {
    expect(describedSubject('The late-night TV host and comedian has been tapped to host the show.')).toBe(true);
    expect(describedSubject('The former president said the vote was rigged.')).toBe(true);
  });
  it('GIVEN a named subject or another opening THEN it is not', () => {
    expect(describedSubject('The White House said it would respond.')).toBe(false);
    expect(describedSubject('Jimmy Kimmel has been tapped to host the show.')).toBe(false);
    expect(describedSubject('In March, the host was announced.')).toBe(false);
  });
});

describe('reported speech in a participle clause', () => {
  const a = article(
    'c',
    'Ministers discuss the harbour strike',
    [
      'Foreign Minister Lena Ostrova, in a phone call with her counterpart Tomas Brandt, called for an end to the strike at the harbour.',
      'For his part, Brandt welcomed the new wage offer for the harbour, stressing that the strike would end once the offer is signed.',
      'The harbour has been closed since March.',
    ].join('\n\n'),
  );

  it('GIVEN "What did Brandt say about the strike?" THEN the sentence where he speaks (", stressing that…") answers first, not the one where he is only spoken to', async () => {
    const r = await answer({ index: indexOf([a]) }, 'What did Brandt say about the strike?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.excerpts[0]!.quote).toContain('stressing that the strike would end');
  });
});
