/**
 * The reference point every answer figure is compared with: a plain sentence-level BM25 (each
 * sentence of each article is a document; the top `k` sentences, cut to the excerpt cap, are the
 * excerpts). No question analysis, no windows, no abstention. Pure.
 */
import type { Article } from '../core/types.js';
import { Bm25Index } from '../index/bm25.js';
import { MAX_EXCERPT_CHARS } from '../answer/quote.js';

/** Sentence-level BM25 over articles: `top(question, k)` gives the first `k` sentences' text. */
export interface SentenceBaseline {
  top(question: string, k: number): string[];
}

/** Builds the baseline over every sentence of `articles`. */
export function sentenceBaseline(articles: readonly Article[]): SentenceBaseline {
  const texts: string[] = [];
  for (const a of articles) for (const s of a.sentences) texts.push(a.text.slice(s.start, Math.min(s.end, s.start + MAX_EXCERPT_CHARS)));
  const bm25 = Bm25Index.fromTexts(texts);
  return { top: (question, k) => bm25.search(question, k).map((h) => texts[h.id]!) };
}
