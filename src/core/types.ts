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

/** What a non-body paragraph of an article is: quotable, but quoted as what it is. */
export type TextRole = 'caption' | 'highlight' | 'pullquote' | 'standfirst';

/** A paragraph of the article text with a role other than body text. */
export interface RoleSpan extends Span {
  readonly role: TextRole;
}

/**
 * A lower bound on an undated article's publication: it was published on or after `after`
 * (`YYYY-MM-DD`). `approximate` when the date it rests on was itself inferred (a year-less date
 * placed in a year by the collection).
 */
export interface DateBound {
  readonly after: string;
  readonly approximate: boolean;
}

/** Why the article's outlet and date are what they are (shown by /sources so an admin can fix them). */
export interface MetadataReasons {
  readonly source: string;
  readonly date: string;
  /** True when an admin set the date or bound (front matter, sidecar): nothing inferred replaces it. */
  readonly overridden?: boolean;
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
  /** When `published` is null: the date the text shows it was published on or after, if any. */
  readonly publishedAfter?: DateBound | null;
  /** Who the text credits for its reporting ("mehrnews reported") when that is not the publisher. */
  readonly creditedTo?: string | null;
  /** Captions, highlights, pull quotes: paragraphs of `text` that are not body text. */
  readonly roles?: readonly RoleSpan[];
  readonly reasons?: MetadataReasons;
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
  /** Lower bound of an undated article's publication. */
  readonly publishedAfter?: DateBound | null;
  /** Reporting credited inside the text (not the publisher). */
  readonly creditedTo?: string | null;
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
  /** Set when the quote is a caption, highlight or pull quote rather than body text. */
  readonly role?: TextRole;
  /** A later figure for the same quantity reported by another article (the excerpt may be stale). */
  readonly laterFigure?: LaterFigure;
}

/** "a later article reports 18,205": the newest figure known to be later than an excerpt's. */
export interface LaterFigure {
  readonly figure: string;
  readonly article: Citation;
}

/** When a reported figure is placed: a stated date, a lower bound, or nothing. */
export type FigureTime =
  | { readonly kind: 'dated'; readonly date: string }
  | { readonly kind: 'after'; readonly date: string; readonly approximate: boolean }
  | { readonly kind: 'undated' };

/** One report of a figure: the verbatim sentence that states it. */
export interface FigureReport {
  /** The figure as written ("8,610"). */
  readonly figure: string;
  readonly value: number;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly article: Citation;
  readonly role?: TextRole;
  /** Other articles reporting the same figure. */
  readonly alsoReportedBy: readonly Citation[];
}

/** The reports placed at one time; several distinct figures there are conflicting claims. */
export interface FigureStep {
  readonly time: FigureTime;
  readonly reports: readonly FigureReport[];
  /** True when the reports give different figures for the same date: shown side by side, never reconciled. */
  readonly conflict: boolean;
}

/** How a quantity changed across the collection, in time order (dated, then bounded, then undated). */
export interface FigureEvolution {
  /** "killed", "wounded", … */
  readonly measure: string;
  /** The group counted ("Palestinians"), or null. */
  readonly group: string | null;
  readonly steps: readonly FigureStep[];
}

/** Why the engine declined to answer. */
export type NoAnswerReason = 'emptyQuestion' | 'noMatch' | 'lowConfidence' | 'emptyIndex';

/** What the answer engine returns: exactly one of these, handled by exhaustive switches. */
export type AnswerResult =
  | {
      readonly kind: 'answer';
      readonly question: string;
      readonly excerpts: readonly Excerpt[];
      /** For a question about a changing quantity: every distinct figure in time order. */
      readonly evolution?: FigureEvolution;
    }
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
  /** True when `date` is only a lower bound (an undated article published on or after it). */
  readonly bound?: boolean;
}

export type TimelineResult =
  | { readonly kind: 'timeline'; readonly topic: string; readonly events: readonly TimelineEvent[] }
  | { readonly kind: 'noEvents'; readonly topic: string; readonly reason: 'emptyTopic' | 'noMatch' | 'noDates' };

/** Builds the citation of an article. */
export function citationOf(a: Article): Citation {
  return {
    id: a.id,
    title: a.title,
    source: a.source,
    url: a.url,
    published: a.published,
    file: a.file,
    ...(a.published === null && a.publishedAfter ? { publishedAfter: a.publishedAfter } : {}),
    ...(a.creditedTo ? { creditedTo: a.creditedTo } : {}),
  };
}
