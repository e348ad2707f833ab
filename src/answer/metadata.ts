/**
 * Outlet and title named in a question ("…according to Press TV?", "…in “Bolivia cuts ties with
 * Israel”?", "in the Bolivia ties article"): matched against the outlets and titles the index actually holds (no list of
 * outlets here), removed from the words to match, and turned into a filter on citations. Pure.
 */
import { terms } from '../core/text.js';
import type { Article } from '../core/types.js';

/** The articles a question restricts itself to, and what it wrote to say so. */
export interface MetadataScope {
  /** Ids of the articles whose outlet or title the question names. */
  readonly articleIds: ReadonlySet<string>;
  /** The expressions as written ("according to Press TV"). */
  readonly text: readonly string[];
}

/** Cue words before an outlet ("according to Press TV", "reported by RT"), removed with it. */
const OUTLET_CUE = /(?:\b(?:according to|reported by|as reported by|says?|said|reports?|from|by|in|per|on)\s+(?:the\s+)?)$/i;
/** Words after an outlet that belong to the same expression ("Press TV reports", "RT's report"). */
const OUTLET_TAIL = /^(?:['’]s)?(?:\s+(?:reports?|reported|says|said|claims?|article|story))?/i;
/** A quoted title fragment must be this many words, a title written out unquoted this many. */
const MIN_QUOTED_TITLE_WORDS = 3;
const MIN_BARE_TITLE_WORDS = 6;

/**
 * An article the question describes by some of its title's words rather than quoting it: "in the
 * Iran Qatar article", "according to the report about the Iran FM and Hamas chief". The words
 * before the noun, or after "about"/"on", are the description; the cue before it goes with it.
 */
const DESCRIBED_ARTICLE =
  /(?:\b(?:in|from|according to|per|by|of)\s+)?\b(?:the|that|this)\s+(?:([^,.?!;:]{1,60}?)\s+)?(?:article|report|story|piece)(?:\s+(?:about|on)\s+([^,.?!;:]{1,80}))?(?=\s*(?:[,.?!;:]|$))/i;
/**
 * A description names a title when it has this many content words and the title holds this share
 * of them (and no other title more). Set by judgement; seed-probe half 1 (answer@1 / @3) 0.600 /
 * 0.700 at 0.5, 2/3 and 1 alike (0.600 / 0.650 without the rule), half 2 0.550 / 0.800 for all.
 */
const MIN_DESCRIBED_TERMS = 2;
const MIN_DESCRIBED_SHARE = 2 / 3;

interface Catalogue {
  /** Normalised outlet ("presstv") → ids of its articles. */
  readonly outlets: ReadonlyMap<string, readonly string[]>;
  /** Each title normalised, its word count and its lexical terms (for a described article). */
  readonly titles: readonly { readonly id: string; readonly norm: string; readonly words: number; readonly terms: ReadonlySet<string> }[];
}

const catalogues = new WeakMap<readonly Article[], Catalogue>();

function catalogue(articles: readonly Article[]): Catalogue {
  let c = catalogues.get(articles);
  if (c) return c;
  const outlets = new Map<string, string[]>();
  const titles: { id: string; norm: string; words: number; terms: ReadonlySet<string> }[] = [];
  for (const a of articles) {
    const o = a.source === null ? '' : squash(a.source);
    if (o.length >= 2) {
      const ids = outlets.get(o) ?? [];
      ids.push(a.id);
      outlets.set(o, ids);
    }
    const norm = wordsOf(a.title).join(' ');
    if (norm) titles.push({ id: a.id, norm, words: norm.split(' ').length, terms: new Set(terms(norm)) });
  }
  c = { outlets, titles };
  catalogues.set(articles, c);
  return c;
}

/**
 * The outlet or title the question names, and the question without it. An outlet counts when
 * its words appear in the question as a name (capitalised) or after a cue ("according to");
 * a title when a quoted part of the question (≥ {@link MIN_QUOTED_TITLE_WORDS} words) occurs in
 * it, or the whole title (≥ {@link MIN_BARE_TITLE_WORDS} words) is written out. Short titles
 * written unquoted ("Super Bowl 50") stay ordinary question words.
 */
export function extractMetadataScope(question: string, articles: readonly Article[]): { scope: MetadataScope | null; rest: string } {
  const cat = catalogue(articles);
  const ids = new Set<string>();
  const text: string[] = [];
  let rest = question;

  if (cat.outlets.size > 0) {
    const tokens = [...rest.matchAll(/[\p{L}\p{N}][\p{L}\p{N}.&-]*/gu)];
    const cuts: { start: number; end: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      // Longest run of tokens (up to 4) that spells an outlet.
      for (let n = Math.min(4, tokens.length - i); n >= 1; n--) {
        const run = tokens.slice(i, i + n);
        const found = cat.outlets.get(squash(run.map((t) => t[0]).join('')));
        if (!found) continue;
        const start = run[0]!.index;
        let end = run[n - 1]!.index + run[n - 1]![0].length;
        const before = rest.slice(0, start);
        const cue = OUTLET_CUE.exec(before);
        // The question's first word is capitalised anyway: it is no evidence of a name.
        const capitalised = run.some((t, k) => i + k > 0 && /^\p{Lu}/u.test(t[0]));
        if (!cue && !capitalised) continue;
        end += OUTLET_TAIL.exec(rest.slice(end))?.[0].length ?? 0;
        const from = cue ? start - cue[0].length : start;
        for (const id of found) ids.add(id);
        text.push(rest.slice(from, end).trim());
        cuts.push({ start: from, end });
        i += n - 1;
        break;
      }
    }
    for (const c of cuts.reverse()) rest = `${rest.slice(0, c.start)} ${rest.slice(c.end)}`;
  }

  for (const m of [...rest.matchAll(/[“"‘']([^”"’']+)[”"’']/g)].reverse()) {
    const norm = wordsOf(m[1]!).join(' ');
    if (norm.split(' ').length < MIN_QUOTED_TITLE_WORDS) continue;
    const hits = cat.titles.filter((t) => t.norm.includes(norm));
    if (hits.length === 0) continue;
    for (const t of hits) ids.add(t.id);
    text.push(m[0]);
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
  }
  const bare = ` ${wordsOf(rest).join(' ')} `;
  for (const t of cat.titles) {
    if (t.words < MIN_BARE_TITLE_WORDS || !bare.includes(` ${t.norm} `)) continue;
    ids.add(t.id);
    text.push(t.norm);
    rest = removeWords(rest, t.norm.split(' '));
  }

  const described = ids.size === 0 ? DESCRIBED_ARTICLE.exec(rest) : null;
  if (described) {
    const asked = new Set(terms(`${described[1] ?? ''} ${described[2] ?? ''}`));
    if (asked.size >= MIN_DESCRIBED_TERMS) {
      let best = 0;
      const shares = cat.titles.map((t) => {
        const share = [...asked].filter((x) => t.terms.has(x)).length / asked.size;
        best = Math.max(best, share);
        return { id: t.id, share };
      });
      if (best >= MIN_DESCRIBED_SHARE) {
        for (const t of shares) if (t.share === best) ids.add(t.id);
        text.push(described[0].trim());
        rest = `${rest.slice(0, described.index)} ${rest.slice(described.index + described[0].length)}`;
      }
    }
  }

  rest = rest
    .replace(/^[\s,;:]+/, '')
    .replace(/\s+([?.!,])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return ids.size === 0 ? { scope: null, rest: question } : { scope: { articleIds: ids, text }, rest };
}

/** Lower-case letters and digits only: "Press TV", "PressTV" and "press-tv" are one outlet. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function wordsOf(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Removes the first run of `run` (lower-case words) from `s`, keeping the rest as written. */
function removeWords(s: string, run: readonly string[]): string {
  const tokens = [...s.matchAll(/[\p{L}\p{N}]+/gu)];
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((w, k) => tokens[i + k]![0].toLowerCase() === w)) {
      const last = tokens[i + run.length - 1]!;
      return `${s.slice(0, tokens[i]!.index)} ${s.slice(last.index + last[0].length)}`;
    }
  }
  return s;
}
