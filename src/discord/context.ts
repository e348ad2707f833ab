/** Everything a handler needs, created once per bot by `startBot`. */
import type { Config } from '../config.js';
import type { Engine } from '../engine/types.js';
import type { Logger } from '../log.js';
import type { FeedbackSink } from './feedback.js';
import type { RateLimiter } from './rateLimit.js';
import type { ResultStore } from './store.js';
import type { StoredView } from './views.js';

export interface BotContext {
  readonly config: Config;
  readonly engine: Engine;
  readonly log: Logger;
  readonly store: ResultStore<StoredView>;
  readonly limiter: RateLimiter;
  readonly feedback: FeedbackSink;
  /** Bot-side single-flight guard, set before the engine's own `reindexing` flag can be. */
  readonly reindexGate: { running: boolean };
}
