/**
 * Pure paging: packs rendered blocks (one quote with its citation, one source line, …) into
 * pages that fit a character budget, never splitting a block across pages.
 */

/** One indivisible unit of a page. */
export interface Block {
  /** Heading shown above the block when it differs from the previous block's on the same page. */
  readonly group?: string;
  readonly text: string;
  /** Returns a version of the block of at most `max` characters (last resort for huge blocks). */
  readonly shrink?: (max: number) => string;
}

export interface Page {
  readonly text: string;
  /** Indexes (into the input) of the blocks on this page, in order. */
  readonly items: readonly number[];
}

export interface PageOptions {
  readonly maxChars: number;
  readonly maxBlocks: number;
}

const SEP = '\n\n';

/** Renders blocks as one page: blank line between blocks, group heading where the group changes. */
export function renderBlocks(blocks: readonly Block[]): string {
  const parts: string[] = [];
  let group: string | undefined;
  for (const b of blocks) {
    const head = b.group !== undefined && b.group !== group ? `${b.group}\n` : '';
    group = b.group;
    parts.push(head + b.text);
  }
  return parts.join(SEP);
}

/** Cuts `text` to at most `max` characters at a word boundary when possible, ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, Math.max(0, max));
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
  // A trailing backslash would escape the ellipsis in Markdown.
  return `${base.replace(/[\s\\]+$/, '')}…`;
}

/** Makes a single block fit `maxChars` on its own page. */
function fitAlone(block: Block, maxChars: number): Block {
  if (renderBlocks([block]).length <= maxChars) return block;
  const overhead = renderBlocks([{ ...block, text: '' }]).length;
  const budget = Math.max(1, maxChars - overhead);
  const text = block.shrink ? block.shrink(budget) : truncate(block.text, budget);
  return { ...block, text: text.length <= budget ? text : truncate(text, budget) };
}

/**
 * Packs blocks into pages of at most `maxBlocks` blocks and `maxChars` characters. A block that
 * does not fit the current page starts the next one; a block too large for any page gets a page
 * of its own and is shrunk (never silently dropped). Always returns at least one page.
 */
export function paginate(blocks: readonly Block[], options: PageOptions): Page[] {
  const pages: Page[] = [];
  let current: Block[] = [];
  let items: number[] = [];
  const flush = (): void => {
    if (current.length > 0) pages.push({ text: renderBlocks(current), items });
    current = [];
    items = [];
  };
  blocks.forEach((block, i) => {
    const candidate = [...current, block];
    if (current.length < options.maxBlocks && renderBlocks(candidate).length <= options.maxChars) {
      current = candidate;
      items.push(i);
      return;
    }
    flush();
    current = [fitAlone(block, options.maxChars)];
    items = [i];
  });
  flush();
  return pages.length > 0 ? pages : [{ text: '', items: [] }];
}
