/**
 * `npm run timeline -- [--index DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--max-dates N] [--per-date K] [--json] "topic"`
 * Prints the dated, quoted timeline of a topic from the saved index. With --json, one object on
 * stdout: {"topic", "events": [{date, precision, approximate, quote, start, end, article, alsoReportedBy}], "ms"}
 * (plus "reason" when there are no events). Exit 0 on any timeline or "no events", 1 on error, 2 on bad usage.
 */
import { parseCli, usageError } from '../src/cli/args.js';
import { runMain } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { timelineJson } from '../src/cli/json.js';
import { formatTimeline } from '../src/cli/format-text.js';
import { openSavedIndex } from '../src/engine/open.js';
import { isIsoDate } from '../src/timeline/calendar.js';
import { timelineFor, type TimelineParams } from '../src/timeline/timeline.js';

const USAGE =
  'usage: npm run timeline -- [--index DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--max-dates N] [--per-date K] [--json] "topic"';

type Parsed =
  | {
      readonly ok: true;
      readonly topic: string;
      readonly indexDir: string | undefined;
      readonly json: boolean;
      readonly params: TimelineParams;
    }
  | { readonly ok: false; readonly code: number };

function parse(argv: readonly string[]): Parsed {
  const cli = parseCli(
    argv,
    {
      index: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'max-dates': { type: 'string' },
      'per-date': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return { ok: false, code: cli.code };
  const { values, positionals } = cli;
  const bad = (message: string): Parsed => ({ ok: false, code: usageError(message, USAGE).code });
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v !== undefined && !isIsoDate(v)) return bad(`--${k} must be a date YYYY-MM-DD, got "${v}"`);
  }
  if (values.from && values.to && values.from > values.to) return bad('--from is after --to');
  // No upper bound on dates: a timeline may have as many dates as the collection names (a
  // 155-date timeline is legitimate). Events per date stay bounded: more is no longer a timeline.
  const count = (name: 'max-dates' | 'per-date', max: number): number | undefined | Error => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (Number.isSafeInteger(n) && n >= 1 && n <= max) return n;
    return new Error(`--${name} must be an integer from 1${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got "${v}"`);
  };
  const maxDates = count('max-dates', Number.MAX_SAFE_INTEGER);
  const perDate = count('per-date', 100);
  if (maxDates instanceof Error) return bad(maxDates.message);
  if (perDate instanceof Error) return bad(perDate.message);
  const topic = positionals.join(' ').trim();
  if (!topic) return bad('a topic is required');
  const params: TimelineParams = {
    ...(values.from !== undefined && { from: values.from }),
    ...(values.to !== undefined && { to: values.to }),
    ...(maxDates !== undefined && { maxDates }),
    ...(perDate !== undefined && { perDate }),
  };
  return { ok: true, topic, indexDir: values.index, json: values.json, params };
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (!args.ok) return args.code;
  const config = loadConfig();
  const deps = await openSavedIndex(args.indexDir ?? config.indexDir, config, (w) => process.stderr.write(`warning: ${w}\n`));
  const t0 = performance.now();
  const result = await timelineFor(deps, args.topic, args.params);
  const ms = Math.round((performance.now() - t0) * 10) / 10;
  if (args.json) {
    process.stdout.write(`${JSON.stringify(timelineJson(result, ms))}\n`);
  } else {
    process.stdout.write(`${formatTimeline(result)}\n`);
  }
  return 0;
}

runMain(main);
