/** Test helper: generates the tiny fixture models once per test file into a temp directory. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model.js';

export interface TinyModels {
  readonly root: string;
  readonly embedderDir: string;
  readonly rerankerDir: string;
  cleanup(): Promise<void>;
}

export async function makeTinyModels(): Promise<TinyModels> {
  const root = await mkdtemp(join(tmpdir(), 'tiny-models-'));
  const [embedderDir, rerankerDir] = await Promise.all([
    makeTinyModel(join(root, 'embedder'), 'embedder'),
    makeTinyModel(join(root, 'rerankers', 'reranker'), 'reranker'),
  ]);
  return { root, embedderDir, rerankerDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}
