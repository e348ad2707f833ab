/**
 * `npm run ingest -- [--articles DIR] [--index DIR | --database URL] [--full] [--json]`
 * Builds or incrementally updates the saved index from the article files: the embedded one
 * under --index, or the PostgreSQL one of --database (default DATABASE_URL when set).
 */
import cliProgress from 'cli-progress';
import { runMain } from '../src/cli/run.js';
import { parseCli, usageError } from '../src/cli/args.js';
import { loadConfig } from '../src/config.js';
import { loadModels } from '../src/engine/models.js';
import { ingest } from '../src/ingest/pipeline.js';
import { readManifest } from '../src/index/store.js';
import type { IngestProgress, IngestSummary } from '../src/ingest/types.js';
import { fileProgress } from '../src/ingest/progress.js';
import type { PgIngestOptions } from '../src/index/pg/ingest.js';

const USAGE = 'usage: npm run ingest -- [--articles DIR] [--index DIR | --database URL] [--full] [--json]';

async function main(): Promise<number> {
  const cli = parseCli(
    process.argv.slice(2),
    {
      articles: { type: 'string' },
      index: { type: 'string' },
      database: { type: 'string' },
      full: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (cli.kind === 'exit') return cli.code;
  const args = cli.values;
  if (cli.positionals.length > 0) return usageError(`unexpected argument ${cli.positionals[0]}`, USAGE).code;
  const config = loadConfig();
  const indexDir = args.index ?? config.indexDir;
  // An explicit --index means the embedded index even when DATABASE_URL is set.
  const databaseUrl = args.database ?? (args.index === undefined ? config.databaseUrl : null);
  const db = databaseUrl ? await openCheckedDatabase(databaseUrl) : null;
  try {
    const manifest = args.full ? null : db ? await db.manifest() : await readManifest(indexDir).catch(() => null);
    const models = await loadModels(config, false, {
      indexModelId: manifest?.model?.id ?? null,
      onNote: (m) => process.stderr.write(`${m}\n`),
    });
    const warning = models.warnings[0];
    const common = {
      articlesDir: args.articles ?? config.articlesDir,
      full: args.full,
      embedder: models.embedder,
      ...(warning ? { embedderWarning: warning } : {}),
      onProgress: progressReporter(),
    };
    const summary = db ? await db.ingest(common) : await ingest({ ...common, indexDir });
    report(summary, args.json);
  } finally {
    await db?.close();
  }
  return 0;
}

function report(summary: IngestSummary, json: boolean): void {
  if (json) {
    const { articles, chunks, files, mode, ms, warnings } = summary;
    process.stdout.write(`${JSON.stringify({ articles, chunks, files, mode, ms, warnings })}\n`);
  } else {
    process.stdout.write(describe(summary));
  }
}

/** The PostgreSQL database of --database / DATABASE_URL, schema checked (imported lazily: the embedded path never loads the driver). */
async function openCheckedDatabase(url: string) {
  const { openDatabase } = await import('../src/index/pg/db.js');
  const { checkSchema } = await import('../src/index/pg/migrate.js');
  const { ingestToDatabase, liveManifest } = await import('../src/index/pg/ingest.js');
  const db = await openDatabase(url);
  try {
    await checkSchema(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return {
    manifest: () => liveManifest(db),
    ingest: (options: Omit<PgIngestOptions, 'db'>) => ingestToDatabase({ ...options, db }),
    close: () => db.close(),
  };
}

/** A progress bar on a terminal; plain lines (to stderr) otherwise, so logs stay readable. */
function progressReporter(): (p: IngestProgress) => void {
  const tty = process.stderr.isTTY;
  let bar: cliProgress.SingleBar | null = null;
  let lastLine = 0;
  return (p) => {
    switch (p.stage) {
      case 'scan':
        process.stderr.write(`found ${p.files} file(s)\n`);
        break;
      case 'parse':
      case 'embed': {
        // A big file takes a while to parse: name it and its size before the wait, then how far
        // into it the parse is (streamed JSON Lines, batch by batch).
        const within = p.stage === 'parse' ? oneLine(fileProgress(p)) : '';
        // Within a streamed file, one line a second at most (it reports after every batch).
        const streamed = p.stage === 'parse' && p.read !== undefined;
        if (within && !tty && (!streamed || Date.now() - lastLine > 1000)) {
          lastLine = Date.now();
          process.stderr.write(`parsing ${within}\n`);
        }
        const label = p.stage === 'parse' ? 'files ' : 'chunks';
        if (tty) {
          if (!bar) {
            bar = new cliProgress.SingleBar(
              { format: `${label} [{bar}] {value}/{total} {file}`, stream: process.stderr, clearOnComplete: true },
              cliProgress.Presets.shades_classic,
            );
            bar.start(p.total, p.done, { file: '' });
          }
          bar.setTotal(p.total);
          bar.update(p.done, { file: within || (p.stage === 'parse' ? oneLine(p.file) : '') });
        } else if (!streamed && (Date.now() - lastLine > 1000 || p.done === p.total)) {
          lastLine = Date.now();
          process.stderr.write(`${p.stage}: ${p.done}/${p.total}\n`);
        }
        break;
      }
      case 'write':
        bar?.stop();
        bar = null;
        break;
      case 'done':
        bar?.stop();
        break;
      default:
        p satisfies never;
    }
  };
}

/** A file name or warning on one line: control characters (a newline in a name) are shown escaped, never obeyed. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function describe(s: IngestSummary): string {
  const lines = [
    s.noop
      ? `index up to date: ${s.articles} articles, ${s.chunks} chunks (${s.mode}), nothing to do (${s.ms} ms)`
      : `indexed ${s.articles} articles in ${s.chunks} chunks (${s.mode}) in ${s.ms} ms`,
  ];
  const counts = new Map<string, number>();
  for (const f of s.files) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
  lines.push(`files: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`);
  for (const f of s.files) if (f.status === 'skipped') lines.push(`  skipped ${oneLine(f.file)}: ${oneLine(f.reason ?? '')}`);
  for (const w of s.warnings) lines.push(`warning: ${oneLine(w)}`);
  return `${lines.join('\n')}\n`;
}

runMain(main);
