/**
 * Markdown (optionally with YAML front matter: title, source, url, published/date) → articles.
 * Markup is removed (headings, emphasis, links, images, list markers become "• "), text is otherwise
 * kept as written; soft-wrapped paragraph lines are joined.
 */
import matter from 'gray-matter';
import { type ArticleHints, type ArticlesResult, articlesFromUnits } from './parse-articles.js';
import { normalizeDate } from './metadata.js';
import { normalizeText } from './parse-text.js';

/** Parses a decoded Markdown document. */
export function parseMarkdown(input: string): ArticlesResult {
  const warnings: string[] = [];
  const closed = closeFrontMatter(input);
  if (closed.warning) warnings.push(closed.warning);
  const text = closed.text;
  let body = text;
  let data: Record<string, unknown> = {};
  try {
    // Passing options disables gray-matter's unbounded per-content cache.
    const fm = matter(text, { excerpt: false });
    body = fm.content;
    data = isRecord(fm.data) ? fm.data : {};
  } catch (e) {
    warnings.push(`front matter ignored: ${(e as Error).message.split('\n')[0] ?? 'unreadable'}`);
    body = text.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/, '');
  }
  const { units, firstHeading } = markdownUnits(normalizeText(body));
  const fmTitle = str(data['title']);
  const hints: ArticleHints = {
    title: fmTitle ?? (firstHeading !== null && units[0] === firstHeading ? firstHeading : null),
    source: str(data['source']) ?? str(data['outlet']) ?? str(data['publisher']),
    url: str(data['url']) ?? str(data['link']),
    published: normalizeDate(data['published'] ?? data['date']),
    publishedAfter: normalizeDate(data['publishedAfter'] ?? data['published_after']),
    origin: 'front matter',
    single: Object.keys(data).length > 0,
  };
  const r = articlesFromUnits(units, hints);
  return { articles: r.articles, warnings: [...warnings, ...r.warnings] };
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;
const YAML_ENTRY = /^(?:[A-Za-z_][\w -]*:(?:\s|$)|[ \t]+\S|- )/;

/**
 * Front matter opened by `---` but never closed would otherwise be indexed as article text (or
 * swallow the article). Its leading `key: value` lines are taken as the front matter, closed
 * where they end, with a warning.
 */
function closeFrontMatter(text: string): { text: string; warning: string | null } {
  const open = OPENING.exec(text);
  if (!open) return { text, warning: null };
  const lines = text.slice(open[0].length).split('\n');
  if (lines.some((l) => CLOSING.test(l.replace(/\r$/, '')))) return { text, warning: null };
  let n = 0;
  while (n < lines.length && YAML_ENTRY.test(lines[n]!.replace(/\r$/, ''))) n++;
  // A thematic break at the top, not front matter: dropped (as rules are), so the text is not read as YAML.
  if (n === 0) return { text: text.slice(open[0].length), warning: null };
  const head = lines.slice(0, n).join('\n');
  const rest = lines.slice(n).join('\n');
  return {
    text: `---\n${head}\n---\n${rest}`,
    warning: `front matter has no closing ---: lines 2–${n + 1} read as front matter, the rest as text`,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string | null {
  if (typeof x === 'string' && x.trim() !== '') return x.trim();
  if (typeof x === 'number') return String(x);
  return null;
}

const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?$/;
const LIST_ITEM = /^(?:([-*+])|(\d{1,3}[.)]))\s+(.*)$/;
const RULE = /^(?:[-*_]\s*){3,}$/;
const FENCE = /^(?:```|~~~)/;
const REF_DEF = /^\[[^\]]+\]:\s+\S+/;
const TABLE_RULE = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;

/** Block structure → paragraph units; also returns the first heading (a title candidate). */
export function markdownUnits(md: string): { units: string[]; firstHeading: string | null } {
  const units: string[] = [];
  let firstHeading: string | null = null;
  let para: string[] = [];
  const flush = (): void => {
    const t = inline(para.join(' ')).trim();
    if (t) units.push(t);
    para = [];
  };
  const lines = md.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (FENCE.test(raw)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (raw.trim()) units.push(raw.trim());
      continue;
    }
    const line = raw.replace(/^(?:>\s?)+/, '').trim();
    if (line === '') {
      flush();
      continue;
    }
    const next = (lines[i + 1] ?? '').trim();
    const heading = HEADING.exec(line)?.[1] ?? (para.length === 0 && /^(?:=+|-+)$/.test(next) && next.length >= 2 ? line : null);
    if (heading !== null) {
      flush();
      const h = inline(heading).trim();
      if (h) {
        if (units.length === 0 && firstHeading === null) firstHeading = h;
        units.push(h);
      }
      if (!HEADING.test(line)) i++; // skip the setext underline
      continue;
    }
    if (RULE.test(line) || REF_DEF.test(line) || TABLE_RULE.test(line)) {
      flush();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      para.push(item[1] ? `• ${item[3] ?? ''}` : `${item[2] ?? ''} ${item[3] ?? ''}`);
      continue;
    }
    para.push(line);
  }
  flush();
  return { units, firstHeading };
}

/** Escaped characters are parked in the private-use area so emphasis rules cannot touch them. */
const PARK = 0xe000;

/** Inline markup → plain text. Spans are bounded (300 chars) so unmatched markers cannot make it quadratic. */
export function inline(s: string): string {
  return s
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, (_m, c: string) => String.fromCharCode(PARK + c.charCodeAt(0)))
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.{0,300}?\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*]{0,300}?\S)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]{0,300}?\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)(.{0,300}?\S)~~/g, '$1')
    .replace(/[\uE000-\uE07F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PARK))
    .replace(/ {2,}/g, ' ');
}
