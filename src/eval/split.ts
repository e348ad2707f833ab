/**
 * Which eval questions count, and the deterministic halves every tuned constant is chosen on
 * (one half) and confirmed on (the other). Pure.
 */

/** An eval question as the dev sets write it (only the fields the split reads). */
export interface SplitQuestion {
  readonly id: string;
  readonly answers: readonly string[];
  readonly doc_ids: readonly string[];
  /** The day the question was asked (news sets); absent for encyclopaedic sets. */
  readonly question_date?: string | undefined;
}

/** Shortest answer string the extractive subset keeps (shorter ones match by accident: "0", "UK"). */
export const MIN_EXTRACTIVE_ANSWER_CHARS = 4;

/**
 * The extractively answerable subset, as the dev sets' READMEs define it: at least one document
 * holds an answer string (`doc_ids` non-empty) and every answer is at least
 * {@link MIN_EXTRACTIVE_ANSWER_CHARS} characters.
 */
export function extractive<Q extends SplitQuestion>(questions: readonly Q[]): Q[] {
  return questions.filter((q) => q.doc_ids.length > 0 && q.answers.every((a) => a.length >= MIN_EXTRACTIVE_ANSWER_CHARS));
}

/**
 * Half 1 or 2 of the questions, deterministic and independent of any result:
 * - questions with a `question_date` (news): ordered by date, then id; half 1 is the earlier
 *   ⌈n/2⌉, half 2 the rest, so the second half is also later news than the first;
 * - otherwise by the parity of the gold document's article number (`articleOf`, e.g. the
 *   `article_index` of XQuAD paragraphs): half 1 even, half 2 odd, so no article's paragraphs
 *   are in both halves. A question whose article is unknown (or a set with no documents, such
 *   as the unanswerable ones) goes by the parity of its position instead.
 */
export function half<Q extends SplitQuestion>(questions: readonly Q[], which: 1 | 2, articleOf: (docId: string) => number | null): Q[] {
  if (questions.length > 0 && questions.every((q) => typeof q.question_date === 'string')) {
    const sorted = [...questions].sort((a, b) => a.question_date!.localeCompare(b.question_date!) || a.id.localeCompare(b.id));
    const cut = Math.ceil(sorted.length / 2);
    return which === 1 ? sorted.slice(0, cut) : sorted.slice(cut);
  }
  return questions.filter((q, i) => {
    const doc = q.doc_ids[0];
    const n = (doc === undefined ? null : articleOf(doc)) ?? i;
    return (n % 2 === 1) === (which === 2);
  });
}
