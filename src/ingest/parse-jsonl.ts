/**
 * JSON Lines: one article per line, `{id, title, source, url, published|date, text}`. Each line is
 * parsed on its own so big files can be streamed, and a broken line costs only that line.
 */
import type { RawArticle } from './parse.js';
import { articlesFromUnits } from './parse-articles.js';
import { normalizeDate } from './metadata.js';
import { normalizeText, textUnits } from './parse-text.js';

export type JsonLineResult =
  | { kind: 'article'; article: RawArticle }
  | { kind: 'blank' }
  | { kind: 'error'; reason: string };

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
  const body = typeof rec['text'] === 'string' ? rec['text'] : typeof rec['content'] === 'string' ? rec['content'] : typeof rec['body'] === 'string' ? rec['body'] : null;
  if (body === null || body.trim() === '') return { kind: 'error', reason: `line ${lineNo}: record has no text` };

  const id = scalar(rec['id']);
  const { articles } = articlesFromUnits(textUnits(normalizeText(body)), {
    ...(id !== null ? { id } : {}),
    title: scalar(rec['title']),
    source: scalar(rec['source']) ?? scalar(rec['outlet']),
    url: scalar(rec['url']) ?? scalar(rec['link']),
    published: normalizeDate(rec['published'] ?? rec['date'] ?? rec['published_at']),
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

/** Parses a whole decoded JSON Lines document (small files; big ones are streamed by the pipeline). */
export function parseJsonLines(text: string): { articles: RawArticle[]; warnings: string[]; errors: number } {
  const articles: RawArticle[] = [];
  const warnings: string[] = [];
  let errors = 0;
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    const r = parseJsonLine(line, lineNo);
    switch (r.kind) {
      case 'article':
        articles.push(r.article);
        break;
      case 'blank':
        break;
      case 'error':
        errors++;
        warnings.push(r.reason);
        break;
      default:
        return assertNever(r);
    }
  }
  return { articles, warnings, errors };
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
