import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { RERANK_CANDIDATES, rerankCandidates } from '../../src/answer/rerank.js';
import type { Reranker } from '../../src/embed/types.js';
import { article, indexOf } from './helpers.js';

/** Records every call; scores passages containing `word` 10, others 0. */
class RecordingReranker implements Reranker {
  readonly modelId = 'fake/recording';
  readonly calls: string[][] = [];
  constructor(private readonly word: string) {}
  async score(_query: string, passages: readonly string[]): Promise<number[]> {
    this.calls.push([...passages]);
    return passages.map((p) => (p.toLowerCase().includes(this.word) ? 10 : 0));
  }
}

const articles = [
  article('a', 'Harbour news', 'The ferry to the island leaves the harbour at noon. Tickets cost five euros.'),
  article('b', 'Island life', 'Fishermen on the island repaired their boats. The ferry was late again this week.'),
  article('c', 'Mountain news', 'Climbers reached the summit of the mountain after a storm.'),
];

describe('rerankCandidates', () => {
  const items = ['one', 'two', 'three', 'four'].map((text) => ({ text }));

  it('GIVEN a reranker preferring the last candidate THEN it moves up by the fusion, and no candidate is lost', async () => {
    const out = await rerankCandidates(new RecordingReranker('four'), 'q', items);
    // WHY: RRF (k 60, weights 1 and 2): four = 1/64 + 2/61 ≈ 0.0484 passes two and three (reranker
    // ranks 3 and 4) but not one (1/61 + 2/62 ≈ 0.0487): the first stage's leader keeps some say.
    expect(out.map((x) => x.text)).toEqual(['one', 'four', 'two', 'three']);
  });

  it('GIVEN more candidates than the reranker reads THEN one call scores only the head and the tail keeps its order', async () => {
    const many = Array.from({ length: RERANK_CANDIDATES + 5 }, (_, i) => ({ text: `passage ${i}` }));
    const reranker = new RecordingReranker('zzz');
    const out = await rerankCandidates(reranker, 'q', many);
    expect(reranker.calls).toHaveLength(1);
    expect(reranker.calls[0]).toHaveLength(RERANK_CANDIDATES);
    expect(out.slice(RERANK_CANDIDATES)).toEqual(many.slice(RERANK_CANDIDATES));
  });

  it('GIVEN the same passage twice (near-duplicate articles) THEN it is scored once', async () => {
    const reranker = new RecordingReranker('x');
    await rerankCandidates(reranker, 'q', [{ text: 'same' }, { text: 'same' }, { text: 'other' }]);
    expect(reranker.calls[0]).toEqual(['same', 'other']);
  });

  it('GIVEN a failing reranker or one returning the wrong number of scores THEN the order is unchanged', async () => {
    const failing: Reranker = { modelId: 'x', score: () => Promise.reject(new Error('boom')) };
    expect(await rerankCandidates(failing, 'q', items)).toEqual(items);
    const short: Reranker = { modelId: 'x', score: async () => [1] };
    expect(await rerankCandidates(short, 'q', items)).toEqual(items);
  });
});

describe('answer with a reranker', () => {
  it('GIVEN a reranker THEN it reads the excerpts that could be quoted (sentences, not chunks), in one call', async () => {
    const index = indexOf(articles);
    const reranker = new RecordingReranker('fishermen');
    const r = await answer({ index, reranker }, 'When does the ferry to the island leave?');
    expect(reranker.calls).toHaveLength(1);
    const passages = reranker.calls[0]!;
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.length).toBeLessThanOrEqual(RERANK_CANDIDATES);
    // Every passage is a verbatim span of one article of at most two sentences and 500 chars.
    for (const p of passages) {
      expect(p.length).toBeLessThanOrEqual(500);
      expect(articles.some((a) => a.text.includes(p))).toBe(true);
    }
    expect(r.kind).toBe('answer');
  });

  it('GIVEN a reranker preferring a lower-ranked excerpt THEN that excerpt comes first; without one the lexical order stands', async () => {
    const index = indexOf(articles);
    const q = 'When does the ferry to the island leave the harbour?';
    const plain = await answer({ index }, q);
    const reranked = await answer({ index, reranker: new RecordingReranker('fishermen') }, q);
    if (plain.kind !== 'answer' || reranked.kind !== 'answer') throw new Error('expected answers');
    expect(plain.excerpts[0]!.quote).toContain('noon');
    expect(reranked.excerpts[0]!.quote.toLowerCase()).toContain('fishermen');
  });

  it('GIVEN a question the articles do not answer THEN it is declined without a reranker call', async () => {
    const reranker = new RecordingReranker('x');
    const r = await answer({ index: indexOf(articles) }, 'What is the boiling point of ethanol?');
    const withReranker = await answer({ index: indexOf(articles), reranker }, 'What is the boiling point of ethanol?');
    expect(withReranker).toEqual(r);
    expect(r.kind).toBe('noAnswer');
    expect(reranker.calls).toHaveLength(0);
  });
});
