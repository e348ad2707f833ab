/**
 * Question intake: turns whatever a user typed (Discord markup, emoji, odd Unicode) into plain
 * text, or says why there is nothing to answer. Pure.
 */

/** Longest question accepted, in characters after cleaning. Longer input is refused, not truncated. */
export const MAX_QUESTION_CHARS = 500;

/** Outcome of {@link checkQuestion}. */
export type QuestionCheck =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooLong'; readonly length: number; readonly max: number };

// Discord tokens: user/role/channel mentions, custom emoji, slash-command mentions, timestamps.
const DISCORD_TOKEN = /<(?:@[!&]?\d+|#\d+|a?:[\w~-]+:\d+|\/[\w -]+:\d+|t:\d+(?::[tTdDfFR])?)>/g;
const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u034F\u180E]/g;
const CODE_FENCE = /```[\w-]*\n?|```/g;
const MARKDOWN_LINK = /\[([^\]]*)\]\((?:https?:\/\/)?[^)\s]*\)/g;
const MARKDOWN_MARKERS = /\*{1,3}|_{2,}|~~|\|\||`+/g;
// Terminal escape sequences (colour codes, cursor moves, OSC titles) and other control characters: never part of a question.
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Line-start markers: quotes, headings, list bullets, Discord's "-#" subtext.
const LINE_MARKERS = /^[ \t]*(?:>{1,3}|#{1,3}|-#|[-*+•])[ \t]+/gm;

/**
 * Cleans and validates a raw question: NFKC, terminal escapes and control characters removed,
 * Discord mention/emoji syntax and Markdown markers removed, zero-width characters dropped,
 * whitespace collapsed. A question with no letter or
 * digit left (only emoji, punctuation or markup) is `empty`.
 */
export function checkQuestion(raw: string): QuestionCheck {
  const text = cleanQuestion(raw);
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'empty' };
  const length = Array.from(text).length;
  if (length > MAX_QUESTION_CHARS) return { kind: 'tooLong', length, max: MAX_QUESTION_CHARS };
  return { kind: 'ok', text };
}

/** The cleaning half of {@link checkQuestion}, exposed for tests and logs. */
export function cleanQuestion(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(ANSI_ESCAPE, '')
    .replace(CONTROLS, ' ')
    .replace(ZERO_WIDTH, '')
    .replace(DISCORD_TOKEN, ' ')
    .replace(CODE_FENCE, ' ')
    .replace(MARKDOWN_LINK, '$1')
    .replace(LINE_MARKERS, '')
    .replace(MARKDOWN_MARKERS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
