/** `/ask question:<text>` — verbatim, cited excerpts answering a question. */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { answerQuestion, enforceRateLimit } from '../answer.js';
import type { BotContext } from '../context.js';
import { payload } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Answer a question with quoted, cited excerpts from the news articles')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, e.g. "What happened on 1 November?"').setRequired(true).setMaxLength(500),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  enforceRateLimit(ctx, interaction.user.id);
  // Acknowledge at once: Discord fails interactions not answered within 3 s.
  await interaction.deferReply();
  const view = await answerQuestion(ctx, question, interaction.user.id);
  await interaction.editReply(payload(view));
}
