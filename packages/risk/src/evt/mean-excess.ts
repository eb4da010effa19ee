/**
 * Empirical mean-excess function e(u) = mean(L − u | L > u) (Davison & Smith 1990), the data of a
 * mean-residual-life plot for threshold choice: above a good GPD threshold e(u) is linear in u with
 * slope ξ/(1 − ξ).
 */
import { InvalidInputError, requireFiniteArray, requireObject } from '@quantforge/core';

/** Result of {@link meanExcess}. */
export interface MeanExcessResult {
  thresholds: Float64Array;
  /** e(u) at each threshold. */
  meanExcess: Float64Array;
  /** Number of losses strictly above each threshold. */
  counts: Int32Array;
  /** Approximate 95% band half-width 1.96·sd(L − u | L > u)/√count (NaN-free: 0 for one exceedance). */
  halfWidth95: Float64Array;
}

/**
 * Mean excess of `losses` over each threshold (default: every order statistic that leaves at
 * least `minExceedances` (default 5) losses above it).
 * @throws InvalidInputError for non-finite losses/thresholds (naming the index) or too few losses.
 */
export function meanExcess(losses: ArrayLike<number>, options: { thresholds?: ArrayLike<number>; minExceedances?: number } = {}): MeanExcessResult {
  const o = requireObject('options', options);
  const x = requireFiniteArray(losses, 'losses');
  const s = x.slice().sort();
  const n = s.length;
  const minEx = o.minExceedances === undefined ? 5 : (o.minExceedances as number);
  if (!Number.isInteger(minEx) || minEx < 1) throw new InvalidInputError('minExceedances', 'must be an integer >= 1', minEx);
  let thresholds: Float64Array;
  if (o.thresholds !== undefined) thresholds = requireFiniteArray(o.thresholds as ArrayLike<number>, 'thresholds');
  else {
    if (n <= minEx) throw new InvalidInputError('losses', `needs more than minExceedances = ${minEx} values`, n);
    thresholds = s.slice(0, n - minEx);
  }
  // Suffix sums over the sorted losses give every e(u) in O(log n).
  const suf = new Float64Array(n + 1);
  const suf2 = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    suf[i] = suf[i + 1] + s[i];
    suf2[i] = suf2[i + 1] + s[i] * s[i];
  }
  const m = thresholds.length;
  const me = new Float64Array(m);
  const counts = new Int32Array(m);
  const hw = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const u = thresholds[j];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    const c = n - lo;
    counts[j] = c;
    if (c === 0) {
      me[j] = 0;
      continue;
    }
    const mean = suf[lo] / c - u;
    me[j] = mean;
    if (c > 1) {
      const m2 = suf2[lo] / c - (suf[lo] / c) ** 2;
      hw[j] = (1.96 * Math.sqrt((Math.max(0, m2) * c) / (c - 1))) / Math.sqrt(c);
    }
  }
  return { thresholds, meanExcess: me, counts, halfWidth95: hw };
}
