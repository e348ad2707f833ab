/**
 * Admin overrides beside an article file: `<file>.meta.json` (or `.meta.yaml` / `.meta.yml`) sets
 * the outlet, the publication date or a lower bound, for every article of the file or, under
 * `articles`, for one of them by its 1-based position. An override wins over everything the text
 * says. Parsed with zod; a bad sidecar is ignored with a one-line warning and loses no article.
 */
import matter from 'gray-matter';
import { z } from 'zod';
import { isIsoDate } from '../timeline/calendar.js';
import type { RawArticle } from './parse.js';

/** Suffixes that make a file a sidecar of the article file they extend. */
export const SIDECAR_SUFFIXES = ['.meta.json', '.meta.yaml', '.meta.yml'] as const;

/** True for a sidecar file (never indexed as an article itself). */
export function isSidecar(file: string): boolean {
  return SIDECAR_SUFFIXES.some((s) => file.toLowerCase().endsWith(s));
}

const isoDay = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

const Override = z.strictObject({
  /** Publication date; null clears a wrong one ("undated"). */
  published: isoDay.nullable().optional(),
  /** Published on or after this date (when the exact date is unknown). */
  publishedAfter: isoDay.optional(),
  /** Outlet; null clears a wrong one ("unknown outlet"). */
  source: z.string().trim().min(1).max(100).nullable().optional(),
});

const Sidecar = Override.extend({
  articles: z.record(z.string().regex(/^[1-9]\d*$/, 'keys are article positions 1, 2, …'), Override).optional(),
});

export type ArticleOverride = z.infer<typeof Override>;
export type SidecarData = z.infer<typeof Sidecar>;

export type SidecarParse = { readonly kind: 'ok'; readonly data: SidecarData } | { readonly kind: 'error'; readonly message: string };

/** Parses a sidecar's text (JSON or YAML by its name); errors are one line naming the field. */
export function parseSidecar(name: string, text: string): SidecarParse {
  let raw: unknown;
  try {
    raw = name.toLowerCase().endsWith('.json') ? JSON.parse(text) : matter(`---\n${text}\n---\n`, { excerpt: false }).data;
  } catch (e) {
    return {
      kind: 'error',
      message: `${name} ignored: not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'} (${oneLine((e as Error).message)})`,
    };
  }
  const r = Sidecar.safeParse(raw);
  if (r.success) return { kind: 'ok', data: r.data };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { kind: 'error', message: `${name} ignored: ${where}${oneLine(issue?.message ?? 'invalid')}` };
}

/** Applies a sidecar to the articles parsed from its file (`name` is the sidecar's file name, for the reasons). */
export function applySidecar(raws: readonly RawArticle[], data: SidecarData, name: string): RawArticle[] {
  const { articles, ...all } = data;
  return raws.map((raw, i) => applyOverride(raw, { ...all, ...(articles?.[String(i + 1)] ?? {}) }, name));
}

function applyOverride(raw: RawArticle, o: ArticleOverride, name: string): RawArticle {
  let out: RawArticle = raw;
  const by = `set by an admin in ${name}`;
  const reasons = { source: raw.reasons?.source ?? '', date: raw.reasons?.date ?? null, overridden: raw.reasons?.overridden };
  if (o.source !== undefined) {
    out = { ...out, source: o.source };
    reasons.source = by;
  }
  if (o.published !== undefined) {
    out = { ...out, published: o.published, publishedAfter: null };
    reasons.date = o.published === null && !o.publishedAfter ? `${by} (undated)` : by;
    reasons.overridden = true;
  }
  if (o.publishedAfter !== undefined && (o.published === undefined || o.published === null)) {
    out = { ...out, published: null, publishedAfter: o.publishedAfter };
    reasons.date = `lower bound ${by}`;
    reasons.overridden = true;
  }
  const { overridden, ...rest } = reasons;
  return { ...out, reasons: { ...rest, ...(overridden ? { overridden } : {}) } };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 160);
}
