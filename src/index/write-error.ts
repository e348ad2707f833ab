/**
 * File-system failures while writing an index, turned into one line a user can act on. The
 * previous index is never touched by a failed write, and the message says so.
 */

/** Thrown when the index cannot be written (disk full, read-only, no permission). Expected: one line, no stack. */
export class IndexWriteError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'IndexWriteError';
  }
}

/** Error codes that mean "this disk or directory cannot take the index", not a bug. */
const REASONS: Readonly<Record<string, (dir: string) => string>> = {
  ENOSPC: () => 'no space left on device while writing the index',
  EDQUOT: () => 'disk quota exceeded while writing the index',
  EROFS: (dir) => `the index directory ${dir} is on a read-only file system`,
  EACCES: (dir) => `no permission to write the index directory ${dir}`,
  EPERM: (dir) => `no permission to write the index directory ${dir}`,
};

/**
 * The one-line error for a write failure in `dir`, or null when `e` is not a file-system
 * condition (a bug, which keeps its stack).
 */
export function indexWriteError(e: unknown, dir: string): IndexWriteError | null {
  if (e instanceof IndexWriteError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const reason = code ? REASONS[code] : undefined;
  return reason && code ? new IndexWriteError(`${reason(dir)}; the previous index is unchanged`, code) : null;
}
