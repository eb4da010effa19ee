/**
 * Householder-QR solve of the damped Gauss-Newton step used by {@link levenbergMarquardt}:
 * minimise ||J δ + r||² + λ ||D^{1/2} δ||² over the free variables, i.e. the least-squares problem
 * with the augmented matrix [J; √λ D^{1/2}] (Moré 1978, §3). QR on the augmented matrix avoids
 * forming JᵀJ, so the step keeps full precision on ill-conditioned fits (NIST StRD problems).
 */

/**
 * Solves for the damped step over the variables listed in `free` (indices into x); the other
 * entries of `step` are set to 0. `jac[i]` is row i of the Jacobian (length n). Returns false when
 * the augmented matrix is numerically singular (only possible when λ·D = 0).
 * @internal
 */
export function dampedStep(
  jac: Float64Array[],
  r: Float64Array,
  diag: Float64Array,
  lambda: number,
  free: Int32Array,
  freeCount: number,
  step: Float64Array,
  work: { a: Float64Array; b: Float64Array },
): boolean {
  const m = r.length;
  const nf = freeCount;
  const rows = m + nf;
  // Column-major augmented matrix A (rows × nf) and right-hand side b = [-r; 0].
  if (work.a.length < rows * nf) work.a = new Float64Array(rows * nf);
  if (work.b.length < rows) work.b = new Float64Array(rows);
  const a = work.a;
  const b = work.b;
  for (let c = 0; c < nf; c++) {
    const j = free[c]!;
    const col = c * rows;
    for (let i = 0; i < m; i++) a[col + i] = jac[i]![j]!;
    for (let i = 0; i < nf; i++) a[col + m + i] = 0;
    a[col + m + c] = Math.sqrt(lambda * diag[j]!);
  }
  for (let i = 0; i < m; i++) b[i] = -r[i]!;
  for (let i = m; i < rows; i++) b[i] = 0;

  return solveAugmentedByHouseholder(a, b, rows, nf, free, step);
}

/**
 * Moré's (1978, §3) two-stage form of the same step: J (free columns) = QR once per outer
 * iteration ({@link factorJacobian}), then each damping λ only needs the small problem
 * [R; √λ D^{1/2}] δ ≈ [-Qᵀr; 0] ({@link dampedStepFromR}), O(n³) instead of O(m n²).
 * @internal
 */
export interface JacobianFactor {
  /** Column-major nf × nf upper-triangular R (R[i + j·nf], i ≤ j). */
  R: Float64Array;
  /** The first nf entries of Qᵀr. */
  qtr: Float64Array;
  nf: number;
}

/** @internal Householder QR of the free columns of J and Qᵀr. */
export function factorJacobian(
  jac: Float64Array[],
  r: Float64Array,
  free: Int32Array,
  freeCount: number,
  work: { a: Float64Array; b: Float64Array; R?: Float64Array; qtr?: Float64Array },
): JacobianFactor | undefined {
  const m = r.length;
  const nf = freeCount;
  if (!work.R || work.R.length !== nf * nf) work.R = new Float64Array(nf * nf);
  if (!work.qtr || work.qtr.length !== nf) work.qtr = new Float64Array(nf);
  if (work.a.length < m * nf) work.a = new Float64Array(m * nf);
  if (work.b.length < m) work.b = new Float64Array(m);
  const a = work.a;
  const b = work.b;
  for (let c = 0; c < nf; c++) {
    const j = free[c]!;
    const col = c * m;
    for (let i = 0; i < m; i++) a[col + i] = jac[i]![j]!;
  }
  for (let i = 0; i < m; i++) b[i] = r[i]!;
  const R = work.R.fill(0);
  const kmax = Math.min(nf, m);
  for (let k = 0; k < kmax; k++) {
    const col = k * m;
    let scale = 0;
    for (let i = k; i < m; i++) scale = Math.max(scale, Math.abs(a[col + i]!));
    if (scale === 0) {
      // Zero column below the diagonal: R[k][k] = 0 (λD regularises it in the damped solve).
      for (let c = k; c < nf; c++) R[k + c * nf] = a[c * m + k]!;
      continue;
    }
    let norm = 0;
    for (let i = k; i < m; i++) {
      const v = a[col + i]! / scale;
      norm += v * v;
    }
    norm = scale * Math.sqrt(norm);
    const alpha = a[col + k]! > 0 ? -norm : norm;
    a[col + k] = a[col + k]! - alpha;
    const beta = -1 / (alpha * a[col + k]!);
    for (let c = k + 1; c < nf; c++) {
      const cc = c * m;
      let s = 0;
      for (let i = k; i < m; i++) s += a[col + i]! * a[cc + i]!;
      s *= beta;
      for (let i = k; i < m; i++) a[cc + i] = a[cc + i]! - s * a[col + i]!;
    }
    let s = 0;
    for (let i = k; i < m; i++) s += a[col + i]! * b[i]!;
    s *= beta;
    for (let i = k; i < m; i++) b[i] = b[i]! - s * a[col + i]!;
    R[k + k * nf] = alpha;
    for (let c = k + 1; c < nf; c++) R[k + c * nf] = a[c * m + k]!;
  }
  const qtr = work.qtr.fill(0);
  for (let i = 0; i < kmax; i++) qtr[i] = b[i]!;
  for (let i = 0; i < nf * nf; i++) if (!Number.isFinite(R[i]!)) return undefined;
  return { R, qtr, nf };
}

/** @internal The damped step from a {@link JacobianFactor}: min ||Rδ + Qᵀr||² + λ||D^{1/2}δ||². */
export function dampedStepFromR(
  f: JacobianFactor,
  diag: Float64Array,
  lambda: number,
  free: Int32Array,
  step: Float64Array,
  work: { a: Float64Array; b: Float64Array },
): boolean {
  const nf = f.nf;
  const rows = 2 * nf;
  if (work.a.length < rows * nf) work.a = new Float64Array(rows * nf);
  if (work.b.length < rows) work.b = new Float64Array(rows);
  const a = work.a;
  const b = work.b;
  // Column-major [R; √λ D^{1/2}] and right-hand side [-Qᵀr; 0].
  for (let c = 0; c < nf; c++) {
    const col = c * rows;
    for (let i = 0; i < rows; i++) a[col + i] = 0;
    for (let i = 0; i <= c; i++) a[col + i] = f.R[i + c * nf]!;
    a[col + nf + c] = Math.sqrt(lambda * diag[free[c]!]!);
  }
  for (let i = 0; i < nf; i++) b[i] = -f.qtr[i]!;
  for (let i = nf; i < rows; i++) b[i] = 0;
  return solveAugmentedByHouseholder(a, b, rows, nf, free, step);
}

/**
 * Householder QR of the column-major augmented matrix `a` (rows × nf) applied to `b` in place,
 * then back substitution R δ = (Qᵀb)[0..nf) into `step` at the `free` indices (others zeroed).
 * Returns false when R has a zero or non-finite diagonal (a numerically singular system).
 */
function solveAugmentedByHouseholder(
  a: Float64Array,
  b: Float64Array,
  rows: number,
  nf: number,
  free: Int32Array,
  step: Float64Array,
): boolean {
  for (let k = 0; k < nf; k++) {
    const col = k * rows;
    let norm = 0;
    let scale = 0;
    for (let i = k; i < rows; i++) scale = Math.max(scale, Math.abs(a[col + i]!));
    if (scale === 0) return false;
    for (let i = k; i < rows; i++) {
      const v = a[col + i]! / scale;
      norm += v * v;
    }
    norm = scale * Math.sqrt(norm);
    const alpha = a[col + k]! > 0 ? -norm : norm;
    // v = x - alpha e1, stored in place; beta = 1 / (vᵀv / 2) = -1 / (alpha v_k).
    a[col + k] = a[col + k]! - alpha;
    const vk = a[col + k]!;
    const beta = -1 / (alpha * vk);
    for (let c = k + 1; c < nf; c++) {
      const cc = c * rows;
      let s = 0;
      for (let i = k; i < rows; i++) s += a[col + i]! * a[cc + i]!;
      s *= beta;
      for (let i = k; i < rows; i++) a[cc + i] = a[cc + i]! - s * a[col + i]!;
    }
    let s = 0;
    for (let i = k; i < rows; i++) s += a[col + i]! * b[i]!;
    s *= beta;
    for (let i = k; i < rows; i++) b[i] = b[i]! - s * a[col + i]!;
    // Store R's diagonal where v_k was (v is no longer needed after this column).
    a[col + k] = alpha;
  }
  // Back substitution R δ = (Qᵀ b)[0..nf).
  for (let j = 0; j < step.length; j++) step[j] = 0;
  for (let k = nf - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let c = k + 1; c < nf; c++) s -= a[c * rows + k]! * step[free[c]!]!;
    const d = a[k * rows + k]!;
    if (d === 0 || !Number.isFinite(d)) return false;
    step[free[k]!] = s / d;
  }
  return true;
}
