/**
 * Plain-text rendering of results for terminals (the `ask`/`timeline` CLIs and the chat).
 * Quotes are printed exactly as stored; only the citation line is ours.
 */
import type {
  AnswerResult,
  Citation,
  DatePrecision,
  Excerpt,
  FigureEvolution,
  FigureTime,
  TextRole,
  TimelineResult,
} from '../core/types.js';

/** "Press TV · 2023-11-01 · Title (file)" — the citation line under every quote. */
export function citationLine(c: Citation): string {
  const outlet = c.source ?? `Unknown outlet${c.creditedTo ? ` (reporting credited to ${c.creditedTo})` : ''}`;
  return `${outlet} · ${publicationText(c)} · ${c.title} (${c.file})`;
}

/** "2023-11-01", "undated · after 31 Oct 2023" ("≈" when the bound was inferred), or "undated". */
export function publicationText(c: Pick<Citation, 'published' | 'publishedAfter'>): string {
  if (c.published) return c.published;
  const b = c.publishedAfter;
  return b ? `undated · after ${formatEventDate(b.after, 'day', b.approximate)}` : 'undated';
}

const ROLE_TEXT: Readonly<Record<TextRole, string>> = {
  caption: '(photo caption) ',
  highlight: '(highlight) ',
  pullquote: '(pull quote) ',
  standfirst: '(standfirst) ',
};

function alsoLine(also: readonly Citation[]): string {
  return also.length ? `\n    also reported by ${also.map((c) => c.source ?? c.title).join(', ')}` : '';
}

/** An answer as quotes with citations, or the plain "not in the articles" message. */
export function formatAnswer(r: AnswerResult): string {
  switch (r.kind) {
    case 'answer':
      return [
        r.excerpts
          .map(
            (e, i) =>
              `${i + 1}. ${e.role ? ROLE_TEXT[e.role] : ''}“${e.quote}”\n    — ${citationLine(e.article)}${alsoLine(e.alsoReportedBy)}${laterLine(e)}`,
          )
          .join('\n\n'),
        ...(r.evolution ? [formatEvolution(r.evolution)] : []),
      ]
        .filter((part) => part !== '')
        .join('\n\n');
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
        const head = `${e.bound ? 'after ' : ''}${formatEventDate(e.date, e.precision, e.approximate)}`;
        const note = e.bound ? ' (undated articles published on or after this date)' : e.fromPublication ? ' (publication date)' : '';
        if (head !== last) out.push(`\n${head}${note}`);
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

function laterLine(e: Pick<Excerpt, 'laterFigure'>): string {
  const l = e.laterFigure;
  return l ? `\n    ! a later article reports ${l.figure} (${l.article.source ?? 'unknown outlet'}, ${publicationText(l.article)})` : '';
}

/** "How the figure changed": each step's date (or bound), its figures, quotes and citations. */
export function formatEvolution(ev: FigureEvolution): string {
  const out = [`How the figure changed (${evolutionLabel(ev)}):`];
  for (const step of ev.steps) {
    out.push(`\n${figureTimeText(step.time)}${step.conflict ? ' — reports differ:' : ''}`);
    for (const r of step.reports) {
      const who = step.conflict ? `${r.article.source ?? 'unknown outlet'}: ` : '';
      out.push(
        `  ${who}${r.figure} — ${r.role ? ROLE_TEXT[r.role] : ''}“${r.quote}”\n    — ${citationLine(r.article)}${alsoLine(r.alsoReportedBy)}`,
      );
    }
  }
  return out.join('\n');
}

/** "killed · Palestinians". */
export function evolutionLabel(ev: Pick<FigureEvolution, 'measure' | 'group'>): string {
  return ev.group ? `${ev.measure} · ${ev.group}` : ev.measure;
}

/** "1 Nov 2023", "after ≈ 7 Oct 2023" or "undated". */
export function figureTimeText(t: FigureTime): string {
  switch (t.kind) {
    case 'dated':
      return formatEventDate(t.date, 'day', false);
    case 'after':
      return `undated · after ${formatEventDate(t.date, 'day', t.approximate)}`;
    case 'undated':
      return 'undated';
    default:
      return t satisfies never;
  }
}
