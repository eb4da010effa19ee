/**
 * Historical-simulation VaR and expected shortfall of a return series.
 *
 * Conventions (shared/reference/risk/var.json): losses L = −x; VaR_c = the type-7 quantile of L
 * at c (Hyndman & Fan 1996 definition 7, numpy's default: sort L ascending, h = (n − 1)c,
 * VaR = L[⌊h⌋] + (h − ⌊h⌋)(L[⌊h⌋+1] − L[⌊h⌋])); ES_c = the mean of all L_i ≥ VaR_c. Both are
 * positive numbers for losses, in the units of the returns. Computed in O(n) by selection
 * (Hoare's FIND) rather than a full sort; the numbers equal the sorted type-7 definition exactly.
 */
import { quantileSorted } from '@quantforge/core';
import { selectInPlace } from './select';
import { requireConfidence, requireOptions, requireReturns, requireTailObservations } from './validate';

/** Options of the historical estimators. */
export interface HistoricalVaROptions {
  /** Confidence level c in (0, 1), e.g. 0.99. */
  confidence: number;
}

/** A validated copy of the returns (fast path for Float64Array input; same errors). */
function copyReturns(returns: ArrayLike<number>): Float64Array {
  if (returns instanceof Float64Array) {
    const x = returns.slice();
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return requireReturns(returns); // names the index
    if (x.length === 0) return requireReturns(returns);
    return x;
  }
  return requireReturns(returns);
}

/** Losses −x sorted ascending (internal). */
export function sortedLosses(x: Float64Array): Float64Array {
  const L = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) L[i] = -x[i];
  L.sort();
  return L;
}

/** VaR and ES from ascending-sorted losses (internal; no validation). */
export function historicalFromSorted(L: Float64Array, confidence: number): { var: number; es: number } {
  const v = quantileSorted(L, confidence);
  let s = 0;
  let k = 0;
  // Losses at or beyond VaR sit at the top of the sorted array.
  for (let i = L.length - 1; i >= 0 && L[i] >= v; i--) {
    s += L[i];
    k++;
  }
  return { var: v, es: s / k };
}

/**
 * VaR and ES of losses −x in O(n) by selection (no full sort); same numbers as the sorted path
 * (numpy's `_lerp` interpolation form). `x` (returns) is reordered in place.
 * @internal
 */
export function historicalInPlace(x: Float64Array, confidence: number): { var: number; es: number } {
  // Works on the returns directly: the j-th smallest loss is minus the (n−1−j)-th smallest return
  // (negation is exact, so the numbers equal those of the sorted losses).
  const n = x.length;
  const h = (n - 1) * confidence;
  const lo = Math.floor(h);
  let v: number;
  if (lo >= n - 1) {
    let m = Infinity;
    for (let i = 0; i < n; i++) if (x[i] < m) m = x[i];
    v = -m;
  } else {
    const a = -selectInPlace(x, n - 1 - lo);
    let bx = -Infinity;
    for (let i = 0; i < n - 1 - lo; i++) if (x[i] > bx) bx = x[i];
    const b = -bx;
    const frac = h - lo;
    v = frac >= 0.5 ? b - (b - a) * (1 - frac) : a + (b - a) * frac;
  }
  // ES: the losses ≥ VaR are the returns ≤ −VaR. After selection they are x[0..kk−1] (all ≤ the
  // order statistic next to −VaR) plus, when −VaR equals x[kk], the returns equal to it.
  const t = -v;
  const kk = lo >= n - 1 ? 0 : n - 1 - lo;
  let s = 0;
  let k = 0;
  if (lo >= n - 1) {
    for (let i = 0; i < n; i++) {
      if (x[i] <= t) {
        s -= x[i];
        k++;
      }
    }
  } else {
    for (let i = 0; i < kk; i++) {
      if (x[i] <= t) {
        s -= x[i];
        k++;
      }
    }
    if (x[kk] <= t) {
      for (let i = kk; i < n; i++) {
        if (x[i] <= t) {
          s -= x[i];
          k++;
        }
      }
    }
  }
  return { var: v, es: s / k };
}

/**
 * Historical VaR and ES together (one O(n) selection pass instead of two sorts).
 * Same conventions, inputs and errors as {@link historicalVaR}.
 * @example const { var: v, es } = historicalRisk(returns, { confidence: 0.975 });
 */
export function historicalRisk(returns: ArrayLike<number>, options: HistoricalVaROptions): { var: number; es: number } {
  const c = requireConfidence(requireOptions(options).confidence);
  const x = copyReturns(returns);
  requireTailObservations(x.length, c);
  return historicalInPlace(x, c);
}

/**
 * Historical VaR: the type-7 quantile at `confidence` of the losses −returns.
 *
 * @param returns any array-like of finite returns (needs n ≥ 1/(1 − c) observations).
 * @returns VaR as a positive loss (negative when even the c-quantile is a gain).
 * @throws InvalidInputError naming the first non-finite return (`returns[i]`), too few
 *   observations for the confidence, or a confidence outside (0, 1).
 * @example historicalVaR(returns, { confidence: 0.99 })
 */
export function historicalVaR(returns: ArrayLike<number>, options: HistoricalVaROptions): number {
  const c = requireConfidence(requireOptions(options).confidence);
  const x = copyReturns(returns);
  requireTailObservations(x.length, c);
  return historicalInPlace(x, c).var;
}

/**
 * Historical expected shortfall: the mean of the losses at or beyond the historical VaR
 * (ES ≥ VaR always). Same inputs and errors as {@link historicalVaR}.
 */
export function historicalES(returns: ArrayLike<number>, options: HistoricalVaROptions): number {
  const c = requireConfidence(requireOptions(options).confidence);
  const x = copyReturns(returns);
  requireTailObservations(x.length, c);
  return historicalInPlace(x, c).es;
}
