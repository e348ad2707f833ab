/** /add-article file handling: name sanitising, type/size checks, bounded download, safe write. */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { UserError, type Problem } from './errors.js';

/** Extensions the ingester understands. */
export const ALLOWED_EXTENSIONS: readonly string[] = ['.txt', '.md', '.html', '.jsonl'];

/**
 * A safe file name: the last path segment only, no leading dots (hidden files), only
 * `[A-Za-z0-9._-]`, at most 100 characters, keeping an allowed extension. `null` when nothing
 * usable remains or the extension is not allowed.
 */
export function sanitizeFilename(name: string): string | null {
  const last = name.split(/[\\/]/).pop() ?? '';
  const ext = extname(last).toLowerCase();
  if (!ALLOWED_EXTENSIONS.includes(ext)) return null;
  const stem = last
    .slice(0, last.length - ext.length)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '')
    .slice(0, 100 - ext.length);
  if (stem === '') return null;
  return `${stem}${ext}`;
}

export interface AttachmentInfo {
  readonly name: string;
  readonly size: number;
}

/** Checks type and declared size before anything is downloaded; returns the safe name. */
export function checkAttachment(a: AttachmentInfo, maxBytes: number): { ok: true; name: string } | { ok: false; problem: Problem } {
  const ext = extname(a.name).toLowerCase();
  if (!ALLOWED_EXTENSIONS.includes(ext)) return { ok: false, problem: { code: 'uploadType', allowed: ALLOWED_EXTENSIONS } };
  if (a.size > maxBytes) return { ok: false, problem: { code: 'uploadTooLarge', maxBytes } };
  const name = sanitizeFilename(a.name);
  if (name === null) return { ok: false, problem: { code: 'uploadName' } };
  return { ok: true, name };
}

/** Downloads at most `maxBytes` (the declared size is not trusted) and checks it is UTF-8 text. */
export async function downloadText(url: string, maxBytes: number, timeoutMs = 15_000): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new UserError({ code: 'uploadDownload' });
  }
  if (!res.ok || !res.body) throw new UserError({ code: 'uploadDownload' });
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new UserError({ code: 'uploadTooLarge', maxBytes });
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new UserError({ code: 'uploadTooLarge', maxBytes });
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.includes(0)) throw new UserError({ code: 'uploadNotText' });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError({ code: 'uploadNotText' });
  }
}

/**
 * Writes `text` as `dir/name`. Refuses names that would escape `dir`, and existing files unless
 * `replace` (the exclusive-create flag makes the check race-free). Returns the written path.
 */
export async function storeArticle(dir: string, name: string, text: string, replace: boolean): Promise<string> {
  const root = resolve(dir);
  const target = resolve(join(root, name));
  if (!target.startsWith(root + sep) || sanitizeFilename(name) !== name) throw new UserError({ code: 'uploadName' });
  await mkdir(root, { recursive: true });
  try {
    await writeFile(target, text, { encoding: 'utf8', flag: replace ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError({ code: 'uploadExists', name });
    throw e;
  }
  return target;
}
