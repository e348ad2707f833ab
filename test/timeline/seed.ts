/**
 * Test helper: the seed corpus (data/articles) as Articles, parsed crudely but independently of
 * the ingestion pipeline: file 000 is split at its "… Posted by | …" lines, a "Source – Month D,
 * YYYY" line gives source and publication date, the first line is the title.
 */
import { buildArticle } from '../../src/ingest/article.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/core/types.js';
import { buildSearchIndexInMemory } from '../../src/index/memory.js';
import type { SearchIndex } from '../../src/index/types.js';

export const SEED_DIR = join(import.meta.dirname, '../../data/articles');

const DATELINE =
  /^(.+?)\s+[–|-]\s+((?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4})\s*$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isoOfWritten(s: string): string {
  const m = /^(\w+) (\d{1,2}), (\d{4})$/.exec(s)!;
  return `${m[3]}-${String(MONTHS.indexOf(m[1]!) + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** Builds an Article from a title, metadata and body text (sentences and dates computed). */
export function makeArticle(
  id: string,
  file: string,
  title: string,
  source: string | null,
  published: string | null,
  text: string,
): Article {
  return buildArticle({ id, title, source, url: null, published, text }, file, 1);
}

function parseSegment(raw: string, file: string, ordinal: number): Article {
  const lines = raw
    .split('\n')
    .filter(
      (l, i, all) =>
        !(i === 0 && l.trim() === 'Aletho News') &&
        !(l.trim() === '' && all.slice(0, i).every((x) => x.trim() === '' || x.trim() === 'Aletho News')),
    );
  const nonEmpty = lines.findIndex((l) => l.trim() !== '' && l.trim() !== 'Aletho News');
  const title = lines[nonEmpty]!.trim();
  let source: string | null = null;
  let published: string | null = null;
  let bodyFrom = nonEmpty + 1;
  const dl = lines.findIndex((l, i) => i > nonEmpty && i <= nonEmpty + 4 && DATELINE.test(l.trim()));
  if (dl >= 0) {
    const m = DATELINE.exec(lines[dl]!.trim())!;
    source = m[1]!.trim();
    published = isoOfWritten(m[2]!);
    bodyFrom = dl + 1;
  }
  const text = lines.slice(bodyFrom).join('\n').trim();
  return makeArticle(`${file.replace(/\.txt$/, '')}#${ordinal}`, file, title, source, published, text);
}

/** All seed articles, in file order. */
export function seedArticles(): Article[] {
  const out: Article[] = [];
  for (const file of readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const raw = readFileSync(join(SEED_DIR, file), 'utf8');
    const segments = raw.split(/^.*Posted by \|.*$/m).filter((s) => s.trim() !== '');
    segments.forEach((seg, i) => out.push(parseSegment(seg, file, i + 1)));
  }
  return out;
}

/** The seed corpus as an in-memory search index (lexical only). */
export function seedIndex(): SearchIndex {
  return buildSearchIndexInMemory(seedArticles());
}

/**
 * The seed corpus parsed by the real ingestion code (parseFile → buildArticle → near-duplicate
 * detection), as the saved index would hold it, minus the disk.
 */
export async function seedIndexViaPipeline(): Promise<SearchIndex> {
  const { parseFile } = await import('../../src/ingest/parse.js');
  const { buildArticle } = await import('../../src/ingest/article.js');
  const { findNearDuplicates } = await import('../../src/ingest/dedupe.js');
  const articles: Article[] = [];
  for (const file of readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const parsed = parseFile(file, readFileSync(join(SEED_DIR, file)));
    if (parsed.kind !== 'parsed') continue;
    parsed.articles.forEach((raw, i) => articles.push(buildArticle(raw, file, i + 1)));
  }
  return buildSearchIndexInMemory(articles, { duplicateOf: findNearDuplicates(articles) });
}
