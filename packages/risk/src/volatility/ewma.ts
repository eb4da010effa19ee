/**
 * Exponentially weighted moving-average volatility (J.P. Morgan/Reuters 1996, RiskMetrics —
 * Technical Document, 4th ed., §5.2.1): σ²_t = λ σ²_{t−1} + (1 − λ) r²_{t−1}, zero mean,
 * λ = 0.94 for daily data.
 */
import { InvalidInputError, requireObject } from '@quantforge/core';
import { requireReturns } from '../var/validate';

/** Options of {@link ewmaVolatility}. */
export interface EwmaOptions {
  /** Decay λ in (0, 1). Default 0.94 (RiskMetrics daily). */
  lambda?: number;
  /**
   * σ²_0, the variance used for the first return. Default: the mean of r² over the first
   * min(n, 30) returns (a short look-ahead used only to seed the recursion).
   */
  initialVariance?: number;
}

/** Result of {@link ewmaVolatility}. */
export interface EwmaResult {
  /** σ²_t, t = 0..n−1: the variance forecast for r_t made from r_0..r_{t−1}. */
  variance: Float64Array;
  /** √variance. */
  volatility: Float64Array;
  /** σ²_n: the one-step-ahead forecast after the last return. */
  forecastVariance: number;
  /** √forecastVariance. */
  forecastVolatility: number;
  /** The decay used. */
  lambda: number;
}

/**
 * EWMA (RiskMetrics) conditional volatility of a return series, in the units of the returns.
 * @throws InvalidInputError for non-finite returns (naming the index), an empty series, λ outside
 *   (0, 1) or a negative/non-finite initial variance.
 * @example ewmaVolatility(returns).forecastVolatility
 */
export function ewmaVolatility(returns: ArrayLike<number>, options: EwmaOptions = {}): EwmaResult {
  const o = requireObject('options', options);
  const x = requireReturns(returns, 1);
  const n = x.length;
  const lambda = o.lambda === undefined ? 0.94 : (o.lambda as number);
  if (typeof lambda !== 'number' || !(lambda > 0 && lambda < 1)) throw new InvalidInputError('lambda', 'must be in (0, 1)', lambda);
  let v0: number;
  if (o.initialVariance === undefined) {
    const k = Math.min(n, 30);
    v0 = 0;
    for (let i = 0; i < k; i++) v0 += x[i] * x[i];
    v0 /= k;
  } else {
    v0 = o.initialVariance as number;
    if (typeof v0 !== 'number' || !Number.isFinite(v0) || v0 < 0) throw new InvalidInputError('initialVariance', 'must be a finite number >= 0', v0);
  }
  const variance = new Float64Array(n);
  const volatility = new Float64Array(n);
  let v = v0;
  for (let t = 0; t < n; t++) {
    variance[t] = v;
    volatility[t] = Math.sqrt(v);
    v = lambda * v + (1 - lambda) * x[t] * x[t];
  }
  return { variance, volatility, forecastVariance: v, forecastVolatility: Math.sqrt(v), lambda };
}
