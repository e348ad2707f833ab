/** `/help` — what the bot does and how to use it. */
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { payload } from '../reply.js';
import { helpView } from '../views.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('How to use the news quote bot');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...payload(helpView(ctx.engine.mode)), flags: MessageFlags.Ephemeral });
}
