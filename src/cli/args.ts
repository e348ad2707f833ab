/** Command-line parsing shared by the scripts: one place prints usage errors and help. */
import { parseArgs } from 'node:util';

type Options = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean | string[] | boolean[] }
>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;

/** Parsed arguments, or the exit code the script should return at once (help shown, or bad usage). */
export type CliArgs<O extends Options> =
  | { readonly kind: 'args'; readonly values: Parsed<O>['values']; readonly positionals: string[] }
  | { readonly kind: 'exit'; readonly code: number };

/**
 * Parses `argv` with `options` (which should include `help`). Unknown flags and bad values print
 * the error and `usage` to stderr (exit 2); `--help` prints `usage` to stdout (exit 0).
 */
export function parseCli<const O extends Options>(argv: readonly string[], options: O, usage: string): CliArgs<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true });
  } catch (e) {
    return usageError((e as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return { kind: 'exit', code: 0 };
  }
  return { kind: 'args', values: parsed.values, positionals: parsed.positionals };
}

/** Prints a usage error and returns exit code 2. */
export function usageError(message: string, usage: string): { readonly kind: 'exit'; readonly code: 2 } {
  process.stderr.write(`error: ${message}\n${usage}\n`);
  return { kind: 'exit', code: 2 };
}
