import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildArticle } from '../../src/ingest/article.js';
import { parseFile } from '../../src/ingest/parse.js';
import { buildSearchIndexInMemory } from '../../src/index/memory.js';
import type { SearchIndex } from '../../src/index/types.js';

export const SEED_DIR = join(import.meta.dirname, '../../data/articles');
export const FIXTURE_DIR = join(import.meta.dirname, '../fixtures/dating');

/** Every article file of `dir` parsed by the real ingestion parser, as one in-memory index. */
export function indexOfDir(dir: string): SearchIndex {
  const articles = readdirSync(dir)
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .sort()
    .flatMap((f) => {
      const r = parseFile(f, readFileSync(join(dir, f)));
      if (r.kind !== 'parsed') throw new Error(`${f}: ${r.reason}`);
      return r.articles.map((raw, i) => buildArticle(raw, f, i + 1));
    });
  return buildSearchIndexInMemory(articles);
}
