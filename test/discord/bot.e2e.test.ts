/**
 * End-to-end: the real discord.js client (via startBot) against the local fake Discord server.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordAPIError, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/main.js';
import { createLogger } from '../../src/log.js';
import { deployCommands } from '../../scripts/deploy-commands.js';
import { ADMIN_PERMISSIONS, FakeDiscord, snowflake, type FakeUser, type RecordedCall } from './fake-discord.js';
import { FakeEngine, deferred, PRESS_TV, RT, SUMMARY, UNDATED } from './fake-engine.js';
import type { AnswerResult } from '../../src/core/types.js';
import type { IngestSummary } from '../../src/ingest/types.js';

const STRING = 3;
const BOOLEAN = 5;
const ATTACHMENT = 11;

let discord: FakeDiscord;
let engine: FakeEngine;
let bot: RunningBot;
let dir: string;
const logLines: string[] = [];

/** A fresh user per scenario, so the per-user rate limit never couples tests. */
function newUser(name: string): FakeUser {
  return { id: snowflake(), username: name };
}

const isOriginalEdit = (token: string) => (c: RecordedCall) =>
  c.method === 'PATCH' && c.path.endsWith(`/${token}/messages/@original`) && c.status === 200;

const isCallback = (token: string) => (c: RecordedCall) => c.method === 'POST' && c.path.includes(`/${token}/callback`);

function embedOf(c: RecordedCall): { title?: string; description?: string; footer?: { text: string } } {
  const e = (c.body?.embeds ?? c.body?.data?.embeds ?? [])[0];
  expect(e, `call ${c.method} ${c.path} has an embed`).toBeDefined();
  return e;
}

function customIds(body: any): string[] {
  const rows: any[] = body?.components ?? body?.data?.components ?? [];
  return rows.flatMap((r) => r.components.map((b: any) => b.custom_id as string));
}

function buttonByLabel(body: any, label: string): { custom_id: string; disabled?: boolean } {
  const rows: any[] = body?.components ?? body?.data?.components ?? [];
  const b = rows.flatMap((r) => r.components).find((x: any) => x.label === label);
  expect(b, `button "${label}"`).toBeDefined();
  return b;
}

beforeAll(async () => {
  discord = new FakeDiscord();
  await discord.start();
  engine = new FakeEngine();
  dir = await mkdtemp(join(tmpdir(), 'bot-e2e-'));
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_CLIENT_ID: discord.bot.id,
    DISCORD_GUILD_ID: discord.guildId,
    DISCORD_API_URL: discord.apiUrl,
    ADMIN_ROLE_IDS: discord.adminRoleId,
    ASK_CHANNEL_IDS: discord.askChannelId,
    ARTICLES_DIR: join(dir, 'articles'),
    FEEDBACK_FILE: join(dir, 'feedback', 'feedback.jsonl'),
    RATE_LIMIT_PER_MINUTE: '3',
    LOG_LEVEL: 'debug',
  });
  const logger = createLogger({ level: 'debug', secrets: [discord.token], write: (l) => logLines.push(l) });
  bot = await startBot(config, engine, { logger });
});

afterAll(async () => {
  // DUMP_BOT_LOGS=1 prints the bot's warnings and errors, for debugging.
  if (process.env.DUMP_BOT_LOGS) process.stderr.write(logLines.filter((l) => /"level":(40|50|60)/.test(l)).join(''));
  await bot?.stop();
  await discord?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('GIVEN the bot connected to a Discord-compatible gateway', () => {
  it('THEN it identified with the Guilds, GuildMessages and MessageContent intents and the token', () => {
    expect(discord.identifies).toHaveLength(1);
    const intents = discord.identifies[0]?.intents as number;
    expect(intents & 1).toBe(1); // Guilds
    expect(intents & (1 << 9)).toBe(1 << 9); // GuildMessages
    expect(intents & (1 << 15)).toBe(1 << 15); // MessageContent
    expect(bot.client.guilds.cache.has(discord.guildId)).toBe(true);
  });

  it('THEN it never registers commands on start', () => {
    expect(discord.calls.filter((c) => c.path.includes('/commands'))).toHaveLength(0);
  });
});

describe('GIVEN /ask with a question', () => {
  it('THEN the bot defers at once, asks the engine for 9 excerpts and edits the reply with 3 quoted, cited excerpts', async () => {
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: 'What was discussed in Ankara?' }], {
      user: newUser('asker'),
    });
    const callback = await discord.waitForCall(isCallback(token));
    expect(callback.body.type).toBe(5);
    expect(callback.status).toBe(204);
    const edit = await discord.waitForCall(isOriginalEdit(token));
    expect(edit.rawPath).toContain('%40original');
    const embed = embedOf(edit);
    expect(embed.title).toContain('What was discussed in Ankara?');
    expect(embed.description).toContain('> Iranian Foreign Minister');
    expect(embed.description).toContain('**Press TV** · 1 Nov 2023 · [Iran FM meets');
    expect(embed.description).toContain('also reported by RT');
    expect(embed.description).toContain('undated');
    // The undated article's Markdown is escaped so it shows as written.
    expect(embed.description).toContain('Aid convoy \\*finally\\* reaches \\[Rafah\\]');
    expect(embed.footer?.text).toContain('Page 1/3');
    expect(engine.asked.find((a) => a.question === 'What was discussed in Ankara?')?.options?.k).toBe(9);
    expect(customIds(edit.body).some((id) => id.startsWith('q:pg:'))).toBe(true);
  });

  it('THEN pressing More shows the next page of the same result, and Context shows the paragraph ephemerally', async () => {
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: 'Who met whom?' }], { user: newUser('pager') });
    await discord.waitForCall(isOriginalEdit(token));
    const message = discord.original(token);
    expect(message).toBeDefined();
    const more = buttonByLabel(message, 'More ▶');
    const click = discord.click(message!.id, more.custom_id, { user: newUser('clicker') });
    const update = await discord.waitForCall(isCallback(click.token));
    expect(update.status).toBe(204);
    expect(update.body.type).toBe(7);
    const page2 = embedOf(update);
    expect(page2.footer?.text).toContain('Page 2/3');
    expect(page2.description).toContain('**4.**');
    expect(page2.description).not.toContain('**1.**');
    // The message now shows page 2; its Context buttons refer to excerpts 4-6.
    const updated = discord.messages.get(message!.id);
    const ctxButton = buttonByLabel(updated, 'Context 4');
    const ctxClick = discord.click(message!.id, ctxButton.custom_id, { user: newUser('reader') });
    const ctxReply = await discord.waitForCall(isCallback(ctxClick.token));
    expect(ctxReply.body.type).toBe(4);
    expect(ctxReply.body.data.flags & 64).toBe(64);
    expect(embedOf(ctxReply).description).toContain('Earlier on Wednesday, officials met. **The convoy');
  });

  it('THEN 👍 appends a JSON line to the feedback file', async () => {
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: 'Was there a ceasefire?' }], {
      user: newUser('voter'),
    });
    await discord.waitForCall(isOriginalEdit(token));
    const message = discord.original(token)!;
    const up = buttonByLabel(message, '👍');
    const voter = newUser('voter2');
    const click = discord.click(message.id, up.custom_id, { user: voter });
    const reply = await discord.waitForCall(isCallback(click.token));
    expect(reply.body.data.flags & 64).toBe(64);
    const lines = (await readFile(join(dir, 'feedback', 'feedback.jsonl'), 'utf8')).trim().split('\n');
    const rec = lines.map((l) => JSON.parse(l)).find((r) => r.userId === voter.id);
    expect(rec).toMatchObject({ vote: 'up', question: 'Was there a ceasefire?', page: 0 });
    expect(rec.excerpts).toHaveLength(3);
  });

  it('THEN Discord formatting in the question is removed before the engine sees it', async () => {
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: '> What did **Bo**livia ||_announce_||?' }], {
      user: newUser('formatter'),
    });
    const edit = await discord.waitForCall(isOriginalEdit(token));
    expect(embedOf(edit).title).toBe('❓ What did Bolivia announce?');
    expect(engine.asked.at(-1)?.question).toBe('What did Bolivia announce?');
  });

  it('THEN a question the articles do not cover says so plainly and lists the closest titles', async () => {
    const q = 'What is the capital of Peru?';
    engine.answers.set(q, {
      kind: 'noAnswer',
      question: q,
      reason: 'lowConfidence',
      closest: [{ id: 'x', title: 'Turkey recalls ambassador', source: 'RT', url: null, published: '2023-11-04', file: 'x.txt' }],
    });
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: q }], { user: newUser('peru') });
    const edit = await discord.waitForCall(isOriginalEdit(token));
    const embed = embedOf(edit);
    expect(embed.description).toContain("don't cover this question");
    expect(embed.description).toContain('Turkey recalls ambassador');
    expect(customIds(edit.body)).toHaveLength(0);
  });

  it('THEN a quoted "@everyone" is shown but pings no one (allowed_mentions.parse is empty)', async () => {
    const q = 'What did the protesters post?';
    const excerpt = {
      quote: '@everyone come to the embassy tonight, said a post shared by <@123456789012345678> and @here.',
      start: 0,
      end: 90,
      score: 1,
      article: { id: 'p', title: 'Protest calls', source: 'AFP', url: null, published: '2023-11-05', file: 'p.txt' },
      alsoReportedBy: [],
    };
    engine.answers.set(q, { kind: 'answer', question: q, excerpts: [excerpt] } satisfies AnswerResult);
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: q }], { user: newUser('mention') });
    const edit = await discord.waitForCall(isOriginalEdit(token));
    expect(embedOf(edit).description).toContain('@everyone come to the embassy');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('THEN a user over the rate limit gets a short ephemeral cooldown message instead of an answer', async () => {
    const user = newUser('hasty');
    const tokens: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      tokens.push(discord.slash('ask', [{ name: 'question', type: STRING, value: `hasty question ${i}` }], { user }).token);
    }
    const callbacks = await Promise.all(tokens.map((t) => discord.waitForCall(isCallback(t))));
    const refused = callbacks.filter((c) => c.body.type === 4);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.body.data.content).toMatch(/asking quickly/);
    expect(refused[0]?.body.data.flags & 64).toBe(64);
    expect(callbacks.filter((c) => c.body.type === 5)).toHaveLength(3);
  });
});

describe('GIVEN a message mentioning the bot', () => {
  it('THEN the bot replies to that message with excerpts, and ignores its own reply', async () => {
    const before = discord.calls.length;
    const id = discord.userMessage(`<@${discord.bot.id}> what happened in Ankara?`, {
      mentions: [discord.bot],
      user: newUser('mentioner'),
    });
    const reply = await discord.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${discord.channelId}/messages` && c.body?.message_reference?.message_id === id,
    );
    expect(reply.status).toBe(200);
    expect(embedOf(reply).description).toContain('> Iranian Foreign Minister');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(engine.asked.some((a) => a.question === 'what happened in Ankara?')).toBe(true);
    // A reply to the bot's answer (without mentioning it) is a question that follows that answer:
    // the engine gets the question answered and the articles its first page cited.
    const answerId = [...discord.messages.values()].find((m) => m.message_reference?.message_id === id)?.id as string;
    const followUp = discord.userMessage('and what did Turkey do next?', { replyTo: answerId, user: newUser('follower') });
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === followUp);
    expect(engine.asked.find((a) => a.question === 'and what did Turkey do next?')?.options?.followUp).toEqual({
      question: 'what happened in Ankara?',
      articleIds: [PRESS_TV.id, RT.id, UNDATED.id],
    });
    // The bot saw its own two replies on the gateway and answered neither of them.
    await new Promise((r) => setTimeout(r, 100));
    const posts = discord.calls.slice(before).filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    expect(posts).toHaveLength(2);
  });

  it('THEN a reply to an answer the bot no longer holds (sent before a restart) still follows it, from the message itself', async () => {
    const id = discord.userMessage(`<@${discord.bot.id}> How many were killed in Gaza?`, {
      mentions: [discord.bot],
      user: newUser('asker'),
    });
    const reply = await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === id);
    // The same answer as a previous run of the bot sent it: its buttons name a result this run never stored.
    const old = discord.userMessage('', { user: discord.bot });
    const stale = (customId: string) => customId.replace(/^(q:\w+:)[\w-]+/, '$1gone0000');
    Object.assign(discord.messages.get(old)!, {
      embeds: reply.body.embeds,
      components: reply.body.components.map((row: any) => ({
        ...row,
        components: row.components.map((b: any) => ({ ...b, custom_id: stale(b.custom_id) })),
      })),
    });
    const user = newUser('after-restart');
    const followUp = discord.userMessage('How many were wounded?', { replyTo: old, user });
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === followUp);
    expect(engine.asked.find((a) => a.question === 'How many were wounded?')?.options?.followUp).toEqual({
      question: 'How many were killed in Gaza?',
      articleIds: [PRESS_TV.id, RT.id, UNDATED.id],
    });
    // A reply to someone else's message is a fresh question.
    const other = discord.userMessage('I think it was more', { user: newUser('bystander') });
    const fresh = discord.userMessage(`<@${discord.bot.id}> How many were injured?`, { replyTo: other, mentions: [discord.bot], user });
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === fresh);
    expect(engine.asked.find((a) => a.question === 'How many were injured?')?.options?.followUp).toBeUndefined();
  });

  it('THEN a mention over the rate limit gets a ⏳ reaction, not a public reply', async () => {
    const user = newUser('hasty-mentioner');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(discord.userMessage(`<@${discord.bot.id}> mention question ${i}`, { mentions: [discord.bot], user }));
    }
    await Promise.all(ids.map((id) => discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === id)));
    const over = discord.userMessage(`<@${discord.bot.id}> one too many`, { mentions: [discord.bot], user });
    const reaction = await discord.waitForCall((c) => c.method === 'PUT' && c.path.includes(`/messages/${over}/reactions/`));
    expect(reaction.path).toBe(`/channels/${discord.channelId}/messages/${over}/reactions/⏳/@me`);
    expect(reaction.status).toBe(204);
    // A later question from someone else proves the over-limit message was fully handled.
    const next = discord.userMessage(`<@${discord.bot.id}> someone else asks`, { mentions: [discord.bot], user: newUser('patient') });
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === next);
    expect(discord.calls.some((c) => c.method === 'POST' && c.body?.message_reference?.message_id === over)).toBe(false);
  });

  it('THEN an over-long question gets the catalog message and the engine is not called', async () => {
    const before = engine.asked.length;
    const id = discord.userMessage(`<@${discord.bot.id}> ${'why '.repeat(200)}?`, { mentions: [discord.bot], user: newUser('verbose') });
    const reply = await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === id);
    expect(reply.body.content).toMatch(/characters long; please keep it under 500/);
    expect(reply.body.allowed_mentions.parse).toEqual([]);
    expect(engine.asked.length).toBe(before);
  });

  it('THEN a message by another bot, or without a mention outside the ask channel, is ignored', async () => {
    const before = engine.asked.length;
    discord.userMessage(`<@${discord.bot.id}> bot question`, {
      mentions: [discord.bot],
      user: { id: snowflake(), username: 'otherbot', bot: true },
    });
    discord.userMessage('just chatting', { user: newUser('chatter') });
    // A later question proves the earlier events were processed (events are handled in order).
    const id = discord.userMessage('ask channel question', { channelId: discord.askChannelId, user: newUser('channel') });
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === id);
    expect(engine.asked.slice(before).map((a) => a.question)).toEqual(['ask channel question']);
  });
});

describe('GIVEN /timeline with a topic and date bounds', () => {
  it('THEN the reply is chronological, grouped by date with precision and ≈ for approximate dates', async () => {
    const { token } = discord.slash(
      'timeline',
      [
        { name: 'topic', type: STRING, value: 'Ankara talks' },
        { name: 'from', type: STRING, value: '2023-11' },
        { name: 'to', type: STRING, value: '2023' },
      ],
      { user: newUser('historian') },
    );
    const edit = await discord.waitForCall(isOriginalEdit(token));
    const embed = embedOf(edit);
    expect(engine.timelines.at(-1)?.options).toMatchObject({ from: '2023-11-01', to: '2023-12-31' });
    const d = embed.description ?? '';
    expect(d.indexOf('__**1 Nov 2023**__')).toBeGreaterThanOrEqual(0);
    expect(d.indexOf('__**≈ 1 Nov 2023**__')).toBeGreaterThan(d.indexOf('__**1 Nov 2023**__'));
    expect(d.indexOf('__**4 Nov 2023**__')).toBeGreaterThan(d.indexOf('__**≈ 1 Nov 2023**__'));
    expect(d).toContain('__**Nov 2023**__');
    expect(d).toContain('(publication date)');
  });

  it('THEN an invalid date is refused ephemerally without calling the engine', async () => {
    const before = engine.timelines.length;
    const { token } = discord.slash('timeline', [
      { name: 'topic', type: STRING, value: 'x' },
      { name: 'from', type: STRING, value: 'yesterday-ish' },
    ]);
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & 64).toBe(64);
    expect(cb.body.data.content).toContain('`from` must be a date');
    expect(engine.timelines.length).toBe(before);
  });

  it('THEN a timeline too long for one message is paged, every page within Discord limits', async () => {
    const topic = 'long history';
    const long = 'The ministry said in a long statement that the negotiations, which had lasted for many weeks, '.repeat(4);
    engine.timelineResults.set(topic, {
      kind: 'timeline',
      topic,
      events: Array.from({ length: 40 }, (_, i) => ({
        date: `2023-${String((i % 12) + 1).padStart(2, '0')}-01`,
        precision: 'day' as const,
        approximate: false,
        fromPublication: false,
        quote: `${i}: ${long}`.slice(0, 480),
        start: i,
        end: i + 480,
        score: 1,
        article: { id: `t${i}`, title: `Report ${i}`, source: 'AFP', url: null, published: '2023-12-01', file: 't.txt' },
        alsoReportedBy: [],
      })),
    });
    const { token } = discord.slash('timeline', [{ name: 'topic', type: STRING, value: topic }], { user: newUser('pages') });
    const edit = await discord.waitForCall(isOriginalEdit(token));
    const embed = embedOf(edit);
    expect(embed.footer?.text).toMatch(/Page 1\/\d+/);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    const message = discord.original(token)!;
    const next = buttonByLabel(message, 'Next ▶');
    const click = discord.click(message.id, next.custom_id);
    const update = await discord.waitForCall(isCallback(click.token));
    expect(update.status).toBe(204);
    expect(embedOf(update).footer?.text).toMatch(/Page 2\//);
  });
});

describe('GIVEN /sources', () => {
  it('THEN it lists the indexed articles with their count', async () => {
    const { token } = discord.slash('sources', [], { user: newUser('librarian') });
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.type).toBe(4);
    // Only the member who asked sees it (SOURCES_VISIBILITY defaults to ephemeral).
    expect(cb.body.data.flags & 64).toBe(64);
    const embed = embedOf(cb);
    expect(embed.title).toBe('📚 Indexed articles (3)');
    expect(embed.description).toContain('**RT** · 4 Nov 2023 · Turkey recalls ambassador to Israel');
  });
});

describe('GIVEN /help', () => {
  it('THEN a short ephemeral embed explains the commands and the search mode', async () => {
    const { token } = discord.slash('help');
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.data.flags & 64).toBe(64);
    expect(embedOf(cb).description).toContain('/ask');
    expect(embedOf(cb).description).toContain('hybrid');
  });
});

describe('GIVEN a command the bot does not know (stale registration)', () => {
  it('THEN the user is told so ephemerally', async () => {
    const { token } = discord.slash('frobnicate');
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.data.content).toContain("I don't know that command");
  });
});

describe('GIVEN /reindex', () => {
  it('THEN a non-admin is refused (checked server side) and the engine is not called', async () => {
    const before = engine.reindexCalls.length;
    const { token } = discord.slash('reindex', [], { user: newUser('mallory') });
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & 64).toBe(64);
    expect(cb.body.data.content).toContain('Only server administrators');
    expect(engine.reindexCalls.length).toBe(before);
  });

  it('THEN an admin sees progress then the summary, questions are answered meanwhile and a second /reindex is refused', async () => {
    const gate = deferred<IngestSummary>();
    engine.reindexGate = gate;
    const started = new Promise<(p: any) => void>((resolve) => (engine.onReindexStart = resolve));
    const admin = newUser('admin');
    const { token } = discord.slash('reindex', [{ name: 'full', type: BOOLEAN, value: true }], {
      user: admin,
      permissions: ADMIN_PERMISSIONS,
    });
    await started;
    const progress = await discord.waitForCall((c) => isOriginalEdit(token)(c) && /Reindexing/.test(c.body.content));
    expect(progress.body.allowed_mentions).toEqual({ parse: [] });
    expect(engine.reindexCalls.at(-1)).toEqual({ full: true });

    // A question while the reindex runs is answered.
    const q = discord.slash('ask', [{ name: 'question', type: STRING, value: 'during reindex?' }], { user: newUser('busy') });
    const answer = await discord.waitForCall(isOriginalEdit(q.token));
    expect(embedOf(answer).description).toContain('> ');

    // A second reindex (by a member with the admin role) is refused politely.
    const second = discord.slash('reindex', [], { user: newUser('roleadmin'), roles: [discord.adminRoleId] });
    const refused = await discord.waitForCall(isCallback(second.token));
    expect(refused.body.data.content).toContain('already running');
    expect(engine.reindexCalls.length).toBe(1);

    gate.resolve(SUMMARY);
    const done = await discord.waitForCall((c) => isOriginalEdit(token)(c) && c.body.content.startsWith('✅'));
    expect(done.body.content).toContain('4 article(s), 37 passage(s)');
    expect(done.body.content).toContain('skipped empty.txt: empty file');
    engine.reindexGate = null;
    engine.onReindexStart = null;
  });

  it('THEN of two /reindex sent at the same moment, the second is refused ephemerally before any public "thinking…"', async () => {
    const gate = deferred<IngestSummary>();
    engine.reindexGate = gate;
    const before = engine.reindexCalls.length;
    const first = discord.slash('reindex', [], { user: newUser('admin3'), permissions: ADMIN_PERMISSIONS });
    const second = discord.slash('reindex', [], { user: newUser('admin4'), permissions: ADMIN_PERMISSIONS });
    const firstCallback = await discord.waitForCall(isCallback(first.token));
    expect(firstCallback.body.type).toBe(5);
    const refused = await discord.waitForCall(isCallback(second.token));
    // Type 4 with the ephemeral flag: never a deferral (type 5) that is later deleted.
    expect(refused.body.type).toBe(4);
    expect(refused.body.data.flags & 64).toBe(64);
    expect(refused.body.data.content).toContain('already running');
    expect(discord.callsWith(second.token).filter((c) => c.method === 'DELETE')).toHaveLength(0);
    gate.resolve(SUMMARY);
    await discord.waitForCall((c) => isOriginalEdit(first.token)(c) && c.body.content.startsWith('✅'));
    expect(engine.reindexCalls.length).toBe(before + 1);
    engine.reindexGate = null;
  });

  it('THEN a failing reindex reports why, without paths, and says the old index keeps serving', async () => {
    const gate = deferred<IngestSummary>();
    engine.reindexGate = gate;
    const started = new Promise<unknown>((resolve) => (engine.onReindexStart = resolve));
    const { token } = discord.slash('reindex', [], { user: newUser('admin2'), roles: [discord.adminRoleId] });
    await started;
    gate.reject(new Error('EACCES: permission denied, open /srv/secret/data/index/manifest.json'));
    const done = await discord.waitForCall((c) => isOriginalEdit(token)(c) && c.body.content.startsWith('❌'));
    expect(done.body.content).toContain('manifest.json');
    expect(done.body.content).not.toContain('/srv/secret');
    expect(done.body.content).toContain('previous index is still serving');
    engine.reindexGate = null;
    engine.onReindexStart = null;
  });
});

describe('GIVEN /add-article with an attachment', () => {
  function attach(name: string, text: string) {
    const file = discord.hostFile(encodeURIComponent(name), text);
    return {
      options: [{ name: 'file', type: ATTACHMENT, value: file.id }],
      resolved: {
        attachments: {
          [file.id]: { id: file.id, filename: name, size: file.size, url: file.url, proxy_url: file.url, content_type: 'text/plain' },
        },
      },
    };
  }

  it('THEN an admin upload is stored under a sanitized name and indexed; a duplicate needs replace', async () => {
    const a = attach('../../Evil Name!.md', '# Title\n\nSome article text.');
    const { token } = discord.slash('add-article', a.options, {
      resolved: a.resolved,
      permissions: ADMIN_PERMISSIONS,
      user: newUser('uploader'),
    });
    const done = await discord.waitForCall((c) => isOriginalEdit(token)(c) && c.body.content.includes('✅'));
    expect(done.body.content).toContain('Saved `Evil_Name.md`');
    expect(await readFile(join(dir, 'articles', 'Evil_Name.md'), 'utf8')).toBe('# Title\n\nSome article text.');
    expect(engine.reindexCalls.at(-1)).toEqual({ full: false });

    const again = attach('Evil Name.md', 'other');
    const second = discord.slash('add-article', again.options, {
      resolved: again.resolved,
      permissions: ADMIN_PERMISSIONS,
      user: newUser('uploader2'),
    });
    // The deferral was ephemeral, so the refusal replaces it (still only visible to the uploader).
    const refused = await discord.waitForCall((c) => isOriginalEdit(second.token)(c));
    expect(refused.body.content).toContain('already exists');
    expect(discord.original(second.token)?.flags & 64).toBe(64);
    expect(await readFile(join(dir, 'articles', 'Evil_Name.md'), 'utf8')).toBe('# Title\n\nSome article text.');
  });

  it('THEN a non-admin cannot add articles', async () => {
    const a = attach('note.txt', 'text');
    const { token } = discord.slash('add-article', a.options, { resolved: a.resolved, user: newUser('intruder') });
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.data.content).toContain('Only server administrators');
    await expect(readFile(join(dir, 'articles', 'note.txt'), 'utf8')).rejects.toThrow();
  });

  it('THEN a wrong file type is refused before downloading', async () => {
    const a = attach('malware.exe', 'MZ');
    const { token } = discord.slash('add-article', a.options, { resolved: a.resolved, permissions: ADMIN_PERMISSIONS });
    const cb = await discord.waitForCall(isCallback(token));
    expect(cb.body.data.content).toContain('Only .txt, .md, .html, .jsonl');
  });
});

describe('GIVEN Discord answers a call with 429', () => {
  it('THEN the bot waits and retries, and the user still gets the answer', async () => {
    discord.rateLimitNext((method, path) => method === 'PATCH' && path.includes('@original'), 0.2);
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: 'rate limited?' }], { user: newUser('limited') });
    const edit = await discord.waitForCall(isOriginalEdit(token));
    expect(embedOf(edit).description).toContain('> ');
    const attempts = discord.callsWith(token).filter((c) => c.method === 'PATCH');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    // The server's 429 is logged as a warning, with its scope.
    const warned = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'discord rate limit (429)');
    expect(warned.some((l) => l.level === 40 && l.scope === 'user' && l.method === 'PATCH')).toBe(true);
  });

  it("THEN a burst that only fills discord.js's own 50-per-second queue is logged at debug, never as a warning", async () => {
    // Start in a fresh one-second window of discord.js's global counter, so the first 51 requests share it.
    const rest = bot.client.rest;
    while (Date.now() <= rest.globalReset) await new Promise((r) => setTimeout(r, 20));
    const from = logLines.length;
    await Promise.all(Array.from({ length: 80 }, () => rest.get(Routes.user('@me'))));
    const lines = logLines.slice(from).map((l) => JSON.parse(l) as { level: number; msg: string; global?: boolean });
    // discord.js held requests back (global queue) while the server answered every one with 200.
    expect(lines.some((l) => l.level === 20 && l.msg === 'discord.js queued requests' && l.global === true)).toBe(true);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});

describe('GIVEN the fake server itself', () => {
  it('THEN it rejects an over-long message with 50035 like Discord', async () => {
    const error = await bot.client.rest
      .post(Routes.channelMessages(discord.channelId), { body: { content: 'x'.repeat(2001), allowed_mentions: { parse: [] } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    // Remove the deliberate failure from the record checked below.
    discord.calls.splice(
      discord.calls.findIndex((c) => c.status === 400),
      1,
    );
  });
});

describe('GIVEN an engine that throws', () => {
  it('THEN the user gets the catalog message ephemerally and the bot keeps answering', async () => {
    const q = 'explode';
    const original = engine.ask.bind(engine);
    engine.ask = async (question, options) => {
      if (question === q) throw new Error('boom: index corrupted');
      return original(question, options);
    };
    const { token } = discord.slash('ask', [{ name: 'question', type: STRING, value: q }], { user: newUser('exploder') });
    const follow = await discord.waitForCall((c) => c.method === 'POST' && c.path.includes(token) && c.path.split('/').length === 4);
    expect(follow.body.content).toContain('Something went wrong');
    expect(follow.body.flags & 64).toBe(64);
    expect(discord.callsWith(token).some((c) => c.method === 'DELETE')).toBe(true);
    const next = discord.slash('ask', [{ name: 'question', type: STRING, value: 'still alive?' }], { user: newUser('after') });
    await discord.waitForCall(isOriginalEdit(next.token));
    engine.ask = original;
  });
});

describe('GIVEN all the calls the bot made', () => {
  it('THEN every message it sent carries allowed_mentions with an empty parse list and fit the limits', () => {
    const sends = discord.calls.filter(
      (c) =>
        (c.method === 'POST' || c.method === 'PATCH') &&
        (c.path.includes('/messages') || c.path.startsWith('/webhooks') || c.path.endsWith('/callback')) &&
        !c.path.endsWith('/typing'),
    );
    expect(sends.length).toBeGreaterThan(10);
    for (const c of sends) {
      const body = c.path.endsWith('/callback') ? c.body.data : c.body;
      if (c.path.endsWith('/callback') && (c.body.type === 5 || c.body.type === 6)) continue;
      expect(body.allowed_mentions?.parse, `${c.method} ${c.path}`).toEqual([]);
    }
    expect(discord.calls.filter((c) => c.status === 400)).toEqual([]);
  });

  it('THEN the token never appears in the logs', () => {
    expect(logLines.length).toBeGreaterThan(5);
    expect(logLines.join('\n')).not.toContain(discord.token);
  });
});

describe('GIVEN a wrong token', () => {
  it('THEN startBot rejects instead of hanging, and nothing is left running', async () => {
    const config = loadConfig({ DISCORD_TOKEN: 'wrong.token.value', DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent' });
    await expect(startBot(config, engine, { logger: createLogger({ level: 'silent' }) })).rejects.toThrow(/token/i);
  });
});

describe('GIVEN deploy-commands pointed at the fake server', () => {
  it('THEN all six commands are registered for the configured guild', async () => {
    const config = loadConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_CLIENT_ID: discord.bot.id,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_API_URL: discord.apiUrl,
    });
    const result = await deployCommands(config);
    expect(result.scope).toBe('guild');
    expect(result.inviteUrl).toContain(`client_id=${discord.bot.id}`);
    expect(result.inviteUrl).toContain('scope=bot+applications.commands');
    expect([...result.names].sort()).toEqual(['add-article', 'ask', 'help', 'reindex', 'sources', 'timeline']);
    const put = discord.calls.find((c) => c.method === 'PUT' && c.path.endsWith('/commands'));
    expect(put?.path).toBe(`/applications/${discord.bot.id}/guilds/${discord.guildId}/commands`);
    const reindex = (put?.body as any[]).find((c) => c.name === 'reindex');
    expect(reindex.default_member_permissions).toBe('8');
  });
  it('THEN without DISCORD_GUILD_ID they are registered globally', async () => {
    const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_CLIENT_ID: discord.bot.id, DISCORD_API_URL: discord.apiUrl });
    expect((await deployCommands(config)).scope).toBe('global');
    expect(discord.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${discord.bot.id}/commands`)).toBe(true);
  });
});
