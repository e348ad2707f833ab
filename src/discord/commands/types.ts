/** The shape every slash command module exports. */
import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../context.js';

export interface SlashCommand {
  /** Registration data (sent by deploy-commands). */
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  readonly execute: (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;
}
