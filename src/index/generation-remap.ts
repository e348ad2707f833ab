/**
 * How the chunks of an unchanged file move between two generations. Global chunk order is by
 * file path, so an unchanged file's chunks keep their relative order but shift by the chunk
 * counts of the files before them that changed, appeared or disappeared.
 */
import { manifestFiles } from './store.js';
import type { Manifest } from './types.js';

/** One source file of the new generation, in global chunk order. */
export interface GenerationFile {
  readonly file: string;
  readonly chunks: number;
  /** Record parts the file's articles (and postings) are saved in. */
  readonly parts: number;
  /** True when the file is unchanged since the previous generation (its chunks, vectors and postings are the same). */
  readonly reused: boolean;
}

export interface ChunkRemap {
  /** Previous chunk id → new chunk id; −1 for chunks of changed and removed files. */
  readonly oldToNew: Int32Array;
  /** Chunks of the new generation that keep a previous chunk. */
  readonly kept: number;
  /** Files whose chunks are new (changed or added), with their first new chunk id. */
  readonly fresh: readonly { readonly file: string; readonly start: number; readonly chunks: number; readonly parts: number }[];
}

/** Maps the previous generation's chunks onto the new one's. */
export function remapChunks(previous: Manifest, files: readonly GenerationFile[]): ChunkRemap {
  const prevStart = new Map<string, number>();
  let at = 0;
  for (const f of manifestFiles(previous)) {
    prevStart.set(f, at);
    at += previous.files[f]!.chunks;
  }
  const oldToNew = new Int32Array(previous.counts.chunks).fill(-1);
  let kept = 0;
  let start = 0;
  const fresh: { file: string; start: number; chunks: number; parts: number }[] = [];
  for (const f of files) {
    const from = prevStart.get(f.file);
    if (f.reused && from !== undefined && previous.files[f.file]!.chunks === f.chunks) {
      for (let j = 0; j < f.chunks; j++) oldToNew[from + j] = start + j;
      kept += f.chunks;
    } else {
      fresh.push({ file: f.file, start, chunks: f.chunks, parts: f.parts });
    }
    start += f.chunks;
  }
  return { oldToNew, kept, fresh };
}
