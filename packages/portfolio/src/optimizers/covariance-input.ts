import { InvalidInputError, nearestPsd, symmetricEigen } from '@quantforge/core';
import { toSquare, toVector, type MatrixInput } from '../covariance/matrix-input';
import { NotPsdCovarianceError, SingularCovarianceError } from '../constraints/errors';
import { choleskyLower } from '../solver/cholesky';

/** A validated covariance with its Cholesky factor. */
export interface PreparedCovariance {
  n: number;
  /** Row-major Σ. */
  S: Float64Array;
  /** Lower Cholesky factor, row-major. */
  L: Float64Array;
  /** True when `repair` changed the matrix. */
  repaired: boolean;
}

/** Relative eigenvalue floor used by `repair: true`: λ ≥ REPAIR_FLOOR · λ_max. */
export const REPAIR_FLOOR = 1e-10;

function choleskyRowMajor(S: Float64Array, n: number): Float64Array | null {
  return choleskyLower(S, n, 1e-13);
}

function rowsOf(S: Float64Array, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(Array.from(S.subarray(i * n, (i + 1) * n)));
  return out;
}

/**
 * Validates a covariance matrix (square, finite, symmetric to 1e-10 relative) and factorises it.
 * When it is not positive definite its spectrum decides: a negative eigenvalue below
 * −1e-12·λ_max is rejected with {@link NotPsdCovarianceError} naming it (or, with `repair`, the
 * eigenvalues are clipped at 1e-10·λ_max by core `nearestPsd`); a numerically zero eigenvalue
 * is rejected with {@link SingularCovarianceError} (or repaired the same way).
 */
export function prepareCovariance(cov: MatrixInput, options: { repair?: boolean; singularHint?: string } = {}): PreparedCovariance {
  const m = toSquare(cov, 'covariance', 1e-10);
  const n = m.rows;
  const S = m.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (S[i * n + j] + S[j * n + i]);
      S[i * n + j] = v;
      S[j * n + i] = v;
    }
    if (!(S[i * n + i] > 0)) {
      if (S[i * n + i] < 0) throw new InvalidInputError(`covariance[${i}][${i}]`, 'is a variance and must be ≥ 0', S[i * n + i]);
    }
  }
  const L = choleskyRowMajor(S, n);
  if (L !== null) return { n, S, L, repaired: false };
  const rows = rowsOf(S, n);
  const { values } = symmetricEigen(rows, 'covariance');
  const lo = values[0];
  const hi = values[n - 1];
  if (!(hi > 0)) throw new InvalidInputError('covariance', 'is zero (no eigenvalue > 0); every asset needs a positive variance');
  if (options.repair === true) {
    const fixed = nearestPsd(rows, { minEigenvalue: REPAIR_FLOOR * hi }).matrix;
    const S2 = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S2[i * n + j] = 0.5 * (fixed[i][j] + fixed[j][i]);
    const L2 = choleskyRowMajor(S2, n);
    if (L2 === null) throw new SingularCovarianceError(lo, hi, 'the repaired matrix is still not positive definite; shrink it (ledoitWolf) instead');
    return { n, S: S2, L: L2, repaired: true };
  }
  if (lo < -1e-12 * hi) throw new NotPsdCovarianceError(lo);
  throw new SingularCovarianceError(
    lo,
    hi,
    options.singularHint ??
      'some asset is a linear combination of the others (or T ≤ N returns were used); shrink it with ledoitWolf, add a small ridge to the diagonal, drop the redundant asset, or pass repair: true',
  );
}

/** Expected returns: a finite vector with one entry per asset. */
export function prepareVector(x: unknown, field: string, n: number): Float64Array {
  if (x === undefined) throw new InvalidInputError(field, 'is required');
  return toVector(x, field, n);
}
