/** `/sources` — the indexed articles (outlet, date, title) and their count. */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { payload } from '../reply.js';
import { renderView, sourcesView } from '../views.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the indexed news articles')
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const view = sourcesView(ctx.engine.sources());
  await interaction.reply(payload(renderView(ctx.store.put(view), view, 0)));
}
