import { cholesky, InvalidInputError, nearestCorrelation, requirePositive, symmetricEigen, toSymmetricRows } from '@quantforge/core';
import type { MatrixInput } from '@quantforge/core';
import { NotPositiveSemidefiniteError } from './errors';

/** How the factor covariance is given: a covariance, or a correlation with volatilities. */
export interface CovarianceSpec {
  covariance?: MatrixInput;
  correlation?: MatrixInput;
  vols?: ArrayLike<number>;
  /** Repair a non-PSD matrix by Higham's nearest correlation matrix (default false: throw). */
  repair?: boolean;
}

/** A resolved covariance and a square-root factor A with A·Aᵀ = covariance. */
export interface ResolvedCovariance {
  covariance: number[][];
  /** Lower-triangular Cholesky factor, or V·√Λ (eigen factor) when the matrix is singular PSD. */
  factor: number[][];
  /** True when the input was not PSD and was repaired. */
  repaired: boolean;
  /** Smallest eigenvalue of the input correlation matrix. */
  minEigenvalue: number;
}

/** Relative eigenvalue tolerance below which a matrix counts as not PSD (rounding of a PSD input). */
const PSD_TOLERANCE = 1e-12;

/**
 * Resolves a covariance spec of size `n` into a covariance matrix and a factor for scenario
 * generation. A matrix whose correlation has an eigenvalue below −1e-12 is repaired with
 * `nearestCorrelation` (the vols are kept) when `repair` is set, else
 * {@link NotPositiveSemidefiniteError} is thrown naming that eigenvalue. A PSD but singular matrix
 * (perfectly correlated factors) is factored through its eigen-decomposition.
 */
export function resolveCovariance(spec: CovarianceSpec, n: number, field = 'covariance'): ResolvedCovariance {
  let corr: number[][];
  let sd: Float64Array;
  let name = field;
  if (spec.covariance !== undefined) {
    const cov = toSymmetricRows(spec.covariance, field);
    if (cov.length !== n) throw new InvalidInputError(field, `must be ${n}×${n} (one row per factor), got ${cov.length}×${cov.length}`);
    sd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(cov[i][i] >= 0)) throw new InvalidInputError(`${field}[${i}][${i}]`, 'a variance must be >= 0', cov[i][i]);
      sd[i] = Math.sqrt(cov[i][i]);
    }
    corr = cov.map((row, i) => row.map((c, j) => (sd[i] > 0 && sd[j] > 0 ? c / (sd[i] * sd[j]) : i === j ? 1 : 0)));
  } else if (spec.correlation !== undefined) {
    name = 'correlation';
    corr = toSymmetricRows(spec.correlation, 'correlation');
    if (corr.length !== n) throw new InvalidInputError('correlation', `must be ${n}×${n} (one row per factor), got ${corr.length}×${corr.length}`);
    for (let i = 0; i < n; i++) {
      if (Math.abs(corr[i][i] - 1) > 1e-12) throw new InvalidInputError(`correlation[${i}][${i}]`, 'must be 1', corr[i][i]);
      for (let j = 0; j < n; j++) {
        if (!(Math.abs(corr[i][j]) <= 1 + 1e-12)) throw new InvalidInputError(`correlation[${i}][${j}]`, 'must be in [-1, 1]', corr[i][j]);
      }
    }
    if (spec.vols === undefined || spec.vols.length !== n) {
      throw new InvalidInputError('vols', `must have ${n} entries (one per factor)`, spec.vols?.length);
    }
    sd = new Float64Array(n);
    for (let i = 0; i < n; i++) sd[i] = requirePositive(`vols[${i}]`, spec.vols[i]);
  } else {
    throw new InvalidInputError(field, 'is required (or correlation with vols)');
  }
  const eig = symmetricEigen(corr, name);
  const minEigenvalue = eig.values[0];
  let repaired = false;
  if (minEigenvalue < -PSD_TOLERANCE) {
    if (spec.repair !== true) throw new NotPositiveSemidefiniteError(name, minEigenvalue);
    corr = nearestCorrelation(corr).matrix;
    repaired = true;
  }
  const covariance = corr.map((row, i) => row.map((c, j) => c * sd[i] * sd[j]));
  return { covariance, factor: squareRootFactor(covariance), repaired, minEigenvalue };
}

/** A factor A with A·Aᵀ = S: Cholesky when S is positive definite, else V·√max(Λ, 0). */
export function squareRootFactor(s: number[][]): number[][] {
  try {
    return cholesky(s);
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    const { values, vectors } = symmetricEigen(s);
    const n = s.length;
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => vectors[i][j] * Math.sqrt(Math.max(values[j], 0))));
  }
}
