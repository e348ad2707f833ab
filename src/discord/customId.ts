/** Button customIds: `q:<action>:<storeId>:<n>` (well under Discord's 100-character limit). */

export type ButtonAction =
  | { readonly action: 'page'; readonly id: string; readonly page: number }
  | { readonly action: 'context'; readonly id: string; readonly excerpt: number }
  | { readonly action: 'vote'; readonly id: string; readonly page: number; readonly vote: 'up' | 'down' };

const CODES = { page: 'pg', context: 'cx', up: 'up', down: 'dn' } as const;

/** Encodes a button action. */
export function encodeCustomId(a: ButtonAction): string {
  switch (a.action) {
    case 'page':
      return `q:${CODES.page}:${a.id}:${a.page}`;
    case 'context':
      return `q:${CODES.context}:${a.id}:${a.excerpt}`;
    case 'vote':
      return `q:${a.vote === 'up' ? CODES.up : CODES.down}:${a.id}:${a.page}`;
  }
}

/** Decodes a customId made by {@link encodeCustomId}; `null` for anything else. */
export function decodeCustomId(customId: string): ButtonAction | null {
  const m = /^q:(pg|cx|up|dn):([A-Za-z0-9_-]{1,32}):(\d{1,4})$/.exec(customId);
  if (!m) return null;
  const id = m[2] ?? '';
  const n = Number(m[3]);
  switch (m[1]) {
    case 'pg':
      return { action: 'page', id, page: n };
    case 'cx':
      return { action: 'context', id, excerpt: n };
    case 'up':
      return { action: 'vote', id, page: n, vote: 'up' };
    case 'dn':
      return { action: 'vote', id, page: n, vote: 'down' };
    default:
      return null;
  }
}
