/**
 * Timeline summarization metrics (Martschat & Markert 2017/2018, as used by news-tls):
 * Date-F1 over the sets of dates, and ROUGE-N F1 over the text of the dates in three variants:
 *
 * - concat:    all predicted text against all reference text (ignores dates);
 * - agreement: n-grams count only between a predicted and a reference entry of the *same* date;
 * - align:     each predicted date is aligned to the closest reference date (many-to-one,
 *              ties broken by content overlap) and its matches are weighted by 1/(|Δdays|+1).
 *              This follows the date-cost alignment of Martschat & Markert 2017; news-tls' "AR"
 *              additionally uses content in the alignment cost, so it can score a little higher.
 *
 * Tokens: lower-cased letter/digit runs, Porter-stemmed, stop words kept (ROUGE-1.5.5 with -m).
 */
import { stemmer } from 'stemmer';
import { daysBetween } from './calendar.js';

/** A timeline as the metrics see it: date → text of that date. */
export type DatedText = ReadonlyMap<string, string>;

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface TimelineScores {
  readonly dateF1: Prf;
  readonly concat: { readonly rouge1: Prf; readonly rouge2: Prf };
  readonly agreement: { readonly rouge1: Prf; readonly rouge2: Prf };
  readonly align: { readonly rouge1: Prf; readonly rouge2: Prf };
}

/** ROUGE tokens of a text. */
export function rougeTokens(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(/[a-z0-9]+/g), (m) => stemmer(m[0]));
}

type Counts = Map<string, number>;

function ngrams(tokens: readonly string[], n: number): Counts {
  const out: Counts = new Map();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(' ');
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function total(c: Counts): number {
  let t = 0;
  for (const v of c.values()) t += v;
  return t;
}

function overlap(a: Counts, b: Counts): number {
  let o = 0;
  for (const [g, v] of a) o += Math.min(v, b.get(g) ?? 0);
  return o;
}

function prf(matched: number, predicted: number, reference: number): Prf {
  const precision = predicted > 0 ? matched / predicted : 0;
  const recall = reference > 0 ? matched / reference : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Date precision/recall/F1 of the predicted date set against the reference date set. */
export function dateF1(predicted: Iterable<string>, reference: Iterable<string>): Prf {
  const p = new Set(predicted);
  const r = new Set(reference);
  let hit = 0;
  for (const d of p) if (r.has(d)) hit++;
  return prf(hit, p.size, r.size);
}

/** All scores of one predicted timeline against one reference timeline. */
export function scoreTimeline(predicted: DatedText, reference: DatedText): TimelineScores {
  const tok = (m: DatedText) => new Map([...m].map(([d, t]) => [d, rougeTokens(t)] as const));
  const pt = tok(predicted);
  const rt = tok(reference);
  const rouge = (n: number) => {
    const pc = new Map([...pt].map(([d, t]) => [d, ngrams(t, n)] as const));
    const rc = new Map([...rt].map(([d, t]) => [d, ngrams(t, n)] as const));
    let pTotal = 0;
    let rTotal = 0;
    for (const c of pc.values()) pTotal += total(c);
    for (const c of rc.values()) rTotal += total(c);

    const pAll = ngrams([...pt.values()].flat(), n);
    const rAll = ngrams([...rt.values()].flat(), n);
    const concat = prf(overlap(pAll, rAll), total(pAll), total(rAll));

    let agree = 0;
    for (const [d, c] of pc) {
      const ref = rc.get(d);
      if (ref) agree += overlap(c, ref);
    }

    let aligned = 0;
    const refDates = [...rc.keys()];
    for (const [d, c] of pc) {
      let best = 0;
      let bestDistance = Infinity;
      for (const r of refDates) {
        const dist = Math.abs(daysBetween(d, r));
        if (dist > bestDistance) continue;
        const o = overlap(c, rc.get(r)!) / (dist + 1);
        best = dist < bestDistance ? o : Math.max(best, o); // closest date; on ties, the better content
        bestDistance = dist;
      }
      aligned += best;
    }
    return { concat, agreement: prf(agree, pTotal, rTotal), align: prf(aligned, pTotal, rTotal) };
  };
  const r1 = rouge(1);
  const r2 = rouge(2);
  return {
    dateF1: dateF1(predicted.keys(), reference.keys()),
    concat: { rouge1: r1.concat, rouge2: r2.concat },
    agreement: { rouge1: r1.agreement, rouge2: r2.agreement },
    align: { rouge1: r1.align, rouge2: r2.align },
  };
}
