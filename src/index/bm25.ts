import { terms } from '../core/text.js';
import { type PostingsData, postingsFromTerms } from './postings.js';
import type { Hit, LexicalIndex } from './types.js';

/** Okapi BM25 parameters; the usual defaults, which also scored best on xquad-dev. */
export interface Bm25Params {
  readonly k1: number;
  readonly b: number;
}

export const DEFAULT_PARAMS: Bm25Params = { k1: 1.2, b: 0.75 };

interface Postings {
  readonly ids: Int32Array;
  readonly tfs: Uint16Array;
}

/**
 * In-memory BM25 over documents given as term lists. Postings are typed arrays so 100k chunks
 * stay compact; a query touches only the postings of its own terms.
 */
export class Bm25Index implements LexicalIndex {
  private readonly postings: Map<string, Postings>;
  private readonly lengths: Float32Array;
  private readonly avgLength: number;
  private readonly scores: Float32Array;

  private constructor(
    postings: Map<string, Postings>,
    lengths: Float32Array,
    private readonly params: Bm25Params,
  ) {
    this.postings = postings;
    this.lengths = lengths;
    let total = 0;
    for (const l of lengths) total += l;
    this.avgLength = lengths.length ? total / lengths.length : 1;
    this.scores = new Float32Array(lengths.length);
  }

  /** Builds the index from raw document texts (tokenised with `terms()`). */
  static fromTexts(texts: Iterable<string>, params: Bm25Params = DEFAULT_PARAMS): Bm25Index {
    const docs: string[][] = [];
    for (const t of texts) docs.push(terms(t));
    return Bm25Index.fromTerms(docs, params);
  }

  /** Builds the index from already tokenised documents. */
  static fromTerms(docs: readonly (readonly string[])[], params: Bm25Params = DEFAULT_PARAMS): Bm25Index {
    return Bm25Index.fromPostings(postingsFromTerms(docs), params);
  }

  /** Wraps saved postings (views, not copies): nothing is tokenized, so loading is a file read. */
  static fromPostings(data: PostingsData, params: Bm25Params = DEFAULT_PARAMS): Bm25Index {
    const postings = new Map<string, Postings>();
    data.terms.forEach((t, i) => {
      const from = data.offsets[i]!;
      const to = data.offsets[i + 1]!;
      postings.set(t, { ids: data.ids.subarray(from, to), tfs: data.tfs.subarray(from, to) });
    });
    return new Bm25Index(postings, data.lengths, params);
  }

  get size(): number {
    return this.lengths.length;
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.ids.length ?? 0;
    const n = this.lengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, k: number): Hit[] {
    return this.searchTerms(terms(query), k);
  }

  /** Like {@link search} for an already tokenised query (repeated terms weigh more). */
  searchTerms(queryTerms: readonly string[], k: number): Hit[] {
    const qtf = new Map<string, number>();
    for (const t of queryTerms) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    return this.searchWeighted(qtf, k);
  }

  /** BM25 with a weight per query term (its count in a plain query; less for an expansion term). */
  searchWeighted(qtf: ReadonlyMap<string, number>, k: number): Hit[] {
    if (k <= 0 || this.lengths.length === 0) return [];
    const { k1, b } = this.params;
    const scores = this.scores;
    const touched: number[] = [];
    for (const [t, mult] of qtf) {
      if (!(mult > 0)) continue;
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t) * mult;
      const { ids, tfs } = p;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const tf = tfs[i]!;
        const norm = k1 * (1 - b + (b * this.lengths[id]!) / this.avgLength);
        if (scores[id] === 0) touched.push(id);
        scores[id]! += (idf * (tf * (k1 + 1))) / (tf + norm);
      }
    }
    const hits = topK(touched, scores, k);
    for (const id of touched) scores[id] = 0;
    return hits;
  }
}

/** The `k` best ids by score (ties by lower id), with a size-k min-heap: O(n log k). */
export function topK(ids: Iterable<number>, scores: ArrayLike<number>, k: number): Hit[] {
  const heap: number[] = [];
  // "a is worse than b": lower score, or equal score and higher id.
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const id of ids) {
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (k > 0 && worse(heap[0]!, id)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.map((id) => ({ id, score: scores[id]! })).sort((a, b) => b.score - a.score || a.id - b.id);
}
