/** A small in-memory LRU with expiry, keyed by short random ids that fit in button customIds. */
import { randomBytes } from 'node:crypto';

export interface StoreOptions {
  readonly maxEntries: number;
  readonly ttlMs: number;
  readonly now?: () => number;
}

/** Least-recently-used cache of results; entries expire `ttlMs` after their last use. */
export class ResultStore<T> {
  readonly #entries = new Map<string, { value: T; expires: number }>();
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(options: StoreOptions) {
    this.#max = Math.max(1, options.maxEntries);
    this.#ttl = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Stores a value and returns its new id (8 URL-safe characters). */
  put(value: T): string {
    let id: string;
    do id = randomBytes(6).toString('base64url');
    while (this.#entries.has(id));
    this.#entries.set(id, { value, expires: this.#now() + this.#ttl });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return id;
  }

  /** The value, refreshed as most recently used; `undefined` when unknown or expired. */
  get(id: string): T | undefined {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    this.#entries.delete(id);
    if (e.expires <= this.#now()) return undefined;
    this.#entries.set(id, { value: e.value, expires: this.#now() + this.#ttl });
    return e.value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
