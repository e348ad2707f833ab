/**
 * The lexical (BM25) postings of a new index generation, merged from the per-part postings
 * files of changed and added files and, for unchanged files, from the previous generation's
 * merged postings (ids shifted, nothing re-read or re-tokenized). Without a usable previous
 * file, the unchanged files' own part postings (hard-linked into the generation) are merged.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GenerationFile, remapChunks } from './generation-remap.js';
import {
  LEXICAL_FILE,
  type PostingsData,
  type PostingsSource,
  decodePostings,
  encodePostings,
  mergePostings,
  readLexicalPostings,
} from './postings.js';
import { postingsPartName, writeFileAtomic } from './store.js';
import type { Manifest } from './types.js';

/** Writes `lexical.post` into `genDir`. */
export async function writeGenerationPostings(input: {
  readonly genDir: string;
  readonly files: readonly GenerationFile[];
  readonly previous: { readonly manifest: Manifest; readonly dir: string } | null;
}): Promise<void> {
  const { genDir, files, previous } = input;
  const total = files.reduce((n, f) => n + f.chunks, 0);
  const sources: PostingsSource[] = [];
  let pending: { file: string; start: number; parts: number }[] = [];
  let prev: PostingsData | null = null;
  if (previous) prev = await readLexicalPostings(previous.dir, previous.manifest.counts.chunks).catch(() => null);
  if (previous && prev) {
    const remap = remapChunks(previous.manifest, files);
    // One source per run of unchanged files, so every source covers one contiguous range of new
    // ids and, taken in order, they write each term's postings already sorted (no sort pass).
    const { oldToNew } = remap;
    for (let from = 0; from < oldToNew.length;) {
      if (oldToNew[from]! < 0) {
        from++;
        continue;
      }
      let to = from + 1;
      while (to < oldToNew.length && oldToNew[to] === oldToNew[to - 1]! + 1) to++;
      sources.push({ data: prev, map: (old) => oldToNew[old]!, from, to });
      from = to;
    }
    pending = [...remap.fresh];
  } else {
    let start = 0;
    for (const f of files) {
      pending.push({ file: f.file, start, parts: f.parts });
      start += f.chunks;
    }
  }
  for (const f of pending) {
    let start = f.start;
    for (let part = 0; part < f.parts; part++) {
      const data = decodePostings(await readFile(join(genDir, 'files', postingsPartName(f.file, part))));
      const offset = start;
      sources.push({ data, map: (local) => offset + local });
      start += data.lengths.length;
    }
  }
  const start = (x: PostingsSource) => x.map(x.from ?? 0);
  sources.sort((a, b) => start(a) - start(b));
  await writeFileAtomic(join(genDir, LEXICAL_FILE), encodePostings(mergePostings(sources, total)));
}
