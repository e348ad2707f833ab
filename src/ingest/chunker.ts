import type { Chunk, Span } from '../core/types.js';
import type { ChunkingSettings } from '../index/types.js';

/** Defaults chosen for MiniLM-class encoders (≈256 word-piece window) and sentence-level quoting. */
export const DEFAULT_CHUNKING: ChunkingSettings = Object.freeze({ targetChars: 600, overlapSentences: 1 });

/**
 * Groups an article's sentences into chunks of about `targetChars`, never cutting a sentence.
 * Consecutive chunks share `overlapSentences` sentences so an answer spanning a boundary is
 * still found whole. Chunk ids are `firstId, firstId + 1, …`.
 */
export function chunkSentences(articleId: string, sentences: readonly Span[], settings: ChunkingSettings, firstId: number): Chunk[] {
  const chunks: Chunk[] = [];
  const overlap = Math.max(0, Math.floor(settings.overlapSentences));
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    while (last + 1 < sentences.length && sentences[last + 1]!.end - sentences[first]!.start <= settings.targetChars) {
      last++;
    }
    chunks.push({
      id: firstId + chunks.length,
      articleId,
      start: sentences[first]!.start,
      end: sentences[last]!.end,
      firstSentence: first,
      lastSentence: last,
    });
    if (last + 1 >= sentences.length) break;
    // Step back for overlap, but always advance at least one sentence.
    first = Math.max(first + 1, last + 1 - overlap);
  }
  return chunks;
}
