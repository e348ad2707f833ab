/** `/timeline topic:<text> [from] [to]` — dated quotes in chronological order. */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { TimelineOptions } from '../../engine/types.js';
import { enforceRateLimit } from '../answer.js';
import type { BotContext } from '../context.js';
import { parseDateBound } from '../dates.js';
import { stripDiscordMarkup } from '../markup.js';
import { UserError } from '../errors.js';
import { payload } from '../reply.js';
import { noEventsView, renderView, timelineView } from '../views.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('A chronological timeline of quoted events about a topic')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('topic').setDescription('What the timeline is about').setRequired(true).setMaxLength(300))
  .addStringOption((o) => o.setName('from').setDescription('Earliest date: 2023, 2023-11 or 2023-11-01').setMaxLength(40))
  .addStringOption((o) => o.setName('to').setDescription('Latest date: 2023, 2023-11 or 2023-11-30').setMaxLength(40));

function bound(interaction: ChatInputCommandInteraction, option: 'from' | 'to'): string | undefined {
  const raw = interaction.options.getString(option);
  if (raw === null || raw.trim() === '') return undefined;
  const iso = parseDateBound(raw, option);
  if (iso === null) throw new UserError({ code: 'badDate', option, value: raw });
  return iso;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const topic = stripDiscordMarkup(interaction.options.getString('topic', true));
  const from = bound(interaction, 'from');
  const to = bound(interaction, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new UserError({ code: 'badDateRange' });
  enforceRateLimit(ctx, interaction.user.id);
  await interaction.deferReply();
  const options: TimelineOptions = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const result = await ctx.engine.timeline(topic, options);
  ctx.log.info(
    { user: interaction.user.id, kind: result.kind, events: result.kind === 'timeline' ? result.events.length : 0 },
    'timeline built',
  );
  switch (result.kind) {
    case 'timeline': {
      if (result.events.length === 0) {
        await interaction.editReply(payload(noEventsView({ kind: 'noEvents', topic: result.topic, reason: 'noMatch' })));
        return;
      }
      const view = timelineView(result);
      await interaction.editReply(payload(renderView(ctx.store.put(view), view, 0)));
      return;
    }
    case 'noEvents':
      await interaction.editReply(payload(noEventsView(result)));
      return;
  }
}
