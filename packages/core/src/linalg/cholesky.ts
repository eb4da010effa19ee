import { InvalidInputError } from '../errors/errors';
import { toSymmetricRows, type MatrixInput } from './matrix-input';

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive-definite matrix, by the
 * Cholesky-Banachiewicz row order. A non-positive pivot means A is not positive definite; the error
 * names the pivot so the caller knows which variable is (nearly) a combination of the others, and
 * points to `nearestCorrelation` / `nearestPsd` for a repair.
 */
export function cholesky(a: MatrixInput, field = 'matrix'): number[][] {
  const A = toSymmetricRows(a, field);
  const n = A.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const Li = L[i];
    for (let j = 0; j <= i; j++) {
      const Lj = L[j];
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= Li[k] * Lj[k];
      if (i === j) {
        // Relative pivot test: rounding can leave a tiny positive pivot for a singular matrix.
        if (!(s > A[i][i] * 1e-14 && s > 0)) {
          throw new InvalidInputError(
            field,
            `is not positive definite (pivot ${i} is ${s <= 0 ? s : `${s}, numerically 0`}); repair it with nearestCorrelation or nearestPsd`,
          );
        }
        Li[i] = Math.sqrt(s);
      } else {
        Li[j] = s / Lj[j];
      }
    }
  }
  return L;
}

/** Solves L y = b (forward) then Lᵀ x = y (backward) for a Cholesky factor L. */
export function choleskySolve(L: number[][], b: ArrayLike<number>): Float64Array {
  const n = L.length;
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    const Li = L[i];
    for (let k = 0; k < i; k++) s -= Li[k] * x[k];
    x[i] = s / Li[i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}
