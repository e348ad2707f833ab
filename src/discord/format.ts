/**
 * Pure text formatting for Discord: quotes, citations, dates, timeline and source lists.
 * Article text is Markdown-escaped so it shows exactly as written; nothing here does I/O.
 */
import { escapeMarkdown } from 'discord.js';
import type {
  AnswerResult,
  Citation,
  DatePrecision,
  Excerpt,
  FigureEvolution,
  FigureReport,
  FigureStep,
  FigureTime,
  TextRole,
  TimelineEvent,
  TimelineResult,
} from '../core/types.js';
import { fileProgress } from '../ingest/progress.js';
import type { IngestProgress, IngestSummary } from '../ingest/types.js';
import type { QuoteContext, SourceEntry } from '../engine/types.js';
import { type Block, truncate } from './paging.js';
import { LIMITS } from './limits.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Escapes every Markdown construct Discord renders (incl. headings, lists and masked links), plus
 * Discord syntax escapeMarkdown leaves alone: `<@id>`/`<#id>`/`<t:…>`/emoji tags (which would
 * render as live mentions or timestamps), `-#` subtext and a leading `>` quote marker.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/<(?=[@#/]|a?:\w|t:)/g, '\\<')
    .replace(/^(\s*)(-#|>)/gm, '$1\\$2');
}

/** "2023-11-01" at day/month/year precision → "1 Nov 2023" / "Nov 2023" / "2023". */
export function formatDate(iso: string, precision: DatePrecision = 'day'): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const year = m[1] ?? '';
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  const day = m[3] ? String(Number(m[3])) : undefined;
  switch (precision) {
    case 'year':
      return year;
    case 'month':
      return month ? `${month} ${year}` : year;
    case 'day':
      if (!month) return year;
      return day ? `${day} ${month} ${year}` : `${month} ${year}`;
  }
}

/** Timeline date heading: precision-aware, "≈" when the date was inferred. */
export function timelineDateLabel(e: Pick<TimelineEvent, 'date' | 'precision' | 'approximate' | 'bound'>): string {
  return `${e.bound ? 'after ' : ''}${e.approximate ? '≈ ' : ''}${formatDate(e.date, e.precision)}`;
}

/** How an article's title is written in a citation line: escaped, brackets too (it is a link's text). */
export function citationTitle(c: Pick<Citation, 'title' | 'file'>): string {
  return escapeText(truncate(c.title || c.file, 200)).replace(/[[\]]/g, (ch) => `\\${ch}`);
}

/** Link text must not contain brackets (see {@link citationTitle}), and the URL must not close the link early. */
function link(label: string, url: string | null): string {
  if (!url || !/^https?:\/\//i.test(url)) return label;
  const safe = url.replace(/[<>()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${label}](<${safe}>)`;
}

/** "1 Nov 2023", "undated · after 31 Oct 2023" (≈ when the bound was inferred), or "undated". */
export function publicationLabel(c: Pick<Citation, 'published' | 'publishedAfter'>): string {
  if (c.published) return formatDate(c.published);
  const b = c.publishedAfter;
  return b ? `undated · after ${b.approximate ? '≈ ' : ''}${formatDate(b.after)}` : 'undated';
}

/**
 * "Outlet · 1 Nov 2023 · Title" (title linked when a URL is known); "unknown outlet" when the text
 * does not say who published it, with the reporting it credits ("reporting credited to mehrnews").
 */
export function citationLine(c: Citation): string {
  const outlet = c.source
    ? `**${escapeText(c.source)}**`
    : `unknown outlet${c.creditedTo ? ` (reporting credited to ${escapeText(truncate(c.creditedTo, 60))})` : ''}`;
  const parts = [outlet, publicationLabel(c), link(citationTitle(c), c.url)];
  return parts.join(' · ');
}

/** How a non-body quote is introduced: "(photo caption)", "(highlight)", "(pull quote)". */
export function roleLabel(role: TextRole | undefined): string {
  switch (role) {
    case undefined:
      return '';
    case 'caption':
      return '(photo caption) ';
    case 'highlight':
      return '(highlight) ';
    case 'pullquote':
      return '(pull quote) ';
    case 'standfirst':
      return '(standfirst) ';
  }
}

/** "also reported by RT, AFP" (outlet names, falling back to titles), or '' when none. */
export function alsoReportedLine(others: readonly Citation[]): string {
  if (others.length === 0) return '';
  const names = [...new Set(others.map((c) => c.source ?? c.title))];
  const shown = names.slice(0, 5).map((n) => escapeText(truncate(n, 60)));
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return `also reported by ${shown.join(', ')}${more}`;
}

/** A verbatim quote as a Markdown block quote (every line prefixed, blank lines kept visible). */
export function blockQuote(quote: string): string {
  return quote
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${escapeText(line)}`)
    .join('\n');
}

function quoteBlock(quote: string, citation: Citation, also: readonly Citation[], label: string, group?: string, note = ''): Block {
  const tail = [`${label}${citationLine(citation)}`, alsoReportedLine(also), note].filter((s) => s !== '').join('\n');
  const render = (q: string): string => `${blockQuote(q)}\n${tail}`;
  // No quote longer than a whole embed can ever be shown; cutting first keeps escaping cheap.
  const shown = quote.length > LIMITS.embedDescription ? truncate(quote, LIMITS.embedDescription) : quote;
  return {
    ...(group !== undefined ? { group } : {}),
    text: render(shown),
    // Shrinks the raw quote (not the escaped text) so escapes are never cut in half.
    shrink: (max) => {
      // Binary search for the longest truncated quote whose rendering fits.
      let lo = 1;
      let hi = Math.min(shown.length, max);
      let best = render(truncate(shown, 1));
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const text = render(truncate(shown, mid));
        if (text.length <= max) {
          best = text;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return best;
    },
  };
}

/** One block per excerpt: numbered so the Context buttons can refer to it. */
export function excerptBlocks(excerpts: readonly Excerpt[]): Block[] {
  return excerpts.map((e, i) =>
    quoteBlock(
      e.quote,
      e.article,
      e.alsoReportedBy,
      `**${i + 1}.** ${roleLabel(e.role)}`,
      undefined,
      e.laterFigure ? laterFigureLine(e) : '',
    ),
  );
}

/** "⚠️ a later article reports 18,205 (Press TV, 1 Nov 2023)": the excerpt's figure may be out of date. */
export function laterFigureLine(e: Pick<Excerpt, 'laterFigure'>): string {
  const l = e.laterFigure;
  if (!l) return '';
  return `⚠️ a later article reports ${escapeText(l.figure)} (${l.article.source ? escapeText(l.article.source) : 'unknown outlet'}, ${publicationLabel(l.article)})`;
}

/** One block per event, grouped under its date heading; input order is kept (chronological). */
export function timelineBlocks(events: readonly TimelineEvent[]): Block[] {
  return events.map((e) => {
    const note = e.bound ? '(undated article, published on or after this date) ' : e.fromPublication ? '(publication date) ' : '';
    return quoteBlock(e.quote, e.article, e.alsoReportedBy, note, `__**${timelineDateLabel(e)}**__`);
  });
}

/** One entry per indexed article: its citation, then why its outlet and date are what they are. */
export function sourceBlocks(sources: readonly SourceEntry[]): Block[] {
  return sources.map((s) => {
    const why = s.reasons
      ? `\n  ↳ outlet: ${escapeText(truncate(s.reasons.source, 300))}\n  ↳ date: ${escapeText(truncate(s.reasons.date, 300))}`
      : '';
    return { text: `• ${citationLine(s.article)}${why}` };
  });
}

/** Sorts sources newest first (by date, else by lower bound), undated last, then by title. */
export function sortSources(sources: readonly SourceEntry[]): SourceEntry[] {
  const key = (c: Citation): string => c.published ?? c.publishedAfter?.after ?? '';
  return [...sources].sort(
    (a, b) =>
      key(b.article).localeCompare(key(a.article)) ||
      Number(a.article.published === null) - Number(b.article.published === null) ||
      a.article.title.localeCompare(b.article.title),
  );
}

/** Embed title for a question or topic, escaped and within the title limit. */
export function titleFor(prefix: string, text: string): string {
  return truncate(`${prefix}${escapeText(text.replace(/\s+/g, ' ').trim())}`, LIMITS.embedTitle);
}

/** The body of a "no answer": says so plainly and lists the closest article titles, if any. */
export function noAnswerText(result: Extract<AnswerResult, { kind: 'noAnswer' }>): string {
  let head: string;
  switch (result.reason) {
    case 'emptyQuestion':
      head = 'Please ask a question, e.g. `/ask question: What happened on 1 November?`';
      break;
    case 'emptyIndex':
      head = 'No articles are indexed yet, so there is nothing to quote.';
      break;
    case 'noMatch':
    case 'lowConfidence':
      head = "The indexed articles don't cover this question, so there is nothing to quote.";
      break;
  }
  if (result.closest.length === 0) return head;
  const lines = result.closest.slice(0, 5).map((c) => `• ${citationLine(c)}`);
  return truncate(`${head}\n\nClosest articles:\n${lines.join('\n')}`, LIMITS.embedDescription);
}

/** The body when a timeline has no events. */
export function noEventsText(result: Extract<TimelineResult, { kind: 'noEvents' }>): string {
  switch (result.reason) {
    case 'emptyTopic':
      return 'Please give a topic, e.g. `/timeline topic: ceasefire talks`.';
    case 'noMatch':
      return "The indexed articles don't cover this topic.";
    case 'noDates':
      return 'The articles mention this topic, but without dates to put on a timeline.';
  }
}

/**
 * The paragraph around a quote with the quote in bold, escaped, and windowed around the quote
 * when the paragraph is longer than the embed allows.
 */
export function contextText(ctx: QuoteContext, max: number = LIMITS.embedDescription): string {
  const p = ctx.paragraph;
  const qs = Math.max(0, Math.min(ctx.quoteStart, p.length));
  const qe = Math.max(qs, Math.min(ctx.quoteEnd, p.length));
  const render = (from: number, to: number): string => {
    const before = escapeText(p.slice(from, qs));
    const quote = escapeText(p.slice(qs, qe).trim());
    const after = escapeText(p.slice(qe, to));
    const bold = quote === '' ? '' : `**${quote}**`;
    return `${from > 0 ? '…' : ''}${before}${bold}${after}${to < p.length ? '…' : ''}`;
  };
  // Start from a window no wider than the budget on each side (escaping only lengthens text).
  let from = Math.max(0, qs - max);
  let to = Math.min(p.length, qe + max);
  let text = render(from, to);
  // Shrink the surroundings evenly; the quote itself is kept whole whenever it fits.
  while (text.length > max && (from < qs || to > qe)) {
    const step = Math.max(1, Math.ceil((text.length - max) / 2));
    from = Math.min(qs, from + step);
    to = Math.max(qe, to - step);
    text = render(from, to);
  }
  return text.length > max ? truncate(text, max) : text;
}

function stageText(p: IngestProgress): string {
  switch (p.stage) {
    case 'scan':
      return `Scanning… ${p.files} file(s) found`;
    case 'parse': {
      const within = p.read ? fileProgress(p) : '';
      return `Reading files… ${p.done}/${p.total}${within ? ` (${escapeText(within)})` : ''}`;
    }
    case 'embed':
      return `Embedding passages… ${p.done}/${p.total}`;
    case 'write':
      return 'Writing the index…';
    case 'done':
      return 'Done.';
  }
}

/** One-line progress for the /reindex reply, with a text progress bar when counts are known. */
export function progressText(p: IngestProgress): string {
  const base = `⏳ Reindexing — ${stageText(p)}`;
  if ((p.stage === 'parse' || p.stage === 'embed') && p.total > 0) {
    const filled = Math.round((Math.min(p.done, p.total) / p.total) * 20);
    return `${base}\n\`${'█'.repeat(filled)}${'░'.repeat(20 - filled)}\``;
  }
  return base;
}

/** The final /reindex message (`full`: the index was rebuilt from every file, not only the changed ones). */
export function summaryText(s: IngestSummary, full = false): string {
  if (s.noop) return `✅ Index is already up to date: ${s.articles} article(s), ${s.chunks} passage(s).`;
  const count = (status: string): number => s.files.filter((f) => f.status === status).length;
  // A full rebuild re-reads every file and the ingest reports each known one as "changed"
  // whether its bytes changed or not, so it only says how many were read again.
  const reRead = count('changed') + count('unchanged');
  const changes = [
    ...(full ? [['re-read', reRead] as const] : []),
    ...(['added', ...(full ? [] : (['changed'] as const)), 'removed', 'skipped'] as const).map((st) => [st, count(st)] as const),
  ]
    .filter(([, n]) => n > 0)
    .map(([st, n]) => `${n} ${st}`);
  const lines = [
    `✅ ${full ? 'Rebuilt' : 'Reindexed'}: ${s.articles} article(s), ${s.chunks} passage(s) (${s.mode} search, ${(s.ms / 1000).toFixed(1)} s).`,
    ...(changes.length > 0 ? [`Files: ${changes.join(', ')}.`] : []),
    ...s.files
      .filter((f) => f.status === 'skipped')
      .slice(0, 5)
      .map((f) => `• skipped ${escapeText(f.file)}${f.reason ? `: ${escapeText(f.reason)}` : ''}`),
    ...s.warnings.slice(0, 3).map((w) => `⚠️ ${escapeText(w)}`),
  ];
  return truncate(lines.join('\n'), LIMITS.content);
}

/** "31 Oct 2023", "undated · after ≈ 7 Oct 2023" or "undated". */
export function figureTimeLabel(t: FigureTime): string {
  switch (t.kind) {
    case 'dated':
      return formatDate(t.date);
    case 'after':
      return `undated · after ${t.approximate ? '≈ ' : ''}${formatDate(t.date)}`;
    case 'undated':
      return 'undated';
  }
}

/** "killed · Palestinians": what the series counts. */
export function evolutionLabel(ev: Pick<FigureEvolution, 'measure' | 'group'>): string {
  return ev.group ? `${ev.measure} · ${ev.group}` : ev.measure;
}

function figureReportText(r: FigureReport, conflict: boolean, maxQuote: number): string {
  const who = conflict ? `${r.article.source ? `**${escapeText(r.article.source)}**` : 'unknown outlet'} reports ` : '';
  const quote = r.quote.length > maxQuote ? truncate(r.quote, maxQuote) : r.quote;
  const lines = [`${who}**${escapeText(r.figure)}** ${roleLabel(r.role)}`.trimEnd(), blockQuote(quote), `— ${citationLine(r.article)}`];
  const also = alsoReportedLine(r.alsoReportedBy);
  if (also) lines.push(also);
  return lines.join('\n');
}

/**
 * One block per step of the series: its date (or bound), then each figure with its verbatim
 * quote and citation; different figures on one date are shown side by side, each labelled by
 * outlet, under "reports differ". A step never splits across pages; a huge one shortens its quotes.
 */
export function evolutionBlocks(steps: readonly FigureStep[]): Block[] {
  return steps.map((step) => {
    const head = `__**${figureTimeLabel(step.time)}**__${step.conflict ? ' — ⚖️ reports differ (shown side by side, not reconciled)' : ''}`;
    const render = (maxQuote: number): string =>
      [head, ...step.reports.map((r) => figureReportText(r, step.conflict, maxQuote))].join('\n');
    const longest = Math.max(1, ...step.reports.map((r) => r.quote.length));
    return {
      text: render(Math.min(longest, LIMITS.embedDescription)),
      shrink: (max) => {
        let lo = 1;
        let hi = longest;
        let best = render(1);
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const t = render(mid);
          if (t.length <= max) {
            best = t;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        return best;
      },
    };
  });
}
