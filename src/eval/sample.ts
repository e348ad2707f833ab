/**
 * Deterministic document subsamples for robustness checks (`eval:timeline --sample`): a thinner
 * collection than the one constants were chosen on, drawn the same way on every run. Pure.
 */

/**
 * Where a document falls in [0, 1) for seed `seed` (FNV-1a of the id, seeded, then mixed): the
 * same value for the same id and seed on every run, an independent draw per seed.
 */
export function sampleKey(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 13)) >>> 0) / 2 ** 32;
}

/** Is document `id` in the `share` (in (0, 1]) of documents drawn by `seed`? Share 1 keeps all. */
export function inSample(id: string, share: number, seed: number): boolean {
  return share >= 1 || sampleKey(id, seed) < share;
}
