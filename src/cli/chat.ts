/**
 * Interactive terminal chat over an {@link Engine}: a question per line, or
 * `/timeline TOPIC`, `/sources`, `/help`, `/quit`.
 */
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config.js';
import { createEngine } from '../engine/engine.js';
import type { Engine } from '../engine/types.js';
import { citationLine, formatAnswer, formatTimeline } from './format-text.js';

const HELP = 'Ask a question, or: /timeline TOPIC · /sources · /help · /quit';

/** Runs until `/quit` or end of input. Errors in one question are reported and the chat goes on. */
export async function runChat(engine: Engine, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  output.write(`${HELP}\n(${engine.mode} search, ${engine.sources().length} articles)\n`);
  rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    try {
      if (text === '/quit' || text === '/exit') break;
      if (text === '/help' || text === '') output.write(`${HELP}\n`);
      else if (text === '/sources')
        output.write(
          `${engine
            .sources()
            .map((s) => `- ${citationLine(s.article)}${s.reasons ? `\n    outlet: ${s.reasons.source}\n    date: ${s.reasons.date}` : ''}`)
            .join('\n')}\n`,
        );
      else if (text.startsWith('/timeline'))
        output.write(`${formatTimeline(await engine.timeline(text.slice('/timeline'.length).trim()))}\n`);
      else output.write(`${formatAnswer(await engine.ask(text))}\n`);
    } catch (e) {
      output.write(`Sorry, that failed: ${(e as Error).message}\n`);
    }
    rl.prompt();
  }
  rl.close();
}

/** Loads (or first builds) the index with start-up messages on stderr, then chats on stdin/stdout. */
export async function chatInTerminal(config: Config): Promise<void> {
  const engine = await createEngine(config, (e) => {
    if (e.kind === 'warning') process.stderr.write(`warning: ${e.message}\n`);
    if (e.kind === 'building') process.stderr.write(`building the index (${e.reason})…\n`);
  });
  await runChat(engine, process.stdin, process.stdout);
}
