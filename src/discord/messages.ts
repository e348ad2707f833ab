/** Questions asked by message: `@Bot question`, a reply to one of the bot's answers, or any message in an ask channel. */
import type { Message } from 'discord.js';
import type { FollowUp } from '../engine/types.js';
import { answerQuestion, enforceRateLimit } from './answer.js';
import type { BotContext } from './context.js';
import { UserError, safeReason, userMessage } from './errors.js';
import { followUpOf } from './followup.js';
import { NO_MENTIONS_REPLY } from './reply.js';

/** Added to a mention that arrives over the rate limit (see `MENTION_COOLDOWN_NOTICE`). */
export const COOLDOWN_REACTION = '⏳';

/** The facts about a message that decide whether it is a question for the bot. */
export interface MessageFacts {
  readonly authorIsBot: boolean;
  readonly mentionsBot: boolean;
  readonly repliesToBot: boolean;
  readonly channelId: string;
}

/** True when the message is addressed to the bot (never for bots, including itself). */
export function isQuestionForBot(m: MessageFacts, askChannelIds: readonly string[]): boolean {
  if (m.authorIsBot) return false;
  return m.mentionsBot || m.repliesToBot || askChannelIds.includes(m.channelId);
}

/** The question text: the message without mentions of the bot, whitespace collapsed. */
export function extractQuestion(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Handles a message: answers it with a reply when it is a question for the bot. */
export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const botId = message.client.user.id;
  const facts: MessageFacts = {
    authorIsBot: message.author.bot || message.author.id === botId,
    mentionsBot: message.mentions.users.has(botId),
    repliesToBot: message.mentions.repliedUser?.id === botId,
    channelId: message.channelId,
  };
  if (!isQuestionForBot(facts, ctx.config.askChannelIds)) return;
  const question = extractQuestion(message.content, botId);
  try {
    if (question === '') {
      // In an ask channel, a message without text (e.g. only an image) is not a question.
      if (!facts.mentionsBot) return;
      throw new UserError({ code: 'emptyQuestion' });
    }
    enforceRateLimit(ctx, message.author.id);
    if ('sendTyping' in message.channel) void message.channel.sendTyping().catch(() => undefined);
    const followUp = facts.repliesToBot ? await repliedExchange(message, botId, ctx) : null;
    const view = await answerQuestion(ctx, question, message.author.id, followUp);
    await message.reply({ embeds: view.embeds, components: view.components, allowedMentions: NO_MENTIONS_REPLY });
  } catch (error) {
    if (error instanceof UserError) {
      ctx.log.info({ problem: error.problem.code, user: message.author.id }, 'user error (message)');
    } else {
      ctx.log.error({ err: error, reason: safeReason(error), message: message.id }, 'message handler failed');
    }
    const problem = error instanceof UserError ? error.problem : ({ code: 'internal' } as const);
    if (problem.code === 'rateLimited' && ctx.config.mentionCooldownNotice !== 'reply') {
      // A reply would tell the whole channel; a reaction is seen by the asker without the noise.
      if (ctx.config.mentionCooldownNotice === 'reaction') {
        await message.react(COOLDOWN_REACTION).catch((e: unknown) => ctx.log.warn({ err: e }, 'could not react with the cooldown'));
      }
      return;
    }
    await message.reply({ content: userMessage(problem), allowedMentions: NO_MENTIONS_REPLY }).catch((e: unknown) => {
      ctx.log.warn({ err: e }, 'could not reply with the failure');
    });
  }
}

/**
 * The answer a message replies to, when it is one of the bot's: discord.js has it cached from the
 * gateway event (Discord sends the replied-to message with the reply), else it is fetched once.
 * Anything that goes wrong makes the reply a fresh question, never a failure.
 */
async function repliedExchange(message: Message, botId: string, ctx: BotContext): Promise<FollowUp | null> {
  try {
    const replied = await message.fetchReference();
    if (replied.author.id !== botId) return null;
    const customIds = replied.components.flatMap((row) => {
      const json = row.toJSON() as { components?: readonly { custom_id?: unknown }[] };
      return (json.components ?? []).flatMap((c) => (typeof c.custom_id === 'string' ? [c.custom_id] : []));
    });
    return followUpOf({ embeds: replied.embeds, customIds }, ctx.store, () => ctx.engine.sources());
  } catch (e) {
    ctx.log.debug({ err: e, message: message.id }, 'replied-to message unavailable; answering as a fresh question');
    return null;
  }
}
