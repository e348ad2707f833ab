/**
 * Structured logging (pino) to stderr: stdout stays free for the CLIs' JSON output.
 * Secrets are removed twice: known key paths are redacted, and every registered secret string
 * (the bot token) is scrubbed from each output line before it is written.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Key paths whose values are never logged. */
export const REDACT_PATHS: readonly string[] = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.discordToken',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
];

const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (at least 8 chars, so short strings are not mangled). */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) {
    if (s.length >= 8 && out.includes(s)) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Secrets known from the environment before any config is parsed (the token as set, and trimmed). */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.DISCORD_TOKEN;
  return raw ? [...new Set([raw, raw.trim()])] : [];
}

export interface LoggerOptions {
  readonly level?: LevelWithSilent;
  /** Strings that must never appear in the output (e.g. the bot token). */
  readonly secrets?: readonly (string | null | undefined)[];
  /** Where lines go; defaults to stderr. Tests pass a collector. */
  readonly write?: (line: string) => void;
  readonly name?: string;
}

/** Creates a logger writing JSON lines to stderr with redaction and secret scrubbing. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s !== '');
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  return pino(
    {
      level: options.level ?? 'info',
      ...(options.name ? { name: options.name } : {}),
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    { write: (line: string) => write(scrubSecrets(line, secrets)) },
  );
}
