/** The question → message flow shared by /ask, mentions and the ask channels. */
import { checkQuestion } from '../answer/question.js';
import type { AnswerResult } from '../core/types.js';
import type { FollowUp } from '../engine/types.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { ASK_K } from './limits.js';
import { stripDiscordMarkup } from './markup.js';
import { withoutPreamble } from './preamble.js';
import { answerView, noAnswerView, renderView, type MessageView } from './views.js';

/** Applies the per-user rate limit; throws the catalog's cooldown message when exceeded. */
export function enforceRateLimit(ctx: BotContext, userId: string): void {
  const d = ctx.limiter.hit(userId);
  if (!d.ok) throw new UserError({ code: 'rateLimited', retryAfterMs: d.retryAfterMs });
}

/** Turns an engine result into its first page (storing it so the buttons can page it). */
export function answerMessage(ctx: BotContext, result: AnswerResult): MessageView {
  switch (result.kind) {
    case 'answer': {
      if (result.excerpts.length === 0 && !result.evolution) {
        return noAnswerView({ kind: 'noAnswer', question: result.question, reason: 'noMatch', closest: [] });
      }
      const view = answerView(result);
      return renderView(ctx.store.put(view), view, 0);
    }
    case 'noAnswer':
      return noAnswerView(result);
  }
}

/**
 * Asks the engine for {@link ASK_K} excerpts (paged 3 at a time) and builds the reply;
 * `followUp` is the answer the question replies to, whose topic the engine carries in.
 */
export async function answerQuestion(
  ctx: BotContext,
  typed: string,
  userId: string,
  followUp: FollowUp | null = null,
): Promise<MessageView> {
  // Formatting is how the user typed it, not what they asked: "**Bolivia**" asks about Bolivia.
  const question = stripDiscordMarkup(typed);
  const check = checkQuestion(question);
  if (check.kind === 'tooLong') throw new UserError({ code: 'questionTooLong', length: check.length, max: check.max });
  const started = Date.now();
  const options = { k: ASK_K, ...(followUp ? { followUp } : {}) };
  let result = await ctx.engine.ask(question, options);
  // Words before the question ("**URGENT** _please_ What did…?") are not asked: a second chance without them.
  const bare =
    result.kind === 'noAnswer' && (result.reason === 'lowConfidence' || result.reason === 'noMatch') ? withoutPreamble(question) : null;
  if (bare !== null) {
    const retried = await ctx.engine.ask(bare, options);
    if (retried.kind === 'answer') result = retried;
  }
  ctx.log.info(
    {
      user: userId,
      kind: result.kind,
      excerpts: result.kind === 'answer' ? result.excerpts.length : 0,
      followUp: followUp !== null,
      ms: Date.now() - started,
    },
    'question answered',
  );
  return answerMessage(ctx, result);
}
