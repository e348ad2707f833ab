/**
 * Builds complete message payloads (embeds + buttons) for answers, timelines and source lists.
 * Pure: the result is plain API JSON, so tests can check it against Discord's limits.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { AnswerResult, Excerpt, TimelineResult } from '../core/types.js';
import type { QuoteContext, SourceEntry } from '../engine/types.js';
import { encodeCustomId } from './customId.js';
import {
  citationLine,
  contextText,
  escapeText,
  evolutionBlocks,
  evolutionLabel,
  excerptBlocks,
  noAnswerText,
  noEventsText,
  sortSources,
  sourceBlocks,
  timelineBlocks,
  titleFor,
} from './format.js';
import { EVOLUTION_STEPS_PER_PAGE, EXCERPTS_PER_PAGE, LIMITS, SOURCES_PER_PAGE, TIMELINE_EVENTS_PER_PAGE } from './limits.js';
import { type Page, paginate, truncate } from './paging.js';

/** A paged result kept in the store so buttons can show other pages. */
export type StoredView =
  | {
      readonly kind: 'answer';
      readonly question: string;
      readonly excerpts: readonly Excerpt[];
      readonly pages: readonly Page[];
      /** "How the figure changed": a second embed, paged by the same buttons. */
      readonly evolution?: { readonly label: string; readonly figures: number; readonly pages: readonly Page[] };
    }
  | { readonly kind: 'timeline'; readonly topic: string; readonly events: number; readonly pages: readonly Page[] }
  | { readonly kind: 'sources'; readonly count: number; readonly pages: readonly Page[] };

export type ActionRow = APIActionRowComponent<APIButtonComponent>;

/** What is sent to Discord (allowedMentions is added by the sender). */
export interface MessageView {
  readonly embeds: APIEmbed[];
  readonly components: ActionRow[];
}

const COLOR = { answer: 0x2b6cb0, none: 0x718096, timeline: 0x2f855a, sources: 0x6b46c1, context: 0x975a16, evolution: 0xb7791f };
const FOOTER_QUOTES = 'Verbatim quotes from the indexed articles';

/** Page text budget: the description limit. */
const PAGE_OPTIONS = (maxBlocks: number) => ({ maxChars: LIMITS.embedDescription, maxBlocks });

/**
 * Text budgets when an answer carries both embeds: with two titles (≤ 256) and two footers
 * (≤ 200) they stay under Discord's 6000 characters per message.
 */
const WITH_SERIES = { excerpts: 2600, series: 2300 } as const;

/** Pages an answer's excerpts (3 per page unless the text budget needs fewer), and its series of figures. */
export function answerView(result: Extract<AnswerResult, { kind: 'answer' }>): StoredView {
  const ev = result.evolution;
  if (!ev || ev.steps.length === 0) {
    const pages = paginate(excerptBlocks(result.excerpts), PAGE_OPTIONS(EXCERPTS_PER_PAGE));
    return { kind: 'answer', question: result.question, excerpts: result.excerpts, pages };
  }
  const alone = result.excerpts.length === 0;
  const pages = alone ? [] : paginate(excerptBlocks(result.excerpts), { maxChars: WITH_SERIES.excerpts, maxBlocks: EXCERPTS_PER_PAGE });
  const seriesPages = paginate(evolutionBlocks(ev.steps), {
    maxChars: alone ? LIMITS.embedDescription : WITH_SERIES.series,
    maxBlocks: EVOLUTION_STEPS_PER_PAGE,
  });
  const figures = ev.steps.reduce((n, s) => n + s.reports.length, 0);
  return {
    kind: 'answer',
    question: result.question,
    excerpts: result.excerpts,
    pages,
    evolution: { label: evolutionLabel(ev), figures, pages: seriesPages },
  };
}

/** Pages a view has: an answer with a series pages both embeds together. */
export function pageCount(view: StoredView): number {
  if (view.kind === 'answer' && view.evolution) return Math.max(view.pages.length, view.evolution.pages.length, 1);
  return view.pages.length;
}

export function timelineView(result: Extract<TimelineResult, { kind: 'timeline' }>): StoredView {
  const pages = paginate(timelineBlocks(result.events), PAGE_OPTIONS(TIMELINE_EVENTS_PER_PAGE));
  return { kind: 'timeline', topic: result.topic, events: result.events.length, pages };
}

export function sourcesView(sources: readonly SourceEntry[]): StoredView {
  const pages = paginate(sourceBlocks(sortSources(sources)), PAGE_OPTIONS(SOURCES_PER_PAGE));
  return { kind: 'sources', count: sources.length, pages };
}

function button(customId: string, label: string, style: ButtonStyle, disabled = false): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    style,
    disabled,
  } as APIButtonComponent;
}

function row(buttons: APIButtonComponent[]): ActionRow {
  return { type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) };
}

function pagerButtons(id: string, page: number, total: number, moreLabel: string): APIButtonComponent[] {
  if (total <= 1) return [];
  return [
    button(encodeCustomId({ action: 'page', id, page: page - 1 }), '◀ Back', ButtonStyle.Secondary, page <= 0),
    button(encodeCustomId({ action: 'page', id, page: page + 1 }), moreLabel, ButtonStyle.Primary, page >= total - 1),
  ];
}

function footer(page: number, total: number, extra: string): { text: string } {
  return { text: truncate(total > 1 ? `Page ${page + 1}/${total} · ${extra}` : extra, 200) };
}

/** Clamps a requested page into range. */
export function clampPage(view: StoredView, page: number): number {
  return Math.max(0, Math.min(pageCount(view) - 1, page));
}

/** Renders one page of a stored view, with its buttons (`id` is the store key). */
export function renderView(id: string, view: StoredView, requestedPage: number): MessageView {
  const page = clampPage(view, requestedPage);
  const total = pageCount(view);
  const text = view.pages[page]?.text ?? '';
  switch (view.kind) {
    case 'answer': {
      // With a series, the excerpts may run out before the figures do: their last page stays.
      const shown = view.pages.length > 0 ? view.pages[Math.min(page, view.pages.length - 1)] : undefined;
      const items = shown?.items ?? [];
      const rows: ActionRow[] = [];
      rows.push(
        row([
          ...pagerButtons(id, page, total, 'More ▶'),
          button(encodeCustomId({ action: 'vote', id, page, vote: 'up' }), '👍', ButtonStyle.Secondary),
          button(encodeCustomId({ action: 'vote', id, page, vote: 'down' }), '👎', ButtonStyle.Secondary),
        ]),
      );
      if (items.length > 0) {
        rows.push(
          row(items.map((i) => button(encodeCustomId({ action: 'context', id, excerpt: i }), `Context ${i + 1}`, ButtonStyle.Secondary))),
        );
      }
      const embeds: APIEmbed[] = [];
      if (shown) {
        embeds.push({
          title: titleFor('❓ ', view.question),
          description: shown.text,
          color: COLOR.answer,
          footer: footer(page, total, `${view.excerpts.length} excerpt(s) · ${FOOTER_QUOTES}`),
        });
      }
      const ev = view.evolution;
      if (ev) {
        const p = Math.min(page, ev.pages.length - 1);
        embeds.push({
          title: truncate(
            `📈 How the figure changed — ${escapeText(ev.label)}${shown ? '' : ` · ${escapeText(view.question)}`}`,
            LIMITS.embedTitle,
          ),
          description: ev.pages[p]?.text ?? '',
          color: COLOR.evolution,
          footer: footer(
            p,
            ev.pages.length,
            `${ev.figures} figure(s) · dated, then "after" a date, then undated · never averaged · ${FOOTER_QUOTES}`,
          ),
        });
      }
      return { embeds, components: rows };
    }
    case 'timeline':
      return {
        embeds: [
          {
            title: titleFor('🗓️ Timeline: ', view.topic),
            description: text,
            color: COLOR.timeline,
            footer: footer(page, total, `${view.events} event(s) · ${FOOTER_QUOTES}`),
          },
        ],
        components: total > 1 ? [row(pagerButtons(id, page, total, 'Next ▶'))] : [],
      };
    case 'sources':
      return {
        embeds: [
          {
            title: `📚 Indexed articles (${view.count})`,
            description: view.count === 0 ? 'No articles are indexed yet.' : text,
            color: COLOR.sources,
            footer: footer(page, total, `${view.count} article(s)`),
          },
        ],
        components: total > 1 ? [row(pagerButtons(id, page, total, 'Next ▶'))] : [],
      };
  }
}

/** The message for a question the articles do not answer (no buttons: nothing to page). */
export function noAnswerView(result: Extract<AnswerResult, { kind: 'noAnswer' }>): MessageView {
  return {
    embeds: [{ title: titleFor('❓ ', result.question || 'Question'), description: noAnswerText(result), color: COLOR.none }],
    components: [],
  };
}

export function noEventsView(result: Extract<TimelineResult, { kind: 'noEvents' }>): MessageView {
  return {
    embeds: [{ title: titleFor('🗓️ Timeline: ', result.topic || '—'), description: noEventsText(result), color: COLOR.none }],
    components: [],
  };
}

/** Ephemeral "Context" reply: the paragraph with the quote in bold, and its citation. */
export function contextView(ctx: QuoteContext): MessageView {
  return {
    embeds: [
      {
        title: truncate(`📄 ${ctx.article.title}`, LIMITS.embedTitle),
        description: truncate(
          `${contextText(ctx, LIMITS.embedDescription - 300)}\n\n— ${citationLine(ctx.article)}`,
          LIMITS.embedDescription,
        ),
        color: COLOR.context,
      },
    ],
    components: [],
  };
}

/** The /help embed. */
export function helpView(mode: 'hybrid' | 'lexical'): MessageView {
  const lines = [
    'I answer questions about the indexed news articles **only with verbatim, cited quotes** — I never write claims of my own.',
    '',
    '• `/ask question:` — quotes that answer a question (or mention me: `@bot your question`). **More** shows further quotes, **Context** the passage around a quote, 👍/👎 rate the answer.',
    '• `/timeline topic: [from] [to]` — dated quotes in chronological order (dates like 2023, 2023-11 or 2023-11-01).',
    '• `/sources` — the indexed articles.',
    '• `/reindex [full]`, `/add-article file:` — admins only.',
    '',
    `Search mode: ${mode === 'hybrid' ? 'hybrid (keywords + semantic)' : 'keywords only'}. "≈" marks an approximate date.`,
  ];
  return { embeds: [{ title: 'ℹ️ How to use me', description: lines.join('\n'), color: COLOR.none }], components: [] };
}
