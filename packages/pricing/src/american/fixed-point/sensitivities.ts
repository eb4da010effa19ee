import { normCdf, normPdf } from '@quantforge/core';
import type { FpPoints, PremiumPoints } from './collocation-plan';
import { luFactor, luSolveColumn } from './lu';
import type { PremiumDiscounts, PutProblem } from './premium';

const EPSILON = 2.220446049250313e-16;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Vega and the r- and q-derivatives of the fixed-point put price by the implicit function theorem
 * instead of bumping the engine (4 more runs). The collocated boundary y (y_k = (ln(B/x_max))² at
 * the nodes) is the fixed point y = G(y; θ) of the plain sweep, θ = (σ, r, q), and the price is
 * P(y; θ) = European + premium on y. So
 *   dP/dθ = ∂P/∂θ + ∂P/∂y · dy/dθ,   (I - ∂G/∂y) dy/dθ = ∂G/∂θ,
 * with every partial derivative analytic in the sweep's integrands (same quadrature points, same
 * interpolation rows). Cost: about one sweep and one premium evaluation, plus an n×n solve.
 * The Jacobi-Newton and Anderson steps change how the fixed point is reached, not where it is,
 * so they do not enter. Agrees with central bumps of the engine to ~1e-8 relative (tested).
 */

/** What the sweep leaves in its plan for the last option (see fixed-point-engine.ts). */
export interface SweepTables {
  size: number;
  tauFrac: Float64Array;
  vm: Float64Array;
  ivm: Float64Array;
  drift: Float64Array;
  c0: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
}

export interface PutSensitivities {
  vol: number;
  r: number;
  q: number;
}

/** European put: ∂P/∂σ, ∂P/∂r, ∂P/∂q. */
export function europeanPutSensitivities(S: number, K: number, r: number, q: number, vol: number, T: number): PutSensitivities {
  const sd = vol * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q) * T) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const dfr = Math.exp(-r * T);
  return {
    vol: K * dfr * normPdf(d2) * Math.sqrt(T),
    r: -T * K * dfr * normCdf(-d2),
    q: T * S * Math.exp(-q * T) * normCdf(-d1),
  };
}

/** ln x_max = ln(K min(1, r/q)) (q > 0): its r- and q-derivatives. */
function lnXmaxDerivatives(r: number, q: number): [number, number] {
  return q > 0 && r / q < 1 ? [1 / r, -1 / q] : [0, 0];
}

/** Scratch buffers of the implicit-function step for n + 1 collocation nodes (reused across calls). */
export interface IftScratch {
  size: number;
  /** n×n: I - ∂G/∂y. */
  A: Float64Array;
  /** n×3: ∂G/∂θ, then dy/dθ (θ = σ, r, q) after {@link solveSensitivities}. */
  rhs: Float64Array;
  dNy: Float64Array;
  dDy: Float64Array;
  /** ∂P/∂y_k of the premium. */
  Py: Float64Array;
  /** Row pivots of A's LU factors (A is factored in place by {@link solveSensitivities}). */
  piv: Int32Array;
}

const scratchBySize = new Map<number, IftScratch>();

/** Shared scratch for `size` nodes (engines are synchronous, so one set per size suffices). */
export function iftScratch(size: number): IftScratch {
  let s = scratchBySize.get(size);
  if (s === undefined) {
    const n = size - 1;
    s = { size, A: new Float64Array(n * n), rhs: new Float64Array(n * 3), dNy: new Float64Array(size), dDy: new Float64Array(size), Py: new Float64Array(size), piv: new Int32Array(n) };
    scratchBySize.set(size, s);
  }
  return s;
}

/** The premium on the boundary y with its S-derivatives and its partial derivatives in θ at fixed y. */
export interface PremiumPartials {
  price: number;
  delta: number;
  gamma: number;
  vol: number;
  r: number;
  q: number;
}

/**
 * The early-exercise premium on precomputed points (the same integrand and limits as
 * putPremiumPlanned in premium.ts) fused with its partial derivatives: ∂P/∂θ at fixed y and
 * ∂P/∂y_k (left in s.Py).
 */
export function premiumPartials(pp: PutProblem, xmax: number, y: Float64Array, premium: PremiumPoints, s: IftScratch, disc?: PremiumDiscounts): PremiumPartials {
  const { S, K, r, q, vol, T } = pp;
  const [lr, lq] = lnXmaxDerivatives(r, q);
  const { count, s: sv, w: wv, rows: prow } = premium;
  const size = y.length;
  const sqrtT = Math.sqrt(T);
  const lnSx = Math.log(S / xmax);
  const c = 2 / (S * vol);
  const Py = s.Py;
  Py.fill(0);
  const cached = disc !== undefined && disc.filled;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let pSig = 0;
  let pR = 0;
  let pQ = 0;
  for (let j = 0; j < count; j++) {
    const off = j * size;
    let Y = 0;
    for (let k = 0; k < size; k++) Y += prow[off + k]! * y[k]!;
    const sq = Y > 0 ? Math.sqrt(Y) : 0;
    const b = xmax * Math.exp(-sq);
    const z = sqrtT * sv[j]!;
    const t = z * z;
    const v = vol * z;
    const dr = cached ? disc.dr[j]! : Math.exp(-r * t);
    const dq = cached ? disc.dq[j]! : Math.exp(-q * t);
    if (disc !== undefined && !cached) {
      disc.dr[j] = dr;
      disc.dq[j] = dq;
    }
    const wq = wv[j]! * sqrtT;
    if (!(v >= EPSILON)) {
      // z -> 0: the integrand's limits (as putPremiumPlanned); the θ-partials carry a factor z.
      if (S * dq === b * dr || Math.abs(S * dq - b * dr) <= 42 * EPSILON * S) {
        p0 += wq * z * (r * K * dr - q * S * dq);
        p1 += wq * -c * dr * INV_SQRT_2PI * (r * K - q * b);
      } else if (b * dr > S * dq) {
        p0 += wq * 2 * z * (r * K * dr - q * S * dq);
      }
      continue;
    }
    if (!(b > EPSILON)) continue;
    const dp = (lnSx + sq + (r - q) * t) / v + 0.5 * v;
    const dm = dp - v;
    const PhiP = normCdf(-dp);
    const PhiM = normCdf(-dm);
    const phiM = normPdf(dm);
    // S e^{-qt} φ(d₊) = B e^{-rt} φ(d₋).
    const phiP = (b * dr * phiM) / (S * dq);
    const carry = r * K - q * b;
    const wj = wq * 2 * z;
    p0 += wj * (r * K * dr * PhiM - q * S * dq * PhiP);
    p1 += wq * (-2 * z * q * dq * PhiP - c * dr * phiM * carry);
    p2 += wq * c * (q * dq * phiP + carry * dr * phiM * (1 / S + dm / (S * v)));
    // ∂/∂d₊ of rK e^{-rt} Φ(-d₋) - qS e^{-qt} Φ(-d₊).
    const dI = -dr * phiM * carry;
    if (sq > 0) {
      const gy = (wj * dI) / (2 * sq * v);
      for (let k = 0; k < size; k++) Py[k]! += gy * prow[off + k]!;
    }
    // ∂d₊/∂σ = (v - d₊)/σ, ∂d₋/∂σ = -d₊/σ.
    pSig += (wj * dr * phiM * (r * K * dp + q * b * (v - dp))) / vol;
    pR += wj * (K * dr * PhiM * (1 - r * t) + (dI * (t - lr)) / v);
    pQ += wj * (-S * dq * PhiP * (1 - q * t) + (dI * (-t - lq)) / v);
  }
  if (disc !== undefined) disc.filled = true;
  return { price: p0, delta: p1, gamma: p2, vol: pSig, r: pR, q: pQ };
}

/**
 * One plain sweep G(y) at the nodes 1..n written to `next` (as the engine's plain sweep:
 * next_i = (ln(K e^{-(r-q)τ} N/D / x_max))², y_i kept where that is not finite), together with
 * the implicit-function system at y: s.A = I - ∂G/∂y, s.rhs = ∂G/∂θ. Fusing the system into the
 * engine's last sweep costs about half a sweep instead of one and a half.
 */
export function sweepJacobian(
  pp: PutProblem,
  xmax: number,
  y: Float64Array,
  tables: SweepTables,
  pts: FpPoints,
  useA: boolean,
  next: Float64Array,
  s: IftScratch,
): void {
  const { K, r, q, vol, T } = pp;
  const { size, tauFrac, vm, ivm, drift, c0, c1, c2 } = tables;
  const n = size - 1;
  const [lr, lq] = lnXmaxDerivatives(r, q);
  const lnK = Math.log(K);
  const ell = Math.log(xmax);
  const { count: Jn, mu, edge, rows } = pts;
  const { A, rhs, dNy, dDy } = s;
  for (let i = 1; i <= n; i++) {
    const tau = T * tauFrac[i]!;
    const yi = y[i]!;
    const sqi = yi > 0 ? Math.sqrt(yi) : 0;
    dNy.fill(0);
    dDy.fill(0);
    let res0 = 0;
    let res1 = 0;
    // Partial derivatives of res0 (FP-A: K1+K2, q-weighted; FP-B: r-weighted) and res1.
    let r0s = 0, r0r = 0, r0q = 0, r1s = 0, r1r = 0, r1q = 0;
    let r0i = 0; // ∂res0/∂sqi
    let r1i = 0;
    const base = (i - 1) * Jn;
    for (let j = 0; j < Jn; j++) {
      const idx = base + j;
      const m = tau * mu[j]!;
      const u = tau - m;
      if (edge[j] === 1) {
        if (useA) {
          res0 += c1[idx]!;
          res1 += c2[idx]!;
          r0s -= c1[idx]! / vol;
          r1s -= c2[idx]! / vol;
          r0q += u * c1[idx]!;
          r1r += u * c2[idx]!;
        } else {
          res0 += c0[idx]!;
          res1 += c1[idx]!;
          r0r += u * c0[idx]!;
          r1q += u * c1[idx]!;
        }
        continue;
      }
      const off = idx * size;
      let Y = 0;
      for (let l = 0; l < size; l++) Y += rows[off + l]! * y[l]!;
      const sY = Y > 0 ? Math.sqrt(Y) : 0;
      const iv = ivm[idx]!;
      const vmj = vm[idx]!;
      const dp = (sY - sqi + drift[idx]!) * iv + 0.5 * vmj;
      const dm = dp - vmj;
      const mi = m * iv;
      let g0: number; // ∂res0/∂d₊ at this point
      let g1: number; // ∂res1/∂d₊ (d₋ moves with d₊ for y, r, q)
      if (useA) {
        const Pp = normCdf(dp);
        const pp_ = normPdf(dp);
        const pm = normPdf(dm);
        res0 += c0[idx]! * Pp + c1[idx]! * pp_;
        res1 += c2[idx]! * pm;
        g0 = pp_ * (c0[idx]! - c1[idx]! * dp);
        g1 = -c2[idx]! * dm * pm;
        // σ: c1, c2 ∝ 1/σ; ∂d₊/∂σ = (vm - d₊)/σ, ∂d₋/∂σ = -d₊/σ.
        r0s += (g0 * (vmj - dp) - c1[idx]! * pp_) / vol;
        r1s += (-c2[idx]! * dm * pm * -dp - c2[idx]! * pm) / vol;
        r0q += u * (c0[idx]! * Pp + c1[idx]! * pp_) - g0 * mi;
        r0r += g0 * mi;
        r1r += u * c2[idx]! * pm + g1 * mi;
        r1q -= g1 * mi;
      } else {
        const Pm = normCdf(dm);
        const Pp = normCdf(dp);
        const pm = normPdf(dm);
        // φ(d₊) = φ(d₋) e^{-d₋ v - v²/2}... computed directly: one exp either way.
        const pp_ = normPdf(dp);
        res0 += c0[idx]! * Pm;
        res1 += c1[idx]! * Pp;
        g0 = c0[idx]! * pm;
        g1 = c1[idx]! * pp_;
        r0s += (g0 * -dp) / vol;
        r1s += (g1 * (vmj - dp)) / vol;
        r0r += u * c0[idx]! * Pm + g0 * mi;
        r0q -= g0 * mi;
        r1q += u * c1[idx]! * Pp - g1 * mi;
        r1r += g1 * mi;
      }
      r0i -= g0 * iv;
      r1i -= g1 * iv;
      if (sY > 0) {
        const h0 = (g0 * iv) / (2 * sY);
        const h1 = (g1 * iv) / (2 * sY);
        for (let l = 0; l < size; l++) {
          const rw = rows[off + l]!;
          dNy[l]! += h0 * rw;
          dDy[l]! += h1 * rw;
        }
      }
    }
    // N and D with their partials (res0/res1 roles by equation).
    const v = vol * Math.sqrt(tau);
    const dK = (-sqi - lnK + ell + (r - q) * tau) / v + 0.5 * v;
    const dKm = dK - v;
    const phK = normPdf(dK);
    const phKm = normPdf(dKm);
    const dKr = (lr + tau) / v;
    const dKq = (lq - tau) / v;
    let N: number, D: number, Ns: number, Ds: number, Nr: number, Dr: number, Nq: number, Dq: number, Ni: number, Di: number;
    let yN: Float64Array = dNy;
    let yD: Float64Array = dDy;
    if (useA) {
      // N = φ(dK₋)/v + r res1, D = φ(dK)/v + Φ(dK) + q res0.
      N = phKm / v + r * res1;
      D = phK / v + normCdf(dK) + q * res0;
      Ns = (-dKm * phKm * -dK) / (v * vol) - phKm / (v * vol) + r * r1s;
      Ds = (-dK * phK * (v - dK)) / (v * vol) - phK / (v * vol) + (phK * (v - dK)) / vol + q * r0s;
      Nr = (-dKm * phKm * dKr) / v + res1 + r * r1r;
      Dr = (-dK * phK * dKr) / v + phK * dKr + q * r0r;
      Nq = (-dKm * phKm * dKq) / v + r * r1q;
      Dq = (-dK * phK * dKq) / v + phK * dKq + res0 + q * r0q;
      Ni = (dKm * phKm) / (v * v) + r * r1i;
      Di = (dK * phK) / (v * v) - phK / v + q * r0i;
      // dNy holds ∂res0/∂y (the q part of D), dDy ∂res1/∂y (the r part of N).
      yN = dDy;
      yD = dNy;
    } else {
      // N = Φ(dK₋) + r res0, D = Φ(dK) + q res1.
      N = normCdf(dKm) + r * res0;
      D = normCdf(dK) + q * res1;
      Ns = (phKm * -dK) / vol + r * r0s;
      Ds = (phK * (v - dK)) / vol + q * r1s;
      Nr = phKm * dKr + res0 + r * r0r;
      Dr = phK * dKr + q * r1r;
      Nq = phKm * dKq + r * r0q;
      Dq = phK * dKq + res1 + q * r1q;
      Ni = -phKm / v + r * r0i;
      Di = -phK / v + q * r1i;
    }
    // G_i = L², L = ln(K e^{-(r-q)τ} N/D) - ln x_max.
    const L = Math.log((K * Math.exp(-(r - q) * tau) * N) / D) - ell;
    const g = L * L;
    next[i] = Number.isFinite(g) ? g : yi;
    const twoL = 2 * L;
    const iN = 1 / N;
    const iD = 1 / D;
    const row = (i - 1) * n;
    for (let l = 1; l <= n; l++) A[row + l - 1] = -twoL * (r * yN[l]! * iN - q * yD[l]! * iD);
    if (sqi > 0) A[row + i - 1]! += (-twoL * (Ni * iN - Di * iD)) / (2 * sqi);
    A[row + i - 1]! += 1;
    rhs[(i - 1) * 3] = twoL * (Ns * iN - Ds * iD);
    rhs[(i - 1) * 3 + 1] = twoL * (Nr * iN - Dr * iD - tau - lr);
    rhs[(i - 1) * 3 + 2] = twoL * (Nq * iN - Dq * iD + tau - lq);
  }
}

/**
 * Solves the system left by {@link sweepJacobian} (s.rhs becomes dy/dθ) and returns
 * dP/dθ = ∂P/∂θ + ∂P/∂y · dy/dθ of the premium; undefined when the system is singular.
 */
export function solveSensitivities(s: IftScratch, partials: PremiumPartials): PutSensitivities | undefined {
  const n = s.size - 1;
  if (!luFactor(s.A, n, s.piv)) return undefined;
  for (let c = 0; c < 3; c++) luSolveColumn(s.A, n, s.piv, s.rhs, 3, c);
  let dS = partials.vol;
  let dR = partials.r;
  let dQ = partials.q;
  // Node 0 is fixed (y_0 = 0); the premium's x_max-dependence at fixed y is in the partials.
  const { Py, rhs } = s;
  for (let i = 1; i <= n; i++) {
    dS += Py[i]! * rhs[(i - 1) * 3]!;
    dR += Py[i]! * rhs[(i - 1) * 3 + 1]!;
    dQ += Py[i]! * rhs[(i - 1) * 3 + 2]!;
  }
  return { vol: dS, r: dR, q: dQ };
}

/**
 * dP/dθ of the early-exercise premium on the converged boundary y (the European part is added by
 * the caller), unfused: the Jacobian at y, then the premium. Returns undefined when the premium
 * integral is not positive (the engine then returns the European price) or the solve fails.
 */
export function premiumSensitivities(
  pp: PutProblem,
  xmax: number,
  y: Float64Array,
  tables: SweepTables,
  pts: FpPoints,
  useA: boolean,
  premium: PremiumPoints,
): PutSensitivities | undefined {
  const s = iftScratch(tables.size);
  const partials = premiumPartials(pp, xmax, y, premium, s);
  if (!(partials.price > 0)) return undefined;
  sweepJacobian(pp, xmax, y, tables, pts, useA, new Float64Array(tables.size), s);
  return solveSensitivities(s, partials);
}
