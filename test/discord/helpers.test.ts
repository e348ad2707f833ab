import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, type ButtonAction } from '../../src/discord/customId.js';
import { parseDateBound } from '../../src/discord/dates.js';
import { UserError, safeReason, userMessage } from '../../src/discord/errors.js';
import { FeedbackSink } from '../../src/discord/feedback.js';
import { extractQuestion, isQuestionForBot } from '../../src/discord/messages.js';
import { isAdmin } from '../../src/discord/permissions.js';
import { ThrottledEditor } from '../../src/discord/progress.js';
import { RateLimiter } from '../../src/discord/rateLimit.js';
import { ResultStore } from '../../src/discord/store.js';
import { checkAttachment, sanitizeFilename, storeArticle } from '../../src/discord/upload.js';
import { createLogger, scrubSecrets } from '../../src/log.js';

describe('GIVEN the result store', () => {
  it('THEN ids are short, values come back, the least recently used is evicted and entries expire', () => {
    let now = 0;
    const store = new ResultStore<string>({ maxEntries: 2, ttlMs: 1000, now: () => now });
    const a = store.put('a');
    const b = store.put('b');
    expect(a).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(store.get(a)).toBe('a'); // a is now the most recent
    store.put('c');
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)).toBe('a');
    now = 2000;
    expect(store.get(a)).toBeUndefined();
  });
});

describe('GIVEN the rate limiter at 2 per minute', () => {
  it('THEN the third hit is refused with the wait until the oldest expires, per user', () => {
    let now = 0;
    const rl = new RateLimiter(2, 60_000, () => now);
    expect(rl.hit('u').ok).toBe(true);
    now = 10_000;
    expect(rl.hit('u').ok).toBe(true);
    expect(rl.hit('u')).toEqual({ ok: false, retryAfterMs: 50_000 });
    expect(rl.hit('v').ok).toBe(true);
    now = 60_001;
    expect(rl.hit('u').ok).toBe(true);
  });
});

describe('GIVEN button customIds', () => {
  it('THEN every action round-trips and stays under 100 characters', () => {
    const actions: ButtonAction[] = [
      { action: 'page', id: 'Ab_-1234', page: 2 },
      { action: 'context', id: 'Ab_-1234', excerpt: 8 },
      { action: 'vote', id: 'Ab_-1234', page: 1, vote: 'down' },
    ];
    for (const a of actions) {
      const id = encodeCustomId(a);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toEqual(a);
    }
  });
  it('THEN foreign ids decode to null', () => {
    expect(decodeCustomId('other:thing')).toBeNull();
    expect(decodeCustomId('q:pg:../x:1')).toBeNull();
  });
});

describe('GIVEN timeline date bounds', () => {
  it('THEN from takes the first day and to the last day of the period', () => {
    expect(parseDateBound('2023', 'from')).toBe('2023-01-01');
    expect(parseDateBound('2023', 'to')).toBe('2023-12-31');
    expect(parseDateBound('2024-02', 'to')).toBe('2024-02-29');
    expect(parseDateBound('2023-11-05', 'to')).toBe('2023-11-05');
    expect(parseDateBound('Nov 2023', 'from')).toBe('2023-11-01');
    expect(parseDateBound('1 November 2023', 'to')).toBe('2023-11-01');
    expect(parseDateBound('November 3, 2023', 'to')).toBe('2023-11-03');
  });
  it('THEN nonsense and impossible dates are rejected', () => {
    expect(parseDateBound('yesterday', 'from')).toBeNull();
    expect(parseDateBound('2023-13', 'from')).toBeNull();
    expect(parseDateBound('2023-02-30', 'from')).toBeNull();
  });
});

describe('GIVEN messages in channels', () => {
  const base = { authorIsBot: false, mentionsBot: false, repliesToBot: false, channelId: 'c1' };
  it('THEN mentions, replies to the bot and ask-channel messages are questions; bots never', () => {
    expect(isQuestionForBot({ ...base, mentionsBot: true }, [])).toBe(true);
    expect(isQuestionForBot({ ...base, repliesToBot: true }, [])).toBe(true);
    expect(isQuestionForBot(base, ['c1'])).toBe(true);
    expect(isQuestionForBot(base, ['c2'])).toBe(false);
    expect(isQuestionForBot({ ...base, authorIsBot: true, mentionsBot: true }, ['c1'])).toBe(false);
  });
  it('THEN the bot mention is removed from the question', () => {
    expect(extractQuestion('<@123>  what  happened? <@!123>', '123')).toBe('what happened?');
    expect(extractQuestion('<@999> hi', '123')).toBe('<@999> hi');
  });
});

describe('GIVEN members', () => {
  it('THEN Administrator or a configured role makes an admin, outside a guild never', () => {
    expect(isAdmin({ inGuild: true, permissions: 8n, roleIds: [] }, [])).toBe(true);
    expect(isAdmin({ inGuild: true, permissions: 1024n, roleIds: ['r1'] }, ['r1'])).toBe(true);
    expect(isAdmin({ inGuild: true, permissions: 1024n, roleIds: ['r2'] }, ['r1'])).toBe(false);
    expect(isAdmin({ inGuild: false, permissions: 8n, roleIds: [] }, [])).toBe(false);
  });
});

describe('GIVEN uploaded file names', () => {
  it('THEN path tricks, hidden files and odd characters are neutralised', () => {
    expect(sanitizeFilename('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(sanitizeFilename('..\\..\\win.md')).toBe('win.md');
    expect(sanitizeFilename('.hidden.txt')).toBe('hidden.txt');
    expect(sanitizeFilename('Été à Gaza (1).HTML')).toBe('Ete_a_Gaza_1.html');
    expect(sanitizeFilename('.txt')).toBeNull();
    expect(sanitizeFilename('a.exe')).toBeNull();
  });
  it('THEN type and declared size are checked before download', () => {
    expect(checkAttachment({ name: 'a.pdf', size: 1 }, 10)).toMatchObject({ ok: false, problem: { code: 'uploadType' } });
    expect(checkAttachment({ name: 'a.txt', size: 11 }, 10)).toMatchObject({ ok: false, problem: { code: 'uploadTooLarge' } });
    expect(checkAttachment({ name: 'a b.txt', size: 5 }, 10)).toEqual({ ok: true, name: 'a_b.txt' });
  });
});

describe('GIVEN an articles directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upload-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  it('THEN a new file is written, an existing one only with replace, and unsafe names are refused', async () => {
    await storeArticle(dir, 'a.txt', 'one', false);
    await expect(storeArticle(dir, 'a.txt', 'two', false)).rejects.toMatchObject({ problem: { code: 'uploadExists' } });
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('one');
    await storeArticle(dir, 'a.txt', 'two', true);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('two');
    await expect(storeArticle(dir, '../escape.txt', 'x', true)).rejects.toBeInstanceOf(UserError);
  });
  it('THEN feedback records are appended as JSON lines', async () => {
    const file = join(dir, 'fb', 'feedback.jsonl');
    const sink = new FeedbackSink(file);
    const rec = { at: 't', userId: 'u', vote: 'up' as const, question: 'q', page: 0, excerpts: [], guildId: null, messageId: null };
    await Promise.all([sink.record(rec), sink.record({ ...rec, vote: 'down' })]);
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.vote)).toEqual(['up', 'down']);
    await writeFile(file, '');
  });
});

describe('GIVEN failures', () => {
  it('THEN reasons shown to users lose directories and extra lines', () => {
    expect(safeReason(new Error('ENOENT: no such file, open /home/bot/data/index/x.json\nstack'))).toBe(
      'ENOENT: no such file, open x.json',
    );
    expect(safeReason('x'.repeat(400)).length).toBeLessThanOrEqual(300);
  });
  it('THEN the catalog has a message for each problem', () => {
    expect(userMessage({ code: 'rateLimited', retryAfterMs: 1500 })).toContain('2 s');
    expect(userMessage({ code: 'uploadTooLarge', maxBytes: 5 * 1024 * 1024 })).toContain('5.0 MB');
  });
});

describe('GIVEN a throttled editor', () => {
  it('THEN rapid updates collapse to few edits and the final text always lands last', async () => {
    const edits: string[] = [];
    const editor = new ThrottledEditor(async (t) => void edits.push(t), 50);
    for (let i = 0; i < 20; i += 1) editor.update(`step ${i}`);
    await editor.finish('done');
    expect(edits[0]).toBe('step 0');
    expect(edits.at(-1)).toBe('done');
    expect(edits.length).toBeLessThanOrEqual(3);
  });
});

describe('GIVEN the logger', () => {
  it('THEN the token is scrubbed from messages and redacted from known keys', () => {
    const lines: string[] = [];
    const token = 'secret.token.value-123';
    const log = createLogger({ level: 'info', secrets: [token], write: (l) => lines.push(l) });
    log.info({ token, config: { discordToken: token }, headers: { authorization: `Bot ${token}` } }, `login with ${token}`);
    log.error({ err: new Error(`bad token ${token}`) }, 'failed');
    const out = lines.join('');
    expect(out).not.toContain(token);
    expect(out).toContain('[redacted]');
    expect(scrubSecrets('abc', ['short'])).toBe('abc');
  });
});
