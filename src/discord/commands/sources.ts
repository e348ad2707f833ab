/** `/sources` — the indexed articles (outlet, date, title) and their count. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { payload } from '../reply.js';
import { renderView, sourcesView } from '../views.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the indexed news articles')
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const view = sourcesView(ctx.engine.sources());
  const body = payload(renderView(ctx.store.put(view), view, 0));
  // Ephemeral by default: a list of files is for the one who asked, not the whole channel.
  if (ctx.config.sourcesVisibility === 'ephemeral') await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  else await interaction.reply(body);
}
