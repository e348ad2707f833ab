/** Runs a reindex on behalf of an interaction, editing its reply with throttled progress. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { IngestSummary } from '../ingest/types.js';
import type { BotContext } from './context.js';
import { UserError, safeReason, userMessage } from './errors.js';
import { progressText, summaryText } from './format.js';
import { truncate } from './paging.js';
import { LIMITS } from './limits.js';
import { ThrottledEditor } from './progress.js';
import { NO_MENTIONS } from './reply.js';

/** Refuses politely when a reindex is already running (here or in the engine). */
export function ensureNotReindexing(ctx: BotContext): void {
  if (ctx.reindexGate.running || ctx.engine.reindexing) throw new UserError({ code: 'reindexBusy' });
}

/**
 * Takes the bot's single reindex slot synchronously, so the check and the claim happen before any
 * await: a second command arriving meanwhile is refused before it defers (no public "thinking…"
 * that turns into an ephemeral refusal). Returns the idempotent release.
 */
export function claimReindex(ctx: BotContext): () => void {
  ensureNotReindexing(ctx);
  ctx.reindexGate.running = true;
  let held = true;
  return () => {
    if (held) ctx.reindexGate.running = false;
    held = false;
  };
}

/**
 * Reindexes (the interaction must already be deferred and the slot taken with
 * {@link claimReindex}), showing progress and then the summary,
 * or the reason for a failure (the engine keeps serving the old index in that case).
 */
export async function runReindex(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  full: boolean,
  prefix = '',
  progressIntervalMs = 1000,
): Promise<IngestSummary | null> {
  const edit = (text: string) =>
    interaction.editReply({ content: truncate(prefix + text, LIMITS.content), embeds: [], components: [], allowedMentions: NO_MENTIONS });
  const editor = new ThrottledEditor(edit, progressIntervalMs);
  const started = Date.now();
  let summary: IngestSummary | null = null;
  let finalText: string;
  try {
    editor.update(`⏳ Reindexing${full ? ' (full)' : ''}…`);
    summary = await ctx.engine.reindex({ full }, (p) => {
      if (p.stage !== 'done') editor.update(progressText(p));
    });
    ctx.log.info(
      { user: interaction.user.id, full, articles: summary.articles, chunks: summary.chunks, ms: Date.now() - started },
      'reindex done',
    );
    finalText = summaryText(summary, full);
  } catch (error) {
    ctx.log.error({ err: error, user: interaction.user.id, full }, 'reindex failed');
    finalText = userMessage({ code: 'reindexFailed', reason: safeReason(error) });
  }
  try {
    await editor.finish(finalText);
  } catch (error) {
    // Interaction tokens expire after 15 minutes: a very long reindex reports in the channel instead.
    ctx.log.warn({ err: error }, 'could not edit the reindex reply; posting in the channel');
    const channel = interaction.channel;
    if (channel && 'send' in channel && !interaction.ephemeral) {
      await channel.send({ content: truncate(prefix + finalText, LIMITS.content), allowedMentions: NO_MENTIONS }).catch(() => undefined);
    }
  }
  return summary;
}
