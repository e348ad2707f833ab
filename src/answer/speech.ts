/**
 * Quoted speech: which sentences quote someone, whether the sentence itself names the speaker
 * or leaves them to a pronoun or a description ("…,” added the former president), and questions
 * that ask what someone said ("What did X say about Y?"). Pure, English cues.
 */
import { terms } from '../core/text.js';
import type { Article } from '../core/types.js';

/** Verbs that introduce or attribute speech (past and present forms). */
const SPEECH_VERB =
  '(?:said|says|say|told|tells|added|adds|stated|states|stressed|stresses|noted|notes|warned|warns|insisted|insists|declared|declares|argued|argues|wrote|writes|explained|explains|emphasi[sz]ed|emphasi[sz]es|asserted|asserts|claimed|claims|continued|continues|concluded|underlined|remarked|announced|urged|urges|asked|asks|replied|responded|went on|pointed out|criticized|criticised|condemned|accused|praised|demanded|called for|described|expressed|welcomed|denied|rejected)';
const PRONOUN = '(?:he|she|they|it|we)';
// An opening or closing quotation mark (curly or straight).
const QUOTE_MARK = /[“”"]/;

/** Closing quote, then a pronoun or a lower-case description speaking: ”, he told … / ”, the official said / ”, added the former president. */
// Case-sensitive: the words after a closing quote are lower case unless they are a name.
const UNNAMED_ATTRIBUTION = new RegExp(
  `[”"]\\s*,?\\s*(?:${PRONOUN}\\s+(?:\\p{Ll}+\\s+)?${SPEECH_VERB}\\b|${SPEECH_VERB}\\s+(?:the|a|an|this|that)\\s+\\p{Ll}|(?:the|a|an|this|that)\\s+\\p{Ll}[\\p{L}-]*(?:\\s+\\p{Ll}[\\p{L}-]*){0,3}\\s+${SPEECH_VERB}\\b)`,
  'u',
);
/** A sentence whose grammatical subject is a personal pronoun ("He also said…", "She demanded…"); a quotation opening with one ("“It is over,” Khaji said") is not. */
const PRONOUN_START = new RegExp(`^[\\s(]*${PRONOUN}\\b`, 'i');
/** A speech verb anywhere in a sentence, for sentences reporting speech without quotation marks. */
const SPEECH_ANYWHERE = new RegExp(`\\b${SPEECH_VERB}\\b|\\baccording to\\b`, 'i');

/** True when the sentence holds quoted words (quotation marks). */
export function isQuotation(text: string): boolean {
  return QUOTE_MARK.test(text);
}

/** True when the sentence quotes or reports what someone said. */
export function reportsSpeech(text: string): boolean {
  return isQuotation(text) || SPEECH_ANYWHERE.test(text);
}

/**
 * True when the sentence's speaker or subject is only a pronoun or a description, so a reader
 * of the sentence alone cannot tell who it is: "“…,” he told Abdollahian.", "“…,” added the
 * former president.", "She also demanded…".
 */
export function speakerUnnamed(text: string): boolean {
  return PRONOUN_START.test(text) || UNNAMED_ATTRIBUTION.test(text);
}

/** True when the sentence's subject is only a description (see DESCRIBED_SUBJECT): the sentence before may name it. */
export function describedSubject(text: string): boolean {
  return DESCRIBED_SUBJECT.test(text);
}

/**
 * A subject that is only a description, up to its verb: "The late-night TV host and comedian has
 * been tapped…", "The former president also said…". Case-sensitive: a capitalised word is a name
 * ("The White House said…" names its subject); acronyms ("TV") are not names.
 */
const DESCRIBED_SUBJECT = new RegExp(
  `^[\\s"“‘'(]*The\\s+(?:(?:\\p{Ll}[\\p{L}'’-]*|\\p{Lu}{2,})[,]?\\s+){0,5}?(?:also\\s+|then\\s+|later\\s+)?(?:has|have|had|is|was|were|are|will|would|could|can|${SPEECH_VERB})\\b`,
  'u',
);

/** True when the sentence names someone or something: a capitalised word past the first, or a capitalised first word that is not a pronoun or article. */
export function namesSomeone(text: string): boolean {
  const tokens = text.match(/[\p{L}][\p{L}'’.-]*/gu) ?? [];
  return tokens.some((t, i) => /^\p{Lu}/u.test(t) && (i > 0 || !/^(?:he|she|they|it|we|the|a|an|this|that|but|and|in|on|at)$/i.test(t)));
}

/** Words between a speaker and their verb ("Morales *criticized*", "Kan’ani *said*", "the official *also told*"). */
const SPEAKER_REACH = 4;
const VERB_AT_START = new RegExp(`^${SPEECH_VERB}\\b`, 'i');

/**
 * True when the sentence has the person whose terms are `speaker` speaking: their name within
 * {@link SPEAKER_REACH} words before a speech verb ("Amir-Abdollahian told…"), right after a
 * verb that follows a quotation ("…,” said Khaji") or after "according to". A name that is only
 * the addressee or the topic ("…told Haniyeh", "…invoked by Guterres") does not speak.
 */
export function speaksIn(text: string, isSpeaker: (term: string) => boolean): boolean {
  const tokens = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  const named = tokens.map((t) => terms(t[0]).some(isSpeaker));
  if (!named.some(Boolean)) return false;
  // A name inside a prepositional phrase of its clause ("…, in a phone conversation with his
  // Turkish counterpart Hakan Fidan, called for…") is someone spoken to or about, not the subject.
  const subject = tokens.map((t, k) => named[k] && !PREPOSITION_BEFORE.test(clauseBefore(text, t.index!)));
  const firstSubject = subject.indexOf(true);
  for (let i = 0; i < tokens.length; i++) {
    const before = text.slice(0, tokens[i]!.index);
    const rest = text.slice(tokens[i]!.index);
    const according = /^according\s+to\b/i.test(rest);
    // ", emphasizing that…", ", adding…": the clause's subject speaks, however far back it is named.
    if (firstSubject >= 0 && firstSubject < i && PARTICIPLE.test(before) && SPEECH_PARTICIPLE.test(rest)) return true;
    if (!according && !VERB_AT_START.test(rest)) continue;
    for (let k = Math.max(0, i - SPEAKER_REACH); k < i; k++) if (subject[k] && !according) return true;
    if (according || /[”"]\s*,?\s*$/.test(before)) {
      for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 1 + SPEAKER_REACH); k++) if (named[k]) return true;
    }
  }
  return false;
}

/** The text of the clause before offset `at`: back to the last comma, semicolon, colon or dash. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  const cut = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf(';'),
    before.lastIndexOf(':'),
    before.lastIndexOf(' – '),
    before.lastIndexOf(' — '),
  );
  return before.slice(cut + 1);
}

/** A preposition anywhere before the name in its clause ("with his counterpart X"; not "and", which joins speakers). */
const PREPOSITION_BEFORE = /\b(?:with|to|from|by|between|for|against|of|toward|towards|among|before)\b/i;
/** A participle clause opens here: right after a comma. */
const PARTICIPLE = /,\s*$/;
/** Speech participles that open such a clause. */
const SPEECH_PARTICIPLE =
  /^(?:saying|adding|stressing|emphasi[sz]ing|noting|warning|insisting|arguing|explaining|declaring|asserting|claiming|underlining|underscoring|urging|calling for|pointing out|describing|stating|telling|reiterating)\b/i;

/** How far back a pronoun or description may find the person it stands for (sentences). */
export const SPEAKER_LOOKBACK = 3;

/**
 * Stems the quote in sentence `i` may be attributed to beyond its own words: when its speaker
 * is unnamed, the terms of the up to {@link SPEAKER_LOOKBACK} sentences before it (where the
 * pronoun's referent is named: "Amir-Abdollahian told Haniyeh…" … "“…,” he told Abdollahian").
 * Empty for a sentence that is not quoted or reported speech, or names its speaker itself.
 */
export function attributionTerms(article: Article, i: number): Set<string> {
  const out = new Set<string>();
  const span = article.sentences[i];
  if (!span) return out;
  const text = article.text.slice(span.start, span.end);
  if (!reportsSpeech(text) || !speakerUnnamed(text)) return out;
  for (let j = i - 1; j >= Math.max(0, i - SPEAKER_LOOKBACK); j--) {
    const s = article.sentences[j]!;
    for (const t of terms(article.text.slice(s.start, s.end))) out.add(t);
  }
  return out;
}

/** A question asking what someone said or thinks: the speaker as written, and the rest of the question (the topic). */
export interface SpeechQuestion {
  readonly speaker: string;
  readonly topic: string;
}

// Case-sensitive verbs ("State" in a name is no verb); the tense follows the auxiliary.
const ASKS_SPEECH = new RegExp(
  '^\\s*(?:[Ww]hat|[Hh]ow)\\s+(?:' +
    '(?:did|does|do|will|would)\\s+(.+?)\\s+(?:say|think|believe|feel|tell|claim|state|argue|warn|mean|write|respond|react|reply)' +
    '|(?:has|have|had)\\s+(.+?)\\s+(?:said|thought|told|claimed|stated|argued|warned|written|responded|reacted|replied)' +
    '|(?:is|was|are|were)\\s+(.+?)\\s+(?:saying|thinking|claiming|arguing|warning|telling)' +
    ')\\b\\s*(.*)$',
);
const ASKS_VIEW =
  /^\s*[Ww]hat\s+(?:is|was|are|were)\s+(.+?)['’]s?\s+(?:view|views|position|stance|opinion|reaction|response|message|comment|comments|statement|remarks)\b\s*(.*)$/;

/** The text itself rather than a person: "the article", "this report", "the news", "it". */
const DOCUMENT =
  /^(?:(?:the|this|that|these|those|your|its|their)\s+)?(?:articles?|reports?|report(?:ing|s)|stor(?:y|ies)|pieces?|texts?|sources?|coverage|press|media|news|outlets?|(?:news)?papers?|headlines?|documents?|files?|collection|corpus|it|they)$/i;

/** Recognises "What did X say (about Y)?", "What does X think of Y?", "What was X's position on Y?". */
export function speechQuestion(question: string): SpeechQuestion | null {
  return askedOf(question, (speaker) => !DOCUMENT.test(speaker));
}

/**
 * "What does the article (the report, it) say about Y?": the topic Y, which is all the question
 * asks about (the text says it; nobody needs to be quoted saying it). Null for other questions.
 */
export function documentTopic(question: string): string | null {
  const q = askedOf(question, (speaker) => DOCUMENT.test(speaker));
  return q && terms(q.topic).length > 0 ? q.topic : null;
}

function askedOf(question: string, accept: (speaker: string) => boolean): SpeechQuestion | null {
  const s = ASKS_SPEECH.exec(question);
  const v = s ? null : ASKS_VIEW.exec(question);
  const speaker = (s ? (s[1] ?? s[2] ?? s[3]) : v?.[1])?.trim();
  const topic = s ? s[4] : v?.[2];
  if (!speaker) return null;
  // A speaker is a short noun phrase ("Haniyeh", "the Iranian foreign minister"), not a clause,
  // and a person: "What does the article say about Morales?" asks what the text says.
  if (speaker.split(/\s+/).length > 6 || terms(speaker).length === 0 || !accept(speaker)) return null;
  return { speaker, topic: (topic ?? '').replace(/^(?:about|on|of|regarding|concerning|to)\s+/i, '').trim() };
}
