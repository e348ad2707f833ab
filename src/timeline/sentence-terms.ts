/**
 * Lexical terms of article sentences, computed once per sentence and kept while the article is
 * loaded: relevance scoring and duplicate detection ask for the same sentences on every query.
 */
import { terms } from '../core/text.js';
import type { Article } from '../core/types.js';

const cache = new WeakMap<Article, (ReadonlySet<string> | undefined)[]>();

/** The set of `terms()` of sentence `index` of `article` (empty when out of range). */
export function sentenceTerms(article: Article, index: number): ReadonlySet<string> {
  let list = cache.get(article);
  if (!list) cache.set(article, (list = new Array<ReadonlySet<string> | undefined>(article.sentences.length)));
  let set = list[index];
  if (!set) {
    const span = article.sentences[index];
    set = new Set(span ? terms(article.text.slice(span.start, span.end)) : []);
    list[index] = set;
  }
  return set;
}
