/**
 * A local Discord-compatible server for end-to-end tests of the real discord.js client:
 * REST (`/api/v10/...`) and the WebSocket gateway on 127.0.0.1. It records every REST call,
 * enforces Discord's message limits (answering 50035 like Discord), refuses double
 * acknowledgements (40060), can answer chosen calls with 429, and injects gateway events
 * (slash commands, button clicks, messages) the way Discord sends them.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One REST request made by the bot. */
export interface RecordedCall {
  readonly method: string;
  /** Decoded path without the `/api/v10` prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  readonly path: string;
  /** The path as received (discord.js URL-encodes `@original` as `%40original`). */
  readonly rawPath: string;
  readonly body: any;
  readonly status: number;
  readonly auth: string | null;
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly bot?: boolean;
}

export interface InjectOptions {
  readonly user?: FakeUser;
  readonly roles?: readonly string[];
  /** Member permission bits (decimal string); default: ordinary member without Administrator. */
  readonly permissions?: string;
  readonly channelId?: string;
  /** Deliver only to the gateway session that identified as this shard (default: every session). */
  readonly shard?: number;
}

type Json = Record<string, any>;

const EPOCH = 1420070400000n;
let counter = 0n;
/** Monotonic, realistic snowflakes. */
export function snowflake(): string {
  counter += 1n;
  return String(((BigInt(Date.now()) - EPOCH) << 22n) + (counter % 4096n));
}

/** Bits of an ordinary member (view channel, send messages, use application commands…). */
export const MEMBER_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n));
/** Administrator bit plus the above. */
export const ADMIN_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | 8n);

const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  perRow: 5,
  customId: 100,
  label: 80,
};

/** Checks a message body against Discord's limits; returns `{ path: message }` problems. */
export function messageProblems(body: Json | undefined): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!body) return problems;
  const max = (path: string, value: unknown, limit: number): void => {
    if (typeof value === 'string' && value.length > limit) problems[path] = `Must be ${limit} or fewer in length.`;
  };
  max('content', body.content, LIMITS.content);
  const embeds: Json[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) problems.embeds = `Must be ${LIMITS.embeds} or fewer in length.`;
  let total = 0;
  embeds.forEach((e, i) => {
    max(`embeds.${i}.title`, e.title, LIMITS.title);
    max(`embeds.${i}.description`, e.description, LIMITS.description);
    max(`embeds.${i}.footer.text`, e.footer?.text, LIMITS.footer);
    max(`embeds.${i}.author.name`, e.author?.name, LIMITS.author);
    const fields: Json[] = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > LIMITS.fields) problems[`embeds.${i}.fields`] = `Must be ${LIMITS.fields} or fewer in length.`;
    fields.forEach((f, j) => {
      max(`embeds.${i}.fields.${j}.name`, f.name, LIMITS.fieldName);
      max(`embeds.${i}.fields.${j}.value`, f.value, LIMITS.fieldValue);
      total += String(f.name ?? '').length + String(f.value ?? '').length;
    });
    total += String(e.title ?? '').length + String(e.description ?? '').length;
    total += String(e.footer?.text ?? '').length + String(e.author?.name ?? '').length;
  });
  if (total > LIMITS.embedTotal) problems.embeds = `Embed size exceeds maximum size of ${LIMITS.embedTotal}`;
  const rows: Json[] = Array.isArray(body.components) ? body.components : [];
  if (rows.length > LIMITS.rows) problems.components = `Must be ${LIMITS.rows} or fewer in length.`;
  const ids = new Set<string>();
  rows.forEach((r, i) => {
    const comps: Json[] = Array.isArray(r.components) ? r.components : [];
    if (r.type !== 1) problems[`components.${i}.type`] = 'Value must be one of {1}.';
    if (comps.length > LIMITS.perRow) problems[`components.${i}.components`] = `Must be ${LIMITS.perRow} or fewer in length.`;
    comps.forEach((c, j) => {
      max(`components.${i}.components.${j}.custom_id`, c.custom_id, LIMITS.customId);
      max(`components.${i}.components.${j}.label`, c.label, LIMITS.label);
      if (typeof c.custom_id === 'string') {
        if (ids.has(c.custom_id)) problems[`components.${i}.components.${j}.custom_id`] = 'Component custom id cannot be duplicated';
        ids.add(c.custom_id);
      }
    });
  });
  return problems;
}

function formBodyError(problems: Record<string, string>): Json {
  const errors: Json = {};
  for (const [path, message] of Object.entries(problems)) {
    let node = errors;
    for (const key of path.split('.')) node = node[key] ??= {};
    node._errors = [{ code: 'BASE_TYPE_MAX_LENGTH', message }];
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}

interface InteractionState {
  readonly id: string;
  readonly token: string;
  acknowledged: boolean;
  originalId: string | null;
  readonly user: Json;
  readonly channelId: string;
  /** For component interactions: the message the button is on. */
  readonly messageId: string | null;
}

interface RateLimitRule {
  readonly match: (method: string, path: string) => boolean;
  remaining: number;
  readonly retryAfter: number;
}

/** The fake Discord. Create, `start()`, point the bot's `DISCORD_API_URL` at `apiUrl`, `stop()`. */
export class FakeDiscord extends EventEmitter {
  readonly token = `fake.${randomBytes(12).toString('hex')}.token`;
  readonly bot: FakeUser = { id: snowflake(), username: 'QuoteBot', bot: true };
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly askChannelId = snowflake();
  readonly adminRoleId = snowflake();
  readonly alice: FakeUser = { id: snowflake(), username: 'alice' };
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, Json>();
  readonly identifies: Json[] = [];
  readonly commands = new Map<string, Json[]>();
  heartbeats = 0;

  readonly #interactions = new Map<string, InteractionState>();
  readonly #files = new Map<string, { type: string; data: Buffer }>();
  readonly #rules: RateLimitRule[] = [];
  readonly #sockets = new Set<WebSocket>();
  /** The shard id each gateway session identified with ([id, count] in IDENTIFY). */
  readonly #shardOf = new Map<WebSocket, number>();
  #server: Server | null = null;
  #wss: WebSocketServer | null = null;
  #port = 0;
  #seq = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      void this.#handle(req, res).catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(e), code: 0 }));
      });
    });
    this.#wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.#wss?.handleUpgrade(req, socket, head, (ws) => this.#onGateway(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.#wss?.close();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server?.closeAllConnections();
  }

  // ---------------------------------------------------------------- gateway

  #send(ws: WebSocket, payload: Json): void {
    ws.send(JSON.stringify(payload));
  }

  #dispatchTo(ws: WebSocket, t: string, d: Json): void {
    this.#seq += 1;
    this.#send(ws, { op: 0, t, s: this.#seq, d });
  }

  /** Sends a dispatch event to every connected gateway session, or only to the one of `shard`. */
  dispatch(t: string, d: Json, shard?: number): void {
    for (const ws of this.#sockets) if (shard === undefined || this.#shardOf.get(ws) === shard) this.#dispatchTo(ws, t, d);
  }

  #onGateway(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('close', () => {
      this.#sockets.delete(ws);
      this.#shardOf.delete(ws);
    });
    this.#send(ws, { op: 10, d: { heartbeat_interval: 2000 } });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as Json;
      switch (msg.op) {
        case 1:
          this.heartbeats += 1;
          this.#send(ws, { op: 11 });
          break;
        case 2: {
          this.identifies.push(msg.d);
          if (msg.d?.token !== this.token) {
            ws.close(4004, 'Authentication failed.');
            return;
          }
          const shard: [number, number] = Array.isArray(msg.d?.shard) ? msg.d.shard : [0, 1];
          this.#shardOf.set(ws, shard[0]);
          this.#dispatchTo(ws, 'READY', {
            v: 10,
            user: { ...this.#user(this.bot), verified: true, mfa_enabled: false },
            guilds: [{ id: this.guildId, unavailable: true }],
            session_id: randomBytes(16).toString('hex'),
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: this.bot.id, flags: 0 },
            private_channels: [],
            presences: [],
            relationships: [],
            geo_ordered_rtc_regions: [],
            guild_join_requests: [],
            user_settings: {},
            _trace: ['fake-discord'],
          });
          // Without this GUILD_CREATE, discord.js waits 15 s for the guild before 'clientReady'.
          this.#dispatchTo(ws, 'GUILD_CREATE', this.#guild());
          break;
        }
        default:
          break;
      }
    });
  }

  #user(u: FakeUser): Json {
    return {
      id: u.id,
      username: u.username,
      discriminator: '0',
      global_name: u.username,
      avatar: null,
      bot: u.bot ?? false,
      flags: 0,
      public_flags: 0,
    };
  }

  #guild(): Json {
    const now = new Date().toISOString();
    const channel = (id: string, name: string, position: number): Json => ({
      id,
      type: 0,
      name,
      guild_id: this.guildId,
      position,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    });
    const role = (id: string, name: string, permissions: string, position: number): Json => ({
      id,
      name,
      permissions,
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
    });
    return {
      id: this.guildId,
      name: 'Fake News Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.alice.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [role(this.guildId, '@everyone', MEMBER_PERMISSIONS, 0), role(this.adminRoleId, 'news-admin', MEMBER_PERMISSIONS, 1)],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        { user: this.#user(this.bot), roles: [], joined_at: now, deaf: false, mute: false, flags: 0 },
        { user: this.#user(this.alice), roles: [], joined_at: now, deaf: false, mute: false, flags: 0 },
      ],
      channels: [channel(this.channelId, 'general', 0), channel(this.askChannelId, 'ask-the-news', 1)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  #member(user: FakeUser, opts: InjectOptions): Json {
    return {
      user: this.#user(user),
      roles: [...(opts.roles ?? [])],
      permissions: opts.permissions ?? MEMBER_PERMISSIONS,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
    };
  }

  #interactionBase(type: number, opts: InjectOptions): { id: string; token: string; payload: Json } {
    const id = snowflake();
    const token = `itok_${randomBytes(18).toString('hex')}`;
    const channelId = opts.channelId ?? this.channelId;
    const user = opts.user ?? this.alice;
    return {
      id,
      token,
      payload: {
        id,
        application_id: this.bot.id,
        type,
        token,
        version: 1,
        guild_id: this.guildId,
        guild: { id: this.guildId, locale: 'en-US', features: [] },
        channel_id: channelId,
        channel: { id: channelId, type: 0, guild_id: this.guildId, name: 'general', flags: 0, permissions: MEMBER_PERMISSIONS },
        member: this.#member(user, opts),
        app_permissions: ADMIN_PERMISSIONS,
        locale: 'en-US',
        guild_locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: { '0': this.guildId },
        context: 0,
        attachment_size_limit: 10 * 1024 * 1024,
      },
    };
  }

  /** Injects a slash command; returns the interaction id and token (the webhook key). */
  slash(
    name: string,
    options: readonly { name: string; type: number; value: string | number | boolean }[] = [],
    opts: InjectOptions & { resolved?: Json } = {},
  ): { id: string; token: string } {
    const { id, token, payload } = this.#interactionBase(2, opts);
    payload.data = {
      id: snowflake(),
      name,
      type: 1,
      guild_id: this.guildId,
      options: options.map((o) => ({ ...o })),
      ...(opts.resolved ? { resolved: opts.resolved } : {}),
    };
    this.#interactions.set(token, {
      id,
      token,
      acknowledged: false,
      originalId: null,
      channelId: payload.channel_id,
      messageId: null,
      user: payload.member.user,
    });
    this.dispatch('INTERACTION_CREATE', payload, opts.shard);
    return { id, token };
  }

  /** Injects a click on a button of a stored message. */
  click(messageId: string, customId: string, opts: InjectOptions = {}): { id: string; token: string } {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    const { id, token, payload } = this.#interactionBase(3, { ...opts, channelId: message.channel_id });
    payload.data = { custom_id: customId, component_type: 2 };
    payload.message = message;
    this.#interactions.set(token, {
      id,
      token,
      acknowledged: false,
      originalId: null,
      channelId: message.channel_id,
      messageId,
      user: payload.member.user,
    });
    this.dispatch('INTERACTION_CREATE', payload, opts.shard);
    return { id, token };
  }

  /** Injects a user's message (MESSAGE_CREATE), optionally mentioning users or replying to a message. */
  userMessage(content: string, opts: InjectOptions & { mentions?: readonly FakeUser[]; replyTo?: string } = {}): string {
    const user = opts.user ?? this.alice;
    const channelId = opts.channelId ?? this.channelId;
    const referenced = opts.replyTo ? this.messages.get(opts.replyTo) : undefined;
    const mentions = [...(opts.mentions ?? [])];
    const message = this.#message({
      channel_id: channelId,
      author: this.#user(user),
      member: { roles: [...(opts.roles ?? [])], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      content,
      mentions: mentions.map((m) => this.#user(m)),
      mention_everyone: false,
      type: referenced ? 19 : 0,
      ...(referenced
        ? {
            message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, guild_id: this.guildId },
            referenced_message: referenced,
          }
        : {}),
    });
    this.messages.set(message.id, message);
    this.dispatch('MESSAGE_CREATE', message, opts.shard);
    return message.id as string;
  }

  /** Serves a file at a URL on this server (for attachments). */
  hostFile(name: string, data: string | Buffer, type = 'text/plain; charset=utf-8'): { id: string; url: string; size: number } {
    const id = snowflake();
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.#files.set(`/attachments/${id}/${name}`, { type, data: buf });
    return { id, url: `http://127.0.0.1:${this.#port}/attachments/${id}/${name}`, size: buf.length };
  }

  /** The next `times` calls matching `match` are answered with 429 (route-scoped, like Discord's). */
  rateLimitNext(match: (method: string, path: string) => boolean, retryAfter = 0.2, times = 1): void {
    this.#rules.push({ match, remaining: times, retryAfter });
  }

  /** Calls whose path contains `part` (e.g. an interaction token). */
  callsWith(part: string): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(part));
  }

  /** Resolves with the first recorded call (past or future) satisfying `pred`. */
  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('call', listener);
        reject(
          new Error(
            `timed out waiting for a call; last calls: ${this.calls
              .slice(-5)
              .map((c) => `${c.method} ${c.path} ${c.status}`)
              .join(' | ')}`,
          ),
        );
      }, timeoutMs);
      const listener = (c: RecordedCall): void => {
        if (!pred(c)) return;
        clearTimeout(timer);
        this.off('call', listener);
        resolve(c);
      };
      this.on('call', listener);
    });
  }

  /** The current state of an interaction's original response message. */
  original(token: string): Json | undefined {
    const id = this.#interactions.get(token)?.originalId;
    return id ? this.messages.get(id) : undefined;
  }

  // ---------------------------------------------------------------- REST

  #message(fields: Json): Json {
    return {
      id: snowflake(),
      channel_id: this.channelId,
      guild_id: this.guildId,
      author: this.#user(this.bot),
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      type: 0,
      ...fields,
    };
  }

  #applyEdit(message: Json, body: Json): void {
    for (const key of ['content', 'embeds', 'components', 'flags'] as const) {
      if (body[key] !== undefined) message[key] = body[key];
    }
    message.edited_timestamp = new Date().toISOString();
  }

  async #readBody(req: IncomingMessage): Promise<any> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (chunks.length === 0) return undefined;
    const text = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    if (type.includes('multipart/form-data')) {
      const m = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(text);
      return m?.[1] ? JSON.parse(m[1]) : { multipart: true };
    }
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawPath = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();

    const file = this.#files.get(rawPath);
    if (file && method === 'GET') {
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.data.length) });
      res.end(file.data);
      return;
    }

    const body = await this.#readBody(req);
    const prefix = '/api/v10';
    const path = rawPath.startsWith(prefix)
      ? rawPath
          .slice(prefix.length)
          .split('/')
          .map((s) => decodeURIComponent(s))
          .join('/')
      : rawPath;
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : null;

    const reply = (status: number, data?: unknown, headers: Record<string, string> = {}): void => {
      const call: RecordedCall = { method, path, rawPath, body, status, auth };
      this.calls.push(call);
      const common = {
        'x-ratelimit-limit': '50',
        'x-ratelimit-remaining': '49',
        'x-ratelimit-reset-after': '1',
        'x-ratelimit-reset': String(Date.now() / 1000 + 1),
        'x-ratelimit-bucket': `bucket-${method}-${path.split('/')[1] ?? ''}`,
      };
      if (data === undefined) {
        res.writeHead(status, { ...common, ...headers });
        res.end();
      } else {
        res.writeHead(status, { ...common, 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
      }
      this.emit('call', call);
    };

    if (!rawPath.startsWith(prefix)) {
      reply(404, { message: '404: Not Found', code: 0 });
      return;
    }

    const rule = this.#rules.find((r) => r.remaining > 0 && r.match(method, path));
    if (rule) {
      rule.remaining -= 1;
      reply(
        429,
        { message: 'You are being rate limited.', retry_after: rule.retryAfter, global: false },
        {
          'retry-after': String(rule.retryAfter),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(rule.retryAfter),
          'x-ratelimit-reset': String(Date.now() / 1000 + rule.retryAfter),
          'x-ratelimit-bucket': 'fake-limited-bucket',
          'x-ratelimit-scope': 'user',
        },
      );
      return;
    }

    const seg = path.split('/').filter((s) => s !== '');
    const needsBotAuth = seg[0] !== 'interactions' && seg[0] !== 'webhooks';
    if (needsBotAuth && auth !== `Bot ${this.token}`) {
      reply(401, { message: '401: Unauthorized', code: 0 });
      return;
    }

    // GET /gateway/bot
    if (method === 'GET' && path === '/gateway/bot') {
      reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      });
      return;
    }
    if (method === 'GET' && path === '/gateway') {
      reply(200, { url: this.gatewayUrl });
      return;
    }
    if (method === 'GET' && path === '/users/@me') {
      reply(200, this.#user(this.bot));
      return;
    }

    // PUT /applications/:app/commands, /applications/:app/guilds/:guild/commands
    if (method === 'PUT' && seg[0] === 'applications' && seg[seg.length - 1] === 'commands') {
      const list: Json[] = Array.isArray(body) ? body : [];
      const bad = list.find(
        (c) => typeof c.name !== 'string' || !/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name) || String(c.description ?? '').length > 100,
      );
      if (bad) {
        reply(400, formBodyError({ [`${list.indexOf(bad)}.name`]: 'Invalid command' }));
        return;
      }
      const registered = list.map((c) => ({ ...c, id: snowflake(), application_id: seg[1], version: snowflake() }));
      this.commands.set(path, registered);
      reply(200, registered);
      return;
    }

    // POST /interactions/:id/:token/callback
    if (method === 'POST' && seg[0] === 'interactions' && seg[3] === 'callback') {
      const state = this.#interactions.get(seg[2] ?? '');
      if (!state || state.id !== seg[1]) {
        reply(404, { message: 'Unknown interaction', code: 10062 });
        return;
      }
      if (state.acknowledged) {
        reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
        return;
      }
      const problems = messageProblems(body?.data);
      if (Object.keys(problems).length > 0) {
        reply(400, formBodyError(problems));
        return;
      }
      state.acknowledged = true;
      switch (body?.type) {
        case 4: // ChannelMessageWithSource
        case 5: {
          // DeferredChannelMessageWithSource: a "thinking…" placeholder
          const message = this.#message({
            channel_id: state.channelId,
            type: 20,
            application_id: this.bot.id,
            webhook_id: this.bot.id,
            interaction_metadata: { id: state.id, type: 2, user: state.user, authorizing_integration_owners: { '0': this.guildId } },
            flags: (body.data?.flags ?? 0) | (body.type === 5 ? 128 : 0),
            ...(body.type === 4
              ? { content: body.data?.content ?? '', embeds: body.data?.embeds ?? [], components: body.data?.components ?? [] }
              : {}),
          });
          this.messages.set(message.id, message);
          state.originalId = message.id;
          break;
        }
        case 6: // DeferredMessageUpdate
        case 7: {
          // UpdateMessage: edits the message the component is on
          if (state.messageId) {
            const message = this.messages.get(state.messageId);
            if (message && body.type === 7) this.#applyEdit(message, body.data ?? {});
            state.originalId = state.messageId;
          }
          break;
        }
        default:
          reply(400, formBodyError({ type: 'Value must be a valid interaction callback type.' }));
          return;
      }
      reply(204);
      return;
    }

    // /webhooks/:app/:token[/messages/:id]
    if (seg[0] === 'webhooks') {
      const state = this.#interactions.get(seg[2] ?? '');
      if (!state || seg[1] !== this.bot.id || !state.acknowledged) {
        reply(404, { message: 'Unknown Webhook', code: 10015 });
        return;
      }
      if (method === 'POST' && seg.length === 3) {
        const problems = messageProblems(body);
        if (Object.keys(problems).length > 0) {
          reply(400, formBodyError(problems));
          return;
        }
        const message = this.#message({
          channel_id: state.channelId,
          content: body?.content ?? '',
          embeds: body?.embeds ?? [],
          components: body?.components ?? [],
          flags: body?.flags ?? 0,
          webhook_id: this.bot.id,
          application_id: this.bot.id,
        });
        this.messages.set(message.id, message);
        reply(200, message);
        return;
      }
      if (seg[3] === 'messages' && seg[4] !== undefined) {
        const id = seg[4] === '@original' ? state.originalId : seg[4];
        const message = id ? this.messages.get(id) : undefined;
        if (!message) {
          reply(404, { message: 'Unknown Message', code: 10008 });
          return;
        }
        if (method === 'GET') {
          reply(200, message);
          return;
        }
        if (method === 'PATCH') {
          const problems = messageProblems(body);
          if (Object.keys(problems).length > 0) {
            reply(400, formBodyError(problems));
            return;
          }
          this.#applyEdit(message, body ?? {});
          message.flags = (message.flags ?? 0) & ~128;
          reply(200, message);
          return;
        }
        if (method === 'DELETE') {
          this.messages.delete(message.id);
          reply(204);
          return;
        }
      }
    }

    // /channels/:id/...
    if (seg[0] === 'channels') {
      const channelId = seg[1] ?? '';
      if (channelId !== this.channelId && channelId !== this.askChannelId) {
        reply(404, { message: 'Unknown Channel', code: 10003 });
        return;
      }
      if (method === 'POST' && seg[2] === 'typing') {
        reply(204);
        return;
      }
      if (method === 'POST' && seg[2] === 'messages' && seg.length === 3) {
        const problems = messageProblems(body);
        if (Object.keys(problems).length > 0) {
          reply(400, formBodyError(problems));
          return;
        }
        const ref = body?.message_reference?.message_id as string | undefined;
        const referenced = ref ? this.messages.get(ref) : undefined;
        const message = this.#message({
          channel_id: channelId,
          content: body?.content ?? '',
          embeds: body?.embeds ?? [],
          components: body?.components ?? [],
          type: referenced ? 19 : 0,
          ...(referenced
            ? {
                message_reference: { type: 0, message_id: referenced.id, channel_id: channelId, guild_id: this.guildId },
                referenced_message: referenced,
              }
            : {}),
        });
        this.messages.set(message.id, message);
        reply(200, message);
        // Like Discord, the bot also receives its own message on the gateway (and must ignore it).
        this.dispatch('MESSAGE_CREATE', message);
        return;
      }
      // PUT /channels/:id/messages/:mid/reactions/:emoji/@me (the bot reacting)
      if (method === 'PUT' && seg[2] === 'messages' && seg[4] === 'reactions' && seg[6] === '@me') {
        const message = this.messages.get(seg[3] ?? '');
        if (!message) {
          reply(404, { message: 'Unknown Message', code: 10008 });
          return;
        }
        const emoji = seg[5] ?? '';
        const reactions: Json[] = (message.reactions ??= []);
        if (!reactions.some((r) => r.emoji.name === emoji)) reactions.push({ emoji: { id: null, name: emoji }, count: 1, me: true });
        reply(204);
        return;
      }
      if (method === 'GET' && seg[2] === 'messages' && seg[3]) {
        const message = this.messages.get(seg[3]);
        if (message) reply(200, message);
        else reply(404, { message: 'Unknown Message', code: 10008 });
        return;
      }
    }

    reply(404, { message: '404: Not Found', code: 0 });
  }
}
