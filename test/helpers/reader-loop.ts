/**
 * Child process for the concurrent-readers test: loads the index over and over until the file
 * `stop` exists, then prints `{"ok":N,"failed":N,"errors":[…]}` on stdout.
 */
import { existsSync } from 'node:fs';
import { loadSearchIndex } from '../../src/index/store.js';

const [indexDir, stop] = process.argv.slice(2) as [string, string];
let ok = 0;
const errors: string[] = [];
process.stdout.write('ready\n');
while (!existsSync(stop)) {
  try {
    await loadSearchIndex(indexDir);
    ok++;
  } catch (e) {
    errors.push((e as Error).message);
  }
}
process.stdout.write(`${JSON.stringify({ ok, failed: errors.length, errors: errors.slice(0, 3) })}\n`);
