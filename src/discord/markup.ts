/**
 * Discord formatting removed from what a user typed, before it is matched against the articles:
 * emphasis markers go without leaving a gap ("Bo**liv**ia" is "Bolivia"), code, spoilers, quotes,
 * headers, lists, masked links and mention syntax leave their visible text only. Pure, and linear
 * enough for a message (at most 4000 characters): every pattern is anchored on its delimiters.
 * Question normalisation (`src/answer/question.ts`) still runs afterwards.
 */

// Mentions and Discord tags: user/role/channel mentions, custom emoji, command mentions, timestamps.
const TAGS = /<(?:@[!&]?\d+|#\d+|a?:[\w~-]+:\d+|\/[\w -]+:\d+|t:-?\d+(?::[tTdDfFR])?)>/g;
const EVERYONE = /@(?:everyone|here)\b/g;
const CODE_BLOCK = /```(?:[\w+-]*\n)?([\s\S]*?)```/g;
const INLINE_CODE = /(`{1,2})(?=\S)([^`]*?\S)\1/g;
const MASKED_LINK = /\[([^\]\n]*)\]\(<?\s*https?:\/\/[^)\s]*>?\s*\)/g;
const AUTOLINK = /<(https?:\/\/[^>\s]+)>/g;
// Line-start markers: block quotes, headers, subtext, bullets and numbered lists.
const LINE_MARKERS = /^[ \t]*(?:>>>[ \t]?|>[ \t]|#{1,3}[ \t]|-#[ \t]|[-*+][ \t]|\d{1,3}[.)][ \t])+/gm;
// Paired inline markers, longest first; the content must not start or end with a space (as in Discord).
const PAIRED: readonly RegExp[] = [
  /\*\*\*(?=\S)([\s\S]*?\S)\*\*\*/g,
  /\*\*(?=\S)([\s\S]*?\S)\*\*/g,
  /__(?=\S)([\s\S]*?\S)__/g,
  /~~(?=\S)([\s\S]*?\S)~~/g,
  /\|\|(?=\S)([\s\S]*?\S)\|\|/g,
  /\*(?=[^\s*])([^*]*?[^\s*])\*/g,
];
// `_italic_` only at word edges, so snake_case names stay whole.
const UNDERSCORE = /(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu;
const ESCAPE = /\\([\\*_~|`>#<[\]()-])/g;
/** Nesting depth undone (`***__x__***`); deeper markup keeps its innermost markers, which question cleaning drops. */
const MAX_NESTING = 4;

/** The visible text of a Discord message, without its formatting syntax. */
export function stripDiscordMarkup(text: string): string {
  // Escaped characters are literal text: park them so no pattern below treats them as markup.
  const escaped: string[] = [];
  let out = text.replace(ESCAPE, (_, c: string) => `\u0000${escaped.push(c) - 1}\u0000`);
  out = out
    .replace(CODE_BLOCK, (_, body: string) => ` ${body} `)
    .replace(INLINE_CODE, '$2')
    .replace(TAGS, ' ')
    .replace(EVERYONE, ' ')
    .replace(MASKED_LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(LINE_MARKERS, '');
  for (let depth = 0; depth < MAX_NESTING; depth++) {
    const before = out;
    for (const re of PAIRED) out = out.replace(re, '$1');
    out = out.replace(UNDERSCORE, '$1$2');
    if (out === before) break;
  }
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => escaped[Number(i)] ?? '');
}
