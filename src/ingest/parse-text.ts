/**
 * Plain text → paragraph units. Normalises whitespace (CRLF, NBSP, runs of spaces) without touching any
 * other character, then cuts the text into units: one per line, except hard-wrapped paragraphs
 * (blocks of similar-length lines) which are joined back into one unit.
 */
import { endsLikeSentence, isBulletLine, isUiLine } from './boilerplate.js';
import { parseByline, parsePostedByFooter } from './metadata.js';

/** Spaces that should read as a plain space (NBSP, figure space, narrow NBSP, ideographic excluded). */
const ODD_SPACES = /[\u00A0\u2007\u202F\t\v\f]/g;
/** Invisible characters that only get in the way of matching (zero-width space, stray BOMs). */
const INVISIBLE = /[\u200B\uFEFF]/g;
/** C0 controls other than tab/newline: never text. */
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

/** CRLF/CR → LF, odd spaces → space, runs of spaces collapsed, lines trimmed. Quotes and dashes are left as written. */
export function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(ODD_SPACES, ' ')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Hard-wrapped lines are at most this long (typical 60-80 column wrapping). */
const WRAP_MAX = 100;
const WRAP_MIN = 40;

/** Splits normalised text into paragraph units (non-empty, trimmed). */
export function textUnits(normalized: string): string[] {
  const out: string[] = [];
  for (const block of normalized.split(/\n{2,}/)) {
    const lines = block.split('\n').filter((l) => l !== '');
    if (lines.length === 0) continue;
    if (isWrappedBlock(lines)) out.push(lines.join(' '));
    else out.push(...lines);
  }
  return out;
}

/**
 * A block is a hard-wrapped paragraph when it has several lines of similar length (all but the last
 * close to the longest, which is at most ~100 columns), at least half of them stop mid-sentence, and
 * none of them is a byline, bullet or widget.
 */
function isWrappedBlock(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  let max = 0;
  for (const l of lines) max = Math.max(max, l.length);
  if (max > WRAP_MAX) return false;
  let brokenMidSentence = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (i < lines.length - 1) {
      if (l.length < WRAP_MIN || l.length < 0.6 * max) return false;
      if (!endsLikeSentence(l)) brokenMidSentence++;
    }
    if (isBulletLine(l) || isUiLine(l) || parseByline(l) || parsePostedByFooter(l)) return false;
  }
  // One paragraph per line ends (nearly) every line with a sentence; wrapping cuts sentences.
  return brokenMidSentence >= (lines.length - 1) / 2;
}
