/**
 * What a question asks for, in the terms quote selection scores with: weighted lexical terms,
 * the anchors (names, numbers), and the expected kind of answer. Pure.
 */
import { stemmer } from 'stemmer';
import { terms, words } from '../core/text.js';
import type { LexicalIndex } from '../index/types.js';
import { documentTopic, speechQuestion } from './speech.js';
import { EXPANSION } from '../lexicon/lexicon.js';
import type { Lexicon, NamedKind, RelatedTerm } from '../lexicon/types.js';
import { oneEditAway, termVariants } from './variants.js';

/** Expected kind of answer, from the question's wording; `speech` is what someone said ("What did X say…?"). */
export type AnswerType = 'quantity' | 'time' | 'name' | 'reason' | 'speech' | 'other';

/** One distinct question term with its weight. */
export interface QuestionTerm {
  readonly term: string;
  /** idf × role factor (frame words count little, names and numbers more). */
  readonly weight: number;
  /** A capitalised word or a number in the question: what the question is about. */
  readonly anchor: boolean;
  /** The term occurs nowhere in the index (in none of its forms). */
  readonly missing: boolean;
  /** Stems that count as this term in a passage: its own, then its other forms ("die": "di", "death"). */
  readonly variants: readonly string[];
  /** Other words for it (synonyms, derivations, nearest corpus words), each earning part of its weight; empty without a lexicon. */
  readonly related: readonly RelatedTerm[];
}

export interface QuestionProfile {
  readonly terms: readonly QuestionTerm[];
  /** Sum of term weights (the denominator of every coverage). */
  readonly totalWeight: number;
  /** Adjacent question-term pairs, for phrase matches ("jared allen", "super bowl"). */
  readonly bigrams: ReadonlySet<string>;
  readonly type: AnswerType;
  /** A `name` question asking for a person ("Who…", "Which *lawmaker*…"): news names people in full, so a surname alone is a weaker answer. */
  readonly person: boolean;
  /** Lower-cased words of the question, so an answer candidate is never a word the question already says. */
  readonly words: ReadonlySet<string>;
  /** Every stem that stands for a question term, to that term. */
  readonly termOf: ReadonlyMap<string, string>;
  /** Stems of the noun the question asks for ("What *device* is used…", "Which *player*…"); empty when none. */
  readonly focus: ReadonlySet<string>;
  /** Whether a proper name is of the kind asked for ("California" for "Which *state*…"), by WordNet; null when none is asked for or there is no WordNet. */
  readonly instanceOf: ((name: string) => boolean) | null;
  /** For a direct-speech question, the terms of the person asked about ("What did *Haniyeh* say…"); empty otherwise. */
  readonly speaker: ReadonlySet<string>;
  /** Terms of what a "how many / how much" question counts ("how many *hostages*…", "how many were *wounded*"); empty otherwise. */
  readonly counted: ReadonlySet<string>;
}

/**
 * Words that frame the question rather than name its topic ("how many", "what year", "what is
 * it called"); they rarely appear in the answering sentence, so they weigh little.
 */
export const FRAME_WORDS: ReadonlySet<string> = new Set(
  [
    'many',
    'much',
    'year',
    'named',
    'called',
    'type',
    'kind',
    'example',
    'term',
    'happened',
    'described',
    'refers',
    'means',
    'another',
    'way',
    'referring',
    'known',
    'name',
  ].map(stemmer),
);
const FRAME_FACTOR = 0.3;
const ANCHOR_FACTOR = 1.3;

/** Builds the profile of a cleaned question against an index's statistics (and a lexicon, for related words). */
export function profileQuestion(
  question: string,
  lexical: LexicalIndex,
  lexicon: Lexicon | null = null,
  /** `forms`: only related words that are forms of the question's own (same root); `all`: every related word at its weight. */
  expand: 'forms' | 'all' = 'all',
): QuestionProfile {
  // "What did X say about Y": the speech verb is the question's frame, not a word the quote uses
  // ("…,” he told Abdollahian"); the speaker and the topic are what the quote must match.
  const speech = speechQuestion(question);
  const speaker = new Set(speech ? terms(speech.speaker) : []);
  // "What does the article say about Y": only Y is asked about.
  const topic = speech ? null : documentTopic(question);
  const qTerms = speech ? terms(`${speech.speaker} ${speech.topic}`) : terms(topic ?? question);
  const anchors = anchorTerms(question);
  const absentIdf = lexical.idf('\u0000absent');
  const present = (t: string) => lexical.idf(t) < absentIdf - 1e-9;
  const forms = new Map<string, Set<string>>();
  for (const w of words(question)) {
    const v = termVariants(w);
    const own = v[0];
    if (own === undefined) continue;
    const set = forms.get(own) ?? new Set<string>();
    for (const x of v) set.add(x);
    forms.set(own, set);
  }
  const seen = new Map<string, QuestionTerm>();
  for (const t of qTerms) {
    if (seen.has(t)) continue;
    // Another form of the word that the corpus does use stands in for it ("die" → "died").
    let variants = [t, ...[...(forms.get(t) ?? [])].filter((v) => v !== t && present(v))];
    // An unknown name is likely misspelt: the one known name one edit away stands in for it.
    // Only names: an ordinary word the corpus lacks is more often a real word one edit from
    // another ("attached" / "attacked") than a typo.
    if (variants.length === 1 && !present(t) && anchors.has(t)) {
      const fixes = typoFixes(question, t, present);
      if (fixes.length === 1) variants = [t, ...fixes];
    }
    const anchored = anchors.has(t);
    let related = lexicon && !anchored && !FRAME_WORDS.has(t) ? relatedTerms(lexicon, lexical, question, t, variants) : [];
    // A related word that is the same word in another part of speech ("complicity" / "complicit")
    // is one of its forms: full credit, and the term is not missing from the corpus.
    const derived = related.filter((r) => r.via !== 'synonym' && sameRoot(t, r.term));
    if (derived.length > 0) {
      variants = [...variants, ...derived.map((r) => r.term)];
      related = related.filter((r) => !derived.includes(r));
    }
    if (expand === 'forms') related = [];
    const found = variants.filter(present);
    const idf = found.length > 0 ? Math.min(...found.map((v) => lexical.idf(v))) : lexical.idf(t);
    const missing = found.length === 0;
    const anchor = anchored;
    const factor = FRAME_WORDS.has(t) ? FRAME_FACTOR : anchor ? ANCHOR_FACTOR : 1;
    seen.set(t, { term: t, weight: Math.max(idf, 0.05) * factor, anchor, missing, variants, related });
  }
  const list = [...seen.values()];
  const termOf = new Map<string, string>();
  for (const t of list) for (const v of t.variants) if (!termOf.has(v)) termOf.set(v, t.term);
  for (const t of list) for (const r of t.related) if (!termOf.has(r.term)) termOf.set(r.term, t.term);
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < qTerms.length; i++) bigrams.add(`${qTerms[i]} ${qTerms[i + 1]}`);
  return {
    terms: list,
    totalWeight: list.reduce((s, t) => s + t.weight, 0),
    bigrams,
    type: speech ? 'speech' : answerType(question, lexicon),
    person: !speech && answerType(question, lexicon) === 'name' && asksForPerson(question, lexicon),
    words: new Set(question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []),
    termOf,
    focus: speech ? new Set<string>() : focusTerms(question),
    instanceOf: speech ? null : instanceTest(question, lexicon),
    speaker,
    counted: countedTerms(question),
  };
}

/** Words of the counted thing read after "how many / how much": "israeli *soldiers*", "aid *money*". */
const COUNTED_WORDS = 2;

/**
 * Terms of the one or two words a "how many / how much" question counts: the words right after
 * it ("how many *hostages* does…"), or, when a verb follows at once, the word after the
 * auxiliaries ("how many were *wounded*"). Empty for any other question.
 */
export function countedTerms(question: string): Set<string> {
  const w = words(question.toLowerCase());
  const i = w.findIndex((x, k) => x === 'how' && (w[k + 1] === 'many' || w[k + 1] === 'much'));
  const out = new Set<string>();
  if (i < 0) return out;
  const aux = (x: string) => AUXILIARY.test(x) || x === 'be' || x === 'been';
  let k = i + 2;
  while (k < w.length && aux(w[k]!)) k++;
  // After auxiliaries the one word is a verb ("were *wounded* according to…"), not a noun group.
  const most = k > i + 2 ? 1 : COUNTED_WORDS;
  for (let n = 0; n < most && k < w.length && !aux(w[k]!); n++, k++) {
    const t = terms(w[k]!);
    if (t.length !== 1) break;
    out.add(t[0]!);
  }
  return out;
}

/** Shortest shared beginning for two stems to count as one root ("complic" / "complicit"). */
const MIN_ROOT = 5;

/** True when the shorter stem begins the longer and is at least {@link MIN_ROOT} letters: one word's derivation of the other. */
function sameRoot(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_ROOT && long.startsWith(short);
}

/** Related terms of the question word(s) whose stem is `term`, none of them a form of the word itself or another question term. */
function relatedTerms(lexicon: Lexicon, lexical: LexicalIndex, question: string, term: string, variants: readonly string[]): RelatedTerm[] {
  const exclude = new Set([...variants, ...terms(question)]);
  const best = new Map<string, RelatedTerm>();
  const offer = (r: RelatedTerm) => (best.get(r.term)?.weight ?? 0) < r.weight && best.set(r.term, r);
  const ws = words(question);
  ws.forEach((w, i) => {
    if (terms(w)[0] !== term) return;
    for (const r of lexicon.related(w, lexical, exclude)) offer(r);
    // A content word and the one before it may name one thing ("death toll"): its head takes the phrase's neighbours.
    const prev = ws[i - 1];
    if (prev !== undefined && terms(prev).length === 1) for (const r of lexicon.relatedToPhrase([prev, w], lexical, exclude)) offer(r);
  });
  return [...best.values()];
}

/**
 * The weighted BM25 query of a profile: each question term as often as the question says it,
 * each related term at its own (smaller) weight, so passages in other words are found without
 * outranking those in the question's own.
 */
export function expandedQuery(question: string, profile: QuestionProfile): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms(question)) out.set(t, (out.get(t) ?? 0) + 1);
  for (const t of profile.terms)
    for (const r of t.related) {
      const w = r.weight * EXPANSION.bm25;
      if ((out.get(r.term) ?? 0) < w) out.set(r.term, w);
    }
  return out;
}

/** Known stems one edit away from the question word(s) whose stem is `term`. */
function typoFixes(question: string, term: string, present: (t: string) => boolean): string[] {
  const out = new Set<string>();
  for (const w of words(question)) {
    if (terms(w)[0] !== term) continue;
    // Plain-letter spellings: stemming alone gives their term (stop words are never present).
    for (const e of oneEditAway(w)) {
      const t = stemmer(e);
      if (present(t)) out.add(t);
    }
  }
  return [...out];
}

const AUXILIARY = /^(?:is|was|are|were|do|does|did|has|have|had|can|could|would|will|should|may|might|must|of|the|a|an)$/;

/** Stems of the one or two words right after "what"/"which" ("what device", "which NASA location"), auxiliaries excluded. */
function focusTerms(question: string): Set<string> {
  const w = words(question);
  const i = w.findIndex((x) => x === 'what' || x === 'which');
  const out = new Set<string>();
  if (i < 0) return out;
  for (const x of w.slice(i + 1, i + 3)) {
    if (AUXILIARY.test(x)) break;
    for (const t of terms(x)) out.add(t);
  }
  return out;
}

/** Terms of the capitalised words (not the first word) and numbers of the question. */
function anchorTerms(question: string): Set<string> {
  const out = new Set<string>();
  const tokens = question.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  tokens.forEach((tok, i) => {
    if (/^\p{N}/u.test(tok) || (i > 0 && /^\p{Lu}/u.test(tok))) for (const t of terms(tok)) out.add(t);
  });
  return out;
}

const QUANTITY =
  /\bhow (?:many|much|long|far|old|large|big|high|tall|deep|wide|fast|heavy|often)\b|\bwhat (?:is the |was the )?(?:number|amount|percentage|percent|proportion|share|population|size|total|cost|price|rate)\b|\bwhat (?:fraction|portion)\b/;
const TIME =
  /\bwhen\b|\b(?:what|which) (?:year|date|day|month|decade|century|time|era|period|season)\b|\bin what (?:year|decade|century|month)\b|\bhow long ago\b|\bsince when\b/;
const NAME =
  /\bwho(?:m|se)?\b|\bwhere\b|\b(?:what|which) (?:person|man|woman|player|team|company|organi[sz]ation|group|country|city|state|place|region|town|university|party|newspaper|outlet|agency|minister|president|leader|official)\b/;
const REASON = /\bwhy\b|\bfor what reason\b|\bwhat (?:caused|led to|prompted|was the reason)\b|\bhow come\b/;

/**
 * Classifies the expected answer from the question's wording (English cues). With a lexicon that
 * knows nouns, "which/what <noun>" also asks for a name when the noun (or a word before it) is a
 * kind of person, place or organization ("Which *lawmaker*…", "Which African *country*…",
 * "Which *automaker*…"), not only the nouns {@link NAME} lists.
 */
export function answerType(question: string, lexicon: Pick<Lexicon, 'namedKind'> | null = null): AnswerType {
  const q = question.toLowerCase();
  if (TIME.test(q)) return 'time';
  if (QUANTITY.test(q)) return 'quantity';
  if (REASON.test(q)) return 'reason';
  if (NAME.test(q)) return 'name';
  if (lexicon?.namedKind && asksForNamedKind(q, lexicon.namedKind.bind(lexicon))) return 'name';
  return 'other';
}

/** Words after "which"/"what" read as the noun asked for ("which Republican presidential *candidate*"). */
const FOCUS_WORDS = 3;
const KIND_OF = /^(?:type|types|kind|kinds|sort|sorts|form|forms)$/;

function asksForNamedKind(q: string, namedKind: (word: string) => NamedKind | null): boolean {
  return focusKind(q, namedKind) !== null;
}

/** The kind of the last word after "which"/"what" that has one (the head noun: "which African *country*"). */
function focusKind(q: string, namedKind: (word: string) => NamedKind | null): NamedKind | null {
  return focusNoun(q, namedKind)?.kind ?? null;
}

/** That head noun and its kind; null when no word after "which"/"what" names a kind of person, place or organization. */
function focusNoun(q: string, namedKind: (word: string) => NamedKind | null): { noun: string; kind: NamedKind } | null {
  const w = words(q);
  const i = w.findIndex((x) => x === 'what' || x === 'which');
  if (i < 0) return null;
  let found: { noun: string; kind: NamedKind } | null = null;
  for (const x of w.slice(i + 1, i + 1 + FOCUS_WORDS)) {
    if (AUXILIARY.test(x)) break;
    // "What type of atmosphere…" asks for a kind of thing, not its name.
    if (KIND_OF.test(x)) return null;
    const kind = namedKind(x);
    if (kind) found = { noun: x, kind };
  }
  return found;
}

const PERSON = /\bwho(?:m|se)?\b|\b(?:what|which) (?:person|man|woman|player|minister|president|leader|official)\b/;

/** Whether a `name` question asks for a person: "who", a person noun, or a focus noun WordNet files under person. */
function asksForPerson(question: string, lexicon: Pick<Lexicon, 'namedKind'> | null): boolean {
  const q = question.toLowerCase();
  if (/\bwhere\b/.test(q)) return false;
  if (PERSON.test(q)) return true;
  return !!lexicon?.namedKind && focusKind(q, lexicon.namedKind.bind(lexicon)) === 'person';
}

/**
 * Whether a proper name is of the kind the question asks for, by WordNet's instances: "which
 * *state*…" is answered by "California", "which African *country*…" by "Bolivia" not "Africa",
 * "where…" by any location. Null when the question asks for no such kind or there is no WordNet.
 */
function instanceTest(question: string, lexicon: Lexicon | null): ((name: string) => boolean) | null {
  if (!lexicon?.isInstanceOf || !lexicon.namedKind) return null;
  const q = question.toLowerCase();
  const noun = focusNoun(q, lexicon.namedKind.bind(lexicon))?.noun ?? (/\bwhere\b/.test(q) ? 'location' : null);
  if (noun === null) return null;
  const isInstanceOf = lexicon.isInstanceOf.bind(lexicon);
  return (name) => isInstanceOf(name, noun);
}
