import { InvalidInputError } from '@quantforge/core';
import { centreInPlace, gram } from './gram';
import { toReturnsColumns, toRows, type MatrixInput } from './matrix-input';

/** Options of {@link sampleCovariance}. */
export interface SampleCovarianceOptions {
  /** Delta degrees of freedom: the divisor is T − ddof. Default 1 (unbiased, numpy.cov's default). */
  ddof?: number;
}

/**
 * Column means of a T × N returns matrix (one row per period, one column per asset), in the
 * returns' units per period. Two-pass mean, accurate to a few ulps. Needs T ≥ 1.
 */
export function sampleMean(returns: MatrixInput): number[] {
  const m = toReturnsColumns(returns, 'returns', 1);
  return Array.from(centreInPlace(m.x, m.t, m.n).means);
}

/**
 * Sample covariance of a T × N returns matrix: S = XᵀX / (T − ddof) with X the column-centred
 * returns, ddof = 1 by default (numpy.cov, R cov). Exactly symmetric. Needs T ≥ 2 (T > ddof).
 *
 * @throws InvalidInputError for NaN/±∞ entries (naming the entry), ragged rows or too few rows.
 */
export function sampleCovariance(returns: MatrixInput, options: SampleCovarianceOptions = {}): number[][] {
  const ddof = options.ddof ?? 1;
  if (!Number.isInteger(ddof) || ddof < 0) throw new InvalidInputError('ddof', 'must be a non-negative integer', ddof);
  const m = toReturnsColumns(returns, 'returns', Math.max(2, ddof + 1));
  const c = centreInPlace(m.x, m.t, m.n);
  const g = gram(c.x, c.t, c.n);
  const inv = 1 / (c.t - ddof);
  for (let k = 0; k < g.length; k++) g[k] *= inv;
  return toRows(g, c.n, c.n);
}
