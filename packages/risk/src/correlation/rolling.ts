import { InvalidInputError, requireInteger } from '@quantforge/core';
import { covToCorr, pearsonMatrix, readReturns } from './matrix';

/** One window's correlation matrix. */
export interface CorrelationWindow {
  /** Index of the last observation in the window. */
  end: number;
  matrix: number[][];
}

/**
 * Rolling Pearson correlation matrices over windows of `window` observations (the window ending
 * at t = window − 1, window, ..., T − 1; `step` > 1 skips ends). `returns[t][j]` is observation t
 * of asset j. Each window is computed two-pass from scratch (exact, O(T·k²·window/step)).
 */
export function rollingCorrelation(returns: readonly ArrayLike<number>[], window: number, options: { step?: number } = {}): CorrelationWindow[] {
  const { T, k, data } = readReturns(returns);
  const w = requireInteger('window', window, 2);
  if (w > T) throw new InvalidInputError('window', `must be <= the number of observations (${T})`, w);
  const step = options.step === undefined ? 1 : requireInteger('step', options.step, 1);
  const out: CorrelationWindow[] = [];
  for (let end = w - 1; end < T; end += step) out.push({ end, matrix: pearsonMatrix(data, k, end - w + 1, end + 1) });
  return out;
}

/** Options of {@link ewmaCorrelation}. */
export interface EwmaCorrelationOptions {
  /** Decay λ in (0, 1), default 0.94 (RiskMetrics daily). */
  lambda?: number;
  /** Observations used for the starting matrix S_0 = (1/m) Σ r_t r_tᵀ over t < m (default min(T, 30)). */
  warmup?: number;
  /** Return the whole path (default false: the last matrix only). */
  path?: boolean;
}

/** Result of {@link ewmaCorrelation}. */
export interface EwmaCorrelation {
  /** Correlation after the last observation. */
  matrix: number[][];
  /** EWMA covariance after the last observation. */
  covariance: number[][];
  /** Correlation after each observation t >= warmup (when `path`). */
  path?: number[][][];
}

/**
 * RiskMetrics (J.P. Morgan 1996) EWMA correlation: zero-mean covariance recursion
 * S_t = λ S_{t−1} + (1 − λ) r_t r_tᵀ started from the zero-mean second moment of the first
 * `warmup` observations, then updated with observations warmup..T−1; correlation
 * S_ij / √(S_ii S_jj).
 */
export function ewmaCorrelation(returns: readonly ArrayLike<number>[], options: EwmaCorrelationOptions = {}): EwmaCorrelation {
  const { T, k, data } = readReturns(returns, 'returns', 1);
  const lambda = options.lambda ?? 0.94;
  if (typeof lambda !== 'number' || !(lambda > 0 && lambda < 1)) throw new InvalidInputError('lambda', 'must be in (0, 1)', lambda);
  const m = options.warmup === undefined ? Math.min(T, 30) : requireInteger('warmup', options.warmup, 1);
  if (m > T) throw new InvalidInputError('warmup', `must be <= the number of observations (${T})`, m);
  const S = Array.from({ length: k }, () => new Float64Array(k));
  for (let t = 0; t < m; t++) {
    const o = t * k;
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) S[i][j] += (data[o + i] * data[o + j]) / m;
  }
  const path: number[][][] | undefined = options.path === true ? [] : undefined;
  for (let t = m; t < T; t++) {
    const o = t * k;
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) S[i][j] = lambda * S[i][j] + (1 - lambda) * data[o + i] * data[o + j];
    if (path !== undefined) path.push(covToCorr(S));
  }
  const covariance = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (j <= i ? S[i][j] : S[j][i])));
  const result: EwmaCorrelation = { matrix: covToCorr(S), covariance };
  if (path !== undefined) result.path = path;
  return result;
}
