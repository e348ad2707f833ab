/** 👍/👎 feedback, appended to a JSON-lines file (one record per click). */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FeedbackRecord {
  readonly at: string;
  readonly userId: string;
  readonly vote: 'up' | 'down';
  readonly question: string;
  readonly page: number;
  /** The excerpts shown on the rated page. */
  readonly excerpts: readonly { readonly articleId: string; readonly start: number; readonly end: number }[];
  readonly guildId: string | null;
  readonly messageId: string | null;
}

/** Appends records in order; concurrent clicks are serialised so lines never interleave. */
export class FeedbackSink {
  readonly #file: string;
  #chain: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  record(rec: FeedbackRecord): Promise<void> {
    const line = `${JSON.stringify(rec)}\n`;
    const next = this.#chain.then(async () => {
      await mkdir(dirname(this.#file), { recursive: true });
      await appendFile(this.#file, line, 'utf8');
    });
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
