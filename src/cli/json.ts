/** The CLIs' JSON contracts (`ask --json`, `timeline --json`), in one place. */
import type { AnswerResult, Citation, TimelineEvent, TimelineResult } from '../core/types.js';

/** `{id, title, source, published, file}` of an article. */
export function citationJson(c: Citation) {
  return { id: c.id, title: c.title, source: c.source, published: c.published, file: c.file };
}

/** `{question, status, reason?, excerpts:[{quote, start, end, score, article}], ms}`. */
export function answerJson(r: AnswerResult, question: string, ms: number): Record<string, unknown> {
  switch (r.kind) {
    case 'answer':
      return {
        question,
        status: 'answered',
        excerpts: r.excerpts.map((e) => ({ quote: e.quote, start: e.start, end: e.end, score: e.score, article: citationJson(e.article) })),
        ms,
      };
    case 'noAnswer':
      return { question, status: 'no_answer', reason: r.reason, excerpts: [], ms };
    default:
      return r satisfies never;
  }
}

function eventJson(e: TimelineEvent) {
  return {
    date: e.date,
    precision: e.precision,
    approximate: e.approximate,
    fromPublication: e.fromPublication,
    quote: e.quote,
    start: e.start,
    end: e.end,
    article: citationJson(e.article),
    alsoReportedBy: e.alsoReportedBy.map(citationJson),
  };
}

/** `{topic, events:[…], ms}` sorted by date, plus `reason` when there are none. */
export function timelineJson(r: TimelineResult, ms: number): Record<string, unknown> {
  switch (r.kind) {
    case 'timeline':
      return { topic: r.topic, events: r.events.map(eventJson), ms };
    case 'noEvents':
      return { topic: r.topic, events: [], reason: r.reason, ms };
    default:
      return r satisfies never;
  }
}
