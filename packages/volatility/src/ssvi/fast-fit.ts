/**
 * @internal Structured Levenberg-Marquardt for SSVI (used by {@link calibrateSsvi} with
 * `method: 'atm'`). Parameters: the 2-3 global ones g (ρ and φ's shape, box-bounded) and, when
 * `joint`, θᵢ per slice. Each residual depends on g and on its own slice's θ only, so JᵀJ is
 * [[A, B], [Bᵀ, D]] with D diagonal: the damped normal equations are solved through the
 * nG × nG Schur complement A - B D⁻¹ Bᵀ (O(m) work per iteration instead of O(m n²) for a dense
 * QR), with Marquardt damping diag(JᵀJ)·λ (Nielsen's λ update). Constraints by projection: g
 * clamped to its box (a parameter at a bound that the gradient pushes outwards is held fixed for
 * the step, as in {@link levenbergMarquardt}), θ projected to non-decreasing by weighted pool-adjacent-violators (weights D)
 * and floored at 1e-10. A step is kept only when it lowers the cost, so the result is never worse
 * than the start. Normal equations square the condition number; this problem is small and well
 * scaled (the global block is 2-3 wide), and the step only has to reduce the cost.
 */
import { ConvergenceError } from '@quantforge/core';

/** @internal One expiry's data. */
export interface FastSlice {
  k: Float64Array;
  w: Float64Array;
  sw: Float64Array;
}

/**
 * @internal Fills dphi = [φ, ∂φ/∂θ, ∂φ/∂g₀, ∂φ/∂g₁, ∂φ/∂g₂] at θ for globals g (g₀ = ρ).
 */
export type PhiPartials = (g: ArrayLike<number>, theta: number, dphi: Float64Array) => void;

/** @internal Result of {@link fitSsviStructured}. */
export interface StructuredFit {
  g: Float64Array;
  theta: Float64Array;
  cost: number;
  iterations: number;
}

/** @internal See the module comment. `theta` is updated in place only when `joint`. */
export function fitSsviStructured(
  slices: readonly FastSlice[],
  partials: PhiPartials,
  g0: ArrayLike<number>,
  theta0: Float64Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  joint: boolean,
  maxIterations = 300,
): StructuredFit {
  const nG = g0.length;
  const nS = slices.length;
  const g = Float64Array.from(g0);
  const theta = Float64Array.from(theta0);
  const gT = new Float64Array(nG);
  const thT = new Float64Array(nS);
  const dphi = new Float64Array(5);
  const A = new Float64Array(nG * nG);
  const gg = new Float64Array(nG);
  const B = new Float64Array(nG * nS);
  const D = new Float64Array(nS);
  const gth = new Float64Array(nS);
  const S = new Float64Array(nG * nG);
  const rhs = new Float64Array(nG);
  const dG = new Float64Array(nG);
  const jg = new Float64Array(3);
  const diagMax = new Float64Array(nG + nS);

  const costAt = (gv: Float64Array, th: Float64Array): number => {
    const rho = gv[0]!;
    const r2 = 1 - rho * rho;
    let c = 0;
    for (let s = 0; s < nS; s++) {
      const t = th[s]!;
      partials(gv, t, dphi);
      const f = dphi[0]!;
      const sl = slices[s]!;
      for (let i = 0; i < sl.k.length; i++) {
        const k = sl.k[i]!;
        const u = f * k + rho;
        const e = sl.sw[i]! * ((t / 2) * (1 + rho * f * k + Math.sqrt(u * u + r2)) - sl.w[i]!);
        c += e * e;
      }
    }
    return 0.5 * c;
  };

  let cost = costAt(g, theta);
  let lambda = -1;
  let nu = 2;
  let iterations = 0;
  for (;;) {
    if (iterations >= maxIterations) {
      throw new ConvergenceError(`SSVI structured LM: no convergence in ${maxIterations} iterations (cost ${cost})`, iterations, { g, theta, cost });
    }
    iterations++;
    // Normal equations blocks at (g, θ).
    A.fill(0);
    gg.fill(0);
    B.fill(0);
    D.fill(0);
    gth.fill(0);
    const rho = g[0]!;
    const r2 = 1 - rho * rho;
    for (let s = 0; s < nS; s++) {
      const t = theta[s]!;
      partials(g, t, dphi);
      const f = dphi[0]!;
      const sl = slices[s]!;
      for (let i = 0; i < sl.k.length; i++) {
        const k = sl.k[i]!;
        const sw = sl.sw[i]!;
        const u = f * k + rho;
        const R = Math.sqrt(u * u + r2);
        const w = (t / 2) * (1 + rho * f * k + R);
        const e = sw * (w - sl.w[i]!);
        const dwdphi = (t / 2) * k * (rho + u / R);
        jg[0] = sw * ((t / 2) * (f * k + (f * k) / R) + dwdphi * dphi[2]!);
        jg[1] = sw * dwdphi * dphi[3]!;
        jg[2] = sw * dwdphi * dphi[4]!;
        for (let a = 0; a < nG; a++) {
          gg[a] = gg[a]! + jg[a]! * e;
          for (let b = 0; b <= a; b++) A[a * nG + b] = A[a * nG + b]! + jg[a]! * jg[b]!;
        }
        if (joint) {
          const jt = sw * (w / t + dwdphi * dphi[1]!);
          D[s] = D[s]! + jt * jt;
          gth[s] = gth[s]! + jt * e;
          for (let a = 0; a < nG; a++) B[a * nS + s] = B[a * nS + s]! + jg[a]! * jt;
        }
      }
    }
    for (let a = 0; a < nG; a++) for (let b = 0; b < a; b++) A[b * nG + a] = A[a * nG + b]!;
    // Projected-gradient test (variables at a bound pushed outwards do not count).
    let gmax = 0;
    for (let a = 0; a < nG; a++) {
      const out = (g[a]! <= lower[a]! && gg[a]! > 0) || (g[a]! >= upper[a]! && gg[a]! < 0);
      if (!out) gmax = Math.max(gmax, Math.abs(gg[a]!));
    }
    if (joint) for (let s = 0; s < nS; s++) gmax = Math.max(gmax, Math.abs(gth[s]!));
    if (gmax <= 1e-14 * Math.max(1, cost) || cost === 0) break;
    for (let a = 0; a < nG; a++) diagMax[a] = Math.max(diagMax[a]!, A[a * nG + a]!, 1e-300);
    if (joint) for (let s = 0; s < nS; s++) diagMax[nG + s] = Math.max(diagMax[nG + s]!, D[s]!, 1e-300);
    if (lambda < 0) lambda = 1e-3;
    let accepted = false;
    let smallStep = false;
    for (let inner = 0; inner < 60 && !accepted; inner++) {
      // Damped Schur complement S = A + λ diag - B (D + λ diag)⁻¹ Bᵀ, rhs = -gg + B (D + λ diag)⁻¹ gth.
      for (let a = 0; a < nG; a++) {
        rhs[a] = -gg[a]!;
        for (let b = 0; b < nG; b++) S[a * nG + b] = A[a * nG + b]! + (a === b ? lambda * diagMax[a]! : 0);
      }
      if (joint) {
        for (let s = 0; s < nS; s++) {
          const dd = D[s]! + lambda * diagMax[nG + s]!;
          for (let a = 0; a < nG; a++) {
            const ba = B[a * nS + s]! / dd;
            rhs[a] = rhs[a]! + ba * gth[s]!;
            for (let b = 0; b < nG; b++) S[a * nG + b] = S[a * nG + b]! - ba * B[b * nS + s]!;
          }
        }
      }
      // Active set: a global parameter at a bound that the gradient pushes outwards is held fixed.
      for (let a = 0; a < nG; a++) {
        if ((g[a]! <= lower[a]! && gg[a]! > 0) || (g[a]! >= upper[a]! && gg[a]! < 0)) {
          for (let b = 0; b < nG; b++) {
            S[a * nG + b] = 0;
            S[b * nG + a] = 0;
          }
          S[a * nG + a] = 1;
          rhs[a] = 0;
        }
      }
      if (!solveSmall(S, rhs, dG, nG)) {
        lambda *= nu;
        nu *= 2;
        continue;
      }
      let stepNorm = 0;
      let xNorm = 0;
      for (let a = 0; a < nG; a++) {
        const v = Math.min(Math.max(g[a]! + dG[a]!, lower[a]!), upper[a]!);
        stepNorm += (v - g[a]!) ** 2;
        xNorm += g[a]! ** 2;
        gT[a] = v;
      }
      thT.set(theta);
      if (joint) {
        for (let s = 0; s < nS; s++) {
          let bd = 0;
          for (let a = 0; a < nG; a++) bd += B[a * nS + s]! * dG[a]!;
          thT[s] = theta[s]! + (-gth[s]! - bd) / (D[s]! + lambda * diagMax[nG + s]!);
        }
        isotonic(thT, D);
        for (let s = 0; s < nS; s++) {
          thT[s] = Math.max(thT[s]!, 1e-10);
          if (s > 0 && thT[s]! < thT[s - 1]!) thT[s] = thT[s - 1]!;
          stepNorm += (thT[s]! - theta[s]!) ** 2;
          xNorm += theta[s]! ** 2;
        }
      }
      const newCost = costAt(gT, thT);
      if (newCost < cost) {
        const reduction = cost - newCost;
        g.set(gT);
        theta.set(thT);
        cost = newCost;
        lambda *= 1 / 3;
        nu = 2;
        accepted = true;
        smallStep = reduction <= 1e-15 * cost || Math.sqrt(stepNorm) <= 1e-13 * (Math.sqrt(xNorm) + 1e-13);
      } else {
        if (Math.sqrt(stepNorm) <= 1e-14 * (Math.sqrt(xNorm) + 1e-14)) {
          smallStep = true;
          break;
        }
        lambda *= nu;
        nu *= 2;
      }
    }
    if (!accepted || smallStep) break;
  }
  return { g, theta, cost, iterations };
}

/** Solves the symmetric nG × nG system (nG ≤ 3) by Gaussian elimination with partial pivoting. */
function solveSmall(S: Float64Array, b: Float64Array, x: Float64Array, n: number): boolean {
  const a = Float64Array.from(S);
  const r = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(a[i * n + c]!) > Math.abs(a[p * n + c]!)) p = i;
    if (!(Math.abs(a[p * n + c]!) > 0) || !Number.isFinite(a[p * n + c]!)) return false;
    if (p !== c) {
      for (let j = 0; j < n; j++) {
        const t = a[c * n + j]!;
        a[c * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
      const t = r[c]!;
      r[c] = r[p]!;
      r[p] = t;
    }
    for (let i = c + 1; i < n; i++) {
      const f = a[i * n + c]! / a[c * n + c]!;
      for (let j = c; j < n; j++) a[i * n + j] = a[i * n + j]! - f * a[c * n + j]!;
      r[i] = r[i]! - f * r[c]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = r[i]!;
    for (let j = i + 1; j < n; j++) s -= a[i * n + j]! * x[j]!;
    x[i] = s / a[i * n + i]!;
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]!)) return false;
  return true;
}

/**
 * @internal Weighted isotonic (non-decreasing) least-squares projection in place, by
 * pool-adjacent-violators (Barlow et al. 1972); weights ≤ 0 count as tiny.
 */
export function isotonic(x: Float64Array, weight: Float64Array): void {
  const n = x.length;
  const val = new Float64Array(n);
  const wt = new Float64Array(n);
  const len = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    val[top] = x[i]!;
    wt[top] = Math.max(weight[i]!, 1e-300);
    len[top] = 1;
    while (top > 0 && val[top - 1]! > val[top]!) {
      const w = wt[top - 1]! + wt[top]!;
      val[top - 1] = (wt[top - 1]! * val[top - 1]! + wt[top]! * val[top]!) / w;
      wt[top - 1] = w;
      len[top - 1] = len[top - 1]! + len[top]!;
      top--;
    }
    top++;
  }
  let i = 0;
  for (let b = 0; b < top; b++) for (let j = 0; j < len[b]!; j++) x[i++] = val[b]!;
}
