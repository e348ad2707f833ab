/**
 * Cross-encoder reranking with transformers.js: each (query, passage) pair goes through a
 * sequence-classification model (e.g. Xenova/ms-marco-MiniLM-L-6-v2) whose logit is the score.
 */
import { AutoModelForSequenceClassification, AutoTokenizer, Tensor } from '@xenova/transformers';
import type { ModelLoad, Reranker } from './types.js';
import { loadPretrained, type ModelOptions } from './load-model.js';
import { encodeTruncated, orderByLength, padBatch, type Encoded, type TokenizeFn } from './token-batch.js';
import { DEFAULT_BATCH_SIZE } from './transformers-embedder.js';

/** ms-marco cross-encoders were trained on pairs of up to 512 word pieces. */
export const DEFAULT_RERANK_MAX_TOKENS = 512;

interface Loaded {
  readonly tokenize: TokenizeFn;
  readonly padId: number;
  readonly model: (inputs: Record<string, Tensor>) => Promise<{ logits?: Tensor }>;
  readonly maxTokens: number;
}

function disposeTensor(tensor: unknown): void {
  (tensor as { dispose?: () => void } | undefined)?.dispose?.();
}

/** One score per row: the single logit, or the last (positive-class) logit of a multi-label head. */
async function scoreBatch(loaded: Loaded, items: readonly Encoded[]): Promise<number[]> {
  const batch = padBatch(items, loaded.padId);
  const dims = [batch.batch, batch.seqLen];
  const inputs = {
    input_ids: new Tensor('int64', batch.inputIds, dims),
    attention_mask: new Tensor('int64', batch.attentionMask, dims),
    token_type_ids: new Tensor('int64', batch.tokenTypeIds, dims),
  };
  const output = await loaded.model(inputs);
  try {
    const logits = output.logits;
    if (!logits || logits.dims.length !== 2 || logits.dims[0] !== items.length)
      throw new Error('model has no [batch, labels] logits output');
    const labels = logits.dims[1]!;
    const data = logits.data as Float32Array;
    return items.map((_, row) => data[row * labels + labels - 1]!);
  } finally {
    for (const tensor of Object.values(output)) disposeTensor(tensor);
    for (const tensor of Object.values(inputs)) disposeTensor(tensor);
  }
}

class TransformersReranker implements Reranker {
  constructor(
    readonly modelId: string,
    private readonly loaded: Loaded,
    private readonly batchSize: number,
  ) {}

  async score(query: string, passages: readonly string[]): Promise<number[]> {
    const { tokenize, maxTokens } = this.loaded;
    // Over-long pairs lose the passage's tail; the query (first segment) stays whole.
    const encoded = passages.map((passage) => encodeTruncated(tokenize, query, passage, maxTokens));
    const order = orderByLength(encoded.map((e) => e.ids.length));
    const scores = new Array<number>(passages.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const rows = order.slice(start, start + this.batchSize);
      const batchScores = await scoreBatch(
        this.loaded,
        rows.map((i) => encoded[i]!),
      );
      rows.forEach((i, j) => (scores[i] = batchScores[j]!));
    }
    return scores;
  }
}

/**
 * Loads a cross-encoder (sequence classification, 1 logit) e.g. Xenova/ms-marco-MiniLM-L-6-v2,
 * by hub id or local directory. Never throws: failures yield `{ kind: 'unavailable', reason }`.
 */
export async function loadReranker(spec: string, options: ModelOptions = {}): Promise<ModelLoad<Reranker>> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  return loadPretrained<Reranker>(
    spec,
    options,
    {
      modelKind: 'reranking',
      consequence: 'Reranking is off; results keep their retrieval order.',
      setting: 'RERANKER_MODEL',
    },
    async (name, pretrained) => {
      const [tokenizer, model] = await Promise.all([
        AutoTokenizer.from_pretrained(name, pretrained),
        AutoModelForSequenceClassification.from_pretrained(name, pretrained),
      ]);
      const tokenizerMax = Number(tokenizer.model_max_length) || Number.POSITIVE_INFINITY;
      const loaded: Loaded = {
        tokenize: tokenizer as unknown as TokenizeFn,
        padId: tokenizer.pad_token_id ?? 0,
        model: model as unknown as Loaded['model'],
        maxTokens: Math.min(options.maxTokens ?? DEFAULT_RERANK_MAX_TOKENS, tokenizerMax),
      };
      // Probe once so a model without a usable logits output is reported now, not mid-query.
      await scoreBatch(loaded, [encodeTruncated(loaded.tokenize, 'probe query', 'probe passage', loaded.maxTokens)]);
      return new TransformersReranker(spec, loaded, batchSize);
    },
  );
}
