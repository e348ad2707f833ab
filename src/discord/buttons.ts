/** Button handlers: page (More/Back), Context (ephemeral passage around the quote), 👍/👎 feedback. */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { BotContext } from './context.js';
import { decodeCustomId } from './customId.js';
import { UserError } from './errors.js';
import { NO_MENTIONS, payload } from './reply.js';
import { clampPage, contextView, renderView } from './views.js';

/** Handles one of our buttons; unknown or expired ids get the catalog's "expired" message. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (action === null) throw new UserError({ code: 'expired' });
  const view = ctx.store.get(action.id);
  if (view === undefined) throw new UserError({ code: 'expired' });
  switch (action.action) {
    case 'page': {
      await interaction.update(payload(renderView(action.id, view, action.page)));
      return;
    }
    case 'context': {
      if (view.kind !== 'answer') throw new UserError({ code: 'expired' });
      const excerpt = view.excerpts[action.excerpt];
      if (excerpt === undefined) throw new UserError({ code: 'expired' });
      const context = ctx.engine.context(excerpt.article.id, excerpt.start, excerpt.end);
      if (context === null) throw new UserError({ code: 'contextMissing' });
      await interaction.reply({ ...payload(contextView(context)), flags: MessageFlags.Ephemeral });
      return;
    }
    case 'vote': {
      if (view.kind !== 'answer') throw new UserError({ code: 'expired' });
      const page = clampPage(view, action.page);
      const items = view.pages[page]?.items ?? [];
      await ctx.feedback.record({
        at: new Date().toISOString(),
        userId: interaction.user.id,
        vote: action.vote,
        question: view.question,
        page,
        excerpts: items.flatMap((i) => {
          const e = view.excerpts[i];
          return e ? [{ articleId: e.article.id, start: e.start, end: e.end }] : [];
        }),
        guildId: interaction.guildId,
        messageId: interaction.message.id,
      });
      ctx.log.info({ user: interaction.user.id, vote: action.vote }, 'feedback recorded');
      await interaction.reply({
        content: action.vote === 'up' ? '👍 Thanks for the feedback!' : '👎 Thanks — noted, this helps improve the answers.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
  }
}
