/**
 * Approximate nearest-neighbour search over chunk vectors with hnswlib-node (HNSW graph, cosine
 * space). Labels are array positions, so hit ids are chunk ids. Saved files are checked against
 * the expected dimension and size before hnswlib reads them: hnswlib itself trusts the file.
 */
import { readFile, rename, rm, stat } from 'node:fs/promises';
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

/** HNSW vector index; score = cosine similarity (higher is closer). */
export class HnswVectorIndex implements VectorIndex {
  private constructor(
    private readonly native: Native,
    readonly dimension: number,
    readonly size: number,
  ) {}

  /** Builds an index over `vectors`; vector `i` gets id `i`. Throws if a vector has the wrong length. */
  static build(dimension: number, vectors: readonly Float32Array[]): HnswVectorIndex {
    const native = new HierarchicalNSW('cosine', dimension);
    native.initIndex({ maxElements: Math.max(1, vectors.length), m: M, efConstruction: EF_CONSTRUCTION, randomSeed: RANDOM_SEED });
    vectors.forEach((vector, id) => {
      if (vector.length !== dimension) throw new Error(`vector ${id} has ${vector.length} dimensions, expected ${dimension}`);
      native.addPoint(Array.from(vector), id);
    });
    return new HnswVectorIndex(native, dimension, vectors.length);
  }

  /**
   * Loads an index saved by {@link save}. Throws a clear Error when the file is missing, corrupt,
   * or holds a different dimension or number of vectors than the caller expects.
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
    if (info.count !== expectedSize) {
      throw new Error(`vector index ${path} holds ${info.count} vectors, expected ${expectedSize}; rebuild the index`);
    }
    const native = new HierarchicalNSW('cosine', dimension);
    try {
      await native.readIndex(path);
    } catch (error) {
      throw new Error(`vector index ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new HnswVectorIndex(native, dimension, info.count);
  }

  /** Writes the index to `path` (via a temporary file and rename, so readers never see half a file). */
  async save(path: string): Promise<void> {
    const temporary = `${path}.tmp-${process.pid}`;
    try {
      await this.native.writeIndex(temporary);
      await stat(temporary); // writeIndex reports success even when the stream failed to open
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Up to `k` nearest vectors, best first; `k` is clamped to the index size; an empty index gives []. */
  search(vector: Float32Array, k: number): Hit[] {
    const wanted = Math.min(Math.floor(k), this.size);
    if (wanted <= 0) return [];
    if (vector.length !== this.dimension) throw new Error(`query has ${vector.length} dimensions, expected ${this.dimension}`);
    this.native.setEf(Math.max(MIN_EF_SEARCH, wanted));
    const { neighbors, distances } = this.native.searchKnn(Array.from(vector), wanted);
    // hnswlib returns the closest first; cosine distance is 1 − cosine similarity.
    return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
  }
}
