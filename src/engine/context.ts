/** The passage shown by the Discord "Context" button around a quote. Pure. */
import { citationOf, type Article } from '../core/types.js';
import type { QuoteContext } from './types.js';

/**
 * Whole sentences shown on each side of the quote beyond its own paragraph. Not tuned on data:
 * most seed-corpus paragraphs are a single sentence, so the paragraph alone adds nothing; two
 * sentences a side (about 300–400 characters each in that corpus) stay well inside one embed.
 */
export const CONTEXT_SENTENCES = 2;

/** A verbatim span of an article around a quote, and where the quote sits in it. */
export interface Passage {
  readonly start: number;
  readonly end: number;
}

/**
 * The quote's paragraph widened to at least {@link CONTEXT_SENTENCES} neighbouring sentences on
 * each side (crossing paragraph breaks, never the article's ends). `null` for offsets outside
 * the text. Callers window very long passages to their display limit.
 */
export function contextPassage(article: Article, start: number, end: number): Passage | null {
  if (start < 0 || end > article.text.length || start >= end) return null;
  const p = article.paragraphs.find((s) => s.start <= start && end <= s.end) ?? { start, end };
  const sentences = article.sentences;
  const first = sentences.findIndex((s) => s.end > start);
  let last = first;
  while (last + 1 < sentences.length && (sentences[last + 1]?.start ?? Infinity) < end) last++;
  if (first < 0) return { start: p.start, end: p.end };
  const before = sentences[Math.max(0, first - CONTEXT_SENTENCES)];
  const after = sentences[Math.min(sentences.length - 1, last + CONTEXT_SENTENCES)];
  return { start: Math.min(p.start, before?.start ?? start), end: Math.max(p.end, after?.end ?? end) };
}

/** The Context view of a quote: {@link contextPassage} as text, for every engine backend. */
export function quoteContext(article: Article, start: number, end: number): QuoteContext | null {
  const p = contextPassage(article, start, end);
  if (!p) return null;
  return {
    article: citationOf(article),
    paragraph: article.text.slice(p.start, p.end),
    quoteStart: start - p.start,
    quoteEnd: end - p.start,
  };
}
