/**
 * Where a model comes from: a local directory in transformers.js layout, or a Hugging Face hub id.
 * A spec that exists on disk as a directory is local; anything path-like that does not exist is an
 * error (a typo should not silently turn into a download attempt); everything else is a hub id.
 */
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';

/** A resolved model spec. */
export type ModelLocation =
  | { readonly kind: 'local'; readonly dir: string; readonly parent: string; readonly name: string }
  | { readonly kind: 'hub'; readonly id: string }
  | { readonly kind: 'missing-dir'; readonly dir: string };

/** The default sentence-embedding model (384 dimensions, mean pooling). */
export const DEFAULT_EMBEDDING_MODEL = 'Xenova/all-MiniLM-L6-v2';
/** The default cross-encoder used to rerank passages. */
export const DEFAULT_RERANKER_MODEL = 'Xenova/ms-marco-MiniLM-L-6-v2';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** True when the spec can only be meant as a filesystem path (absolute, ./, ../, ~/ or a Windows drive). */
function looksLikePath(spec: string): boolean {
  return isAbsolute(spec) || /^(\.{1,2}|~)([\\/]|$)/.test(spec) || /^[A-Za-z]:[\\/]/.test(spec);
}

/** Resolves a model spec (hub id or directory, relative to `cwd`) to a location. */
export function locateModel(spec: string, cwd: string = process.cwd()): ModelLocation {
  const trimmed = spec.trim();
  const expanded = trimmed.startsWith('~/') && process.env.HOME ? resolve(process.env.HOME, trimmed.slice(2)) : trimmed;
  const dir = resolve(cwd, expanded);
  if (isDirectory(dir)) return { kind: 'local', dir, parent: dirname(dir), name: basename(dir) };
  if (looksLikePath(trimmed)) return { kind: 'missing-dir', dir };
  return { kind: 'hub', id: trimmed };
}
