/**
 * Approximate nearest-neighbour search over chunk vectors with hnswlib-node (HNSW graph, cosine
 * space). A graph built from scratch labels vector `i` with chunk id `i`; a graph updated in place
 * by {@link HnswVectorIndex.update} (incremental ingestion) keeps its old labels, so a label → chunk
 * id table is saved beside it (`<file>.labels`, little-endian int32, −1 for a deleted label).
 * Saved files are checked against the expected dimension and size before hnswlib reads them:
 * hnswlib itself trusts the file.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';
import type { Hit, VectorIndex } from './types.js';

const { HierarchicalNSW } = hnswlib;
type Native = InstanceType<typeof HierarchicalNSW>;

/** Graph degree and build-time beam width: hnswlib's recommended defaults for ≤ 1M vectors. */
const M = 16;
const EF_CONSTRUCTION = 200;
/** Fixed seed so the same vectors give the same graph (reproducible results). */
const RANDOM_SEED = 100;
/** Search beam width floor: near-exact recall at the corpus sizes this app sees. */
const MIN_EF_SEARCH = 128;
/**
 * An updated graph is rebuilt from scratch once more than this share of its labels are deleted.
 * Deleted points still sit in the graph (searches walk through them, memory holds them), so the
 * share bounds the overhead: the graph is at most 1/(1−0.2) = 1.25× its live size. Not tuned on
 * dev data (vector quality is not measurable with the random-weight model); a common choice.
 */
export const COMPACT_DELETED_SHARE = 0.2;

/** hnswlib's file header (see hnswalg.h saveIndex): size_t fields plus two 4-byte ints, 96 bytes. */
const HEADER_BYTES = 96;

interface HeaderInfo {
  readonly count: number;
  readonly dimension: number;
}

/** Reads hnswlib's header and walks the link lists to prove the file is whole; throws on any mismatch. */
async function inspectIndexFile(path: string): Promise<HeaderInfo> {
  const file = await readFile(path);
  if (file.length < HEADER_BYTES) throw new Error(`file is ${file.length} bytes, shorter than the index header`);
  const count = Number(file.readBigUInt64LE(16));
  const bytesPerElement = Number(file.readBigUInt64LE(24));
  const labelOffset = Number(file.readBigUInt64LE(32));
  const dataOffset = Number(file.readBigUInt64LE(40));
  const dataBytes = labelOffset - dataOffset;
  if (dataBytes <= 0 || dataBytes % 4 !== 0 || bytesPerElement < labelOffset) throw new Error('header is not an hnswlib index header');
  // After the level-0 block, each element has a 4-byte link-list size and that many bytes.
  let position = HEADER_BYTES + count * bytesPerElement;
  for (let i = 0; i < count; i++) {
    if (position + 4 > file.length) throw new Error('file is truncated');
    position += 4 + file.readUInt32LE(position);
  }
  if (position !== file.length) throw new Error(`file size ${file.length} does not match its header (expected ${position} bytes)`);
  return { count, dimension: dataBytes / 4 };
}

/** Where the label → chunk id table of the graph saved at `path` lives. */
export function labelsPath(path: string): string {
  return `${path}.labels`;
}

/** The identity table: label `i` is chunk `i`. */
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** A vector to add to an updated graph, with the chunk id it belongs to in the new generation. */
export interface AddedVector {
  readonly chunkId: number;
  readonly vector: Float32Array;
}

/** HNSW vector index; score = cosine similarity (higher is closer). */
export class HnswVectorIndex implements VectorIndex {
  private constructor(
    private readonly native: Native,
    readonly dimension: number,
    /** Label → chunk id; −1 marks a deleted label. Its length is the number of labels in the graph. */
    private labels: Int32Array,
    private live: number,
  ) {}

  /** Live (searchable) vectors: one per chunk. */
  get size(): number {
    return this.live;
  }

  /** Labels in the graph, deleted ones included. */
  get labelCount(): number {
    return this.labels.length;
  }

  /** Share of the graph's labels that are deleted (0 for a graph built from scratch). */
  get deletedShare(): number {
    return this.labels.length === 0 ? 0 : (this.labels.length - this.live) / this.labels.length;
  }

  /** Builds an index over `vectors`; vector `i` gets id `i`. Throws if a vector has the wrong length. */
  static build(dimension: number, vectors: readonly Float32Array[]): HnswVectorIndex {
    const native = new HierarchicalNSW('cosine', dimension);
    native.initIndex({ maxElements: Math.max(1, vectors.length), m: M, efConstruction: EF_CONSTRUCTION, randomSeed: RANDOM_SEED });
    vectors.forEach((vector, id) => {
      if (vector.length !== dimension) throw new Error(`vector ${id} has ${vector.length} dimensions, expected ${dimension}`);
      native.addPoint(Array.from(vector), id);
    });
    return new HnswVectorIndex(native, dimension, identity(vectors.length), vectors.length);
  }

  /**
   * Loads an index saved by {@link save}. Throws a clear Error when the file is missing, corrupt,
   * or holds a different dimension or number of live vectors than the caller expects. A graph
   * without a labels file is one built from scratch (label = chunk id).
   */
  static async load(path: string, dimension: number, expectedSize: number): Promise<HnswVectorIndex> {
    let info: HeaderInfo;
    try {
      info = await inspectIndexFile(path);
    } catch (error) {
      throw new Error(`vector index ${path} is unreadable or corrupt: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (info.dimension !== dimension) {
      throw new Error(`vector index ${path} holds ${info.dimension}-dimensional vectors, expected ${dimension}; rebuild the index`);
    }
    const labels = await readLabels(labelsPath(path), info.count);
    let live = 0;
    for (const chunk of labels) if (chunk >= 0) live++;
    if (live !== expectedSize) {
      throw new Error(`vector index ${path} holds ${live} vectors, expected ${expectedSize}; rebuild the index`);
    }
    // Each chunk exactly once: a hit id is always a chunk of this generation.
    const seen = new Uint8Array(expectedSize);
    for (const chunk of labels) {
      if (chunk < -1 || chunk >= expectedSize)
        throw new Error(`vector labels of ${path} name chunk ${chunk}, outside 0..${expectedSize - 1}; rebuild the index`);
      if (chunk < 0) continue;
      if (seen[chunk]) throw new Error(`vector labels of ${path} name chunk ${chunk} twice; rebuild the index`);
      seen[chunk] = 1;
    }
    const native = new HierarchicalNSW('cosine', dimension);
    try {
      await native.readIndex(path);
    } catch (error) {
      throw new Error(`vector index ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new HnswVectorIndex(native, dimension, labels, live);
  }

  /** Writes the index to `path` (via a temporary file and rename, so readers never see half a file) and its labels beside it. */
  async save(path: string): Promise<void> {
    const temporary = `${path}.tmp-${process.pid}`;
    const labelsTemporary = `${labelsPath(path)}.tmp-${process.pid}`;
    try {
      await this.native.writeIndex(temporary);
      await stat(temporary); // writeIndex reports success even when the stream failed to open
      await writeFile(labelsTemporary, new Uint8Array(this.labels.buffer, this.labels.byteOffset, this.labels.byteLength));
      await rename(labelsTemporary, labelsPath(path));
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      await rm(labelsTemporary, { force: true });
      throw error;
    }
  }

  /**
   * Turns this graph (a copy loaded from the previous generation) into the next generation's, in
   * place: every live label gets its new chunk id from `remap` (−1: the chunk is gone, the label
   * is marked deleted and never returned again), then `added` vectors get fresh labels. Cost is
   * proportional to the change, not to the corpus. `newSize` is the new generation's chunk count;
   * throws when the result does not cover exactly chunks 0..newSize−1.
   */
  update(remap: (chunkId: number) => number, added: readonly AddedVector[], newSize: number): void {
    const labels = new Int32Array(this.labels.length + added.length);
    const seen = new Uint8Array(newSize);
    let live = 0;
    const claim = (chunk: number) => {
      if (!(chunk >= 0 && chunk < newSize) || seen[chunk]) throw new Error(`internal: chunk ${chunk} mapped twice or out of range`);
      seen[chunk] = 1;
      live++;
    };
    for (let label = 0; label < this.labels.length; label++) {
      const old = this.labels[label]!;
      const next = old >= 0 ? remap(old) : -1;
      labels[label] = next;
      if (next >= 0) claim(next);
      else if (old >= 0) this.native.markDelete(label);
    }
    if (labels.length > this.native.getMaxElements()) this.native.resizeIndex(labels.length);
    added.forEach(({ chunkId, vector }, i) => {
      if (vector.length !== this.dimension)
        throw new Error(`vector for chunk ${chunkId} has ${vector.length} dimensions, expected ${this.dimension}`);
      claim(chunkId);
      const label = this.labels.length + i;
      labels[label] = chunkId;
      this.native.addPoint(Array.from(vector), label);
    });
    if (live !== newSize) throw new Error(`internal: updated graph covers ${live} of ${newSize} chunks`);
    this.labels = labels;
    this.live = live;
  }

  /** Up to `k` nearest vectors, best first; `k` is clamped to the index size; an empty index gives []. */
  search(vector: Float32Array, k: number): Hit[] {
    const wanted = Math.min(Math.floor(k), this.live);
    if (wanted <= 0) return [];
    if (vector.length !== this.dimension) throw new Error(`query has ${vector.length} dimensions, expected ${this.dimension}`);
    this.native.setEf(Math.max(MIN_EF_SEARCH, wanted));
    // hnswlib never returns a label marked deleted; the table turns labels into chunk ids.
    const { neighbors, distances } = this.native.searchKnn(Array.from(vector), wanted);
    // hnswlib returns the closest first; cosine distance is 1 − cosine similarity.
    return neighbors.map((label, i) => ({ id: this.labels[label]!, score: 1 - distances[i]! }));
  }
}

/** Reads a labels table of `count` entries; identity when there is none (a graph built from scratch). */
async function readLabels(path: string, count: number): Promise<Int32Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return identity(count);
    throw new Error(`vector labels ${path} are unreadable: ${(e as Error).message}`);
  }
  if (bytes.length !== count * 4)
    throw new Error(`vector labels ${path} hold ${bytes.length / 4} labels, the graph ${count}; rebuild the index`);
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
