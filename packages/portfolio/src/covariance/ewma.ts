import { InvalidInputError } from '@quantforge/core';
import { toReturns, toRows, type MatrixInput } from './matrix-input';

/** Options of {@link ewmaCovariance}. */
export interface EwmaCovarianceOptions {
  /** Decay factor λ in (0, 1); default 0.94 (RiskMetrics daily). Ignored when `halfLife` is given. */
  lambda?: number;
  /** Half-life in periods h > 0; sets λ = 2^(−1/h). */
  halfLife?: number;
  /** Remove the exponentially weighted mean before the cross-products. Default false (RiskMetrics: zero mean). */
  centre?: boolean;
}

/** The result of {@link ewmaCovariance}. */
export interface EwmaCovarianceResult {
  covariance: number[][];
  /** The decay factor used. */
  lambda: number;
  /** The weighted mean removed (zeros when `centre` is false). */
  mean: number[];
}

/**
 * Exponentially weighted covariance with normalised weights: the row of period k (0-based, of T)
 * gets weight w_k = λ^(T−1−k) / Σ_j λ^j, so the newest row weighs most and the weights sum to 1;
 * Σ = Σ_k w_k (r_k − μ)(r_k − μ)ᵀ with μ = Σ_k w_k r_k when `centre`, else μ = 0 (RiskMetrics
 * 1996). No bias correction. For a long history this equals the recursion
 * Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ up to the λ^T start-up weight.
 *
 * @throws InvalidInputError for NaN/±∞ entries, T < 2, λ ∉ (0, 1) or halfLife ≤ 0.
 */
export function ewmaCovariance(returns: MatrixInput, options: EwmaCovarianceOptions = {}): EwmaCovarianceResult {
  let lambda: number;
  if (options.halfLife !== undefined) {
    const h = options.halfLife;
    if (typeof h !== 'number' || !(h > 0) || !Number.isFinite(h)) throw new InvalidInputError('halfLife', 'must be a finite number > 0 (periods)', h);
    lambda = Math.pow(2, -1 / h);
  } else {
    lambda = options.lambda ?? 0.94;
    if (typeof lambda !== 'number' || !(lambda > 0 && lambda < 1)) {
      throw new InvalidInputError('lambda', 'must be in (0, 1), e.g. 0.94 for daily returns', lambda);
    }
  }
  const { rows: t, cols: n, data } = toReturns(returns, 'returns', 2);
  const w = new Float64Array(t);
  let wsum = 0;
  for (let k = t - 1, p = 1; k >= 0; k--, p *= lambda) {
    w[k] = p;
    wsum += p;
  }
  for (let k = 0; k < t; k++) w[k] /= wsum;
  const mu = new Float64Array(n);
  if (options.centre === true) {
    for (let k = 0; k < t; k++) for (let j = 0; j < n; j++) mu[j] += w[k] * data[k * n + j];
  }
  const out = new Float64Array(n * n);
  const d = new Float64Array(n);
  for (let k = 0; k < t; k++) {
    const wk = w[k];
    for (let j = 0; j < n; j++) d[j] = data[k * n + j] - mu[j];
    for (let i = 0; i < n; i++) {
      const a = wk * d[i];
      const row = i * n;
      for (let j = i; j < n; j++) out[row + j] += a * d[j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
  return { covariance: toRows(out, n, n), lambda, mean: Array.from(mu) };
}
