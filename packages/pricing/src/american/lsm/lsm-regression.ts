/**
 * Linear least squares min ||A β - y|| by Householder QR (Golub & Van Loan, "Matrix
 * Computations", 4th ed., Alg. 5.2.1 and §5.3.3), for the small regressions of the
 * Longstaff-Schwartz engine (rows = in-the-money paths, m <= 9 columns). A is column-major with
 * leading dimension `ld` (column j is a[j·ld .. j·ld + rows - 1]) and is overwritten; y too.
 *
 * Each column is first scaled to unit norm (equilibration), so the rank test is relative. A
 * column whose remaining norm after the previous reflections is below 1e-10 of its original norm
 * is numerically dependent on the earlier ones and is dropped (its coefficient is 0): the fit is
 * then the least-squares fit on the remaining columns, with no NaN for a degenerate sample (for
 * example all paths at the same spot). Backward stable: the error in the fitted values is
 * O(eps · cond(A)) relative, not O(eps · cond(A)²) as with the normal equations.
 *
 * Writes the coefficients into beta[off .. off + m - 1]; returns the number of columns used.
 */
export function leastSquares(a: Float64Array, ld: number, rows: number, m: number, y: Float64Array, beta: Float64Array, off: number): number {
  const scale = new Float64Array(m);
  const diag = new Float64Array(m);
  const used = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const c = j * ld;
    let s = 0;
    for (let i = 0; i < rows; i++) s += a[c + i] * a[c + i];
    const norm = Math.sqrt(s);
    scale[j] = norm > 0 ? 1 / norm : 0;
    for (let i = 0; i < rows; i++) a[c + i] *= scale[j];
  }
  // r = the next row of R to fill (the number of accepted columns so far).
  let r = 0;
  for (let j = 0; j < m && r < rows; j++) {
    const c = j * ld;
    let s = 0;
    for (let i = r; i < rows; i++) s += a[c + i] * a[c + i];
    const norm = Math.sqrt(s);
    if (!(norm > 1e-10) || scale[j] === 0) continue; // dependent (or zero) column: dropped
    used[j] = 1;
    // Householder vector v = x - alpha e1 stored in place of x, alpha = -sign(x0) ||x||.
    const x0 = a[c + r];
    const alpha = x0 >= 0 ? -norm : norm;
    a[c + r] = x0 - alpha;
    const vtv = s - x0 * x0 + (x0 - alpha) * (x0 - alpha);
    diag[j] = alpha;
    // Apply H = I - 2 v v^T / v^T v to the later columns and to y.
    for (let jj = j + 1; jj < m; jj++) {
      const cc = jj * ld;
      let d = 0;
      for (let i = r; i < rows; i++) d += a[c + i] * a[cc + i];
      const f = (2 * d) / vtv;
      for (let i = r; i < rows; i++) a[cc + i] -= f * a[c + i];
    }
    let d = 0;
    for (let i = r; i < rows; i++) d += a[c + i] * y[i];
    const f = (2 * d) / vtv;
    for (let i = r; i < rows; i++) y[i] -= f * a[c + i];
    r++; // accepted columns own consecutive rows of R

  }
  // Back substitution R β = Q^T y over the accepted columns (row index = acceptance order).
  const cols: number[] = [];
  for (let j = 0; j < m; j++) if (used[j]) cols.push(j);
  for (let j = 0; j < m; j++) beta[off + j] = 0;
  for (let q = cols.length - 1; q >= 0; q--) {
    const j = cols[q];
    let s = y[q];
    for (let t = q + 1; t < cols.length; t++) {
      const jj = cols[t];
      s -= a[jj * ld + q] * beta[off + jj];
    }
    beta[off + j] = s / diag[j];
  }
  for (let j = 0; j < m; j++) beta[off + j] *= scale[j];
  return cols.length;
}
