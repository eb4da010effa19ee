/**
 * LU factorisation with partial pivoting of a small dense n×n matrix (row-major, in place) and
 * solves with the factors, so one factorisation serves several right-hand sides and later
 * chord steps (the boundary Newton of warm-solver.ts). Doolittle form, Golub & Van Loan (2013)
 * Alg. 3.4.1; the pivot of row k is stored in piv[k].
 */
export function luFactor(A: Float64Array, n: number, piv: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(A[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const a = Math.abs(A[i * n + k]!);
      if (a > best) {
        best = a;
        p = i;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) return false;
    piv[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = A[k * n + j]!;
        A[k * n + j] = A[p * n + j]!;
        A[p * n + j] = t;
      }
    }
    const inv = 1 / A[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k]! * inv;
      A[i * n + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) A[i * n + j]! -= f * A[k * n + j]!;
    }
  }
  return true;
}

/** Solves A x = b in place for column `col` of the n×c row-major block B, with A's LU factors. */
export function luSolveColumn(LU: Float64Array, n: number, piv: Int32Array, B: Float64Array, c: number, col: number): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k]!;
    if (p !== k) {
      const t = B[k * c + col]!;
      B[k * c + col] = B[p * c + col]!;
      B[p * c + col] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    let s = B[i * c + col]!;
    for (let j = 0; j < i; j++) s -= LU[i * n + j]! * B[j * c + col]!;
    B[i * c + col] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = B[i * c + col]!;
    for (let j = i + 1; j < n; j++) s -= LU[i * n + j]! * B[j * c + col]!;
    B[i * c + col] = s / LU[i * n + i]!;
  }
}
