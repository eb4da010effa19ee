/**
 * Tridiagonal (Thomas) solver for one θ-scheme step of  V_τ = L V,  L tridiagonal (row i:
 * la[i] V[i-1] + lb[i] V[i] + lc[i] V[i+1]):
 *   (I - θΔτ L) V_new = (I + (1-θ)Δτ L) V_old,
 * fused into two passes (right-hand side + elimination, then back substitution) so a step with a
 * new Δτ costs no separate factorisation. With an obstacle g the back substitution projects,
 * V_new[i] = max(V_new[i], g[i]) as it goes: the Brennan-Schwartz (1977) algorithm for the
 * linear complementarity problem  A V >= d, V >= g, (A V - d)(V - g) = 0,  exact when A is an
 * M-matrix and the exercise region is one interval at the end where the back substitution
 * starts (Jaillet, Lamberton & Lapeyre 1990). Hence two orders:
 *  - 'down' (eliminate rows 0 -> n-1, substitute n-1 -> 0): exercise at high spots (calls);
 *  - 'up'   (eliminate rows n-1 -> 0, substitute 0 -> n-1): exercise at low spots (puts).
 * No allocation: `cp` and `y` are caller-owned scratch buffers of length n (n >= 2).
 */

/** One θ-step, eliminating top-down; `v` is overwritten with the new values. */
export function thetaStepDown(
  la: Float64Array, lb: Float64Array, lc: Float64Array, impl: number, expl: number,
  v: Float64Array, n: number, obstacle: Float64Array | null, cp: Float64Array, y: Float64Array,
): void {
  // Row 0.
  let vPrev = v[0];
  let vCur = v[1];
  let piv = 1 / (1 - impl * lb[0]);
  let c = -impl * lc[0] * piv;
  let yy = (vPrev + expl * (lb[0] * vPrev + lc[0] * vCur)) * piv;
  cp[0] = c;
  y[0] = yy;
  for (let i = 1; i < n - 1; i++) {
    const vNext = v[i + 1];
    const a = -impl * la[i];
    const d = vCur + expl * (la[i] * vPrev + lb[i] * vCur + lc[i] * vNext);
    piv = 1 / (1 - impl * lb[i] - a * c);
    c = -impl * lc[i] * piv;
    yy = (d - a * yy) * piv;
    cp[i] = c;
    y[i] = yy;
    vPrev = vCur;
    vCur = vNext;
  }
  {
    const i = n - 1;
    const a = -impl * la[i];
    const d = vCur + expl * (la[i] * vPrev + lb[i] * vCur);
    yy = (d - a * yy) / (1 - impl * lb[i] - a * c);
  }
  if (obstacle === null) {
    let next = yy;
    v[n - 1] = next;
    for (let i = n - 2; i >= 0; i--) {
      next = y[i] - cp[i] * next;
      v[i] = next;
    }
  } else {
    let next = yy > obstacle[n - 1] ? yy : obstacle[n - 1];
    v[n - 1] = next;
    for (let i = n - 2; i >= 0; i--) {
      const t = y[i] - cp[i] * next;
      const o = obstacle[i];
      next = t > o ? t : o;
      v[i] = next;
    }
  }
}

/** One θ-step, eliminating bottom-up; `v` is overwritten with the new values. */
export function thetaStepUp(
  la: Float64Array, lb: Float64Array, lc: Float64Array, impl: number, expl: number,
  v: Float64Array, n: number, obstacle: Float64Array | null, cp: Float64Array, y: Float64Array,
): void {
  const last = n - 1;
  let vPrev = v[last];
  let vCur = v[last - 1];
  let piv = 1 / (1 - impl * lb[last]);
  let c = -impl * la[last] * piv;
  let yy = (vPrev + expl * (lb[last] * vPrev + la[last] * vCur)) * piv;
  cp[last] = c;
  y[last] = yy;
  for (let i = last - 1; i > 0; i--) {
    const vNext = v[i - 1];
    const a = -impl * lc[i];
    const d = vCur + expl * (lc[i] * vPrev + lb[i] * vCur + la[i] * vNext);
    piv = 1 / (1 - impl * lb[i] - a * c);
    c = -impl * la[i] * piv;
    yy = (d - a * yy) * piv;
    cp[i] = c;
    y[i] = yy;
    vPrev = vCur;
    vCur = vNext;
  }
  {
    const a = -impl * lc[0];
    const d = vCur + expl * (lc[0] * vPrev + lb[0] * vCur);
    yy = (d - a * yy) / (1 - impl * lb[0] - a * c);
  }
  if (obstacle === null) {
    let next = yy;
    v[0] = next;
    for (let i = 1; i < n; i++) {
      next = y[i] - cp[i] * next;
      v[i] = next;
    }
  } else {
    let next = yy > obstacle[0] ? yy : obstacle[0];
    v[0] = next;
    for (let i = 1; i < n; i++) {
      const t = y[i] - cp[i] * next;
      const o = obstacle[i];
      next = t > o ? t : o;
      v[i] = next;
    }
  }
}

/** The θ-step right-hand side d = (I + expl L) v, for solvers that need it explicitly (PSOR). */
export function thetaRhs(la: Float64Array, lb: Float64Array, lc: Float64Array, expl: number, v: Float64Array, n: number, d: Float64Array): void {
  d[0] = v[0] + expl * (lb[0] * v[0] + lc[0] * v[1]);
  for (let i = 1; i < n - 1; i++) d[i] = v[i] + expl * (la[i] * v[i - 1] + lb[i] * v[i] + lc[i] * v[i + 1]);
  d[n - 1] = v[n - 1] + expl * (la[n - 1] * v[n - 2] + lb[n - 1] * v[n - 1]);
}
