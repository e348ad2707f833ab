/** Throttled message edits for long operations: at most one edit per interval, last state wins. */

export class ThrottledEditor {
  readonly #edit: (text: string) => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #last = -Infinity;
  #pending: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #finished = false;

  constructor(edit: (text: string) => Promise<unknown>, intervalMs = 1000, now: () => number = Date.now) {
    this.#edit = edit;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** Shows `text` now if the interval allows, otherwise once it does (replacing older pending text). */
  update(text: string): void {
    if (this.#finished) return;
    this.#pending = text;
    const wait = this.#last + this.#intervalMs - this.#now();
    if (wait <= 0 && this.#timer === null) this.#flush();
    else if (this.#timer === null) this.#timer = setTimeout(() => this.#flush(), Math.max(0, wait));
  }

  #flush(): void {
    this.#timer = null;
    const text = this.#pending;
    this.#pending = null;
    if (text === null || this.#finished) return;
    this.#last = this.#now();
    // Edits are chained so they reach Discord in order; a failed progress edit is not fatal.
    this.#chain = this.#chain.then(() => this.#edit(text)).catch(() => undefined);
  }

  /** Cancels pending progress, waits for in-flight edits, then makes the final edit. */
  async finish(text: string): Promise<void> {
    this.#finished = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
    await this.#chain;
    await this.#edit(text);
  }
}
