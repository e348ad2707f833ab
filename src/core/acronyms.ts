/**
 * Acronyms and the names they stand for. A reader asks about "the AAA" when the article writes
 * "The American Automobile Association reported…", or about "the United Nations" when it writes
 * "the UN": the acronym is added to the terms of a sentence that spells the name out, and to the
 * forms of a question's words that spell it out. Pure.
 */
import { terms } from './text.js';

/** Small words a name may hold between its capitalised words, at most two together ("Department of the Treasury"). */
const JOINERS: ReadonlySet<string> = new Set(['of', 'and', 'for', 'the', 'on', 'de', '&']);
const TOKEN = /\p{L}[\p{L}\p{M}'’-]*|&/gu;
const CAPITALISED = /^\p{Lu}/u;
const ALL_CAPS = /^\p{Lu}+$/u;
/** Shorter than two letters is no acronym; names of more than six words are rarely abbreviated. */
const MIN_LETTERS = 2;
const MAX_LETTERS = 6;

/** A name written out: its capitalised words and the acronym term they spell. */
export interface SpelledName {
  readonly words: readonly string[];
  /** The initials as the term `terms()` makes of them ("aaa"). */
  readonly acronym: string;
}

/**
 * The names `text` spells out: every run of two or more capitalised words (joined only by
 * {@link JOINERS}), each stretch of it between joiners ("Secretary General of the United
 * Nations" → also "United Nations"), and, when the run opens the text, the run without its first
 * word (a sentence-initial "The…", "When Guglielmo Marconi…": there a capital says nothing).
 * Acronyms that are stop words ("US", "IT") drop out.
 */
export function spelledNames(text: string): SpelledName[] {
  const out = new Map<string, SpelledName>();
  // The run's words, with the joiners kept as null so stretches can be cut at them.
  let run: (string | null)[] = [];
  let pending = 0;
  let runAtStart = false;
  let first = true;
  const flush = () => {
    while (run.length > 0 && run[run.length - 1] === null) run.pop();
    const words = run.filter((w): w is string => w !== null);
    add(out, words);
    if (runAtStart) add(out, words.slice(1));
    let stretch: string[] = [];
    for (const w of [...run, null]) {
      if (w !== null) stretch.push(w);
      else {
        if (stretch.length < words.length) add(out, stretch);
        stretch = [];
      }
    }
    run = [];
    pending = 0;
  };
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0];
    const atStart = first;
    first = false;
    if (CAPITALISED.test(word) && !ALL_CAPS.test(word.replace(/['’-]/g, ''))) {
      if (run.length === 0) runAtStart = atStart;
      run.push(word);
      pending = 0;
    } else if (run.length > 0 && JOINERS.has(word.toLowerCase()) && pending < 2) {
      run.push(null);
      pending++;
    } else flush();
    // Words on either side of a comma, bracket or line break are not one name.
    const next = text[m.index + word.length];
    if (next !== undefined && next !== ' ') flush();
  }
  flush();
  return [...out.values()];
}

/** The acronym terms of the names `text` spells out (see {@link spelledNames}). */
export function spelledAcronyms(text: string): string[] {
  return [...new Set(spelledNames(text).map((n) => n.acronym))];
}

function add(out: Map<string, SpelledName>, words: readonly string[]): void {
  if (words.length < MIN_LETTERS || words.length > MAX_LETTERS) return;
  const initials = words.map((w) => w[0]!).join('');
  for (const acronym of terms(initials)) out.set(`${acronym} ${words.join(' ')}`, { words, acronym });
}
