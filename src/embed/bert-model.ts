/**
 * The transformers.js plumbing shared by the embedder and the reranker: loading a tokenizer with
 * its BERT-style model, and running one padded batch with its tensors released afterwards.
 */
import { AutoTokenizer, Tensor } from '@xenova/transformers';
import type { PretrainedOptions } from './load-model.js';
import { orderByLength, padBatch, type Encoded, type TokenizeFn } from './token-batch.js';

/** A loaded tokenizer and model. `O` is the model's output record. */
export interface BertModel<O> {
  readonly tokenize: TokenizeFn;
  readonly padId: number;
  readonly model: (inputs: Record<string, Tensor>) => Promise<O>;
  /** Inputs are cut to this many tokens (the smaller of the caller's cap and the tokenizer's). */
  readonly maxTokens: number;
}

/** A transformers.js model class (`AutoModel`, `AutoModelForSequenceClassification`, …). */
interface ModelClass {
  from_pretrained(name: string, options: PretrainedOptions): Promise<unknown>;
}

/** Loads the tokenizer and the model of `name` together. */
export async function loadBertModel<O>(
  name: string,
  pretrained: PretrainedOptions,
  modelClass: ModelClass,
  maxTokens: number,
): Promise<BertModel<O>> {
  const [tokenizer, model] = await Promise.all([
    AutoTokenizer.from_pretrained(name, pretrained),
    modelClass.from_pretrained(name, pretrained),
  ]);
  const tokenizerMax = Number(tokenizer.model_max_length) || Number.POSITIVE_INFINITY;
  return {
    tokenize: tokenizer as unknown as TokenizeFn,
    padId: tokenizer.pad_token_id ?? 0,
    model: model as unknown as BertModel<O>['model'],
    maxTokens: Math.min(maxTokens, tokenizerMax),
  };
}

/** Releases native tensor memory where the runtime supports it (onnxruntime ≥ 1.16). */
function disposeTensor(tensor: unknown): void {
  (tensor as { dispose?: () => void } | undefined)?.dispose?.();
}

/**
 * Pads `items` into one batch, runs the model and hands its output to `read`; every input and
 * output tensor is released afterwards, whatever `read` does.
 */
export async function runBatch<O extends object, R>(
  loaded: BertModel<O>,
  items: readonly Encoded[],
  read: (output: O, seqLen: number) => R,
): Promise<R> {
  const batch = padBatch(items, loaded.padId);
  const dims = [batch.batch, batch.seqLen];
  const inputs = {
    input_ids: new Tensor('int64', batch.inputIds, dims),
    attention_mask: new Tensor('int64', batch.attentionMask, dims),
    token_type_ids: new Tensor('int64', batch.tokenTypeIds, dims),
  };
  const output = await loaded.model(inputs);
  try {
    return read(output, batch.seqLen);
  } finally {
    for (const tensor of Object.values(output)) disposeTensor(tensor);
    for (const tensor of Object.values(inputs)) disposeTensor(tensor);
  }
}

/**
 * Runs `encoded` through `run` in batches of `batchSize`, sorted by token count so padding
 * (wasted compute) stays small; results come back in input order.
 */
export async function inLengthOrder<R>(
  encoded: readonly Encoded[],
  batchSize: number,
  run: (items: readonly Encoded[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const order = orderByLength(encoded.map((e) => e.ids.length));
  const result = new Array<R>(encoded.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    const out = await run(rows.map((i) => encoded[i]!));
    rows.forEach((i, j) => (result[i] = out[j]!));
  }
  return result;
}
