/** Small statistics for benchmark samples: medians, latency percentiles and growth exponents. */

/** Median of the samples (mean of the two middle ones for an even count); NaN when empty. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The `p`-th percentile (0–100) by linear interpolation between closest ranks, the usual
 * definition for latency percentiles; NaN when empty.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

/** p50/p95/p99 of a latency sample, in its unit. */
export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export function latency(samples: readonly number[]): Latency {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

/**
 * Growth exponent between two sizes: how a cost grows per 10× more data, normalised to the actual
 * size ratio, i.e. log(y2/y1) / log(n2/n1). 1 is linear, 2 quadratic, 0 flat. NaN when undefined.
 */
export function growthExponent(n1: number, y1: number, n2: number, y2: number): number {
  if (!(n1 > 0 && n2 > 0 && y1 > 0 && y2 > 0) || n1 === n2) return Number.NaN;
  return Math.log(y2 / y1) / Math.log(n2 / n1);
}
