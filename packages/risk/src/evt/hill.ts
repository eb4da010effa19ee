/**
 * Hill (1975) estimator of the tail index from the k largest losses X_(1) ≥ … ≥ X_(k+1) > 0:
 *   ξ̂ = (1/k) Σ_{i=1..k} ln X_(i) − ln X_(k+1),  α̂ = 1/ξ̂ (tail exponent),
 * with asymptotic standard error ξ̂/√k. Valid for heavy tails (ξ > 0); plot it over k to choose k.
 */
import { InvalidInputError, requireFiniteArray, requireObject } from '@quantforge/core';

/** Result of {@link hillEstimator}. */
export interface HillResult {
  /** ξ̂ = 1/α̂. */
  xi: number;
  /** Tail exponent α̂ = 1/ξ̂. */
  alpha: number;
  /** Number of upper order statistics used. */
  k: number;
  /** X_(k+1), the implied threshold. */
  threshold: number;
  /** Asymptotic standard error of ξ̂: ξ̂/√k. */
  standardError: number;
}

/**
 * Hill estimator of the tail index of `losses` (positive = loss) from the `k` largest values.
 * @throws InvalidInputError for non-finite losses (naming the index), k not an integer in
 *   [2, n − 1], or X_(k+1) ≤ 0 (the estimator needs positive order statistics).
 */
export function hillEstimator(losses: ArrayLike<number>, options: { k: number }): HillResult {
  const o = requireObject('options', options);
  const x = requireFiniteArray(losses, 'losses');
  const n = x.length;
  const k = o.k as number;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2 || k > n - 1) throw new InvalidInputError('k', `must be an integer in [2, ${n - 1}]`, k);
  const s = x.slice().sort();
  const xk1 = s[n - k - 1];
  if (!(xk1 > 0)) throw new InvalidInputError('k', `the (k+1)-th largest loss must be > 0 (got ${xk1}); lower k`, k);
  let sum = 0;
  for (let i = n - k; i < n; i++) sum += Math.log(s[i]);
  const xi = sum / k - Math.log(xk1);
  return { xi, alpha: 1 / xi, k, threshold: xk1, standardError: xi / Math.sqrt(k) };
}
