/**
 * Lexical terms of an article's title and sentences, computed once per loaded article object and
 * shared by quote selection and timelines (a reindex loads new objects, so the old entries go
 * with the old index).
 */
import { terms } from './text.js';
import type { Article } from './types.js';

/** The terms of one article. */
export interface ArticleTerms {
  readonly sentences: readonly (readonly string[])[];
  readonly sentenceSets: readonly ReadonlySet<string>[];
  readonly all: ReadonlySet<string>;
  readonly title: ReadonlySet<string>;
}

const cache = new WeakMap<Article, ArticleTerms>();

/** Lexical terms of every sentence of an article (computed once per article object). */
export function articleTerms(article: Article): ArticleTerms {
  let t = cache.get(article);
  if (!t) {
    const sentences = article.sentences.map((s) => terms(article.text.slice(s.start, s.end)));
    const title = new Set<string>(terms(article.title));
    const all = new Set<string>(title);
    for (const s of sentences) for (const x of s) all.add(x);
    t = { sentences, sentenceSets: sentences.map((s) => new Set(s)), all, title };
    cache.set(article, t);
  }
  return t;
}
