import { InvalidInputError } from '../errors/errors';
import { toSymmetricRows, type MatrixInput } from './matrix-input';
import { fromEigen, symmetricEigen } from './symmetric-eigen';

export interface NearestPsdOptions {
  /** Eigenvalues below this are raised to it (default 0: the nearest PSD matrix in Frobenius norm). */
  minEigenvalue?: number;
}

export interface NearestPsdResult {
  matrix: number[][];
  /** The smallest eigenvalue of the input (negative when a repair was needed). */
  minEigenvalueBefore: number;
  /** How many eigenvalues were raised. */
  clipped: number;
}

/**
 * The nearest symmetric positive-semidefinite matrix in the Frobenius norm (Higham 1988):
 * clip the eigenvalues of the symmetric input at `minEigenvalue`. For a correlation matrix with a
 * unit diagonal use nearestCorrelation instead, which keeps the diagonal.
 */
export function nearestPsd(a: MatrixInput, options: NearestPsdOptions = {}): NearestPsdResult {
  const floor = options.minEigenvalue ?? 0;
  if (typeof floor !== 'number' || !Number.isFinite(floor) || floor < 0) {
    throw new InvalidInputError('minEigenvalue', 'must be a finite number ≥ 0', floor);
  }
  const A = toSymmetricRows(a, 'matrix');
  const { values, vectors } = symmetricEigen(A);
  let clipped = 0;
  const d = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (values[i] < floor) {
      d[i] = floor;
      clipped++;
    } else d[i] = values[i];
  }
  return { matrix: clipped === 0 ? A : fromEigen(vectors, d), minEigenvalueBefore: values[0], clipped };
}
