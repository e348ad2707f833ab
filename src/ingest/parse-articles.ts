/**
 * Paragraph units → articles. Shared by every format once it has been reduced to plain paragraphs.
 *
 * A file may hold several articles (a blog page with three posts, each closed by a "<date> Posted by | …"
 * footer, or a digest of "Headline / Outlet – date / body" blocks). Each article is read as:
 *
 *   [site chrome] TITLE [kicker/caption] [byline] [widgets, captions, summary bullets] BODY [trailing chrome]
 *
 * The header (everything before the first body paragraph) supplies title, outlet and date; captions,
 * highlights (summary bullets) and kickers are article text, kept in place and marked with their role;
 * only chrome lines are removed. The outlet comes only from what says who published the article (a
 * byline, a wire dateline, the container's metadata), never from a photo credit or an agency quoted
 * inside. Rules are generic (shape and vocabulary of lines), not site-specific.
 */
import {
  endsLikeSentence,
  isBulletLine,
  isNoticeLine,
  isShoutedLabel,
  isSeparatorLine,
  isUiLine,
  splitAtPageStamps,
  wordCount,
} from './boilerplate.js';
import type { RoleSpan, TextRole } from '../core/types.js';
import {
  type Byline,
  datelineAgency,
  normalizeDate,
  parseByline,
  parseCaption,
  parseLabelLine,
  parsePostedByFooter,
  reportingCredit,
} from './metadata.js';
import type { RawArticle } from './parse.js';

/** What the container format already knows (front matter, HTML meta, JSON fields). */
export interface ArticleHints {
  readonly id?: string;
  readonly title?: string | null;
  /** Other spellings of the title as it may appear in the text (e.g. the page's <h1>). */
  readonly titleAliases?: readonly string[];
  readonly source?: string | null;
  readonly url?: string | null;
  readonly published?: string | null;
  /** An admin's lower bound on the publication date (front matter `publishedAfter`). */
  readonly publishedAfter?: string | null;
  /** Where the hints come from ("front matter", "HTML metadata"), for the reasons /sources shows. */
  readonly origin?: string;
  /** The container holds exactly one article: never split. */
  readonly single?: boolean;
}

export interface ArticlesResult {
  readonly articles: RawArticle[];
  readonly warnings: string[];
}

type Unit =
  | { readonly kind: 'footer'; readonly text: string; readonly date: string | null }
  | { readonly kind: 'byline'; readonly text: string; readonly byline: Byline }
  | { readonly kind: 'chrome'; readonly text: string }
  | { readonly kind: 'bullet'; readonly text: string }
  | { readonly kind: 'content'; readonly text: string };

function classify(text: string, index: number): Unit {
  const footer = parsePostedByFooter(text);
  if (footer) return { kind: 'footer', text, date: footer.date };
  const byline = parseByline(text);
  if (byline) return { kind: 'byline', text, byline };
  const label = parseLabelLine(text);
  if (label) return { kind: 'byline', text, byline: label };
  if (label === null) return { kind: 'chrome', text };
  if (isSeparatorLine(text) || isUiLine(text) || isNoticeLine(text)) return { kind: 'chrome', text };
  if (index > 0 && isShoutedLabel(text)) return { kind: 'chrome', text };
  if (isBulletLine(text)) return { kind: 'bullet', text };
  return { kind: 'content', text };
}

/**
 * Body paragraphs read as prose: they end like a sentence or are long, and are not photo captions.
 * A short question or exclamation ("Is the truce holding?") reads as a headline, not as prose.
 */
function isBodyLike(u: Unit): boolean {
  if (u.kind !== 'content') return false;
  const words = wordCount(u.text);
  if (words < 25) {
    if (!endsLikeSentence(u.text)) return false;
    if (words <= 15 && /[?!]["”’»)\]]*$/u.test(u.text)) return false;
  }
  return parseCaption(u.text) === null;
}

/** A headline: prose-free line of sensible length that does not start in lower case. */
function isHeadlineLike(u: Unit): boolean {
  if (u.kind !== 'content') return false;
  const t = u.text;
  if (t.length < 3 || t.length > 220 || wordCount(t) > 30) return false;
  if (/[.;,:]$/.test(t) || /^\p{Ll}/u.test(t)) return false;
  return parseCaption(t) === null;
}

/** Splits units into article-sized segments (footers close an article; bylines open one). */
function segment(units: readonly Unit[], single: boolean): Unit[][] {
  if (single) return [[...units]];
  const byFooter: Unit[][] = [];
  let cur: Unit[] = [];
  for (const u of units) {
    cur.push(u);
    if (u.kind === 'footer') {
      byFooter.push(cur);
      cur = [];
    }
  }
  if (cur.length) byFooter.push(cur);
  return byFooter.flatMap(splitAtBylines);
}

/**
 * Within one segment, a second dated byline after body text starts a new article at its headline,
 * provided body text follows it (a trailing "Updated: …" or "Source: …" line opens nothing).
 */
function splitAtBylines(seg: Unit[]): Unit[][] {
  const out: Unit[][] = [];
  let from = 0;
  let sawBody = false;
  let sawByline = false;
  let lastBody = -1;
  for (let i = 0; i < seg.length; i++) if (isBodyLike(seg[i]!)) lastBody = i;
  for (let i = 0; i < seg.length; i++) {
    const u = seg[i]!;
    if (u.kind === 'byline') {
      if (sawByline && sawBody && u.byline.date !== null && lastBody > i) {
        // Step back over the headline (and a caption or widget) that precede the byline.
        let start = i;
        for (let j = i - 1; j > from && i - j <= 4; j--) {
          const p = seg[j]!;
          if (p.kind === 'chrome' || (p.kind === 'content' && !isBodyLike(p))) start = j;
          else break;
        }
        out.push(seg.slice(from, start));
        from = start;
        sawBody = false;
      }
      sawByline = true;
    } else if (isBodyLike(u)) {
      sawBody = true;
    }
  }
  out.push(seg.slice(from));
  return out;
}

function normTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Share of `a`'s words that also occur in `b` (both already split into lower-case words). */
function containment(a: readonly string[], b: ReadonlySet<string>): number {
  if (a.length === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / a.length;
}

function wordsOf(s: string): string[] {
  return normTitle(s)
    .split(' ')
    .filter((w) => w !== '');
}

/** Trailing lines this short without a sentence ending are site chrome, not the story's end. */
const TRAILER_MAX_WORDS = 8;

/** Builds one article from a segment, or a reason why there is none. */
function buildArticle(seg: readonly Unit[], hints: ArticleHints, lenient: boolean, pageLevel: boolean): RawArticle | { skip: string } {
  let bodyStart = seg.findIndex(isBodyLike);
  if (bodyStart < 0 && lenient) bodyStart = fallbackBodyStart(seg, hints);
  if (bodyStart < 0) return { skip: 'no body text' };

  // Title: from the container, or the first headline-like header line; very short labels
  // ("Aletho News", "Middle EastWorld News") are site names or breadcrumbs when a longer one follows.
  let titleIdx = -1;
  let title = oneLine(hints.title);
  if (title) {
    const names = [title, ...(hints.titleAliases ?? [])].map(normTitle).filter((t) => t !== '');
    titleIdx = seg.findIndex((u, i) => i < bodyStart && u.kind === 'content' && names.includes(normTitle(u.text)));
  } else {
    const candidates: number[] = [];
    for (let i = 0; i < bodyStart; i++) if (isHeadlineLike(seg[i]!)) candidates.push(i);
    titleIdx = candidates.find((i, k) => wordCount(seg[i]!.text) > 3 || k === candidates.length - 1) ?? -1;
    if (titleIdx >= 0) title = seg[titleIdx]!.text;
  }

  let byline: Byline | null = null;
  let bylineText = '';
  let footer: { text: string; date: string } | null = null;
  let captionCredit: string | null = null;
  const lastHeaderByline = findLastIndex(seg, (u, i) => i < bodyStart && u.kind === 'byline');
  const kept: { text: string; role?: TextRole }[] = [];

  for (let i = 0; i < seg.length; i++) {
    const u = seg[i]!;
    const inHeader = i < bodyStart;
    switch (u.kind) {
      case 'footer':
        if (!footer && u.date) footer = { text: u.text, date: u.date };
        break;
      case 'byline':
        if (!byline) {
          byline = u.byline;
          bylineText = u.text;
        } else if (!byline.source && u.byline.source) {
          byline = { source: u.byline.source, date: byline.date ?? u.byline.date };
          bylineText = u.text;
        }
        break;
      case 'chrome':
        break;
      case 'bullet':
        // A summary box above the body: highlights, quotable as such.
        kept.push(inHeader ? { text: u.text, role: 'highlight' } : { text: u.text });
        break;
      case 'content': {
        if (!inHeader) {
          kept.push({ text: u.text });
          break;
        }
        if (i <= titleIdx) break; // site label, breadcrumbs, the title itself
        const caption = parseCaption(u.text);
        if (caption) {
          captionCredit ??= caption.credit;
          kept.push({ text: u.text, role: 'caption' });
          break;
        }
        if (i < lastHeaderByline) {
          // Between headline and byline: a picture's caption ("Craig Mokhiber, former director of…")
          // or, when it reads as a sentence, a standfirst.
          kept.push({ text: u.text, role: endsLikeSentence(u.text) ? 'standfirst' : 'caption' });
          break;
        }
        kept.push({ text: u.text });
        break;
      }
      default:
        return assertNever(u);
    }
  }

  markPullQuotes(kept);

  // Trailing chrome the vocabulary did not catch ("Related Articles"-like short labels).
  let end = kept.length;
  while (end > 1) {
    const last = kept[end - 1]!.text;
    if (endsLikeSentence(last) || wordCount(last) > TRAILER_MAX_WORDS || isBulletLine(last)) break;
    end--;
  }
  const paragraphs = kept.slice(0, end);
  if (!paragraphs.some((p) => p.role === undefined)) return { skip: 'no body text' };

  const roles: RoleSpan[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    if (p.role) roles.push({ start: offset, end: offset + p.text.length, role: p.role });
    offset += p.text.length + 2;
  }
  const text = paragraphs.map((p) => p.text).join('\n\n');
  const body = paragraphs.filter((p) => p.role === undefined).map((p) => p.text);
  const agency = datelineAgency(body[0] ?? '');
  const credit = reportingCredit(body);
  const given = metadataFrom(hints);
  // Who published it: the byline, else a wire dateline; the container's metadata (front matter, HTML
  // meta) wins for a single article. Photo credits and agencies quoted inside never count.
  const stated: Attribution | null = byline?.source
    ? { value: byline.source, reason: `byline “${bylineText}”` }
    : agency
      ? { value: agency, reason: `wire dateline “(${agency})” opens the story` }
      : null;
  const fromHints: Attribution | null = oneLine(hints.source) ? { value: oneLine(hints.source), reason: `given by the ${given}` } : null;
  const source = pageLevel ? (stated ?? fromHints) : (fromHints ?? stated);
  const statedDate: Attribution | null = byline?.date
    ? { value: byline.date, reason: `stated in the byline “${bylineText}”` }
    : footer
      ? { value: footer.date, reason: `stated in the footer “${truncateReason(footer.text)}”` }
      : null;
  const hintDate: Attribution | null = hints.published ? { value: hints.published, reason: `given by the ${given}` } : null;
  const date = pageLevel ? (statedDate ?? hintDate) : (hintDate ?? statedDate);
  const notSource = [
    ...(captionCredit && captionCredit !== source?.value ? [`the photo credit “${captionCredit}” names the picture’s source`] : []),
    ...(credit && credit !== source?.value ? [`the text credits ${credit} for its reporting`] : []),
  ];
  const sourceReason = source
    ? source.reason
    : `no byline, wire dateline or metadata says who published it${notSource.length ? ` (${notSource.join('; ')}; neither is the publisher)` : ''}`;
  return {
    ...(hints.id !== undefined ? { id: hints.id } : {}),
    title: title || deriveTitle(text),
    source: source?.value ?? null,
    url: oneLine(hints.url) || null,
    published: date?.value ?? null,
    text,
    ...(roles.length > 0 ? { roles } : {}),
    ...(credit && credit !== source?.value ? { creditedTo: credit } : {}),
    ...(hints.publishedAfter && !date ? { publishedAfter: hints.publishedAfter } : {}),
    reasons: {
      source: sourceReason,
      date: date?.reason ?? (hints.publishedAfter ? `lower bound given by the ${given}` : null),
      // Front matter is the admin's word on the article: nothing inferred later replaces it.
      ...(hints.origin === 'front matter' && ((hintDate && date === hintDate) || (!date && hints.publishedAfter))
        ? { overridden: true }
        : {}),
    },
  };
}

interface Attribution {
  readonly value: string;
  readonly reason: string;
}

function metadataFrom(hints: ArticleHints): string {
  return hints.origin ?? 'file’s metadata';
}

function truncateReason(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** A pull quote is a quotation set apart that repeats a body sentence: at most this many checked. */
const MAX_PULL_QUOTE_CHECKS = 20;
/** Share of the pull quote's words found in one body paragraph for it to count as a repeat. */
const PULL_QUOTE_CONTAINMENT = 0.8;

/**
 * Marks as pull quotes the paragraphs that are nothing but a quotation (“…”) repeating words of a
 * later, longer body paragraph: a quote set apart for display. They stay quotable, as pull quotes.
 */
function markPullQuotes(kept: { text: string; role?: TextRole }[]): void {
  let checked = 0;
  for (let i = 0; i < kept.length && checked < MAX_PULL_QUOTE_CHECKS; i++) {
    const k = kept[i]!;
    if (k.role || !/^[“"][^“”"]+[”"]$/u.test(k.text)) continue;
    checked++;
    const w = wordsOf(k.text);
    if (w.length < 4) continue;
    const repeated = kept.some(
      (o, j) => j !== i && !o.role && o.text.length > k.text.length && containment(w, new Set(wordsOf(o.text))) >= PULL_QUOTE_CONTAINMENT,
    );
    if (repeated) k.role = 'pullquote';
  }
}

/**
 * When nothing reads as prose (a one-line note), the body starts at the first content line that is
 * not the title: the second one when the first can serve as the title.
 */
function fallbackBodyStart(seg: readonly Unit[], hints: ArticleHints): number {
  const content: number[] = [];
  seg.forEach((u, i) => {
    if (u.kind === 'content' || u.kind === 'bullet') content.push(i);
  });
  const given = hints.title ? normTitle(hints.title) : null;
  if (given !== null) return content.find((i) => normTitle(seg[i]!.text) !== given) ?? -1;
  if (content.length >= 2 && isHeadlineLike(seg[content[0]!]!)) return content[1]!;
  return content[0] ?? -1;
}

/** Metadata strings are single lines: any run of whitespace (newlines, NBSP) becomes one space. */
function oneLine(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Without a headline, the opening words of the first sentence stand in as the title. */
function deriveTitle(text: string): string {
  const first = (text.split('\n')[0] ?? '').trim();
  const sentence = /^.{10,160}?[.!?](?=\s|$)/u.exec(first)?.[0] ?? first;
  const words = sentence.split(/\s+/);
  return words.length > 14 ? `${words.slice(0, 14).join(' ')}…` : sentence;
}

function findLastIndex<T>(xs: readonly T[], pred: (x: T, i: number) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i]!, i)) return i;
  return -1;
}

function assertNever(x: never): never {
  throw new Error(`unexpected unit ${JSON.stringify(x)}`);
}

/** Reads paragraph units (already normalised, non-empty) as one or more articles. */
export function articlesFromUnits(texts: readonly string[], hints: ArticleHints = {}): ArticlesResult {
  // A page stamp is metadata, like a dated byline: it may date the article, it is never quoted.
  const units = texts
    .flatMap((t) => splitAtPageStamps(t, normalizeDate))
    .map((p, i): Unit =>
      p.kind === 'stamp' ? { kind: 'byline', text: p.text, byline: { source: null, date: p.date } } : classify(p.text, i),
    );
  const articles: RawArticle[] = [];
  const warnings: string[] = [];
  const segments = segment(units, hints.single ?? false);
  const multi = segments.length > 1;
  // One title cannot name several articles: each segment finds its own.
  const segHints: ArticleHints = multi ? { ...hints, title: null, titleAliases: [] } : hints;
  for (const [i, seg] of segments.entries()) {
    // Leniency for one-segment inputs only: a lone short note is an article, a widget tail is not.
    const r = buildArticle(seg, segHints, !multi, multi);
    if ('skip' in r) {
      // A trailing segment of widgets after the last footer is normal; only report real text lost.
      if (seg.some((u) => u.kind === 'content' && wordCount(u.text) >= 8)) {
        warnings.push(`article ${i + 1} of ${segments.length} ignored: ${r.skip}`);
      }
      continue;
    }
    articles.push(r);
  }
  return { articles, warnings };
}
