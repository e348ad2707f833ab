/**
 * Sentence embeddings with transformers.js: a feature-extraction model (e.g. Xenova/all-MiniLM-L6-v2)
 * run directly on batched, length-sorted input, then mean pooling + L2 normalisation.
 */
import { AutoModel, AutoTokenizer, Tensor } from '@xenova/transformers';
import type { Embedder, ModelLoad } from './types.js';
import { loadPretrained, type ModelOptions } from './load-model.js';
import { encodeTruncated, meanPoolNormalize, orderByLength, padBatch, type TokenizeFn } from './token-batch.js';

export type { ModelOptions } from './load-model.js';

/** Texts per inference call unless configured. */
export const DEFAULT_BATCH_SIZE = 32;
/** all-MiniLM-L6-v2 was trained on at most 256 word pieces; longer input only adds cost. */
export const DEFAULT_EMBED_MAX_TOKENS = 256;

/** The transformers.js objects one embedder needs. */
interface Loaded {
  readonly tokenize: TokenizeFn;
  readonly padId: number;
  readonly model: (inputs: Record<string, Tensor>) => Promise<Record<string, Tensor | undefined>>;
  readonly maxTokens: number;
}

/** Releases native tensor memory where the runtime supports it (onnxruntime ≥ 1.16). */
function disposeTensor(tensor: unknown): void {
  (tensor as { dispose?: () => void } | undefined)?.dispose?.();
}

/** The model's token vectors: `last_hidden_state` (or the first output of an unusual export). */
function hiddenStates(output: Record<string, Tensor | undefined>): Tensor {
  const tensor = output.last_hidden_state ?? output.token_embeddings ?? Object.values(output)[0];
  if (!tensor || tensor.dims.length !== 3) throw new Error('model has no [batch, sequence, hidden] output');
  return tensor;
}

class TransformersEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dimension: number,
    private readonly loaded: Loaded,
    private readonly batchSize: number,
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const { tokenize, maxTokens } = this.loaded;
    const encoded = texts.map((text) => encodeTruncated(tokenize, text, null, maxTokens));
    // Sorting by token count keeps padding (wasted compute) small; results go back to input order.
    const order = orderByLength(encoded.map((e) => e.ids.length));
    const result = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const rows = order.slice(start, start + this.batchSize);
      const vectors = await this.embedBatch(rows.map((i) => encoded[i]!));
      rows.forEach((i, j) => (result[i] = vectors[j]!));
    }
    return result;
  }

  private async embedBatch(items: Parameters<typeof padBatch>[0]): Promise<Float32Array[]> {
    const { model, padId } = this.loaded;
    const batch = padBatch(items, padId);
    const dims = [batch.batch, batch.seqLen];
    const inputs = {
      input_ids: new Tensor('int64', batch.inputIds, dims),
      attention_mask: new Tensor('int64', batch.attentionMask, dims),
      token_type_ids: new Tensor('int64', batch.tokenTypeIds, dims),
    };
    const output = await model(inputs);
    try {
      const hidden = hiddenStates(output);
      const dim = hidden.dims[2]!;
      if (dim !== this.dimension) throw new Error(`model returned ${dim}-dimensional vectors, expected ${this.dimension}`);
      return meanPoolNormalize(
        hidden.data as Float32Array,
        items.map((e) => e.ids.length),
        batch.seqLen,
        dim,
      );
    } finally {
      for (const tensor of Object.values(output)) disposeTensor(tensor);
      for (const tensor of Object.values(inputs)) disposeTensor(tensor);
    }
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
      consequence: 'Semantic search is off; lexical search only.',
      setting: 'EMBEDDING_MODEL',
    },
    async (name, pretrained) => {
      const [tokenizer, model] = await Promise.all([
        AutoTokenizer.from_pretrained(name, pretrained),
        AutoModel.from_pretrained(name, pretrained),
      ]);
      const tokenizerMax = Number(tokenizer.model_max_length) || Number.POSITIVE_INFINITY;
      const loaded: Loaded = {
        tokenize: tokenizer as unknown as TokenizeFn,
        padId: tokenizer.pad_token_id ?? 0,
        model: model as unknown as Loaded['model'],
        maxTokens: Math.min(options.maxTokens ?? DEFAULT_EMBED_MAX_TOKENS, tokenizerMax),
      };
      // Probe once: learns the dimension and proves the model runs before anyone relies on it.
      const probe = padBatch([encodeTruncated(loaded.tokenize, 'dimension probe', null, loaded.maxTokens)], loaded.padId);
      const dims = [1, probe.seqLen];
      const output = await loaded.model({
        input_ids: new Tensor('int64', probe.inputIds, dims),
        attention_mask: new Tensor('int64', probe.attentionMask, dims),
        token_type_ids: new Tensor('int64', probe.tokenTypeIds, dims),
      });
      const dimension = hiddenStates(output).dims[2]!;
      return new TransformersEmbedder(spec, dimension, loaded, batchSize);
    },
  );
}
