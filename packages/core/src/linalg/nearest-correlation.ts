import { ConvergenceError, InvalidInputError } from '../errors/errors';
import { toSymmetricRows, type MatrixInput } from './matrix-input';
import { fromEigen, symmetricEigen } from './symmetric-eigen';

export interface NearestCorrelationOptions {
  /** Stop when successive iterates differ by less than this in the Frobenius norm, relative (default 1e-12). */
  tolerance?: number;
  /** Iteration cap (default 1000); exceeding it throws ConvergenceError with the last iterate. */
  maxIterations?: number;
  /** Eigenvalue floor of the result (default 0). A small positive value makes it safely Cholesky-factorable. */
  minEigenvalue?: number;
}

export interface NearestCorrelationResult {
  matrix: number[][];
  iterations: number;
  /** The smallest eigenvalue of the input. */
  minEigenvalueBefore: number;
  /** ‖result − input‖_F. */
  distance: number;
}

/**
 * The nearest correlation matrix (symmetric, PSD, unit diagonal) in the Frobenius norm, by Higham's
 * (2002) alternating projections with Dykstra's correction: project onto the PSD cone (clip
 * eigenvalues) and onto the unit-diagonal matrices in turn. Converges linearly.
 */
export function nearestCorrelation(a: MatrixInput, options: NearestCorrelationOptions = {}): NearestCorrelationResult {
  const tol = options.tolerance ?? 1e-12;
  const maxIter = options.maxIterations ?? 1000;
  const floor = options.minEigenvalue ?? 0;
  if (!(tol > 0)) throw new InvalidInputError('tolerance', 'must be > 0', tol);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new InvalidInputError('maxIterations', 'must be an integer ≥ 1', maxIter);
  if (!(floor >= 0 && floor < 1)) throw new InvalidInputError('minEigenvalue', 'must be in [0, 1)', floor);
  const A = toSymmetricRows(a, 'matrix');
  const n = A.length;
  const before = symmetricEigen(A).values[0];
  let Y = A.map((r) => r.slice());
  for (let i = 0; i < n; i++) Y[i][i] = 1;
  const dS: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let iterations = 0;
  let X = Y;
  if (before < floor || A.some((r, i) => r[i] !== 1)) {
    for (;;) {
      iterations++;
      // R = Y − ΔS; X = P_S(R); ΔS = X − R; Y = P_U(X)
      const R = Y.map((r, i) => r.map((v, j) => v - dS[i][j]));
      const { values, vectors } = symmetricEigen(R);
      const d = values.map((v) => (v < floor ? floor : v));
      X = fromEigen(vectors, d);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dS[i][j] = X[i][j] - R[i][j];
      const Ynew = X.map((r) => r.slice());
      for (let i = 0; i < n; i++) Ynew[i][i] = 1;
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const e = Ynew[i][j] - Y[i][j];
          diff += e * e;
          norm += Ynew[i][j] * Ynew[i][j];
        }
      }
      Y = Ynew;
      if (Math.sqrt(diff) <= tol * Math.sqrt(norm)) break;
      if (iterations >= maxIter) {
        throw new ConvergenceError(`nearestCorrelation did not converge in ${maxIter} iterations`, iterations, Y);
      }
    }
    // Final safety: the unit-diagonal projection can leave eigenvalues a hair below the floor.
    const check = symmetricEigen(Y).values[0];
    if (check < floor - 1e-12) {
      const { values, vectors } = symmetricEigen(Y);
      const fixed = fromEigen(vectors, values.map((v) => Math.max(v, floor)));
      const s = fixed.map((r, i) => Math.sqrt(r[i]));
      Y = fixed.map((r, i) => r.map((v, j) => (i === j ? 1 : v / (s[i] * s[j]))));
    }
  }
  let dist = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dist += (Y[i][j] - A[i][j]) ** 2;
  return { matrix: Y, iterations, minEigenvalueBefore: before, distance: Math.sqrt(dist) };
}
