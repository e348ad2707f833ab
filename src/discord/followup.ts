/**
 * The exchange a reply follows: when a user replies to one of the bot's answers, the question it
 * answered and the articles it cited, for the engine's follow-up handling. Pure.
 *
 * Two sources, best first:
 * - the result store, through the store id in the message's buttons: the exact question and the
 *   articles of the page the message shows (lost after 30 minutes or a restart);
 * - the message itself, so a reply still follows its answer after a restart: the question is the
 *   embed's title (as shown, cut at 256 characters), the articles are those of the indexed
 *   sources whose title the citation lines show.
 */
import type { FollowUp, SourceEntry } from '../engine/types.js';
import { decodeCustomId } from './customId.js';
import { citationTitle } from './format.js';
import { stripDiscordMarkup } from './markup.js';
import type { StoredView } from './views.js';

/** What the handler reads of the replied-to message. */
export interface RepliedMessage {
  readonly embeds: readonly { readonly title?: string | null; readonly description?: string | null }[];
  /** customIds of its buttons. */
  readonly customIds: readonly string[];
}

/** The title prefix of an answer (and of a no-answer); see views.ts. */
const ANSWER_TITLE = '❓ ';

/** The question and cited articles of the answer `message` shows; `null` when it is not an answer (a timeline, a source list). */
export function followUpOf(
  message: RepliedMessage,
  store: { get(id: string): StoredView | undefined },
  /** The indexed articles (read only when the store no longer holds the answer). */
  sources: () => readonly SourceEntry[],
): FollowUp | null {
  return fromStore(message, store) ?? fromEmbed(message, sources);
}

function fromStore(message: RepliedMessage, store: { get(id: string): StoredView | undefined }): FollowUp | null {
  const actions = message.customIds.flatMap((id) => decodeCustomId(id) ?? []);
  const first = actions[0];
  const view = first ? store.get(first.id) : undefined;
  if (view?.kind !== 'answer') return null;
  // The vote buttons name the page the message shows: its excerpts are what the user read.
  const vote = actions.find((a) => a.action === 'vote');
  const items = view.pages[vote?.page ?? 0]?.items ?? [];
  const shown = items.flatMap((i) => view.excerpts[i] ?? []);
  return { question: view.question, articleIds: distinct((shown.length > 0 ? shown : view.excerpts).map((e) => e.article.id)) };
}

function fromEmbed(message: RepliedMessage, sources: () => readonly SourceEntry[]): FollowUp | null {
  const embed = message.embeds[0];
  const title = embed?.title ?? '';
  if (!title.startsWith(ANSWER_TITLE)) return null;
  // A title cut to fit ends in "…": the words before it are still the question's.
  const question = stripDiscordMarkup(title.slice(ANSWER_TITLE.length).replace(/…$/, '')).trim();
  if (question === '') return null;
  const description = embed?.description ?? '';
  // A citation line ends "· <title>" or "· [<title>](<url>)" (format.ts, citationLine).
  const cited = sources()
    .filter((s) => {
      const t = citationTitle(s.article);
      return description.includes(`· [${t}](`) || new RegExp(`· ${escapeRegExp(t)}$`, 'm').test(description);
    })
    .map((s) => s.article.id);
  return { question, articleIds: distinct(cited) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
