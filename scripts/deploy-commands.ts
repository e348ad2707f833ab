/**
 * Registers the slash commands with Discord (`npm run deploy-commands`): guild-scoped when
 * DISCORD_GUILD_ID is set (instant), global otherwise (may take up to an hour to appear).
 * The bot itself never registers commands.
 */
import { pathToFileURL } from 'node:url';
import { OAuth2Scopes, PermissionFlagsBits, REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, requireDiscord, type Config } from '../src/config.js';
import { commands } from '../src/discord/commands/index.js';
import { envSecrets, scrubSecrets } from '../src/log.js';

export interface DeployResult {
  readonly scope: 'guild' | 'global';
  readonly names: readonly string[];
  /** Link to add the bot to a server with exactly the permissions it needs. */
  readonly inviteUrl: string;
}

/** What the bot needs in a channel: read it, reply with embeds (Embed Links), follow reply chains. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** The OAuth2 URL that installs the bot with its slash commands. */
export function inviteUrl(clientId: string): string {
  const params = new URLSearchParams({
    client_id: clientId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** PUTs every command (replacing the registered set) and returns what Discord now holds. */
export async function deployCommands(config: Config): Promise<DeployResult> {
  const { discordToken, discordClientId } = requireDiscord(config, ['discordToken', 'discordClientId']);
  const rest = new REST({ api: config.discordApiUrl }).setToken(discordToken);
  const body = commands.map((c) => c.data.toJSON());
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(discordClientId, config.discordGuildId)
    : Routes.applicationCommands(discordClientId);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  return {
    scope: config.discordGuildId ? 'guild' : 'global',
    names: registered.map((c) => c.name),
    inviteUrl: inviteUrl(discordClientId),
  };
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  try {
    const result = await deployCommands(loadConfig());
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (e) {
    const line = e instanceof ConfigError ? e.message : `deploy failed: ${e instanceof Error ? e.message : String(e)}`;
    // Error messages can echo request headers: never print the token.
    process.stderr.write(`${scrubSecrets(line, envSecrets())}\n`);
    process.exit(1);
  }
}
