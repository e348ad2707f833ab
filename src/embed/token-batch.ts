/**
 * Tokenization and batching shared by the embedder, the reranker and the raw onnxruntime
 * benchmark, so all three feed the model exactly the same tensors.
 */

/** A tokenized input: ids plus token type ids (all zero for single texts). */
export interface Encoded {
  readonly ids: readonly number[];
  readonly types: readonly number[];
}

/** The part of a transformers.js tokenizer used here (its `_call` with `return_tensor: false`). */
export type TokenizeFn = (
  text: string,
  options: { text_pair?: string | null; return_tensor: false; add_special_tokens?: boolean },
) => { input_ids: number[]; token_type_ids?: number[] };

/**
 * Tokenizes one text (or a text pair) with special tokens and truncates it to `maxTokens`,
 * keeping the final token (the closing [SEP] for BERT-style models) as Python's tokenizers do.
 */
export function encodeTruncated(tokenize: TokenizeFn, text: string, pair: string | null, maxTokens: number): Encoded {
  const out = tokenize(text, { text_pair: pair, return_tensor: false });
  const ids = out.input_ids;
  const types = out.token_type_ids ?? new Array<number>(ids.length).fill(0);
  if (ids.length <= maxTokens || maxTokens < 2) return { ids, types };
  const keep = maxTokens - 1;
  return { ids: [...ids.slice(0, keep), ids[ids.length - 1]!], types: [...types.slice(0, keep), types[types.length - 1]!] };
}

/** Positions 0..n-1 ordered by ascending length (stable), so batches hold similar lengths and need little padding. */
export function orderByLength(lengths: readonly number[]): number[] {
  return lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
}

/** Padded int64 tensors' data for one batch, row-major [batch, seqLen]. */
export interface PaddedBatch {
  readonly batch: number;
  readonly seqLen: number;
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
  readonly tokenTypeIds: BigInt64Array;
}

/** Right-pads the encodings to the longest one with `padId`. */
export function padBatch(items: readonly Encoded[], padId: number): PaddedBatch {
  const seqLen = items.reduce((m, e) => Math.max(m, e.ids.length), 0);
  const size = items.length * seqLen;
  const inputIds = new BigInt64Array(size).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(size);
  const tokenTypeIds = new BigInt64Array(size);
  items.forEach((e, row) => {
    const base = row * seqLen;
    for (let t = 0; t < e.ids.length; t++) {
      inputIds[base + t] = BigInt(e.ids[t]!);
      attentionMask[base + t] = 1n;
      tokenTypeIds[base + t] = BigInt(e.types[t]!);
    }
  });
  return { batch: items.length, seqLen, inputIds, attentionMask, tokenTypeIds };
}

/**
 * Mean of the hidden states over real (unpadded) tokens, L2-normalised: one vector per row.
 * `hidden` is [batch, seqLen, dim] row-major; `lengths[row]` real tokens lead each row.
 */
export function meanPoolNormalize(hidden: Float32Array, lengths: readonly number[], seqLen: number, dim: number): Float32Array[] {
  // Accumulate in doubles: cheaper than rounding to float32 on every add, and more exact.
  const sum = new Float64Array(dim);
  return lengths.map((length, row) => {
    sum.fill(0);
    const base = row * seqLen * dim;
    for (let t = 0; t < length; t++) {
      const offset = base + t * dim;
      for (let d = 0; d < dim; d++) sum[d] = sum[d]! + hidden[offset + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += sum[d]! * sum[d]!;
    // Mean then normalise equals normalising the sum; guard the all-zero case.
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const vector = new Float32Array(dim);
    for (let d = 0; d < dim; d++) vector[d] = sum[d]! * scale;
    return vector;
  });
}
