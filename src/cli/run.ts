/** How every script ends: its exit code, or a readable error (a stack only for unexpected ones). */
import { ConfigError } from '../config.js';
import { IndexLockedError } from '../index/lock.js';
import { IndexLoadError } from '../index/store.js';
import { IndexWriteError } from '../index/write-error.js';
import { DatabaseError } from '../index/pg/db.js';
import { envSecrets, scrubSecrets } from '../log.js';

/** Runs a script's `main` and exits with its code; expected errors print one line, others their stack. */
export function runMain(main: () => Promise<number> | number): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (e: unknown) => {
        // Error messages can echo request headers: never print the token.
        process.stderr.write(`${scrubSecrets(failureLine(e), envSecrets())}\n`);
        process.exit(1);
      },
    );
}

/** Expected failures are one line; anything else is a bug and keeps its stack. */
export function failureLine(e: unknown): string {
  const expected =
    e instanceof ConfigError ||
    e instanceof IndexLoadError ||
    e instanceof IndexLockedError ||
    e instanceof IndexWriteError ||
    e instanceof DatabaseError;
  return `error: ${expected ? (e as Error).message : ((e as Error).stack ?? String(e))}`;
}
