/** Dispatches interactions to commands and buttons; one failing handler never affects others. */
import type { Interaction } from 'discord.js';
import { handleButton } from './buttons.js';
import type { SlashCommand } from './commands/types.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { reportFailure } from './reply.js';

/** Builds the `interactionCreate` listener. */
export function createInteractionHandler(
  ctx: BotContext,
  commands: ReadonlyMap<string, SlashCommand>,
): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    if (!interaction.isRepliable()) return;
    try {
      if (interaction.isChatInputCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) throw new UserError({ code: 'unknownCommand' });
        ctx.log.debug({ command: interaction.commandName, user: interaction.user.id }, 'command');
        await command.execute(interaction, ctx);
      } else if (interaction.isButton()) {
        await handleButton(interaction, ctx);
      }
    } catch (error) {
      await reportFailure(interaction, error, ctx.log);
    }
  };
}
