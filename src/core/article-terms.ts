/**
 * Lexical terms of an article's title and sentences, computed once per loaded article object and
 * shared by quote selection and timelines (a reindex loads new objects, so the old entries go
 * with the old index).
 */
import { spelledAcronyms } from './acronyms.js';
import { terms } from './text.js';
import type { Article } from './types.js';

/** The terms of one article. */
export interface ArticleTerms {
  readonly sentences: readonly (readonly string[])[];
  readonly sentenceSets: readonly ReadonlySet<string>[];
  /** Every term the article writes, title included (acronyms it spells out are only in the sets). */
  readonly all: ReadonlySet<string>;
  readonly title: ReadonlySet<string>;
}

const cache = new WeakMap<Article, ArticleTerms>();

/** Lexical terms of every sentence of an article (computed once per article object). */
export function articleTerms(article: Article): ArticleTerms {
  let t = cache.get(article);
  if (!t) {
    const texts = article.sentences.map((s) => article.text.slice(s.start, s.end));
    const sentences = texts.map((s) => terms(s));
    // A sentence that spells a name out also says its acronym (see acronyms.ts); the acronyms are
    // in the sets only, not in the ordered term lists that proximity and phrases read.
    const sentenceSets = sentences.map((s, i) => new Set([...s, ...spelledAcronyms(texts[i]!)]));
    const titleTerms = terms(article.title);
    const title = new Set<string>([...titleTerms, ...spelledAcronyms(article.title)]);
    // The words the article writes (no acronyms): pseudo-relevance feedback reads these.
    const all = new Set<string>(titleTerms);
    for (const s of sentences) for (const x of s) all.add(x);
    t = { sentences, sentenceSets, all, title };
    cache.set(article, t);
  }
  return t;
}
