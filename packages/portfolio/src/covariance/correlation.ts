import { InvalidInputError } from '@quantforge/core';
import { toSquare, toRows, type MatrixInput } from './matrix-input';

/** The result of {@link covarianceToCorrelation}. */
export interface CorrelationResult {
  /** C_ij = Σ_ij / (σ_i σ_j), unit diagonal exactly. */
  correlation: number[][];
  /** σ_i = √Σ_ii. */
  standardDeviations: number[];
}

/**
 * Splits a covariance matrix into correlations and standard deviations.
 *
 * @throws InvalidInputError when the matrix is not square/symmetric or a variance is ≤ 0 (the
 * error names the diagonal entry: remove that asset or repair the matrix).
 */
export function covarianceToCorrelation(covariance: MatrixInput): CorrelationResult {
  const { rows: n, data } = toSquare(covariance, 'covariance', 1e-10);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i * n + i];
    if (!(v > 0)) throw new InvalidInputError(`covariance[${i}][${i}]`, 'variance must be > 0 to define correlations', v);
    sd[i] = Math.sqrt(v);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] = i === j ? 1 : Math.max(-1, Math.min(1, data[i * n + j] / (sd[i] * sd[j])));
    }
  }
  return { correlation: toRows(out, n, n), standardDeviations: Array.from(sd) };
}

/**
 * Σ_ij = C_ij σ_i σ_j from correlations and standard deviations.
 *
 * @throws InvalidInputError for mismatched sizes or a negative standard deviation.
 */
export function correlationToCovariance(correlation: MatrixInput, standardDeviations: ArrayLike<number>): number[][] {
  const { rows: n, data } = toSquare(correlation, 'correlation', 1e-10);
  if (standardDeviations.length !== n) {
    throw new InvalidInputError('standardDeviations', `must have ${n} entries (one per row of correlation), got ${standardDeviations.length}`);
  }
  for (let i = 0; i < n; i++) {
    const s = standardDeviations[i];
    if (!(s >= 0) || !Number.isFinite(s)) throw new InvalidInputError(`standardDeviations[${i}]`, 'must be a finite number >= 0', s);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = data[i * n + j] * standardDeviations[i] * standardDeviations[j];
  return toRows(out, n, n);
}
