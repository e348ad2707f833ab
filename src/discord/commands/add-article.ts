/** `/add-article file:<attachment> [replace]` — admins only: stores a text file, then reindexes. */
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BotContext } from '../context.js';
import { UserError } from '../errors.js';
import { claimReindex, runReindex } from '../reindexRun.js';
import { ALLOWED_EXTENSIONS, checkAttachment, downloadText, storeArticle } from '../upload.js';
import { ensureAdmin } from './reindex.js';

export const data = new SlashCommandBuilder()
  .setName('add-article')
  .setDescription('Add an article file (.txt, .md, .html, .jsonl) and index it (admins only)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
  .addAttachmentOption((o) =>
    o
      .setName('file')
      .setDescription(`The file (${ALLOWED_EXTENSIONS.join(', ')})`)
      .setRequired(true),
  )
  .addBooleanOption((o) => o.setName('replace').setDescription('Overwrite a file with the same name'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  ensureAdmin(interaction, ctx);
  const file = interaction.options.getAttachment('file', true);
  const replace = interaction.options.getBoolean('replace') ?? false;
  const checked = checkAttachment({ name: file.name, size: file.size }, ctx.config.maxUploadBytes);
  if (!checked.ok) throw new UserError(checked.problem);
  // Claimed before deferring and held from the download to the end of the reindex, so a
  // concurrent /reindex cannot slip in between saving the file and indexing it.
  const release = claimReindex(ctx);
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const text = await downloadText(file.url, ctx.config.maxUploadBytes);
    const path = await storeArticle(ctx.config.articlesDir, checked.name, text, replace);
    ctx.log.info({ user: interaction.user.id, file: checked.name, bytes: Buffer.byteLength(text), replace, path }, 'article added');
    await runReindex(interaction, ctx, false, `📄 Saved \`${checked.name}\`.\n`);
  } finally {
    release();
  }
}
