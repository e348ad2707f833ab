import type { AnswerResult, Citation, MetadataReasons, TimelineResult } from '../core/types.js';
import type { FollowUp } from '../answer/followup.js';
import type { IngestProgress, IngestSummary } from '../ingest/types.js';

export type { FollowUp };

export interface AskOptions {
  /** Maximum excerpts to return (default 3). */
  readonly k?: number;
  /**
   * The exchange this question follows (a reply to an answer): the previous question and the
   * articles its answer cited. Its topic is carried in; a self-contained question is still
   * answered as itself.
   */
  readonly followUp?: FollowUp;
}

export interface TimelineOptions {
  /** Inclusive bounds, `YYYY-MM-DD`. */
  readonly from?: string;
  readonly to?: string;
  readonly maxDates?: number;
  readonly perDate?: number;
}

/** The passage around a quote, for the Discord "Context" button. */
export interface QuoteContext {
  readonly article: Citation;
  /** The quote's paragraph and at least two neighbouring sentences on each side (verbatim, may span paragraphs). */
  readonly paragraph: string;
  /** Offsets of the quote inside `paragraph`. */
  readonly quoteStart: number;
  readonly quoteEnd: number;
}

/** One indexed article, for `/sources`. */
export interface SourceEntry {
  readonly article: Citation;
  /** Number of chunks indexed for it. */
  readonly chunks: number;
  /** Why its outlet and date (or date bound) are what they are. */
  readonly reasons?: MetadataReasons;
}

/**
 * The application's single entry point for every front end (CLI, terminal chat, Discord).
 * It owns the loaded index and swaps it atomically after a reindex.
 */
export interface Engine {
  ask(question: string, options?: AskOptions): Promise<AnswerResult>;
  timeline(topic: string, options?: TimelineOptions): Promise<TimelineResult>;
  sources(): readonly SourceEntry[];
  context(articleId: string, start: number, end: number): QuoteContext | null;
  /** Runs incremental (or full) ingestion; queries keep using the old index until the swap. */
  reindex(options: { readonly full: boolean }, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary>;
  readonly reindexing: boolean;
  /** 'hybrid' or 'lexical', plus any load warnings, for logs and /help. */
  readonly mode: 'hybrid' | 'lexical';
}
