/**
 * `npm start` — the main job: builds the index if it is missing, then starts the Discord bot,
 * or, without DISCORD_TOKEN, explains how to connect one and opens a terminal chat on the same engine.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { runChat } from '../src/cli/chat.js';
import { createEngine } from '../src/engine/engine.js';
import { IndexLoadError } from '../src/index/store.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.discordToken) {
    const { main: runBot } = await import('../src/discord/main.js');
    await runBot();
    return;
  }
  process.stderr.write(
    'DISCORD_TOKEN is not set, so the Discord bot is not started.\n' +
      'To run the bot: copy .env.example to .env, fill in DISCORD_TOKEN and DISCORD_CLIENT_ID, run `npm run deploy-commands` once, then `npm start`.\n' +
      'Meanwhile, here is a terminal chat on the same engine.\n\n',
  );
  const engine = await createEngine(config, (e) => {
    if (e.kind === 'warning') process.stderr.write(`warning: ${e.message}\n`);
    if (e.kind === 'building') process.stderr.write(`building the index (${e.reason})…\n`);
  });
  await runChat(engine, process.stdin, process.stdout);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof IndexLoadError) process.stderr.write(`error: ${e.message}\n`);
  else process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
