/**
 * One finite-difference solve of the American problem on one log-spot grid: the Black-Scholes
 * PDE in x = ln S and time to expiry τ,
 *   V_τ = ½σ² V_xx + (r - q - ½σ²) V_x - r V,   V >= payoff,
 * with cash dividends as jump conditions. See fd-engine.ts for the method as a whole.
 *
 * - Space: 3-point central differences on the non-uniform grid (second order on the smooth sinh
 *   mesh). Where a central difference would make an off-diagonal of (I - θ dt L) positive (cell
 *   Péclet number > 2, e.g. vol -> 0) the first derivative is upwinded, so the matrix stays an
 *   M-matrix (Brennan-Schwartz needs one). Edges: V_SS = 0, i.e. V_τ = (r-q) S V_S - r V with a
 *   one-sided V_S in S — exact for the linear values an option takes far from the strike.
 * - Payoff: pointwise, except in the cell [x_{i-1/2}, x_{i+1/2}] that contains ln K, where the
 *   kink is averaged over the cell (Pooley, Vetzal & Forsyth 2003, "Convergence remedies for
 *   non-smooth payoffs"): with the Rannacher start this gives second-order convergence without
 *   forcing the strike onto a node (no rounding, so the price moves smoothly with the inputs).
 * - Time: the first `dampingSteps` steps implicit Euler, then Crank-Nicolson (Rannacher 1984, as
 *   QuantLib's FdmBackwardSolver: full implicit steps), on the grid of time-grid.ts.
 * - Exercise: Brennan-Schwartz (projected Thomas sweep, thomas.ts) or PSOR (psor.ts), each step
 *   and after each dividend jump (the holder may exercise just before the ex-date).
 * - Read-out at the spot: local cubic in x through the 4 nearest nodes gives V, V_x, V_xx;
 *   delta = V_x/S, gamma = (V_xx - V_x)/S², theta (calendar) from the PDE,
 *   θ = rV - (r-q) S Δ - ½σ²S²Γ. In the exercise region (S beyond the boundary read off the
 *   grid) the result is the intrinsic value with delta = ±1, gamma = theta = 0.
 * No allocation inside the time loop: every buffer is a Float64Array made before it.
 */
import type { AmericanParams, EngineResult } from '../types';
import { cubicDerivatives, stencilStart } from './cubic';
import { applyDividendJump } from './dividend-jump';
import { concentratedMesh, logSpotDomain } from './mesh';
import { psorRelaxation, psorSolve } from './psor';
import { thetaRhs, thetaStepDown, thetaStepUp } from './thomas';
import type { TimeGrid } from './time-grid';

const PSOR_MAX_SWEEPS = 10_000;

export interface GridSolveSettings {
  /** Number of grid intervals (nodes = spaceSteps + 1). */
  spaceSteps: number;
  dampingSteps: number;
  exercise: 'brennan-schwartz' | 'psor';
}

/**
 * Exercise boundary on the grid after an exercise step: the last exercised node, refined inside
 * the next cell by smooth pasting (V - payoff ≈ c (S - B)² near B, so √(V - payoff) is linear in
 * S). No exercised node: 0 for a put, +Infinity for a call.
 */
export function readBoundary(w: number, s: Float64Array, v: Float64Array, g: Float64Array, n: number): number {
  if (w < 0) {
    let i = 0;
    while (i < n && g[i] > 0 && v[i] <= g[i]) i++;
    if (i === 0) return 0;
    if (i >= n - 1) return s[n - 1];
    return refine(s[i - 1], s[i], s[i + 1], v[i] - g[i], v[i + 1] - g[i + 1]);
  }
  let i = n - 1;
  while (i >= 0 && g[i] > 0 && v[i] <= g[i]) i--;
  if (i === n - 1) return Infinity;
  if (i <= 0) return s[0];
  return refine(s[i + 1], s[i], s[i - 1], v[i] - g[i], v[i - 1] - g[i - 1]);
}

/** B between the last exercised node `se` and the first continuation node `s1` (then `s2`). */
function refine(se: number, s1: number, s2: number, d1: number, d2: number): number {
  const r1 = Math.sqrt(Math.max(d1, 0));
  const r2 = Math.sqrt(Math.max(d2, 0));
  if (!(r2 > r1)) return se;
  const b = s1 - (r1 * (s2 - s1)) / (r2 - r1);
  const lo = Math.min(se, s1);
  const hi = Math.max(se, s1);
  return b < lo ? lo : b > hi ? hi : b;
}

/** ∫_a^b max(w (e^x - K), 0) dx. */
function payoffIntegral(w: number, K: number, lnK: number, a: number, b: number): number {
  const c = lnK < a ? a : lnK > b ? b : lnK;
  return w > 0 ? Math.exp(b) - Math.exp(c) - K * (b - c) : K * (c - a) - (Math.exp(c) - Math.exp(a));
}

/** Solves on one grid; the boundary (time to expiry, critical spot) when `wantBoundary`. */
export function fdGridSolve(p: AmericanParams, cfg: GridSolveSettings, time: TimeGrid, wantBoundary: boolean): EngineResult {
  const { w, spot: S, strike: K, rate: r, dividendYield: q, vol } = p;
  const n = cfg.spaceSteps + 1;
  const { xMin, xMax } = logSpotDomain(p);
  const lnK = Math.log(K);

  // Grid, payoff (the obstacle g) and initial values v.
  const x = new Float64Array(n);
  concentratedMesh(xMin, xMax, lnK, n, x);
  const s = new Float64Array(n);
  const g = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = Math.exp(x[i]);
    const e = w * (s[i] - K);
    g[i] = e > 0 ? e : 0;
    v[i] = g[i];
  }
  for (let i = 0; i < n; i++) {
    const a = i > 0 ? 0.5 * (x[i - 1] + x[i]) : x[0];
    const b = i < n - 1 ? 0.5 * (x[i] + x[i + 1]) : x[n - 1];
    if (lnK > a && lnK < b) {
      // Node value + cell average of (payoff - the payoff branch active at the node).
      const other = g[i] > 0 ? payoffIntegral(-w, K, lnK, a, b) : payoffIntegral(w, K, lnK, a, b);
      v[i] = g[i] + other / (b - a);
    }
  }

  // Spatial operator L (V_τ = L V): row i = la[i] V[i-1] + lb[i] V[i] + lc[i] V[i+1].
  const D = 0.5 * vol * vol;
  const mu = r - q - D;
  const la = new Float64Array(n);
  const lb = new Float64Array(n);
  const lc = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const hm = x[i] - x[i - 1];
    const hp = x[i + 1] - x[i];
    let a = (2 * D - mu * hp) / (hm * (hm + hp));
    let c = (2 * D + mu * hm) / (hp * (hm + hp));
    if (a < 0 || c < 0) {
      a = (2 * D) / (hm * (hm + hp));
      c = (2 * D) / (hp * (hm + hp));
      if (mu > 0) c += mu / hp;
      else a -= mu / hm;
    }
    la[i] = a;
    lc[i] = c;
    lb[i] = -(a + c) - r;
  }
  const k0 = ((r - q) * s[0]) / (s[1] - s[0]);
  lc[0] = k0;
  lb[0] = -k0 - r;
  const kn = ((r - q) * s[n - 1]) / (s[n - 1] - s[n - 2]);
  la[n - 1] = -kn;
  lb[n - 1] = kn - r;

  const { tau, dividend } = time;
  const steps = tau.length - 1;
  const lo = new Float64Array(n);
  const di = new Float64Array(n);
  const up = new Float64Array(n);
  const cp = new Float64Array(n);
  const y = new Float64Array(n);
  const rhs = new Float64Array(n);
  const tmp = new Float64Array(n);
  const psor = cfg.exercise === 'psor';
  const psorTol = 1e-13 * K;
  const boundaryTime = wantBoundary ? new Float64Array(steps) : undefined;
  const boundarySpot = wantBoundary ? new Float64Array(steps) : undefined;

  const jump = (k: number): void => {
    // Value of the option on a worthless share: a put is exercised for K (or held to expiry
    // for K e^{-rτ} when r < 0); a call is worth 0.
    const valueAtZero = w > 0 ? 0 : K * Math.max(1, Math.exp(-r * tau[k]));
    applyDividendJump(x, s, v, n, dividend[k], valueAtZero, tmp);
    for (let i = 0; i < n; i++) v[i] = tmp[i] > g[i] ? tmp[i] : g[i];
  };
  if (dividend[0] > 0) jump(0);

  let factored = NaN; // θ·dt of the current PSOR matrix
  let omega = 1;
  for (let k = 1; k <= steps; k++) {
    const dt = tau[k] - tau[k - 1];
    const impl = k <= cfg.dampingSteps ? dt : 0.5 * dt;
    const expl = dt - impl;
    if (psor) {
      if (impl !== factored) {
        for (let i = 0; i < n; i++) {
          lo[i] = -impl * la[i];
          di[i] = 1 - impl * lb[i];
          up[i] = -impl * lc[i];
        }
        omega = psorRelaxation(lo, di, up, n);
        factored = impl;
      }
      thetaRhs(la, lb, lc, expl, v, n, rhs);
      psorSolve(lo, di, up, rhs, v, n, g, omega, psorTol, PSOR_MAX_SWEEPS);
    } else if (w > 0) {
      thetaStepDown(la, lb, lc, impl, expl, v, n, g, cp, y);
    } else {
      thetaStepUp(la, lb, lc, impl, expl, v, n, g, cp, y);
    }
    if (dividend[k] > 0) jump(k);
    if (boundaryTime !== undefined && boundarySpot !== undefined) {
      boundaryTime[k - 1] = tau[k];
      boundarySpot[k - 1] = readBoundary(w, s, v, g, n);
    }
  }

  const intrinsic = Math.max(w * (S - K), 0);
  const b = boundarySpot !== undefined ? boundarySpot[steps - 1] : readBoundary(w, s, v, g, n);
  let result: EngineResult;
  if (intrinsic > 0 && (w < 0 ? S <= b : S >= b)) {
    result = { price: intrinsic, delta: w, gamma: 0, theta: 0 };
  } else {
    const lnS = Math.log(S);
    const d = new Float64Array(3);
    cubicDerivatives(x, v, stencilStart(x, n, lnS), lnS, d);
    const price = Math.max(d[0], intrinsic);
    const delta = d[1] / S;
    const gamma = (d[2] - d[1]) / (S * S);
    result = { price, delta, gamma, theta: r * price - (r - q) * S * delta - D * S * S * gamma };
  }
  if (boundaryTime !== undefined && boundarySpot !== undefined) result.boundary = { time: boundaryTime, spot: boundarySpot };
  return result;
}
