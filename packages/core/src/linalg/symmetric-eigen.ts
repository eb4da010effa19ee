import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { toSymmetricRows, type MatrixInput } from './matrix-input';

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Eigenvectors as the columns of this matrix (vectors[i][j] = component i of vector j), orthonormal. */
  vectors: number[][];
}

/**
 * Eigen-decomposition of a symmetric matrix (Householder tridiagonalisation + implicit QL, the
 * EISPACK tred2/tql2 pair that ml-matrix ports from JAMA; backward stable, eigenvalues accurate to
 * O(ε‖A‖)). Values ascending, vectors as columns.
 */
export function symmetricEigen(a: MatrixInput, field = 'matrix'): SymmetricEigen {
  const A = toSymmetricRows(a, field);
  // Scale by a power of two (exact) so the largest entry is ~1, and flush entries below 2^-960 of
  // it to zero: they cannot move an eigenvalue by even one ulp of ‖A‖, and subnormal entries make
  // the QL deflation test eps·tst1 underflow to 0, which sends ml-matrix's tql2 off the end of its
  // arrays (a TypeError on e.g. [[0, -5e-324], [-5e-324, 0.0092]]).
  let maxAbs = 0;
  for (const row of A) for (const v of row) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? 2 ** -Math.ceil(Math.log2(maxAbs)) : 1;
  const tiny = 2 ** -960;
  const scaled = A.map((row) => row.map((v) => (Math.abs(v * scale) < tiny ? 0 : v * scale)));
  const evd = new EigenvalueDecomposition(new Matrix(scaled), { assumeSymmetric: true });
  const raw = evd.realEigenvalues.map((v) => v / scale);
  const V = evd.eigenvectorMatrix.to2DArray();
  const n = raw.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => raw[i] - raw[j]);
  const values = new Float64Array(n);
  const vectors: number[][] = Array.from({ length: n }, () => new Array<number>(n));
  for (let c = 0; c < n; c++) {
    const src = order[c];
    values[c] = raw[src];
    for (let r = 0; r < n; r++) vectors[r][c] = V[r][src];
  }
  return { values, vectors };
}

/** V diag(d) Vᵀ for eigenvectors in the columns of V. */
export function fromEigen(vectors: number[][], values: ArrayLike<number>): number[][] {
  const n = vectors.length;
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const Vi = vectors[i];
    for (let j = i; j < n; j++) {
      const Vj = vectors[j];
      let s = 0;
      for (let k = 0; k < n; k++) s += Vi[k] * values[k] * Vj[k];
      out[i][j] = s;
      out[j][i] = s;
    }
  }
  return out;
}
