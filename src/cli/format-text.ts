/**
 * Plain-text rendering of results for terminals (the `ask`/`timeline` CLIs and the chat).
 * Quotes are printed exactly as stored; only the citation line is ours.
 */
import type { AnswerResult, Citation, DatePrecision, TimelineResult } from '../core/types.js';

/** "Press TV · 2023-11-01 · Title (file)" — the citation line under every quote. */
export function citationLine(c: Citation): string {
  return `${c.source ?? 'Unknown outlet'} · ${c.published ?? 'undated'} · ${c.title} (${c.file})`;
}

function alsoLine(also: readonly Citation[]): string {
  return also.length ? `\n    also reported by ${also.map((c) => c.source ?? c.title).join(', ')}` : '';
}

/** An answer as quotes with citations, or the plain "not in the articles" message. */
export function formatAnswer(r: AnswerResult): string {
  switch (r.kind) {
    case 'answer':
      return r.excerpts.map((e, i) => `${i + 1}. “${e.quote}”\n    — ${citationLine(e.article)}${alsoLine(e.alsoReportedBy)}`).join('\n\n');
    case 'noAnswer': {
      const why = NO_ANSWER_TEXT[r.reason];
      const closest = r.closest.length ? `\nClosest articles:\n${r.closest.map((c) => `  - ${citationLine(c)}`).join('\n')}` : '';
      return `${why}${closest}`;
    }
    default:
      return r satisfies never;
  }
}

/** Why there is no answer, in the user's words. */
export const NO_ANSWER_TEXT: Record<Extract<AnswerResult, { kind: 'noAnswer' }>['reason'], string> = {
  emptyQuestion: 'Please ask a question (it was empty).',
  noMatch: 'The articles do not cover this.',
  lowConfidence: 'The articles do not clearly answer this.',
  emptyIndex: 'No articles are indexed yet.',
};

/** "1 Nov 2023", "Nov 2023" or "2009", with "≈" for approximate dates. */
export function formatEventDate(date: string, precision: DatePrecision, approximate: boolean): string {
  const [y, m, d] = date.split('-');
  const month = new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const text = precision === 'year' ? `${y}` : precision === 'month' ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
  return approximate ? `≈ ${text}` : text;
}

/** A timeline grouped by date, each event quoted and cited. */
export function formatTimeline(r: TimelineResult): string {
  switch (r.kind) {
    case 'timeline': {
      const out: string[] = [];
      let last = '';
      for (const e of r.events) {
        const head = formatEventDate(e.date, e.precision, e.approximate);
        if (head !== last) out.push(`\n${head}${e.fromPublication ? ' (publication date)' : ''}`);
        last = head;
        out.push(`  “${e.quote}”\n    — ${citationLine(e.article)}${alsoLine(e.alsoReportedBy)}`);
      }
      return out.join('\n').trimStart();
    }
    case 'noEvents':
      switch (r.reason) {
        case 'emptyTopic':
          return 'Please give a topic.';
        case 'noMatch':
          return `No dated events found: no article in the collection is about “${r.topic}”.`;
        case 'noDates':
          return `No dated events found: articles mention “${r.topic}”, but none of their sentences can be dated.`;
        default:
          return r.reason satisfies never;
      }
    default:
      return r satisfies never;
  }
}
