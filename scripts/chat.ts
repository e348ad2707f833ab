/** `npm run chat` — terminal chat on the engine, without Discord. */
import { runChat } from '../src/cli/chat.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createEngine } from '../src/engine/engine.js';
import { IndexLoadError } from '../src/index/store.js';

try {
  const engine = await createEngine(loadConfig(), (e) => {
    if (e.kind === 'warning') process.stderr.write(`warning: ${e.message}\n`);
    if (e.kind === 'building') process.stderr.write(`building the index (${e.reason})…\n`);
  });
  await runChat(engine, process.stdin, process.stdout);
} catch (e) {
  if (e instanceof ConfigError || e instanceof IndexLoadError) process.stderr.write(`error: ${e.message}\n`);
  else process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
