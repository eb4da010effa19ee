/**
 * Age-weighted historical simulation (Boudoukh, Richardson & Whitelaw 1998, "The best of both
 * worlds", Risk 11(5)): the return observed i days ago (i = 1 for the most recent) gets weight
 *   w_i = λ^{i−1} (1 − λ)/(1 − λ^n),
 * losses are sorted and their weights accumulated from the largest loss down; VaR is the loss at
 * which the tail weight reaches 1 − c, linearly interpolated between the midpoints of adjacent
 * losses' weight intervals (the BRW interpolation), and ES is the weight-averaged loss over the tail
 * of mass 1 − c (the boundary loss counted with the fraction of its weight that lies in the tail),
 * floored at the VaR (the midpoint interpolation can put VaR above that tail mean when one loss
 * carries most of the tail weight).
 * λ → 1 gives equal weights 1/n (plain historical simulation with midpoint interpolation).
 */
import { InvalidInputError } from '@quantforge/core';
import { requireConfidence, requireOptions, requireReturns, requireTailObservations } from './validate';

/** Options of {@link ageWeightedVaR} / {@link ageWeightedES}. */
export interface AgeWeightedOptions {
  /** Confidence c in (0, 1). */
  confidence: number;
  /** Decay λ in (0, 1]; BRW use 0.97 and 0.99. Default 0.98. */
  lambda?: number;
}

function compute(returns: ArrayLike<number>, options: AgeWeightedOptions): { var: number; es: number } {
  const o = requireOptions(options);
  const c = requireConfidence(o.confidence);
  const lambda = o.lambda === undefined ? 0.98 : (o.lambda as number);
  if (typeof lambda !== 'number' || !(lambda > 0 && lambda <= 1)) throw new InvalidInputError('lambda', 'must be in (0, 1]', lambda);
  const x = requireReturns(returns);
  const n = x.length;
  requireTailObservations(n, c);
  // Weights by age: x[n−1] is the most recent (age 1).
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => x[a] - x[b]); // ascending returns = descending losses
  const w = new Float64Array(n);
  const norm = lambda === 1 ? n : (1 - Math.pow(lambda, n)) / (1 - lambda);
  for (let i = 0; i < n; i++) w[i] = Math.pow(lambda, n - 1 - i) / norm;
  const alpha = 1 - c;
  // Tail mass at the midpoint of each loss's weight interval, from the largest loss down.
  let cum = 0;
  let prevMid = NaN;
  let prevLoss = NaN;
  let v = NaN;
  for (let j = 0; j < n; j++) {
    const k = idx[j];
    const loss = -x[k];
    const mid = cum + w[k] / 2;
    if (mid >= alpha) {
      if (j === 0) v = loss;
      else v = prevLoss + ((alpha - prevMid) / (mid - prevMid)) * (loss - prevLoss);
      break;
    }
    cum += w[k];
    prevMid = mid;
    prevLoss = loss;
  }
  if (Number.isNaN(v)) v = -x[idx[n - 1]];
  // ES: weighted mean of the top tail of mass α (partial weight at the boundary).
  let mass = 0;
  let s = 0;
  for (let j = 0; j < n && mass < alpha; j++) {
    const k = idx[j];
    const take = Math.min(w[k], alpha - mass);
    s += take * -x[k];
    mass += take;
  }
  const es = Math.max(s / mass, v);
  return { var: v, es };
}

/**
 * Age-weighted (BRW) historical VaR, a positive loss.
 * @throws InvalidInputError for non-finite returns (naming the index), too few observations
 *   (n(1 − c) ≥ 1), c ∉ (0, 1) or λ ∉ (0, 1].
 */
export function ageWeightedVaR(returns: ArrayLike<number>, options: AgeWeightedOptions): number {
  return compute(returns, options).var;
}

/** Age-weighted (BRW) expected shortfall (≥ the age-weighted VaR). Errors as {@link ageWeightedVaR}. */
export function ageWeightedES(returns: ArrayLike<number>, options: AgeWeightedOptions): number {
  return compute(returns, options).es;
}
