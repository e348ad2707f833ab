/** The CLIs' JSON contracts (`ask --json`, `timeline --json`), in one place. */
import type { AnswerResult, Citation, Excerpt, FigureEvolution, FigureTime, TimelineEvent, TimelineResult } from '../core/types.js';

/**
 * `{id, title, source, published, publishedAfter, creditedTo, file}` of an article: `publishedAfter`
 * is `{after, approximate}` when an undated article has a lower bound, `creditedTo` the reporting
 * the text credits (never the outlet); both null otherwise.
 */
export function citationJson(c: Citation) {
  return {
    id: c.id,
    title: c.title,
    source: c.source,
    published: c.published,
    publishedAfter: c.publishedAfter ? { after: c.publishedAfter.after, approximate: c.publishedAfter.approximate } : null,
    creditedTo: c.creditedTo ?? null,
    file: c.file,
  };
}

function excerptJson(e: Excerpt) {
  return {
    quote: e.quote,
    start: e.start,
    end: e.end,
    score: e.score,
    role: e.role ?? null,
    laterFigure: e.laterFigure ? { figure: e.laterFigure.figure, article: citationJson(e.laterFigure.article) } : null,
    article: citationJson(e.article),
  };
}

function timeJson(t: FigureTime) {
  switch (t.kind) {
    case 'dated':
      return { kind: t.kind, date: t.date };
    case 'after':
      return { kind: t.kind, date: t.date, approximate: t.approximate };
    case 'undated':
      return { kind: t.kind };
    default:
      return t satisfies never;
  }
}

/**
 * `{measure, group, steps:[{time:{kind:"dated"|"after"|"undated", date?, approximate?}, conflict,
 * reports:[{figure, value, quote, start, end, role, article, alsoReportedBy}]}]}`.
 */
export function evolutionJson(ev: FigureEvolution) {
  return {
    measure: ev.measure,
    group: ev.group,
    steps: ev.steps.map((s) => ({
      time: timeJson(s.time),
      conflict: s.conflict,
      reports: s.reports.map((r) => ({
        figure: r.figure,
        value: r.value,
        quote: r.quote,
        start: r.start,
        end: r.end,
        role: r.role ?? null,
        article: citationJson(r.article),
        alsoReportedBy: r.alsoReportedBy.map(citationJson),
      })),
    })),
  };
}

/** `{question, status, reason?, excerpts:[{quote, start, end, score, role, laterFigure, article}], evolution?, ms}`. */
export function answerJson(r: AnswerResult, question: string, ms: number): Record<string, unknown> {
  switch (r.kind) {
    case 'answer':
      return {
        question,
        status: 'answered',
        excerpts: r.excerpts.map(excerptJson),
        ...(r.evolution ? { evolution: evolutionJson(r.evolution) } : {}),
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
    bound: e.bound ?? false,
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
