/**
 * Benchmark baseline: embedding throughput of onnxruntime-node used directly (the same runtime
 * transformers.js uses), with the same tokenization, truncation, length sorting and batching as
 * the embedder. The embedder's overhead is its throughput divided by this one.
 */
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { AutoTokenizer } from '@xenova/transformers';
import { loadPretrained } from './load-model.js';
import { encodeTruncated, orderByLength, padBatch, type TokenizeFn } from './token-batch.js';
import { DEFAULT_EMBED_MAX_TOKENS } from './transformers-embedder.js';

/** Options for {@link rawOrtThroughput}. */
export interface RawOrtOptions {
  /** Use onnx/model_quantized.onnx (default true) or onnx/model.onnx. */
  readonly quantized?: boolean;
  readonly maxTokens?: number;
}

/** Timings of one raw run over all texts. */
export interface RawOrtResult {
  readonly texts: number;
  readonly batches: number;
  /** Wall time for tokenization + padding + inference. */
  readonly seconds: number;
  readonly textsPerSecond: number;
  /** Time inside `session.run` only. */
  readonly inferenceSeconds: number;
  readonly inferenceTextsPerSecond: number;
}

interface Prepared {
  readonly tokenize: TokenizeFn;
  readonly padId: number;
  readonly modelMaxLength: number;
  readonly session: ort.InferenceSession;
}

/** One tokenizer + session per model file, reused across runs so repeated measurements share warm state. */
const prepared = new Map<string, Promise<Prepared>>();

async function prepare(modelDir: string, file: string): Promise<Prepared> {
  const tokenizerLoad = await loadPretrained(
    modelDir,
    { allowRemote: false },
    { modelKind: 'tokenizer of the', consequence: 'Cannot benchmark.', setting: 'the model directory' },
    (name, pretrained) => AutoTokenizer.from_pretrained(name, pretrained),
  );
  if (tokenizerLoad.kind === 'unavailable') throw new Error(tokenizerLoad.reason);
  const tokenizer = tokenizerLoad.model;
  // Same execution provider transformers.js picks first under Node.
  const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'] });
  return {
    tokenize: tokenizer as unknown as TokenizeFn,
    padId: tokenizer.pad_token_id ?? 0,
    modelMaxLength: Number(tokenizer.model_max_length) || Number.POSITIVE_INFINITY,
    session,
  };
}

/** Measures texts/s of tokenization + onnxruntime inference for a local model directory. */
export async function rawOrtThroughput(
  modelDir: string,
  texts: readonly string[],
  batchSize: number,
  options: RawOrtOptions = {},
): Promise<RawOrtResult> {
  const file = join(modelDir, 'onnx', options.quantized === false ? 'model.onnx' : 'model_quantized.onnx');
  let pending = prepared.get(file);
  if (!pending) {
    pending = prepare(modelDir, file);
    prepared.set(file, pending);
    pending.catch(() => prepared.delete(file));
  }
  const { tokenize, padId, modelMaxLength, session } = await pending;
  const maxTokens = Math.min(options.maxTokens ?? DEFAULT_EMBED_MAX_TOKENS, modelMaxLength);

  const started = performance.now();
  let inferenceMs = 0;
  const encoded = texts.map((text) => encodeTruncated(tokenize, text, null, maxTokens));
  const order = orderByLength(encoded.map((e) => e.ids.length));
  let batches = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = padBatch(
      order.slice(start, start + batchSize).map((i) => encoded[i]!),
      padId,
    );
    const dims = [batch.batch, batch.seqLen];
    const all: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', batch.inputIds, dims),
      attention_mask: new ort.Tensor('int64', batch.attentionMask, dims),
      token_type_ids: new ort.Tensor('int64', batch.tokenTypeIds, dims),
    };
    const feeds = Object.fromEntries(session.inputNames.map((name) => [name, all[name]!]));
    const runStarted = performance.now();
    await session.run(feeds);
    inferenceMs += performance.now() - runStarted;
    batches++;
  }
  const seconds = (performance.now() - started) / 1000;
  const inferenceSeconds = inferenceMs / 1000;
  return {
    texts: texts.length,
    batches,
    seconds,
    textsPerSecond: texts.length / seconds,
    inferenceSeconds,
    inferenceTextsPerSecond: texts.length / inferenceSeconds,
  };
}
