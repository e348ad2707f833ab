/**
 * The Discord bot: `startBot` wires the discord.js client to the engine; run directly
 * (`npm run bot`) it loads the config, builds the engine and runs until SIGINT/SIGTERM.
 *
 * Intents: Guilds, GuildMessages and MessageContent. MessageContent is privileged: enable
 * "Message Content Intent" in the Developer Portal (Bot tab), or mentions still work but
 * ask-channel messages arrive without text.
 */
import { pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from 'discord.js';
import { ConfigError, loadConfig, requireDiscord, type Config } from '../config.js';
import type { Engine } from '../engine/types.js';
import type { IngestProgress } from '../ingest/types.js';
import { createLogger, envSecrets, scrubSecrets, type Logger } from '../log.js';
import { commandsByName } from './commands/index.js';
import type { BotContext } from './context.js';
import { FeedbackSink } from './feedback.js';
import { handleMessage } from './messages.js';
import { RateLimiter } from './rateLimit.js';
import { NO_MENTIONS } from './reply.js';
import { createInteractionHandler } from './router.js';
import { ResultStore } from './store.js';
import type { StoredView } from './views.js';

/** Start-up events the engine reports (mirrors the engine's own type, kept local so tests need no engine). */
type StartupEvent =
  | { readonly kind: 'warning'; readonly message: string }
  | { readonly kind: 'building'; readonly reason: string }
  | { readonly kind: 'progress'; readonly progress: IngestProgress };

export interface StartOptions {
  readonly logger?: Logger;
  /** How long paged results stay available to the buttons (default 30 min). */
  readonly resultTtlMs?: number;
  /** Extra discord.js client options (tests use them to tune timeouts). */
  readonly clientOptions?: Partial<ClientOptions>;
}

export interface RunningBot {
  readonly client: Client<true>;
  readonly context: BotContext;
  stop(): Promise<void>;
}

/** The intents the bot needs; without Guilds, guild messages and interactions' channels are unknown. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

/** Logs in and resolves once the client is ready (all guilds received). Never registers commands. */
export async function startBot(config: Config, engine: Engine, options: StartOptions = {}): Promise<RunningBot> {
  const { discordToken } = requireDiscord(config, ['discordToken']);
  const log = options.logger ?? createLogger({ level: config.logLevel, secrets: [discordToken], name: 'bot' });
  const context: BotContext = {
    config,
    engine,
    log,
    store: new ResultStore<StoredView>({ maxEntries: 500, ttlMs: options.resultTtlMs ?? 30 * 60_000 }),
    limiter: new RateLimiter(config.rateLimitPerMinute),
    feedback: new FeedbackSink(config.feedbackFile),
    reindexGate: { running: false },
  };
  const client = new Client({
    intents: INTENTS,
    // Defence in depth: even a payload built without allowedMentions pings no one.
    allowedMentions: NO_MENTIONS,
    ...options.clientOptions,
    rest: { ...options.clientOptions?.rest, api: config.discordApiUrl },
  });

  const onInteraction = createInteractionHandler(context, commandsByName);
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction).catch((e: unknown) => log.error({ err: e }, 'interaction listener failed'));
  });
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message, context).catch((e: unknown) => log.error({ err: e }, 'message listener failed'));
  });
  client.on(Events.Error, (e) => log.error({ err: e }, 'discord client error'));
  client.on(Events.Warn, (m) => log.warn({ warning: m }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (ev, shard) => log.warn({ code: ev.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  // discord.js queues requests itself (50 per second overall, and each route's bucket) and says
  // so here: routine under a burst, so debug. A 429 from the server is a real limit: warn.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.debug({ route: info.route, method: info.method, waitMs: info.timeToReset, global: info.global }, 'discord.js queued requests'),
  );
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429) return;
    const h = response.headers;
    log.warn(
      {
        route: request.route,
        method: request.method,
        retryAfter: h.get('retry-after'),
        global: h.get('x-ratelimit-global') === 'true',
        scope: h.get('x-ratelimit-scope'),
      },
      'discord rate limit (429)',
    );
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(discordToken);
  } catch (e) {
    await client.destroy().catch(() => undefined);
    throw e;
  }
  const readyClient = await ready;
  log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, mode: engine.mode }, 'bot ready');

  let stopped = false;
  return {
    client: readyClient,
    context,
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      log.info('bot stopped');
    },
  };
}

/** A supervisor (systemd, Docker) sends SIGKILL 10 s after SIGTERM by default: finish well before. */
const FORCE_EXIT_MS = 9_000;
/** How long shutdown waits for a running reindex (or the first index build) to finish. */
const WORK_GRACE_MS = 7_000;

/** One line for stderr about a failure, with every secret scrubbed (error messages may echo headers). */
export function startFailureLine(prefix: string, error: unknown, secrets: readonly (string | null | undefined)[]): string {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  const known = secrets.filter((s): s is string => typeof s === 'string' && s !== '');
  return `${scrubSecrets(prefix === '' ? message : `${prefix}: ${message}`, known)}\n`;
}

/** Resolves true when `work` settles within `ms`, false otherwise. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the engine runs no reindex (polled: the flag is all the engine exposes). */
async function reindexFinished(engine: Engine): Promise<void> {
  while (engine.reindexing) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Runs the bot as the production process: config, engine, bot, graceful SIGINT/SIGTERM (from
 * the first moment, so a supervisor can stop it while the index builds). On a signal it waits
 * up to {@link WORK_GRACE_MS} for a running reindex so the index lock is released, disconnects,
 * and exits 0 (1 if the work had to be abandoned). Never rejects: a start-up failure prints one
 * scrubbed line and exits 1; invalid configuration exits 2.
 */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = requireDiscord(loadConfig(), ['discordToken']);
  } catch (e) {
    process.stderr.write(startFailureLine(e instanceof ConfigError ? '' : 'bot failed to start', e, envSecrets()));
    process.exit(e instanceof ConfigError ? 2 : 1);
  }
  const secrets = [config.discordToken, ...envSecrets()];
  const log = createLogger({ level: config.logLevel, secrets, name: 'bot' });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (ignored)'));
  // Handlers catch their own errors; anything reaching here means unknown state, so exit and let
  // the supervisor restart the bot.
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception, exiting');
    process.exit(1);
  });

  let engine: Engine | null = null;
  let bot: RunningBot | null = null;
  let starting: Promise<unknown> | null = null;
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, FORCE_EXIT_MS).unref();
    const work = starting ?? (engine ? reindexFinished(engine) : Promise.resolve());
    const finished = await settlesWithin(work, WORK_GRACE_MS);
    if (!finished) log.warn({ graceMs: WORK_GRACE_MS }, 'indexing still running at shutdown; abandoning it');
    await bot?.stop().catch((e: unknown) => log.error({ err: e }, 'error while stopping'));
    process.exit(finished ? 0 : 1);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    // Imported lazily so the bot's own modules (and tests) do not depend on the engine.
    const { createEngine } = (await import('../engine/engine.js')) as unknown as {
      createEngine: (c: Config, onEvent?: (e: StartupEvent) => void) => Promise<Engine>;
    };
    const creating = createEngine(config, (e) => {
      switch (e.kind) {
        case 'warning':
          log.warn({ warning: e.message }, 'engine warning');
          return;
        case 'building':
          log.info({ reason: e.reason }, 'building the index');
          return;
        case 'progress':
          if (e.progress.stage !== 'parse' && e.progress.stage !== 'embed') log.info({ stage: e.progress.stage }, 'indexing');
          return;
      }
    });
    starting = creating;
    engine = await creating;
    starting = null;
    if (stopping) return;
    log.info({ mode: engine.mode, articles: engine.sources().length }, 'engine loaded');
    const connecting = startBot(config, engine, { logger: log });
    starting = connecting;
    bot = await connecting;
    starting = null;
    if (stopping) await bot.stop();
  } catch (e) {
    if (stopping) return;
    log.error({ err: e }, 'bot failed to start');
    process.stderr.write(startFailureLine('bot failed to start', e, secrets));
    process.exit(1);
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) void main();
