/** Ingestion's public shapes: progress events and the final summary (also the `--json` output). */

export type FileStatus = 'added' | 'changed' | 'unchanged' | 'removed' | 'skipped';

export interface FileReport {
  readonly file: string;
  readonly articles: number;
  readonly status: FileStatus;
  /** Why a file was skipped (empty, binary, too large, unreadable, …). */
  readonly reason?: string;
}

export interface IngestSummary {
  readonly articles: number;
  readonly chunks: number;
  readonly files: readonly FileReport[];
  readonly mode: 'hybrid' | 'lexical';
  readonly ms: number;
  /** True when nothing changed and the existing index was kept as is. */
  readonly noop: boolean;
  /** Human-readable warnings (e.g. no embedding model, so lexical only). */
  readonly warnings: readonly string[];
}

/** Progress callbacks: the CLI draws a bar, the Discord bot edits its reply. */
export type IngestProgress =
  | { readonly stage: 'scan'; readonly files: number }
  | {
      readonly stage: 'parse';
      readonly done: number;
      readonly total: number;
      readonly file: string;
      /** Size of `file`, so a long parse of a big file can be announced. */
      readonly bytes?: number;
      /** How far into `file` parsing is (streamed JSON Lines, after each batch): bytes read and records parsed. */
      readonly read?: { readonly bytes: number; readonly records: number };
    }
  | { readonly stage: 'embed'; readonly done: number; readonly total: number }
  | { readonly stage: 'write' }
  | { readonly stage: 'done'; readonly summary: IngestSummary };
