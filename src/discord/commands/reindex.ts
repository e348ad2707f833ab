/** `/reindex [full]` — admins only (checked here, not just hidden): rebuilds the index with progress. */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { UserError } from '../errors.js';
import { isAdmin, memberFacts } from '../permissions.js';
import { claimReindex, runReindex } from '../reindexRun.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the articles folder and update the index (admins only)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
  .addBooleanOption((o) => o.setName('full').setDescription('Rebuild everything instead of only changed files'));

/** Shared by /reindex and /add-article. */
export function ensureAdmin(interaction: ChatInputCommandInteraction, ctx: BotContext): void {
  if (!interaction.inGuild()) throw new UserError({ code: 'guildOnly' });
  if (!isAdmin(memberFacts(interaction), ctx.config.adminRoleIds)) throw new UserError({ code: 'notAdmin' });
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  ensureAdmin(interaction, ctx);
  // Refusals (not admin, busy) are ephemeral replies made before anything is deferred; the
  // progress and summary that follow a public deferral are for the whole channel.
  const release = claimReindex(ctx);
  try {
    const full = interaction.options.getBoolean('full') ?? false;
    await interaction.deferReply();
    await runReindex(interaction, ctx, full);
  } finally {
    release();
  }
}
