/**
 * The vector graph of a new index generation. When the previous generation's graph can be
 * reused, it is copied (read from its file), the chunks of changed and removed files are marked
 * deleted and the vectors of changed and added files are added: the cost follows the change,
 * not the corpus. The graph is rebuilt from every file's saved vectors instead when there is no
 * usable previous graph, or when the deleted labels would pass {@link COMPACT_DELETED_SHARE}.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COMPACT_DELETED_SHARE, HnswVectorIndex, type AddedVector } from './hnsw-index.js';
import { type GenerationFile, remapChunks } from './generation-remap.js';
import { manifestFiles, recordKey } from './store.js';
import type { Manifest } from './types.js';

export type { GenerationFile } from './generation-remap.js';

export interface GenerationVectorsInput {
  readonly genDir: string;
  readonly dimension: number;
  /** Files in the new generation's order (sorted by path). */
  readonly files: readonly GenerationFile[];
  /** The previous generation when its chunks and vectors may be reused (same model and chunking); else null. */
  readonly previous: { readonly manifest: Manifest; readonly dir: string } | null;
}

/** How the graph was made, for logs and tests. */
export type GenerationVectors =
  | { readonly kind: 'updated'; readonly added: number; readonly deleted: number; readonly deletedShare: number }
  | { readonly kind: 'rebuilt'; readonly reason: string };

export const VECTORS_FILE = 'vectors.hnsw';

/** Writes `vectors.hnsw` (and its labels) into `genDir`, incrementally when it can. */
export async function writeGenerationVectors(input: GenerationVectorsInput): Promise<GenerationVectors> {
  const { genDir, dimension, files, previous } = input;
  const target = join(genDir, VECTORS_FILE);
  const total = files.reduce((n, f) => n + f.chunks, 0);
  const vectorsOf = async (file: string): Promise<Float32Array[]> =>
    splitVectors(await readFile(join(genDir, 'files', `${recordKey(file)}.f32`)), dimension);

  let reason = 'no previous index';
  if (previous && previous.manifest.model?.dimension === dimension) {
    const update = await planUpdate(input, previous, total, vectorsOf);
    if (update.kind === 'ready') {
      update.graph.update((old) => update.oldToNew[old] ?? -1, update.added, total);
      await update.graph.save(target);
      return { kind: 'updated', added: update.added.length, deleted: update.deleted, deletedShare: update.graph.deletedShare };
    }
    reason = update.reason;
  }
  const all: Float32Array[] = [];
  for (const f of files) {
    // A loop, not push(...): one file may hold more vectors than a call has arguments.
    for (const v of await vectorsOf(f.file)) all.push(v);
  }
  if (all.length !== total) throw new Error(`internal: ${all.length} vectors for ${total} chunks`);
  await HnswVectorIndex.build(dimension, all).save(target);
  return { kind: 'rebuilt', reason };
}

type Plan =
  | {
      readonly kind: 'ready';
      readonly graph: HnswVectorIndex;
      readonly oldToNew: Int32Array;
      readonly added: AddedVector[];
      readonly deleted: number;
    }
  | { readonly kind: 'rebuild'; readonly reason: string };

async function planUpdate(
  input: GenerationVectorsInput,
  previous: { readonly manifest: Manifest; readonly dir: string },
  total: number,
  vectorsOf: (file: string) => Promise<Float32Array[]>,
): Promise<Plan> {
  const prev = previous.manifest;
  const { oldToNew, fresh } = remapChunks(prev, input.files);
  const prevStart = new Map<string, number>();
  let at = 0;
  for (const f of manifestFiles(prev)) {
    prevStart.set(f, at);
    at += prev.files[f]!.chunks;
  }
  // A changed file usually keeps most of its chunks (one article edited of a hundred): a new
  // chunk whose vector is bit-for-bit an old chunk's of the same file keeps that old label
  // instead of being deleted and added again. Cost: reading the file's old vectors.
  const added: AddedVector[] = [];
  for (const c of fresh) {
    const vectors = await vectorsOf(c.file);
    if (vectors.length !== c.chunks) throw new Error(`internal: ${vectors.length} vectors for ${c.chunks} chunks of ${c.file}`);
    const from = prevStart.get(c.file);
    const old = from === undefined ? [] : await previousVectors(previous.dir, c.file, input.dimension, prev.files[c.file]!.chunks);
    const byBytes = new Map<string, number[]>();
    old.forEach((v, j) => {
      const key = vectorKey(v);
      const list = byBytes.get(key);
      if (list) list.push(j);
      else byBytes.set(key, [j]);
    });
    vectors.forEach((vector, j) => {
      const same = byBytes.get(vectorKey(vector))?.shift();
      if (same !== undefined && from !== undefined) oldToNew[from + same] = c.start + j;
      else added.push({ chunkId: c.start + j, vector });
    });
  }
  let kept = 0;
  for (const n of oldToNew) if (n >= 0) kept++;
  const addedCount = added.length;
  let graph: HnswVectorIndex;
  try {
    graph = await HnswVectorIndex.load(join(previous.dir, VECTORS_FILE), input.dimension, prev.counts.chunks);
  } catch (e) {
    return { kind: 'rebuild', reason: `previous graph unusable (${(e as Error).message})` };
  }
  const labelsAfter = graph.labelCount + addedCount;
  const deletedAfter = labelsAfter - total;
  if (labelsAfter > 0 && deletedAfter / labelsAfter > COMPACT_DELETED_SHARE) {
    return { kind: 'rebuild', reason: `compaction: ${deletedAfter} of ${labelsAfter} labels would be deleted` };
  }
  return { kind: 'ready', graph, oldToNew, added, deleted: prev.counts.chunks - kept };
}

/** A file's vectors in the previous generation; none when they are missing or do not match its chunk count. */
async function previousVectors(prevDir: string, file: string, dimension: number, chunks: number): Promise<Float32Array[]> {
  try {
    const v = splitVectors(await readFile(join(prevDir, 'files', `${recordKey(file)}.f32`)), dimension);
    return v.length === chunks ? v : [];
  } catch {
    return [];
  }
}

/** The exact bytes of a vector, as a map key. */
function vectorKey(v: Float32Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

/** Raw little-endian float32 vectors of one file, `dim` values each. */
export function splitVectors(bytes: Uint8Array, dim: number): Float32Array[] {
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Float32Array[] = [];
  for (let i = 0; i + dim <= all.length; i += dim) out.push(all.subarray(i, i + dim));
  return out;
}
