import { InvalidInputError } from '../errors/errors';
import { cholesky, choleskySolve } from './cholesky';
import { toSquareRows, type MatrixInput } from './matrix-input';

/**
 * Solves A x = b by LU decomposition with partial pivoting (Doolittle). A singular (or numerically
 * singular, pivot ≤ 1e-14·max|A|) matrix throws InvalidInputError naming the column.
 */
export function solveLinear(a: MatrixInput, b: ArrayLike<number>, field = 'matrix'): Float64Array {
  const A = toSquareRows(a, field);
  const n = A.length;
  if (b?.length !== n) throw new InvalidInputError('b', `must have ${n} entries (the matrix size)`, b?.length);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = b[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`b[${i}]`, 'must be a finite number', v);
    x[i] = v;
  }
  let scale = 0;
  for (const r of A) for (const v of r) scale = Math.max(scale, Math.abs(v));
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i][k]) > Math.abs(A[p][k])) p = i;
    if (!(Math.abs(A[p][k]) > 1e-14 * scale)) {
      throw new InvalidInputError(field, `is singular (no pivot in column ${k})`);
    }
    if (p !== k) {
      [A[p], A[k]] = [A[k], A[p]];
      const t = x[p];
      x[p] = x[k];
      x[k] = t;
    }
    const Ak = A[k];
    for (let i = k + 1; i < n; i++) {
      const Ai = A[i];
      const f = Ai[k] / Ak[k];
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) Ai[j] -= f * Ak[j];
      x[i] -= f * x[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    const Ai = A[i];
    for (let j = i + 1; j < n; j++) s -= Ai[j] * x[j];
    x[i] = s / Ai[i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix through its Cholesky factor. */
export function invertSpd(a: MatrixInput, field = 'matrix'): number[][] {
  const L = cholesky(a, field);
  const n = L.length;
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n));
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(L, e);
    for (let i = 0; i < n; i++) inv[i][j] = col[i];
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (inv[i][j] + inv[j][i]);
      inv[i][j] = m;
      inv[j][i] = m;
    }
  }
  return inv;
}
