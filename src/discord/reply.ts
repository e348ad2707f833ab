/** Sending helpers: every payload carries `allowedMentions: { parse: [] }` so quotes never ping. */
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import { UserError, safeReason, userMessage, type Problem } from './errors.js';
import type { MessageView } from './views.js';

/** No @everyone/@here, role or user pings, whatever the quoted text contains. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[] });

/** Same for message replies, without pinging the asker either. */
export const NO_MENTIONS_REPLY = Object.freeze({ parse: [] as never[], repliedUser: false });

/** A view as a sendable payload. */
export function payload(view: MessageView): MessageView & { allowedMentions: typeof NO_MENTIONS } {
  return { embeds: view.embeds, components: view.components, allowedMentions: NO_MENTIONS };
}

/** Replies ephemerally with a plain message, whatever state the interaction is in. */
export async function sendEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const body = { content, allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.deferred && !interaction.replied) {
    if (interaction.ephemeral) {
      await interaction.editReply({ ...body, embeds: [], components: [] });
      return;
    }
    // The public "thinking…" placeholder would otherwise stay forever: remove it, then say why.
    await interaction.deleteReply().catch(() => undefined);
  }
  await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
}

/** Tells the user about a failure: catalog message for {@link UserError}s, a generic one otherwise. */
export async function reportFailure(interaction: RepliableInteraction, error: unknown, log: Logger): Promise<void> {
  const problem: Problem = error instanceof UserError ? error.problem : { code: 'internal' };
  if (error instanceof UserError) {
    log.info({ problem: problem.code, interaction: interaction.id, user: interaction.user.id }, 'user error');
  } else {
    log.error({ err: error, reason: safeReason(error), interaction: interaction.id }, 'interaction handler failed');
  }
  try {
    await sendEphemeral(interaction, userMessage(problem));
  } catch (e) {
    log.warn({ err: e, interaction: interaction.id }, 'could not report failure to user');
  }
}
