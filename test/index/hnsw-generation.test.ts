import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsPath } from '../../src/index/hnsw-index.js';
import { loadSearchIndex } from '../../src/index/store.js';
import { ingest } from '../../src/ingest/pipeline.js';
import { FakeEmbedder } from '../helpers/fake-embedder.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hnsw-gen-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const line = (id: string, text: string) => JSON.stringify({ id, title: `Story ${id}`, text });
const body = (word: string) => Array.from({ length: 30 }, (_, i) => `The ${word} report number ${i} said the council met again.`).join(' ');

async function labels(indexDir: string): Promise<number> {
  const m = JSON.parse(await readFile(join(indexDir, 'manifest.json'), 'utf8')) as { generation: string };
  return (await stat(labelsPath(join(indexDir, m.generation, 'vectors.hnsw')))).size / 4;
}

describe('GIVEN a hybrid index and one article edited in a file of nine', () => {
  it('THEN only the edited article’s chunks are added to the graph; the others keep their labels, and the index matches the corpus', async () => {
    const articlesDir = join(root, 'articles');
    const indexDir = join(root, 'index');
    await mkdir(articlesDir, { recursive: true });
    const file = join(articlesDir, 'wire.jsonl');
    const others = ['harbour', 'island', 'river', 'forest', 'desert', 'city', 'port', 'bridge'];
    const corpus = (b: string) => [line('b', b), ...others.map((w) => line(w, body(w)))].join('\n');
    await writeFile(file, corpus(body('mountain')));
    const embedder = new FakeEmbedder(64, 'fake/hash');
    const first = await ingest({ articlesDir, indexDir, embedder });
    const before = await labels(indexDir);
    expect(before).toBe(first.chunks);
    await writeFile(file, corpus(body('valley').replace(/council met again/g, 'flooding closed roads overnight')));
    const second = await ingest({ articlesDir, indexDir, embedder });
    expect(second.files[0]!.status).toBe('changed');
    const index = await loadSearchIndex(indexDir, { modelId: embedder.modelId });
    const changedChunks = index.chunks.filter(
      (c) => c.articleId.endsWith('b') || index.articleById.get(c.articleId)?.title === 'Story b',
    ).length;
    expect(changedChunks).toBeGreaterThan(0);
    // WHY: the other articles chunk and embed exactly as before, so only b's new chunks are new
    // labels (1 of 9 articles deleted stays under the 20% compaction share).
    expect(await labels(indexDir)).toBe(before + changedChunks);
    expect(index.vectors?.size).toBe(second.chunks);
    // Every chunk's own vector finds that chunk first.
    for (const c of index.chunks) {
      const [v] = await embedder.embed([chunkTextOf(index, c.id)]);
      expect(index.vectors!.search(v!, 1)[0]!.id).toBe(c.id);
    }
  });
});

import type { SearchIndex } from '../../src/index/types.js';
import { chunkSearchText } from '../../src/index/memory.js';
function chunkTextOf(index: SearchIndex, id: number): string {
  const c = index.chunks[id]!;
  return chunkSearchText(index.articleById.get(c.articleId)!, c);
}
