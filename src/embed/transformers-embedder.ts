/**
 * Sentence embeddings with transformers.js: a feature-extraction model (e.g. Xenova/all-MiniLM-L6-v2)
 * run directly on batched, length-sorted input, then mean pooling + L2 normalisation.
 */
import { AutoModel, type Tensor } from '@xenova/transformers';
import { inLengthOrder, loadBertModel, runBatch, type BertModel } from './bert-model.js';
import type { Embedder, ModelLoad } from './types.js';
import { loadPretrained, type ModelOptions } from './load-model.js';
import { encodeTruncated, meanPoolNormalize } from './token-batch.js';

export type { ModelOptions } from './load-model.js';

/** Texts per inference call unless configured. */
export const DEFAULT_BATCH_SIZE = 32;
/** all-MiniLM-L6-v2 was trained on at most 256 word pieces; longer input only adds cost. */
export const DEFAULT_EMBED_MAX_TOKENS = 256;

type Output = Record<string, Tensor | undefined>;

/** The model's token vectors: `last_hidden_state` (or the first output of an unusual export). */
function hiddenStates(output: Output): Tensor {
  const tensor = output.last_hidden_state ?? output.token_embeddings ?? Object.values(output)[0];
  if (!tensor || tensor.dims.length !== 3) throw new Error('model has no [batch, sequence, hidden] output');
  return tensor;
}

class TransformersEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dimension: number,
    private readonly loaded: BertModel<Output>,
    private readonly batchSize: number,
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const { tokenize, maxTokens } = this.loaded;
    const encoded = texts.map((text) => encodeTruncated(tokenize, text, null, maxTokens));
    return inLengthOrder(encoded, this.batchSize, (items) =>
      runBatch(this.loaded, items, (output, seqLen) => {
        const hidden = hiddenStates(output);
        const dim = hidden.dims[2]!;
        if (dim !== this.dimension) throw new Error(`model returned ${dim}-dimensional vectors, expected ${this.dimension}`);
        return meanPoolNormalize(
          hidden.data as Float32Array,
          items.map((e) => e.ids.length),
          seqLen,
          dim,
        );
      }),
    );
  }
}

/**
 * Loads a feature-extraction model (mean pooling + L2 normalisation), by hub id or local directory.
 * Never throws: a missing model, no network or a hang yields `{ kind: 'unavailable', reason }`.
 */
export async function loadEmbedder(spec: string, options: ModelOptions = {}): Promise<ModelLoad<Embedder>> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  return loadPretrained<Embedder>(
    spec,
    options,
    {
      modelKind: 'embedding',
      consequence: options.consequence ?? 'Semantic search is off; lexical search only.',
      setting: 'EMBEDDING_MODEL',
    },
    async (name, pretrained) => {
      const loaded = await loadBertModel<Output>(name, pretrained, AutoModel, options.maxTokens ?? DEFAULT_EMBED_MAX_TOKENS);
      // Probe once: learns the dimension and proves the model runs before anyone relies on it.
      const probe = [encodeTruncated(loaded.tokenize, 'dimension probe', null, loaded.maxTokens)];
      const dimension = await runBatch(loaded, probe, (output) => hiddenStates(output).dims[2]!);
      return new TransformersEmbedder(spec, dimension, loaded, batchSize);
    },
  );
}
