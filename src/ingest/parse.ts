/**
 * Parsing half of ingestion: a file's bytes → clean articles with metadata. Dispatches on the file
 * extension; each format reduces to paragraph units that share one set of boilerplate/metadata rules
 * (see parse-articles.ts). Pure: no I/O here.
 */
import type { RoleSpan } from '../core/types.js';
import { decodeBytes } from './parse-decode.js';
import { parseHtml } from './parse-html.js';
import { parseJsonLines } from './parse-jsonl.js';
import { parseMarkdown } from './parse-markdown.js';
import { articlesFromUnits } from './parse-articles.js';
import { normalizeText, textUnits } from './parse-text.js';

export { parseJsonLine } from './parse-jsonl.js';

export interface RawArticle {
  /** Id given by the source (JSON Lines `id`), else undefined: the pipeline derives a stable one. */
  readonly id?: string;
  readonly title: string;
  /** Outlet ("Press TV", "RT", "AFP"), only when the text or metadata says so. */
  readonly source: string | null;
  readonly url: string | null;
  /** `YYYY-MM-DD`. */
  readonly published: string | null;
  /** Cleaned body: boilerplate removed, paragraphs separated by exactly one blank line ("\n\n"), no title line. */
  readonly text: string;
  /** Captions, highlights and pull quotes among the paragraphs of `text`. */
  readonly roles?: readonly RoleSpan[];
  /** Reporting the text credits to another outlet or agency (not the publisher). */
  readonly creditedTo?: string | null;
  /** An admin's lower bound on the publication date (`YYYY-MM-DD`). */
  readonly publishedAfter?: string | null;
  /** Why the outlet and date are what they are; a null date reason is completed from the text's dates. */
  readonly reasons?: { readonly source: string; readonly date: string | null; readonly overridden?: boolean };
}

export type FileParse =
  | { readonly kind: 'parsed'; readonly articles: readonly RawArticle[]; readonly warnings: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

type Format = 'text' | 'markdown' | 'html' | 'jsonl';

const FORMATS: Readonly<Record<string, Format>> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

function formatOf(relPath: string): Format | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(relPath);
  return m ? (FORMATS[(m[1] ?? '').toLowerCase()] ?? null) : null;
}

/** Parses one file by extension (.txt, .md/.markdown, .html/.htm, .jsonl/.ndjson); unknown extensions are skipped with a reason. */
export function parseFile(relPath: string, bytes: Uint8Array): FileParse {
  const format = formatOf(relPath);
  if (!format) {
    const ext = /\.([^./\\]+)$/.exec(relPath)?.[1];
    return { kind: 'skipped', reason: ext ? `unsupported file type .${ext}` : 'no file extension' };
  }
  const decoded = decodeBytes(bytes);
  if (decoded.kind === 'skipped') return decoded;
  const { text } = decoded;
  const result = parseDecoded(format, text);
  if (result.kind === 'skipped') return result;
  return { kind: 'parsed', articles: result.articles, warnings: [...decoded.warnings, ...result.warnings] };
}

function parseDecoded(format: Format, text: string): FileParse {
  switch (format) {
    case 'text': {
      const r = articlesFromUnits(textUnits(normalizeText(text)));
      return withArticles(r.articles, r.warnings);
    }
    case 'markdown': {
      const r = parseMarkdown(text);
      return withArticles(r.articles, r.warnings);
    }
    case 'html': {
      const r = parseHtml(text);
      return withArticles(r.articles, r.warnings);
    }
    case 'jsonl': {
      const r = parseJsonLines(text);
      if (r.articles.length === 0 && r.errors > 0) {
        return { kind: 'skipped', reason: `no valid JSON Lines records (${r.errors} bad lines; first: ${r.warnings[0] ?? ''})` };
      }
      return withArticles(r.articles, r.warnings);
    }
    default:
      return assertNever(format);
  }
}

function withArticles(articles: readonly RawArticle[], warnings: readonly string[]): FileParse {
  if (articles.length === 0) return { kind: 'skipped', reason: 'no article text found' };
  return { kind: 'parsed', articles, warnings };
}

function assertNever(x: never): never {
  throw new Error(`unexpected format ${String(x)}`);
}
