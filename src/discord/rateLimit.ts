/** Per-user sliding-window rate limiting for questions. */

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** Allows `limit` hits per user per `windowMs`; forgets users whose window has passed. */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(limit: number, windowMs = 60_000, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Records a hit for `userId` when allowed; otherwise says how long until the next is. */
  hit(userId: string): RateDecision {
    const now = this.#now();
    const recent = (this.#hits.get(userId) ?? []).filter((t) => t > now - this.#windowMs);
    if (recent.length >= this.#limit) {
      this.#hits.set(userId, recent);
      return { ok: false, retryAfterMs: (recent[0] ?? now) + this.#windowMs - now };
    }
    recent.push(now);
    this.#hits.set(userId, recent);
    if (this.#hits.size > 10_000) this.#sweep(now);
    return { ok: true };
  }

  #sweep(now: number): void {
    for (const [user, times] of this.#hits) {
      if (times.every((t) => t <= now - this.#windowMs)) this.#hits.delete(user);
    }
  }
}
