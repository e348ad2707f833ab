/**
 * Timelines about a changing figure ("Palestinian death toll in Gaza"): the figures the articles
 * report for that quantity are events too, placed on their article's date or, for an undated
 * article, on its lower bound ("after 31 Oct 2023"). Undated figures cannot be placed and are left
 * out. Pure; additive to whatever the timeline already holds.
 */
import { figureEvolution } from '../answer/evolution.js';
import type { TimelineEvent, TimelineResult } from '../core/types.js';
import type { SearchIndex } from '../index/types.js';

/** Date bounds of the timeline (`YYYY-MM-DD`, inclusive). */
export interface FigureEventRange {
  readonly from?: string;
  readonly to?: string;
}

/** The topic's figures as timeline events (none unless the topic names a changing quantity). */
export function figureEvents(index: SearchIndex, topic: string, range: FigureEventRange = {}): TimelineEvent[] {
  const ev = figureEvolution(index, topic);
  if (!ev) return [];
  const out: TimelineEvent[] = [];
  for (const step of ev.steps) {
    const t = step.time;
    if (t.kind === 'undated') continue;
    if ((range.from !== undefined && t.date < range.from) || (range.to !== undefined && t.date > range.to)) continue;
    for (const r of step.reports) {
      out.push({
        date: t.date,
        precision: 'day',
        approximate: t.kind === 'after' ? t.approximate : false,
        fromPublication: true,
        ...(t.kind === 'after' ? { bound: true } : {}),
        quote: r.quote,
        start: r.start,
        end: r.end,
        score: 0,
        article: r.article,
        alsoReportedBy: r.alsoReportedBy,
      });
    }
  }
  return out;
}

/** Adds the topic's figure events to a timeline result (a quote already on it is not repeated). */
export function withFigureEvents(index: SearchIndex, topic: string, result: TimelineResult, range: FigureEventRange = {}): TimelineResult {
  if (result.kind === 'noEvents' && result.reason === 'emptyTopic') return result;
  const figures = figureEvents(index, topic, range);
  if (figures.length === 0) return result;
  const have = result.kind === 'timeline' ? result.events : [];
  const fresh = figures.filter((f) => !have.some((e) => e.article.id === f.article.id && e.start < f.end && f.start < e.end));
  if (fresh.length === 0) return result;
  const events = [...have, ...fresh].sort(
    (a, b) => a.date.localeCompare(b.date) || Number(a.bound === true) - Number(b.bound === true) || b.score - a.score,
  );
  return { kind: 'timeline', topic: topic.trim(), events };
}
