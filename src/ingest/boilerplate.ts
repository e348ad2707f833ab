/**
 * Generic rules that recognise site chrome in article text: UI widgets ("Share", "2 min read"),
 * navigation and comment counters, site notices, separators. The rules are about the *shape*
 * of a line (short, no sentence ending, interface vocabulary), never about one site's strings.
 * Pure functions over single, already normalised lines.
 */
import { MONTH_NAMES } from '../core/calendar-names.js';

/** Lines longer than this are never treated as UI chrome: real chrome is short. */
const UI_MAX_CHARS = 80;
const UI_MAX_WORDS = 8;

/** Interface vocabulary, whole-line, case-insensitive; an optional trailing ":" / "»" etc. is allowed. */
const UI_PATTERNS: readonly RegExp[] = [
  // sharing and reading aids
  /^(?:share|shares|tweet|print|e-?mail|whatsapp|telegram|facebook|twitter|x|linkedin|reddit|pinterest|copy link|copy url|save|bookmark|listen|listen to (?:this )?(?:article|story)|download(?: pdf)?|font size|text size)(?: (?:this|the) (?:article|story|post|page))?(?: on \w+)?$/,
  /^\d+\s*(?:min|mins|minute|minutes|sec|secs|seconds)\.?\s*(?:read|reading|listen)$/,
  /^(?:reading time|read time|estimated reading time)\b.*$/,
  // links to other content
  /^(?:read|see|view) (?:more|also|full (?:story|article)|the full (?:story|article)|next)\b.*$/,
  /^(?:also read|read also|related|related (?:articles?|posts?|news|stories|content|topics|coverage|links|items)|more (?:news|stories|articles|from\b.*|on\b.*|in\b.*|like this)|you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you| stories| articles)?|trending(?: now| stories)?|most (?:read|popular|viewed|shared)|latest(?: news| stories| articles)?|top stories|editor'?s? picks?|don'?t miss|popular posts?|recent posts?)$/,
  /^(?:back to top(?: button)?|scroll to top|go to top|top of (?:the )?page|skip to (?:main )?content|jump to (?:main )?content)$/,
  /^(?:source|sources|source link|original source|via|credit|credits)$/,
  /^click (?:here )?(?:to|for)\b.*$/,
  /^(?:advertisement|advertising|advert|sponsored(?: content| post)?|ads?|promoted(?: content)?|partner content|paid content|scroll to continue(?: with content)?)$/,
  /^(?:subscribe|sign up|sign in|log ?in|register|newsletter|join (?:us|our)\b|follow us|follow (?:on|@)|get the latest|download (?:our|the) app)\b.*$/,
  // comments
  /^(?:leave a (?:comment|reply)|no comments(?: yet)?|\d+ (?:comments?|replies|responses|shares|views)|comments?(?: \(\d+\))?|add (?:a )?comment|show comments|view comments|post a comment|comment on this(?: article| story)?|join the (?:conversation|discussion))$/,
  /^(?:tags?|topics?|categories|category|filed under|posted in|keywords?|labels?)\s*:.*$/,
  // navigation
  /^(?:loading|please wait|menu|main menu|search|home|close|next|previous|prev|next (?:article|post|story)|previous (?:article|post|story)|continue reading|show more|load more|see more|expand|collapse|toggle navigation|open menu|close menu)$/,
  /^(?:copyright\b|©|\(c\)\s).*$/,
  /^(?:photo|image|picture|video|file photo|photo credit|image credit)s?$/,
];

/** Site notices that can be whole sentences ("This news has been collected from reliable news agencies…"). */
const NOTICE_PATTERNS: readonly RegExp[] = [
  /\b(?:has been|have been|was|were|is) (?:collected|compiled|gathered|aggregated|curated) from\b.*\b(?:agenc(?:y|ies)|sources|outlets|websites)\b/i,
  /\bclick (?:here )?(?:to|for) (?:enter|visit|read|view|see|open|go to)\b.*\bsource\b/i,
  /\ball rights reserved\b/i,
  /^the (?:views|opinions) expressed (?:in this (?:article|piece|column) )?are\b/i,
  /\b(?:sign up|subscribe) (?:to|for) (?:our|the) (?:newsletter|daily|weekly)\b/i,
  /^(?:this (?:article|story|post|piece) (?:was|is|has been) (?:originally |first )?(?:published|posted|republished))\b[^.]{0,120}\.?$/i,
];
const NOTICE_MAX_CHARS = 300;

const TERMINAL = /[.!?…]["”’»)\]]*$/u;

/** True when the line ends like a sentence (period, question mark, ellipsis, maybe in quotes). */
export function endsLikeSentence(line: string): boolean {
  return TERMINAL.test(line);
}

/** Number of whitespace-separated words. */
export function wordCount(line: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const space = line.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Lines made only of punctuation and symbols: "***", "| , , , |", "—". */
export function isSeparatorLine(line: string): boolean {
  return /^[\s\p{P}\p{S}]+$/u.test(line);
}

/** Interface chrome: a short line of UI vocabulary ("Share", "2 min read", "Leave a comment"). */
export function isUiLine(line: string): boolean {
  if (line.length > UI_MAX_CHARS || wordCount(line) > UI_MAX_WORDS) return false;
  if (isSeparatorLine(line)) return true;
  const bare = line
    .replace(/[\s:»›>|·•.!-]+$/u, '')
    .replace(/^[\s«‹<|·•-]+/u, '')
    .toLowerCase();
  if (bare === '') return true;
  return UI_PATTERNS.some((re) => re.test(bare));
}

/**
 * "MORE FROM THE POST", "SPEEDREAD": no lower-case letter, at most five words, no sentence ending.
 * Chrome almost everywhere, but an all-capitals first line may be a headline, so callers decide.
 */
export function isShoutedLabel(line: string): boolean {
  if (endsLikeSentence(line) || wordCount(line) > 5) return false;
  if (!/\p{Lu}/u.test(line) || /\p{Ll}/u.test(line)) return false;
  // Short acronyms alone ("UN", "NATO") are more likely content than chrome; labels are longer.
  return line.replace(/[^\p{L}]/gu, '').length >= 5;
}

/** A site notice sentence such as "This news has been collected from reliable news agencies…". */
export function isNoticeLine(line: string): boolean {
  if (line.length > NOTICE_MAX_CHARS) return false;
  return NOTICE_PATTERNS.some((re) => re.test(line));
}

/** Bulleted summary lines ("• During the call…"); the bullet itself is kept verbatim in the text. */
export function isBulletLine(line: string): boolean {
  return /^[•●▪■◦‣∙·]\s*\S/u.test(line);
}

const WEEKDAY = String.raw`(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day`;
const MONTH = `(?:${MONTH_NAMES})`;
const STAMP_DATE = String.raw`(?:${WEEKDAY}\s*,?\s*)?(?:\d{1,2}\s+${MONTH}\s*,?\s*\d{4}|${MONTH}\s+\d{1,2}\s*,\s*\d{4})`;
const ZONE = String.raw`(?:GMT|BST|UTC|UK|ET|EST|EDT|CET|CEST)`;
const CLOCK = String.raw`\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?`;
const UPDATED = String.raw`(?:Page\s+)?(?:last\s+)?updated(?:\s+(?:at|on))?\s*:?`;
/**
 * A page's publication or update stamp inside a paragraph: a clock time tied to a date ("Page last
 * updated at 08:58 GMT, Thursday, 24 June 2010 09:58 UK", "24 June 2010 Last updated at 14:59 GMT
 * Help", "Saturday 25 April 2009 23.24 BST"), and the server-side include error that web pages
 * print ("( an error occurred while processing this directive )"). Prose names dates, but never
 * with a clock time and a time zone glued to them, so these are chrome wherever they appear.
 */
const PAGE_STAMP = new RegExp(
  [
    String.raw`${UPDATED}\s*${CLOCK}(?:\s*${ZONE})?(?:\s*,?\s*${STAMP_DATE})?(?:\s+${CLOCK}(?:\s*${ZONE})?)?(?:\s+Help\b)?`,
    String.raw`${STAMP_DATE}\s+${UPDATED}\s*${CLOCK}(?:\s*${ZONE})?(?:\s+Help\b)?`,
    String.raw`${STAMP_DATE}\s+${CLOCK}\s*${ZONE}`,
    String.raw`[([]\s*an error occurred while processing this directive\s*[)\]]`,
  ].join('|'),
  'giu',
);
const STAMP_DATE_RE = new RegExp(STAMP_DATE, 'iu');

/** A piece of a paragraph: text, or a page stamp with the date it states (null when none). */
export type StampPiece =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'stamp'; readonly text: string; readonly date: string | null };

/**
 * Splits a paragraph at its page stamps (see PAGE_STAMP): the headline before a stamp and the lead
 * after it become separate pieces instead of one run-on "sentence", and the stamp is set apart
 * so it can serve as the page's date without being quoted. `dateOf` reads a stamp's date.
 */
export function splitAtPageStamps(paragraph: string, dateOf: (stampDate: string) => string | null): StampPiece[] {
  const out: StampPiece[] = [];
  let at = 0;
  for (const m of paragraph.matchAll(PAGE_STAMP)) {
    const before = paragraph.slice(at, m.index).trim();
    if (before !== '') out.push({ kind: 'text', text: before });
    const d = STAMP_DATE_RE.exec(m[0]);
    out.push({ kind: 'stamp', text: m[0], date: d ? dateOf(d[0]) : null });
    at = m.index + m[0].length;
  }
  if (at === 0) return [{ kind: 'text', text: paragraph }];
  const rest = paragraph.slice(at).trim();
  if (rest !== '') out.push({ kind: 'text', text: rest });
  return out;
}
