/**
 * Light morphology for matching question words against article text: the other stems a word's
 * inflections reduce to (Porter leaves "die" and "died" apart: "die" / "di"), irregular verb
 * forms ("ran" / "run"), and numbers written as words or digits ("five" / "5"). English only,
 * no synonyms: every variant is the same word in another form (or, for an unknown long word, a
 * spelling one edit away). Pure.
 */
import { terms } from '../core/text.js';

/** Irregular forms of common verbs (and the nouns of dying), to their base form. Ambiguous forms ("left", "saw", "rose") are left out. */
const IRREGULAR: Readonly<Record<string, string>> = {
  ran: 'run',
  won: 'win',
  sent: 'send',
  led: 'lead',
  paid: 'pay',
  said: 'say',
  made: 'make',
  took: 'take',
  taken: 'take',
  gave: 'give',
  given: 'give',
  went: 'go',
  gone: 'go',
  came: 'come',
  became: 'become',
  began: 'begin',
  begun: 'begin',
  built: 'build',
  bought: 'buy',
  brought: 'bring',
  caught: 'catch',
  chose: 'choose',
  chosen: 'choose',
  drew: 'draw',
  drawn: 'draw',
  drove: 'drive',
  driven: 'drive',
  fell: 'fall',
  fallen: 'fall',
  felt: 'feel',
  fought: 'fight',
  found: 'find',
  flew: 'fly',
  flown: 'fly',
  forgot: 'forget',
  froze: 'freeze',
  frozen: 'freeze',
  got: 'get',
  grew: 'grow',
  grown: 'grow',
  held: 'hold',
  kept: 'keep',
  knew: 'know',
  known: 'know',
  lost: 'lose',
  meant: 'mean',
  met: 'meet',
  risen: 'rise',
  sold: 'sell',
  shot: 'shoot',
  sang: 'sing',
  sung: 'sing',
  sank: 'sink',
  sat: 'sit',
  spoke: 'speak',
  spoken: 'speak',
  spent: 'spend',
  stood: 'stand',
  stole: 'steal',
  stolen: 'steal',
  struck: 'strike',
  swore: 'swear',
  sworn: 'swear',
  taught: 'teach',
  told: 'tell',
  thought: 'think',
  threw: 'throw',
  thrown: 'throw',
  understood: 'understand',
  woke: 'wake',
  wore: 'wear',
  worn: 'wear',
  wrote: 'write',
  written: 'write',
  broke: 'break',
  broken: 'break',
  ate: 'eat',
  eaten: 'eat',
  fed: 'feed',
  fled: 'flee',
  hid: 'hide',
  hidden: 'hide',
  lent: 'lend',
  rode: 'ride',
  ridden: 'ride',
  seen: 'see',
  sought: 'seek',
  shook: 'shake',
  dead: 'die',
  death: 'die',
};

const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/**
 * Surface forms of `word` (lower case) that are the same word: its regular inflections, the
 * base of an inflected form, irregular verb forms, and a small number as digits or as a word.
 */
export function surfaceVariants(word: string): string[] {
  const w = word.toLowerCase();
  const out = new Set<string>([w]);
  const base = IRREGULAR[w];
  if (base) out.add(base);
  for (const [form, b] of Object.entries(IRREGULAR)) if (b === w || (base && b === base)) out.add(form);
  const n = NUMBERS.indexOf(w);
  if (n >= 0) out.add(String(n));
  if (/^\d{1,2}$/.test(w) && NUMBERS[Number(w)]) out.add(NUMBERS[Number(w)]!);
  if (/^[a-z]{3,}$/.test(w)) {
    // The base of an inflected word, or the inflections of a base form.
    if (/(?:ied|ies)$/.test(w)) out.add(`${w.slice(0, -3)}y`).add(w.slice(0, -1));
    else if (w.endsWith('ed')) out.add(w.slice(0, -2)).add(w.slice(0, -1));
    else if (w.endsWith('ing')) out.add(w.slice(0, -3)).add(`${w.slice(0, -3)}e`);
    else if (w.length >= 6 && w.endsWith('est')) {
      // Superlatives: "longest" / "long", "latest" / "late", "earliest" / "early", "biggest" / "big".
      // (Not comparatives: "former" is not "form".)
      const stem = w.slice(0, -3);
      out.add(stem).add(`${stem}e`);
      if (stem.endsWith('i')) out.add(`${stem.slice(0, -1)}y`);
      if (/([^aeiou])\1$/.test(stem)) out.add(stem.slice(0, -1));
    } else if (w.length >= 6 && w.endsWith('ily')) out.add(`${w.slice(0, -3)}y`);
    else if (w.length >= 6 && w.endsWith('ly')) out.add(w.slice(0, -2));
    // Demonyms: "Californian" / "California", "Iranian" / "Iran", "Canadian" / "Canada", "Korean" / "Korea".
    else if (w.length >= 6 && /[^aeiou]ian$/.test(w))
      out
        .add(w.slice(0, -3))
        .add(w.slice(0, -1))
        .add(`${w.slice(0, -3)}a`);
    else if (w.length >= 6 && w.endsWith('an')) out.add(w.slice(0, -1)).add(w.slice(0, -2));
    else if (/[^s]s$/.test(w)) out.add(w.slice(0, -1));
    else if (w.endsWith('e'))
      out
        .add(`${w}s`)
        .add(`${w}d`)
        .add(`${w.slice(0, -1)}ing`)
        .add(`${w}st`);
    else if (/[^aeiou]y$/.test(w))
      out
        .add(`${w.slice(0, -1)}ies`)
        .add(`${w.slice(0, -1)}ied`)
        .add(`${w}ing`)
        .add(`${w.slice(0, -1)}iest`);
    else out.add(`${w}s`).add(`${w}ed`).add(`${w}ing`).add(`${w}est`);
  }
  return [...out];
}

/** The lexical terms (stems) `word` can appear as in article text, its own stem first. */
export function termVariants(word: string): string[] {
  const own = terms(word)[0];
  if (own === undefined) return [];
  const out = new Set<string>([own]);
  for (const v of surfaceVariants(word)) for (const t of terms(v)) out.add(t);
  return [...out];
}

/** Words shorter than this are not corrected: short words are too often one edit from another real word. */
const MIN_TYPO_LENGTH = 6;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Spellings one edit away from `word` (a letter dropped, added, changed or two swapped; the
 * first letter kept), for names the corpus does not know ("Maastrich" → "Maastricht",
 * "Bedigo" → "Bendigo"). Empty for short words and anything but plain letters.
 */
export function oneEditAway(word: string): string[] {
  const w = word.toLowerCase();
  if (w.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(w)) return [];
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    const a = w.slice(0, i);
    const b = w.slice(i);
    if (i === 0) continue; // the first letter is kept: it is the one people rarely get wrong
    if (b.length > 0) out.add(a + b.slice(1));
    if (b.length > 1) out.add(a + b[1]! + b[0]! + b.slice(2));
    for (const c of LETTERS) {
      out.add(a + c + b);
      if (b.length > 0) out.add(a + c + b.slice(1));
    }
  }
  out.delete(w);
  return [...out];
}
