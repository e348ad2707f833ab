/**
 * `npm start` — the main job: builds the index if it is missing, then starts the Discord bot,
 * or, without DISCORD_TOKEN, explains how to connect one and opens a terminal chat on the same engine.
 */
import { chatInTerminal } from '../src/cli/chat.js';
import { failureLine, runMain } from '../src/cli/run.js';
import { type Config, loadConfig } from '../src/config.js';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  // Bad configuration is reported like every other script's errors: readable lines, no stack.
  process.stderr.write(`${failureLine(e)}\n`);
  process.exit(1);
}
if (config.discordToken) {
  // The bot keeps the process alive and handles its own errors and signals.
  const { main } = await import('../src/discord/main.js');
  await main();
} else {
  process.stderr.write(
    'DISCORD_TOKEN is not set, so the Discord bot is not started.\n' +
      'To run the bot: copy .env.example to .env, fill in DISCORD_TOKEN and DISCORD_CLIENT_ID, run `npm run deploy-commands` once, then `npm start`.\n' +
      'Meanwhile, here is a terminal chat on the same engine.\n\n',
  );
  runMain(async () => {
    await chatInTerminal(config);
    return 0;
  });
}
