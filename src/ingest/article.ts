import { paragraphSpans, sentenceSpans } from '../core/text.js';
import type { Article } from '../core/types.js';
import { extractDates } from '../timeline/dates.js';
import type { RawArticle } from './parse.js';

/** Bump whenever parsing, cleaning or date resolution changes what a file produces. */
export const PARSER_VERSION = 3;

/**
 * Stable article id: the source's own id when it has one (JSON Lines), else the file's path
 * without extension plus the article's 1-based position in the file. Unchanged files keep
 * their ids across reindexes, so buttons and feedback that name an id stay valid.
 */
export function articleId(raw: RawArticle, file: string, ordinal: number): string {
  if (raw.id && raw.id.trim()) return raw.id.trim();
  return `${file.replace(/\.[^./]+$/, '')}#${ordinal}`;
}

/** Completes a parsed article with its id, sentence and paragraph spans, and resolved date mentions. */
export function buildArticle(raw: RawArticle, file: string, ordinal: number): Article {
  const sentences = sentenceSpans(raw.text);
  return {
    id: articleId(raw, file, ordinal),
    file,
    title: raw.title,
    source: raw.source,
    url: raw.url,
    published: raw.published,
    text: raw.text,
    paragraphs: paragraphSpans(raw.text),
    sentences,
    dates: extractDates(raw.text, sentences, raw.published),
  };
}
