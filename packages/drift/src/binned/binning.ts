/**
 * Binning used by PSI, Jensen-Shannon and the binned chi-square test.
 */
import { InvalidInputError, quantileSorted } from '@quantforge/core';

export interface BinsOption {
  /**
   * Number of bins (default 10) at the reference sample's quantiles, or explicit inner edges
   * (ascending; outer edges are −∞/+∞).
   */
  bins?: number | ArrayLike<number>;
  /** 'quantile' (default, type-7 quantiles of the reference) or 'uniform' (equal width over the reference range). */
  binning?: 'quantile' | 'uniform';
}

/**
 * Inner bin edges: for k bins, q_j = type-7 (numpy linear) quantile of the sorted reference at j/k,
 * j = 1..k−1; or k−1 equal-width edges over [min, max] with `binning: 'uniform'`.
 */
export function innerEdges(sortedRef: Float64Array, opt: BinsOption = {}): Float64Array {
  const bins = opt.bins ?? 10;
  if (typeof bins !== 'number') {
    const e = Float64Array.from(bins as ArrayLike<number>);
    for (let i = 0; i < e.length; i++) {
      if (!Number.isFinite(e[i])) throw new InvalidInputError(`bins[${i}]`, 'must be finite', e[i]);
      if (i > 0 && e[i] < e[i - 1]) throw new InvalidInputError('bins', 'edges must be ascending');
    }
    return e;
  }
  if (!Number.isInteger(bins) || bins < 2) throw new InvalidInputError('bins', 'must be an integer >= 2 or an array of edges', bins);
  const out = new Float64Array(bins - 1);
  if ((opt.binning ?? 'quantile') === 'uniform') {
    const lo = sortedRef[0];
    const hi = sortedRef[sortedRef.length - 1];
    for (let j = 1; j < bins; j++) out[j - 1] = lo + ((hi - lo) * j) / bins;
  } else {
    for (let j = 1; j < bins; j++) out[j - 1] = quantileSorted(sortedRef, j / bins);
  }
  return out;
}

/** Index of the left-closed bin [e_j, e_{j+1}) holding v: the number of inner edges <= v. */
export function binIndex(edges: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts per left-closed bin (edges.length + 1 bins). */
export function binCounts(x: ArrayLike<number>, edges: ArrayLike<number>): Float64Array {
  const c = new Float64Array(edges.length + 1);
  for (let i = 0; i < x.length; i++) c[binIndex(edges, x[i])]++;
  return c;
}

/** Counts per bin for an ascending sample, by a single merge pass. */
export function binCountsSorted(sorted: ArrayLike<number>, edges: ArrayLike<number>): Float64Array {
  const c = new Float64Array(edges.length + 1);
  let b = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    while (b < edges.length && edges[b] <= v) b++;
    c[b]++;
  }
  return c;
}

/** Proportions (counts / total). */
export function proportions(counts: ArrayLike<number>): Float64Array {
  let t = 0;
  for (let i = 0; i < counts.length; i++) t += counts[i];
  const p = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) p[i] = counts[i] / t;
  return p;
}
