/**
 * Primal active-set method for the QP with one equality row and simple bounds
 *
 *   min ½xᵀHx + cᵀx   s.t.   aᵀx = b,   l ≤ x ≤ u,
 *
 * the shape of every long-only / box-constrained minimum-variance problem (Nocedal & Wright,
 * Numerical Optimization, 2nd ed., §16.5, Algorithm 16.3, specialised to bounds). The working set
 * is the set of variables held at a bound; only the free block H_FF is factorised (Cholesky,
 * grown by one row when a variable is freed, downdated by a rank-one update when one hits its
 * bound — Golub & Van Loan §6.5.4), so an iteration costs O(n·|F| + |F|²) and no n × n
 * factorisation is ever formed. Each iterate solves its equality-constrained subproblem from
 * scratch (x_F = λH_FF⁻¹a_F − H_FF⁻¹(c_F + H_FB x_B)), so rounding does not accumulate: the
 * answer is the exact KKT point of the final free set to rounding.
 *
 * Internal: returns null whenever it cannot certify the answer (no feasible start found, the
 * free block is numerically singular, the equality row vanishes on the free set, the iteration
 * cap is hit, or the final point fails the feasibility check); the caller then runs the general
 * Goldfarb-Idnani solver, which also produces the conflict diagnostics.
 */
export interface BoundedQpResult {
  x: Float64Array;
  /** Multiplier of aᵀx = b (Hx + c = λa + μ). */
  lambda: number;
  /** Reduced gradient μ = Hx + c − λa (0 on free variables). */
  mu: Float64Array;
  /** 0 free, 1 at lower, 2 at upper, 3 fixed (l = u). */
  state: Uint8Array;
  iterations: number;
}

/**
 * @param H symmetric n × n, row-major (both triangles filled), positive definite.
 * @param c linear term; a, b the equality row; l, u bounds (±Infinity for none, l ≤ u).
 */
export function solveBoundedQp(H: Float64Array, c: Float64Array, a: Float64Array, b: number, l: Float64Array, u: Float64Array, n: number): BoundedQpResult | null {
  const x = new Float64Array(n);
  const state = new Uint8Array(n);
  let aMax = 0;
  for (let i = 0; i < n; i++) aMax = Math.max(aMax, Math.abs(a[i]));
  if (!(aMax > 0)) return null;

  // ---- feasible start: every variable at a bound (or 0 when it has none) ----------------------
  let freeWithA = -1;
  for (let i = 0; i < n; i++) {
    if (l[i] === u[i]) {
      x[i] = l[i];
      state[i] = 3;
    } else if (l[i] > -Infinity) {
      x[i] = l[i];
      state[i] = 1;
    } else if (u[i] < Infinity) {
      x[i] = u[i];
      state[i] = 2;
    } else if (a[i] !== 0 && (freeWithA < 0 || Math.abs(a[i]) > Math.abs(a[freeWithA]))) freeWithA = i;
  }
  const residual = (skip: number): number => {
    let s = b;
    for (let i = 0; i < n; i++) if (i !== skip) s -= a[i] * x[i];
    return s;
  };
  if (freeWithA >= 0) {
    x[freeWithA] = residual(freeWithA) / a[freeWithA];
  } else {
    // Greedy: move the variables with the least variance per unit of a toward the other bound.
    let r = residual(-1);
    if (r !== 0) {
      const cand: number[] = [];
      for (let i = 0; i < n; i++) {
        if (a[i] === 0 || state[i] === 3) continue;
        if ((state[i] === 1 && a[i] * r > 0) || (state[i] === 2 && a[i] * r < 0)) cand.push(i);
      }
      cand.sort((p, q) => H[p * n + p] / (a[p] * a[p]) - H[q * n + q] / (a[q] * a[q]));
      let placed = -1;
      for (const i of cand) {
        const cap = (u[i] - l[i]) * Math.abs(a[i]);
        if (cap >= Math.abs(r)) {
          state[i] = 0;
          x[i] = 0;
          x[i] = residual(i) / a[i];
          if (!(x[i] > l[i] && x[i] < u[i])) {
            x[i] = Math.min(u[i], Math.max(l[i], x[i]));
            state[i] = x[i] === l[i] ? 1 : 2;
          } else placed = i;
          break;
        }
        x[i] = state[i] === 1 ? u[i] : l[i];
        state[i] = state[i] === 1 ? 2 : 1;
        r = residual(-1);
      }
      if (placed < 0) return null;
    } else return null;
  }

  // ---- free-block Cholesky (row-major, stride n) ------------------------------------------------
  const free = new Int32Array(n);
  let nf = 0;
  const L = new Float64Array(n * n);
  const w = new Float64Array(n);
  const addFree = (j: number): boolean => {
    const rj = j * n;
    for (let p = 0; p < nf; p++) {
      let s = H[rj + free[p]];
      const rp = p * n;
      for (let k = 0; k < p; k++) s -= L[rp + k] * w[k];
      w[p] = s / L[rp + p];
    }
    let d = H[rj + j];
    for (let k = 0; k < nf; k++) d -= w[k] * w[k];
    if (!(d > 1e-13 * H[rj + j])) return false;
    const rn = nf * n;
    for (let k = 0; k < nf; k++) L[rn + k] = w[k];
    L[rn + nf] = Math.sqrt(d);
    free[nf++] = j;
    return true;
  };
  /** Removes position k: rank-one update of the trailing block with its column k, then compaction. */
  const removeFree = (k: number) => {
    const m = nf - k - 1;
    for (let t = 0; t < m; t++) w[t] = L[(k + 1 + t) * n + k];
    for (let t = 0; t < m; t++) {
      const rt = (k + 1 + t) * n;
      const Ltt = L[rt + k + 1 + t];
      const rr = Math.hypot(Ltt, w[t]);
      const cc = rr / Ltt;
      const ss = w[t] / Ltt;
      L[rt + k + 1 + t] = rr;
      for (let s = t + 1; s < m; s++) {
        const idx = (k + 1 + s) * n + k + 1 + t;
        const v = (L[idx] + ss * w[s]) / cc;
        L[idx] = v;
        w[s] = cc * w[s] - ss * v;
      }
    }
    for (let p = k + 1; p < nf; p++) {
      const src = p * n;
      const dst = (p - 1) * n;
      for (let q = 0; q < k; q++) L[dst + q] = L[src + q];
      for (let q = k + 1; q <= p; q++) L[dst + q - 1] = L[src + q];
      L[src + p] = 0;
      free[p - 1] = free[p];
    }
    nf--;
  };
  /** Solves (L Lᵀ) y = y in place over the first nf entries. */
  const cholSolve = (y: Float64Array) => {
    for (let p = 0; p < nf; p++) {
      const rp = p * n;
      let s = y[p];
      for (let k = 0; k < p; k++) s -= L[rp + k] * y[k];
      y[p] = s / L[rp + p];
    }
    for (let p = nf - 1; p >= 0; p--) {
      let s = y[p];
      for (let k = p + 1; k < nf; k++) s -= L[k * n + p] * y[k];
      y[p] = s / L[p * n + p];
    }
  };

  for (let i = 0; i < n; i++) if (state[i] === 0 && !addFree(i)) return null;

  const v1 = new Float64Array(n);
  const v2 = new Float64Array(n);
  const target = new Float64Array(n);
  const nz = new Int32Array(n);
  const g = new Float64Array(n);
  const mu = new Float64Array(n);
  let lambda = 0;
  let iterations = 0;
  const maxIterations = 5 * n + 50;

  for (;;) {
    if (++iterations > maxIterations) return null;
    // Equality-constrained minimiser over the free set with x_B held.
    let bRed = b;
    let nnz = 0;
    for (let i = 0; i < n; i++) {
      if (state[i] !== 0) {
        bRed -= a[i] * x[i];
        if (x[i] !== 0) nz[nnz++] = i;
      }
    }
    let aa = 0;
    for (let p = 0; p < nf; p++) {
      const j = free[p];
      v1[p] = a[j];
      aa += a[j] * a[j];
      let s = c[j];
      const rj = j * n;
      for (let t = 0; t < nnz; t++) s += H[rj + nz[t]] * x[nz[t]];
      v2[p] = s;
    }
    if (!(aa > 0)) return null;
    cholSolve(v1);
    cholSolve(v2);
    let av1 = 0;
    let av2 = 0;
    for (let p = 0; p < nf; p++) {
      const j = free[p];
      av1 += a[j] * v1[p];
      av2 += a[j] * v2[p];
    }
    if (!(av1 > 0)) return null;
    lambda = (bRed + av2) / av1;
    let alpha = 1;
    let block = -1;
    let blockLower = false;
    for (let p = 0; p < nf; p++) {
      const j = free[p];
      const t = lambda * v1[p] - v2[p];
      target[p] = t;
      const step = t - x[j];
      if (step < 0 && l[j] > -Infinity) {
        const q = (l[j] - x[j]) / step;
        if (q < alpha) {
          alpha = q;
          block = p;
          blockLower = true;
        }
      } else if (step > 0 && u[j] < Infinity) {
        const q = (u[j] - x[j]) / step;
        if (q < alpha) {
          alpha = q;
          block = p;
          blockLower = false;
        }
      }
    }
    if (block >= 0) {
      const jb = free[block];
      for (let p = 0; p < nf; p++) {
        const j = free[p];
        x[j] = Math.min(u[j], Math.max(l[j], x[j] + Math.max(0, alpha) * (target[p] - x[j])));
      }
      x[jb] = blockLower ? l[jb] : u[jb];
      state[jb] = blockLower ? 1 : 2;
      removeFree(block);
      let anyA = false;
      for (let p = 0; p < nf; p++) if (a[free[p]] !== 0) anyA = true;
      if (!anyA) return null;
      continue;
    }
    for (let p = 0; p < nf; p++) x[free[p]] = target[p];
    // Multipliers of the bounds: μ_i = g_i − λa_i must be ≥ 0 at lower, ≤ 0 at upper.
    nnz = 0;
    for (let i = 0; i < n; i++) if (x[i] !== 0) nz[nnz++] = i;
    // g = Hx + c accumulated by columns of H (= rows, H symmetric): contiguous, no add chain.
    g.set(c);
    for (let t = 0; t < nnz; t++) {
      const k = nz[t];
      const xk = x[k];
      const rk = k * n;
      for (let i = 0; i < n; i++) g[i] += H[rk + i] * xk;
    }
    let gMax = Math.abs(lambda) * aMax;
    for (let i = 0; i < n; i++) {
      if (state[i] === 0) {
        mu[i] = 0;
        continue;
      }
      mu[i] = g[i] - lambda * a[i];
      gMax = Math.max(gMax, Math.abs(g[i]));
    }
    const tol = 1e-12 * gMax + 1e-300;
    let enter = -1;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const st = state[i];
      if (st === 0 || st === 3) continue;
      const viol = (st === 1 ? -mu[i] : mu[i]) / Math.sqrt(H[i * n + i]);
      if (viol * Math.sqrt(H[i * n + i]) > tol && viol > worst) {
        worst = viol;
        enter = i;
      }
    }
    if (enter < 0) break;
    if (!addFree(enter)) return null;
    state[enter] = 0;
  }
  // Certify: bounds and the equality row hold.
  let ax = 0;
  let scale = Math.abs(b);
  for (let i = 0; i < n; i++) {
    if (!(x[i] >= l[i] && x[i] <= u[i])) return null;
    ax += a[i] * x[i];
    scale += Math.abs(a[i] * x[i]);
  }
  if (!(Math.abs(ax - b) <= 1e-12 * scale)) return null;
  return { x, lambda, mu, state, iterations };
}
