/** `npm run chat` — terminal chat on the engine, without Discord. */
import { chatInTerminal } from '../src/cli/chat.js';
import { runMain } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';

runMain(async () => {
  await chatInTerminal(loadConfig());
  return 0;
});
