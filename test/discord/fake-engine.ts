/**
 * A small in-memory Engine for the bot's end-to-end tests: realistic answers and timelines,
 * scripted per question, and a reindex the test completes (or fails) when it chooses.
 */
import type { AnswerResult, Citation, DatePrecision, Excerpt, TimelineEvent, TimelineResult } from '../../src/core/types.js';
import type { AskOptions, Engine, QuoteContext, SourceEntry, TimelineOptions } from '../../src/engine/types.js';
import type { IngestProgress, IngestSummary } from '../../src/ingest/types.js';

export const PRESS_TV: Citation = {
  id: 'a1',
  title: 'Iran FM meets Turkish counterpart in Ankara to discuss war on Gaza',
  source: 'Press TV',
  url: 'https://www.presstv.ir/Detail/2023/11/01/ankara-meeting',
  published: '2023-11-01',
  file: '000_ankara.txt',
};
export const RT: Citation = {
  id: 'a2',
  title: 'Turkey recalls ambassador to Israel',
  source: 'RT',
  url: null,
  published: '2023-11-04',
  file: '001_recall.txt',
};
export const UNDATED: Citation = {
  id: 'a3',
  title: 'Aid convoy *finally* reaches [Rafah]',
  source: null,
  url: null,
  published: null,
  file: '002_convoy.md',
};

const SENTENCES = [
  'Iranian Foreign Minister Hossein Amir-Abdollahian has met with his Turkish counterpart Hakan Fidan in Ankara to discuss efforts needed for an immediate ceasefire in the Gaza Strip.',
  'The two foreign ministers held a meeting behind closed doors in the Turkish capital on Wednesday.',
  'Turkey said on Saturday it was recalling its ambassador to Israel for consultations, citing the humanitarian tragedy in Gaza.',
  'The convoy of 20 trucks crossed at 10:00 local time, officials said, after days of *negotiations* over inspections.',
  'A spokesman said the talks would continue “until a ceasefire is reached”.',
  'Officials in Ankara said the visit had been planned for weeks.',
  'The ministry statement said both sides agreed on the need for humanitarian corridors.',
  'Protesters gathered outside the embassy for a third consecutive night.',
  'The UN envoy welcomed the meeting and urged restraint.',
];

function excerpt(i: number, article: Citation, also: readonly Citation[] = []): Excerpt {
  const quote = SENTENCES[i % SENTENCES.length] ?? '';
  return { quote, start: i * 200, end: i * 200 + quote.length, score: 1 - i / 20, article, alsoReportedBy: also };
}

/** Nine excerpts: enough for three pages of three. */
export const NINE_EXCERPTS: readonly Excerpt[] = Array.from({ length: 9 }, (_, i) =>
  excerpt(i, [PRESS_TV, RT, UNDATED][i % 3] ?? PRESS_TV, i === 0 ? [RT] : []),
);

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const SUMMARY: IngestSummary = {
  articles: 4,
  chunks: 37,
  files: [
    { file: '000_ankara.txt', articles: 1, status: 'unchanged' },
    { file: 'new-article.md', articles: 1, status: 'added' },
    { file: 'empty.txt', articles: 0, status: 'skipped', reason: 'empty file' },
  ],
  mode: 'lexical',
  ms: 1234,
  noop: false,
  warnings: [],
};

/** Scriptable fake: `answers` maps a question to a result; anything else gets 9 excerpts. */
export class FakeEngine implements Engine {
  readonly asked: { question: string; options: AskOptions | undefined }[] = [];
  readonly timelines: { topic: string; options: TimelineOptions | undefined }[] = [];
  readonly reindexCalls: { full: boolean }[] = [];
  readonly answers = new Map<string, AnswerResult>();
  readonly timelineResults = new Map<string, TimelineResult>();
  sourceList: SourceEntry[] = [PRESS_TV, RT, UNDATED].map((article, i) => ({ article, chunks: 3 + i }));
  mode: 'hybrid' | 'lexical' = 'hybrid';
  /** Set by the test to control when a reindex finishes. */
  reindexGate: Deferred<IngestSummary> | null = null;
  /** Called with the progress callback once a reindex starts. */
  onReindexStart: ((progress: (p: IngestProgress) => void) => void) | null = null;
  #reindexing = false;

  get reindexing(): boolean {
    return this.#reindexing;
  }

  async ask(question: string, options?: AskOptions): Promise<AnswerResult> {
    this.asked.push({ question, options });
    await new Promise((r) => setTimeout(r, 5));
    const scripted = this.answers.get(question);
    if (scripted) return scripted;
    if (question.trim() === '') return { kind: 'noAnswer', question, reason: 'emptyQuestion', closest: [] };
    return { kind: 'answer', question, excerpts: NINE_EXCERPTS.slice(0, options?.k ?? 3) };
  }

  async timeline(topic: string, options?: TimelineOptions): Promise<TimelineResult> {
    this.timelines.push({ topic, options });
    await new Promise((r) => setTimeout(r, 5));
    const scripted = this.timelineResults.get(topic);
    if (scripted) return scripted;
    const event = (e: Excerpt, date: string, precision: DatePrecision, approximate: boolean, fromPublication: boolean): TimelineEvent => ({
      date,
      precision,
      approximate,
      fromPublication,
      quote: e.quote,
      start: e.start,
      end: e.end,
      score: e.score,
      article: e.article,
      alsoReportedBy: e.alsoReportedBy,
    });
    const events: TimelineEvent[] = [
      event(excerpt(1, PRESS_TV), '2023-11-01', 'day', false, false),
      event(excerpt(5, PRESS_TV), '2023-11-01', 'day', true, false),
      event(excerpt(2, RT, [PRESS_TV]), '2023-11-04', 'day', false, false),
      event(excerpt(7, RT), '2023-11-01', 'month', false, true),
    ];
    return { kind: 'timeline', topic, events };
  }

  sources(): readonly SourceEntry[] {
    return this.sourceList;
  }

  context(articleId: string, start: number, end: number): QuoteContext | null {
    const e = NINE_EXCERPTS.find((x) => x.article.id === articleId && x.start === start && x.end === end);
    if (!e) return null;
    const before = 'Earlier on Wednesday, officials met. ';
    const after = ' No statement followed.';
    return { article: e.article, paragraph: before + e.quote + after, quoteStart: before.length, quoteEnd: before.length + e.quote.length };
  }

  async reindex(options: { readonly full: boolean }, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
    if (this.#reindexing) throw new Error('a reindex is already running');
    this.#reindexing = true;
    this.reindexCalls.push({ full: options.full });
    try {
      const progress = onProgress ?? (() => {});
      progress({ stage: 'scan', files: 3 });
      progress({ stage: 'parse', done: 1, total: 3, file: '000_ankara.txt' });
      this.onReindexStart?.(progress);
      const summary = this.reindexGate ? await this.reindexGate.promise : SUMMARY;
      progress({ stage: 'done', summary });
      return summary;
    } finally {
      this.#reindexing = false;
    }
  }
}
