/**
 * JSON Lines: one article per line, `{id, title, source, url, published|date, text}`. Each line is
 * parsed on its own so big files can be streamed, and a broken line costs only that line.
 */
import type { RawArticle } from './parse.js';
import { articlesFromUnits } from './parse-articles.js';
import { normalizeDate } from './metadata.js';
import { normalizeText, textUnits } from './parse-text.js';

export type JsonLineResult = { kind: 'article'; article: RawArticle } | { kind: 'blank' } | { kind: 'error'; reason: string };

/** Longest excerpt of a bad line quoted in a warning. */
const SNIPPET = 40;

/** Parses one JSON Lines record; `lineNo` (1-based) is only used in error messages. */
export function parseJsonLine(line: string, lineNo: number): JsonLineResult {
  const t = line.replace(/^\uFEFF/, '').trim();
  if (t === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    const what = (e as Error).message.split('\n')[0] ?? 'invalid JSON';
    return { kind: 'error', reason: `line ${lineNo}: invalid JSON (${what}): ${snippet(t)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'error', reason: `line ${lineNo}: not a JSON object` };
  }
  const rec = value as Record<string, unknown>;
  const body =
    typeof rec['text'] === 'string'
      ? rec['text']
      : typeof rec['content'] === 'string'
        ? rec['content']
        : typeof rec['body'] === 'string'
          ? rec['body']
          : null;
  if (body === null || body.trim() === '') return { kind: 'error', reason: `line ${lineNo}: record has no text` };

  const id = scalar(rec['id']);
  const { articles } = articlesFromUnits(textUnits(normalizeText(body)), {
    ...(id !== null ? { id } : {}),
    title: scalar(rec['title']),
    source: scalar(rec['source']) ?? scalar(rec['outlet']),
    url: scalar(rec['url']) ?? scalar(rec['link']),
    published: normalizeDate(rec['published'] ?? rec['date'] ?? rec['published_at']),
    origin: 'JSON record’s fields',
    single: true,
  });
  const article = articles[0];
  if (!article) return { kind: 'error', reason: `line ${lineNo}: record has no text (only boilerplate)` };
  return { kind: 'article', article };
}

function scalar(x: unknown): string | null {
  if (typeof x === 'string') return x.trim() === '' ? null : normalizeText(x);
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  return null;
}

function snippet(s: string): string {
  return s.length > SNIPPET ? `${s.slice(0, SNIPPET)}…` : s;
}

/** Bad lines listed one by one in warnings; the rest are counted in one line. */
const MAX_LISTED_ERRORS = 20;

/**
 * Accumulates JSON Lines records fed one line at a time, so a whole document and a stream
 * (the pipeline reads big files line by line) share the same rules.
 */
export class JsonLinesReader {
  articles: RawArticle[] = [];
  readonly warnings: string[] = [];
  errors = 0;
  private lineNo = 0;

  add(line: string): void {
    const r = parseJsonLine(line, ++this.lineNo);
    switch (r.kind) {
      case 'article':
        this.articles.push(r.article);
        break;
      case 'blank':
        break;
      case 'error':
        if (++this.errors <= MAX_LISTED_ERRORS) this.warnings.push(r.reason);
        break;
      default:
        assertNever(r);
    }
  }

  /** The records read since the last call, handed over so a stream never holds them all. */
  take(): RawArticle[] {
    const out = this.articles;
    this.articles = [];
    return out;
  }

  /** Warnings including the count of bad lines not listed. */
  allWarnings(): string[] {
    const hidden = this.errors - MAX_LISTED_ERRORS;
    return hidden > 0 ? [...this.warnings, `${hidden} more bad lines not listed`] : [...this.warnings];
  }
}

/** Parses a whole decoded JSON Lines document (small files; big ones are streamed by the pipeline). */
export function parseJsonLines(text: string): { articles: RawArticle[]; warnings: string[]; errors: number } {
  const reader = new JsonLinesReader();
  for (const line of text.split('\n')) reader.add(line);
  return { articles: reader.articles, warnings: reader.allWarnings(), errors: reader.errors };
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
