/**
 * Plain data shared by every layer. Nothing here does I/O; everything is JSON-serialisable
 * so the saved index is just these records.
 */

/** A half-open character range `[start, end)` into an article's cleaned `text`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Calendar precision of a resolved date. */
export type DatePrecision = 'day' | 'month' | 'year';

/**
 * A date expression found in a sentence ("on Wednesday", "November 1, 2023", "in 2009"),
 * resolved against the article's publication date when it is relative or lacks a year.
 */
export interface DateMention {
  /** Index into {@link Article.sentences}. */
  readonly sentence: number;
  /** Offsets of the expression itself in the article text. */
  readonly start: number;
  readonly end: number;
  /** The expression as written. */
  readonly text: string;
  /** First day of the period it names, `YYYY-MM-DD` (month precision → day 01, year → 01-01). */
  readonly date: string;
  readonly precision: DatePrecision;
  /** True when the date was inferred (relative expression or year taken from publication). */
  readonly approximate: boolean;
}

/** One article after parsing and cleaning. `text` is what every offset points into. */
export interface Article {
  /** Stable id: derived from the file path and the article's position/title in it. */
  readonly id: string;
  /** Path of the source file relative to the articles directory (POSIX separators). */
  readonly file: string;
  readonly title: string;
  /** Outlet ("Press TV", "RT", "AFP"), or null when the text does not say. */
  readonly source: string | null;
  readonly url: string | null;
  /** Publication date `YYYY-MM-DD`, or null when unknown. */
  readonly published: string | null;
  /** Cleaned article body: boilerplate removed, paragraphs separated by blank lines. */
  readonly text: string;
  readonly paragraphs: readonly Span[];
  readonly sentences: readonly Span[];
  readonly dates: readonly DateMention[];
}

/** A retrieval unit: a run of whole sentences of one article. */
export interface Chunk {
  /** Index of the chunk in the loaded index (dense, 0..n-1). */
  readonly id: number;
  readonly articleId: string;
  readonly start: number;
  readonly end: number;
  /** Sentence index range `[first, last]` (inclusive) covered by the chunk. */
  readonly firstSentence: number;
  readonly lastSentence: number;
}

/** Citation data attached to every quote. */
export interface Citation {
  readonly id: string;
  readonly title: string;
  readonly source: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly file: string;
}

/** A verbatim quotation: `quote === article.text.slice(start, end)` is verified before it is returned. */
export interface Excerpt {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly article: Citation;
  /** Other outlets/articles carrying a near-duplicate of the same passage. */
  readonly alsoReportedBy: readonly Citation[];
}

/** Why the engine declined to answer. */
export type NoAnswerReason = 'emptyQuestion' | 'noMatch' | 'lowConfidence' | 'emptyIndex';

/** What the answer engine returns: exactly one of these, handled by exhaustive switches. */
export type AnswerResult =
  | { readonly kind: 'answer'; readonly question: string; readonly excerpts: readonly Excerpt[] }
  | {
      readonly kind: 'noAnswer';
      readonly question: string;
      readonly reason: NoAnswerReason;
      /** Titles of the closest articles, when any are worth suggesting. */
      readonly closest: readonly Citation[];
    };

/** One dated event of a timeline. */
export interface TimelineEvent {
  readonly date: string;
  readonly precision: DatePrecision;
  readonly approximate: boolean;
  /** True when the sentence names no date and the publication date was used. */
  readonly fromPublication: boolean;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly article: Citation;
  readonly alsoReportedBy: readonly Citation[];
}

export type TimelineResult =
  | { readonly kind: 'timeline'; readonly topic: string; readonly events: readonly TimelineEvent[] }
  | { readonly kind: 'noEvents'; readonly topic: string; readonly reason: 'emptyTopic' | 'noMatch' | 'noDates' };

/** Builds the citation of an article. */
export function citationOf(a: Article): Citation {
  return { id: a.id, title: a.title, source: a.source, url: a.url, published: a.published, file: a.file };
}
