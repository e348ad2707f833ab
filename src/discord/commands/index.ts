/** All slash commands, by name (used by the bot's router and by deploy-commands). */
import * as addArticle from './add-article.js';
import * as ask from './ask.js';
import * as help from './help.js';
import * as reindex from './reindex.js';
import * as sources from './sources.js';
import * as timeline from './timeline.js';
import type { SlashCommand } from './types.js';

export type { SlashCommand };

export const commands: readonly SlashCommand[] = [ask, timeline, sources, reindex, addArticle, help];

export const commandsByName: ReadonlyMap<string, SlashCommand> = new Map(commands.map((c) => [c.data.name, c]));
