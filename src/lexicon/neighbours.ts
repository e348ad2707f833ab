/**
 * Nearest corpus words in word-vector space: for a question word, the terms of the corpus whose
 * words point the same way ("toll" → "deaths", "ties" → "relations"). Only words the corpus uses
 * are candidates, so every neighbour can match something, and the search is one int8 dot product
 * per candidate word.
 */
import { terms } from '../core/text.js';
import type { WordVectors } from '../embed/word-vectors.js';

const TABLE_TERMS = new WeakMap<WordVectors, readonly (string | null)[]>();

/**
 * The lexical term of every table word (null for stop words and words of several terms), computed
 * once per table: stemming 150k words is the slow part of indexing a corpus's neighbours, so it is
 * shared by every index (and a reindex) and can be done at start-up.
 */
export function tableTerms(table: WordVectors): readonly (string | null)[] {
  let out = TABLE_TERMS.get(table);
  if (!out) {
    out = table.words.map((w) => {
      const t = terms(w);
      return t.length === 1 ? t[0]! : null;
    });
    TABLE_TERMS.set(table, out);
  }
  return out;
}

/** A corpus term near a word, with the best cosine among the corpus words that share the term. */
export interface Neighbour {
  readonly term: string;
  readonly cosine: number;
}

/** The table rows of the words a corpus uses, packed for a fast scan. */
export class CorpusNeighbours {
  private readonly rows: Int32Array;
  private readonly termOfRow: readonly string[];
  private readonly packed: Int8Array;
  private readonly scales: Float32Array;
  private readonly memo = new Map<string, readonly Neighbour[]>();

  /** Scans the table once: a row is a candidate when its word's term is one `present` accepts and its frequency rank is at least `minRank`. */
  constructor(
    private readonly table: WordVectors,
    present: (term: string) => boolean,
    private readonly minRank = 0,
  ) {
    const rows: number[] = [];
    const termOfRow: string[] = [];
    const stems = tableTerms(table);
    stems.forEach((t, i) => {
      if (t !== null && table.ranks[i]! >= minRank && present(t)) {
        rows.push(i);
        termOfRow.push(t);
      }
    });
    const d = table.dimension;
    this.rows = Int32Array.from(rows);
    this.termOfRow = termOfRow;
    this.packed = new Int8Array(rows.length * d);
    this.scales = new Float32Array(rows.length);
    rows.forEach((r, j) => {
      this.packed.set(table.vectors.subarray(r * d, r * d + d), j * d);
      this.scales[j] = table.scales[r]!;
    });
  }

  /** Candidate words (for diagnostics and tests). */
  get size(): number {
    return this.rows.length;
  }

  /**
   * Up to `max` corpus terms whose best word has cosine ≥ `minCosine` with the phrase `words`
   * (one word, or the normalised sum of several: "death toll" is nearer "killed" than either word
   * is), best first, excluding `exclude` (the words' own forms) and the words themselves.
   * Empty when the table does not know every word, or one of them is more frequent than `minRank`.
   */
  near(words: readonly string[], minCosine: number, max: number, exclude: ReadonlySet<string>): readonly Neighbour[] {
    const key = `${words.join(' ')}\u0000${minCosine}\u0000${max}`;
    let out = this.memo.get(key);
    if (!out) {
      out = this.scan(words, minCosine, max);
      if (this.memo.size > 20_000) this.memo.clear();
      this.memo.set(key, out);
    }
    return out.filter((n) => !exclude.has(n.term)).slice(0, max);
  }

  private scan(words: readonly string[], minCosine: number, max: number): Neighbour[] {
    const { table } = this;
    const d = table.dimension;
    const ids = words.map((w) => table.indexOf.get(w));
    if (ids.length === 0 || ids.some((i) => i === undefined)) return [];
    // A very frequent word ("country", "people", "ever") is near everything: it is not expanded either.
    if ((ids as number[]).some((i) => table.ranks[i]! < this.minRank)) return [];
    // The query direction in float: the sum of the words' unit vectors, normalised.
    const q = new Float32Array(d);
    for (const i of ids as number[]) for (let k = 0; k < d; k++) q[k]! += table.vectors[i * d + k]! * table.scales[i]!;
    let n = 0;
    for (let k = 0; k < d; k++) n += q[k]! * q[k]!;
    n = Math.sqrt(n);
    if (n === 0) return [];
    const self = new Set(ids as number[]);
    const best = new Map<string, number>();
    const { packed, scales, termOfRow, rows } = this;
    for (let j = 0; j < termOfRow.length; j++) {
      const at = j * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += q[k]! * packed[at + k]!;
      const cos = (dot * scales[j]!) / n;
      if (cos < minCosine || self.has(rows[j]!)) continue;
      const t = termOfRow[j]!;
      if ((best.get(t) ?? -1) < cos) best.set(t, cos);
    }
    return (
      [...best]
        .map(([term, cosine]) => ({ term, cosine }))
        .sort((a, b) => b.cosine - a.cosine || (a.term < b.term ? -1 : 1))
        // A few extra so excluded forms do not leave the list short.
        .slice(0, max + 4)
    );
  }
}
