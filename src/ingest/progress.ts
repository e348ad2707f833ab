/** How far a file's parse is, in words, for the ingest CLI and the /reindex message. Pure. */
import type { IngestProgress } from './types.js';

/** Files from this size on are announced while they parse (a 1 MB file takes about a second). */
export const BIG_FILE_BYTES = 1024 * 1024;

/**
 * "wire.jsonl: 12.0/50.0 MB, 1,250 records" while a streamed file parses; "wire.txt (3.2 MB)" for a
 * big file about to be parsed whole; "" otherwise (a small file goes by too fast to read).
 */
export function fileProgress(p: Extract<IngestProgress, { stage: 'parse' }>): string {
  if (!p.file) return '';
  const mb = (n: number) => (n / 1048576).toFixed(1);
  if (p.read) {
    const of = p.bytes !== undefined ? `/${mb(p.bytes)}` : '';
    return `${p.file}: ${mb(p.read.bytes)}${of} MB, ${p.read.records.toLocaleString('en-US')} record${p.read.records === 1 ? '' : 's'}`;
  }
  return (p.bytes ?? 0) >= BIG_FILE_BYTES ? `${p.file} (${mb(p.bytes!)} MB)` : '';
}
