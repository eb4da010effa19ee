import { normalizeConstraints } from '../constraints/spec';
import { prepareCovariance } from './covariance-input';
import { requireOptions, stats, type CovarianceOptions, type OptimizerResult } from './common';
import { solveMaxSharpe } from './max-sharpe';

/** Options of {@link maxDiversification}. */
export type MaxDiversificationOptions = CovarianceOptions;

/** Result of {@link maxDiversification}. */
export interface MaxDiversificationResult extends OptimizerResult {
  /** D(w) = wᵀσ / √(wᵀΣw) ≥ 1 (long-only). */
  diversificationRatio: number;
}

/**
 * The most-diversified portfolio (Choueifaty & Coignard 2008): max wᵀσ/√(wᵀΣw), σ_i = √Σ_ii,
 * solved as a maximum-Sharpe problem with μ = σ and no risk-free rate. Exact to rounding.
 */
export function maxDiversification(options: MaxDiversificationOptions): MaxDiversificationResult {
  requireOptions(options, 'maxDiversification');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const n = cov.n;
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) sigma[i] = Math.sqrt(cov.S[i * n + i]);
  const cons = normalizeConstraints(options, n);
  const { w, iterations, active } = solveMaxSharpe(sigma, 0, cov, cons, 'asset volatility');
  const st = stats(cov.S, n, w);
  let num = 0;
  for (let i = 0; i < n; i++) num += w[i] * sigma[i];
  return { weights: Array.from(w), ...st, diversificationRatio: num / st.volatility, iterations, activeConstraints: active, repaired: cov.repaired };
}
