/**
 * Cross-encoder reranking with transformers.js: each (query, passage) pair goes through a
 * sequence-classification model (e.g. Xenova/ms-marco-MiniLM-L-6-v2) whose logit is the score.
 */
import { AutoModelForSequenceClassification, type Tensor } from '@xenova/transformers';
import { inLengthOrder, loadBertModel, runBatch, type BertModel } from './bert-model.js';
import type { ModelLoad, Reranker } from './types.js';
import { loadPretrained, type ModelOptions } from './load-model.js';
import { encodeTruncated, type Encoded } from './token-batch.js';
import { DEFAULT_BATCH_SIZE } from './transformers-embedder.js';

/** ms-marco cross-encoders were trained on pairs of up to 512 word pieces. */
export const DEFAULT_RERANK_MAX_TOKENS = 512;

type Output = { logits?: Tensor };

/** One score per row: the single logit, or the last (positive-class) logit of a multi-label head. */
function scoreBatch(loaded: BertModel<Output>, items: readonly Encoded[]): Promise<number[]> {
  return runBatch(loaded, items, (output) => {
    const logits = output.logits;
    if (!logits || logits.dims.length !== 2 || logits.dims[0] !== items.length)
      throw new Error('model has no [batch, labels] logits output');
    const labels = logits.dims[1]!;
    const data = logits.data as Float32Array;
    return items.map((_, row) => data[row * labels + labels - 1]!);
  });
}

class TransformersReranker implements Reranker {
  constructor(
    readonly modelId: string,
    private readonly loaded: BertModel<Output>,
    private readonly batchSize: number,
  ) {}

  async score(query: string, passages: readonly string[]): Promise<number[]> {
    const { tokenize, maxTokens } = this.loaded;
    // Over-long pairs lose the passage's tail; the query (first segment) stays whole.
    const encoded = passages.map((passage) => encodeTruncated(tokenize, query, passage, maxTokens));
    return inLengthOrder(encoded, this.batchSize, (items) => scoreBatch(this.loaded, items));
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
      const loaded = await loadBertModel<Output>(
        name,
        pretrained,
        AutoModelForSequenceClassification,
        options.maxTokens ?? DEFAULT_RERANK_MAX_TOKENS,
      );
      // Probe once so a model without a usable logits output is reported now, not mid-query.
      await scoreBatch(loaded, [encodeTruncated(loaded.tokenize, 'probe query', 'probe passage', loaded.maxTokens)]);
      return new TransformersReranker(spec, loaded, batchSize);
    },
  );
}
