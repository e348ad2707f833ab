/**
 * Words a message puts before its question ("**URGENT** _please_ … What did Bolivia announce?",
 * "Header\nbold italic What did…?"): not part of what is asked, but counted against the answer
 * as question words no article uses. Pure.
 *
 * The question is the part from its last capitalised question word ("What", "Did", …) to the
 * closing "?". The words before it are a preamble only when they name nothing — no capitalised
 * name, no number — so "About Chile. What did the government announce?" keeps "Chile" (dropping
 * it would answer a question about Bolivia's government).
 */

/** Words that open an English question. */
const OPENER =
  /(?<![\p{L}\p{N}'’-])(?:What|Who|Whom|Whose|When|Where|Why|How|Which|Did|Does|Do|Is|Are|Was|Were|Has|Have|Had|Can|Could|Will|Would|Should)(?![\p{L}\p{N}'’-])/gu;

/** The question without its preamble, or `null` when there is none to drop (see the module comment). */
export function withoutPreamble(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.endsWith('?')) return null;
  let start = -1;
  for (const m of trimmed.matchAll(OPENER)) if (m.index > 0) start = m.index;
  if (start <= 0) return null;
  const preamble = trimmed.slice(0, start);
  if (!/[\p{L}\p{N}]/u.test(preamble) || namesSomething(preamble)) return null;
  return trimmed.slice(start);
}

/** A number, or a capitalised word that does not begin a line or sentence (a name), in `text`. */
function namesSomething(text: string): boolean {
  if (/\p{N}/u.test(text)) return true;
  // Each line and sentence may begin with a capital ("Header", "Quick question:"); later capitals are names.
  return text.split(/\n|[.!?…:;]\s+/).some((part) => /\s\p{Lu}/u.test(part.trim()));
}
