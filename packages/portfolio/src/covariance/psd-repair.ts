import { InvalidInputError, nearestCorrelation, nearestPsd, symmetricEigen } from '@quantforge/core';
import { toRows, toSquare, type MatrixInput } from './matrix-input';

/** Options of {@link repairCovariance}. */
export interface RepairCovarianceOptions {
  /**
   * `'higham'` (default): keep the variances, replace the correlations by the nearest correlation
   * matrix (Higham 2002, alternating projections) and rescale. `'clip'`: the nearest PSD matrix in
   * the Frobenius norm (eigenvalues clipped at `minEigenvalue`; variances may change).
   */
  method?: 'higham' | 'clip';
  /**
   * Eigenvalue floor. For `'clip'` in the covariance's units (default 0); for `'higham'` a floor on
   * the correlation matrix's eigenvalues in [0, 1) (default 0). A small positive value (1e-10)
   * makes the result safely Cholesky-factorable.
   */
  minEigenvalue?: number;
}

/** The result of {@link repairCovariance}. */
export interface RepairCovarianceResult {
  covariance: number[][];
  /** Whether the input had to be changed. */
  repaired: boolean;
  /** The smallest eigenvalue of the input covariance. */
  minEigenvalueBefore: number;
  /** ‖result − input‖_F. */
  distance: number;
}

/**
 * Repairs a symmetric matrix that should be a covariance but is not positive semidefinite (e.g.
 * assembled from pairwise estimates or stressed by hand). A PSD input is returned unchanged
 * (`repaired: false`). Uses core `nearestCorrelation` (Higham 2002) or `nearestPsd` (Higham 1988).
 *
 * @throws InvalidInputError for a non-square/non-symmetric input or a variance ≤ 0 with `'higham'`.
 */
export function repairCovariance(covariance: MatrixInput, options: RepairCovarianceOptions = {}): RepairCovarianceResult {
  const { rows: n, data } = toSquare(covariance, 'covariance', 1e-10);
  const a = toRows(data, n, n);
  const floor = options.minEigenvalue ?? 0;
  const before = symmetricEigen(a, 'covariance').values[0];
  if (before >= floor && (options.method !== 'higham' || before >= 0)) {
    return { covariance: a, repaired: false, minEigenvalueBefore: before, distance: 0 };
  }
  let out: number[][];
  if (options.method === 'clip') {
    out = nearestPsd(a, { minEigenvalue: floor }).matrix;
  } else {
    const sd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = a[i][i];
      if (!(v > 0)) throw new InvalidInputError(`covariance[${i}][${i}]`, "variance must be > 0 for the 'higham' repair (use method 'clip')", v);
      sd[i] = Math.sqrt(v);
    }
    const corr = a.map((r, i) => r.map((v, j) => (i === j ? 1 : v / (sd[i] * sd[j]))));
    const c = nearestCorrelation(corr, { minEigenvalue: floor }).matrix;
    out = c.map((r, i) => r.map((v, j) => (i === j ? a[i][i] : v * sd[i] * sd[j])));
  }
  let dist = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dist += (out[i][j] - a[i][j]) ** 2;
  return { covariance: out, repaired: true, minEigenvalueBefore: before, distance: Math.sqrt(dist) };
}

/**
 * Checks that a covariance matrix is symmetric positive semidefinite: the smallest eigenvalue must
 * be ≥ −tolerance·λ_max (default tolerance 1e-12). Returns the eigenvalues (ascending).
 *
 * @throws InvalidInputError naming the offending eigenvalue and the asset that dominates its
 * eigenvector, and pointing to {@link repairCovariance}.
 */
export function requirePsdCovariance(covariance: MatrixInput, field = 'covariance', tolerance = 1e-12): Float64Array {
  const { rows: n, data } = toSquare(covariance, field, 1e-10);
  const { values, vectors } = symmetricEigen(toRows(data, n, n), field);
  const top = Math.max(Math.abs(values[n - 1]), Math.abs(values[0]));
  if (values[0] < -tolerance * top) {
    let arg = 0;
    for (let i = 1; i < n; i++) if (Math.abs(vectors[i][0]) > Math.abs(vectors[arg][0])) arg = i;
    throw new InvalidInputError(
      field,
      `is not positive semidefinite: smallest eigenvalue ${values[0]} (eigenvector dominated by asset ${arg}); ` +
        'estimate it from one returns matrix (sampleCovariance, ledoitWolf) or repair it with repairCovariance',
    );
  }
  return values;
}
