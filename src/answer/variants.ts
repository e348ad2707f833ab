/**
 * Light morphology for matching question words against article text: the other stems a word's
 * inflections reduce to (Porter leaves "die" and "died" apart: "die" / "di"), irregular verb
 * forms ("ran" / "run"), and numbers written as words or digits ("five" / "5"). English only,
 * no synonyms: every variant is the same word in another form. Pure.
 */
import { terms } from '../core/text.js';

/** Irregular forms of common verbs (and the nouns of dying), to their base form. Ambiguous forms ("left", "saw", "rose") are left out. */
const IRREGULAR: Readonly<Record<string, string>> = {
  ran: 'run', won: 'win', sent: 'send', led: 'lead', paid: 'pay', said: 'say', made: 'make', took: 'take', taken: 'take',
  gave: 'give', given: 'give', went: 'go', gone: 'go', came: 'come', became: 'become', began: 'begin', begun: 'begin',
  built: 'build', bought: 'buy', brought: 'bring', caught: 'catch', chose: 'choose', chosen: 'choose', drew: 'draw',
  drawn: 'draw', drove: 'drive', driven: 'drive', fell: 'fall', fallen: 'fall', felt: 'feel', fought: 'fight', found: 'find',
  flew: 'fly', flown: 'fly', forgot: 'forget', froze: 'freeze', frozen: 'freeze', got: 'get', grew: 'grow', grown: 'grow',
  held: 'hold', kept: 'keep', knew: 'know', known: 'know', lost: 'lose', meant: 'mean',
  met: 'meet', risen: 'rise', sold: 'sell', shot: 'shoot', sang: 'sing', sung: 'sing', sank: 'sink',
  sat: 'sit', spoke: 'speak', spoken: 'speak', spent: 'spend', stood: 'stand', stole: 'steal', stolen: 'steal',
  struck: 'strike', swore: 'swear', sworn: 'swear', taught: 'teach', told: 'tell', thought: 'think', threw: 'throw',
  thrown: 'throw', understood: 'understand', woke: 'wake', wore: 'wear', worn: 'wear', wrote: 'write', written: 'write',
  broke: 'break', broken: 'break', ate: 'eat', eaten: 'eat', fed: 'feed', fled: 'flee', hid: 'hide', hidden: 'hide',
  lent: 'lend', rode: 'ride', ridden: 'ride', seen: 'see', sought: 'seek', shook: 'shake',
  dead: 'die', death: 'die',
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
    if (/(?:ied|ies)$/.test(w)) out.add(`${w.slice(0, -3)}y`);
    else if (w.endsWith('ed')) out.add(w.slice(0, -2)).add(w.slice(0, -1));
    else if (w.endsWith('ing')) out.add(w.slice(0, -3)).add(`${w.slice(0, -3)}e`);
    else if (/[^s]s$/.test(w)) out.add(w.slice(0, -1));
    else if (w.endsWith('e')) out.add(`${w}s`).add(`${w}d`).add(`${w.slice(0, -1)}ing`);
    else if (/[^aeiou]y$/.test(w)) out.add(`${w.slice(0, -1)}ies`).add(`${w.slice(0, -1)}ied`).add(`${w}ing`);
    else out.add(`${w}s`).add(`${w}ed`).add(`${w}ing`);
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
