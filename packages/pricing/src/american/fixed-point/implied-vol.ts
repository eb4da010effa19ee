import { normPdf } from '@quantforge/core';
import { bsPriceKernel } from '../../european/black-scholes';
import type { WarmPresetName } from './fixed-point-engine';
import { WarmFixedPointPut } from './warm-solver';

/**
 * The vol at which the fixed-point American price (preset 'accurate' or another) equals `price`:
 * the fast inner loop of @quantforge/volatility's americanImpliedVol (which validates, checks the
 * no-arbitrage bounds and falls back to a bracketed solver when this returns NaN).
 *
 * Every evaluation is Newton's method on the collocated boundary as well as on σ
 * (WarmFixedPointPut.evaluateNewton: y <- y + (I - ∂G/∂y)⁻¹(G(y) - y) with the Jacobian the
 * implicit-function vega already assembles, so the boundary converges while σ does; later
 * evaluations reuse its LU factors as chord steps at about half the cost). σ steps solve a model
 * that is exact in the European price and linear in the early-exercise premium (modelStep).
 * 1. The root of QuantLib's fastScheme (internal preset 'iv-seed': 7 nodes, ~1e-3 accurate, a
 *    third of the preset's quadrature points), from QD+ at the start vol (the European implied vol
 *    of the price), to a σ step of 1e-4: within ~1e-5 of the preset's root, its boundary ~1e-3.
 * 2. The requested preset seeded from that boundary (interpolated to its nodes): one Jacobi-Newton
 *    sweep and a boundary-Newton evaluation, then chord evaluations. σ has converged when the
 *    bound on its remaining error (c step² after a Newton evaluation, c = 4(|d₁d₂| + 1)/σ; after a
 *    chord one, the geometric tail of the observed contraction) is below max(tol, 1e-9). The boundary has when its last update
 *    (max |Δy| at most 3e-5 — the update, not the plain-sweep residual, which stays ~1e-3 at the
 *    steep first FP-B nodes even at the fixed point) changed the price by at most 1e-7·vega (what
 *    remained after such a Newton update measured at most ~1e-9·vega), or
 *    (after a Newton evaluation) when one more plain sweep and chord update (verifyBoundary, no
 *    premium) changes it by at most 3e-9·vega, the step then corrected by that change. 1e-9 in σ is
 *    at most 4e-8 in price, below the preset's own error (~3e-7).
 * The result is the root of the converged fixed point; the cold engine stops after its preset's
 * sweeps, so repricing with it agrees to that engine's iteration error (measured on 555 random
 * quotes, puts and calls, K 60-150, T 0.02-3, r -1%..10%, q 0-8%, σ 5-80%, vega >= 1e-2: reprice
 * error at most 1.4e-6 beyond the engine's own error against 'high-precision', as the previous
 * solver). Typically 1-3 fast evaluations, one preset Newton evaluation and, for about half the
 * quotes, a verification or chord step.
 * A spurious (zig-zag) boundary restarts the preset cold from QD+, as the engine. Returns NaN when
 * a step fails (no vega, a vol outside (1e-4, 20), no convergence in 20 steps, or the preset has
 * no precomputed plan); the caller then falls back to its bracketed solver. Solvers come from a
 * module-level pool (one per preset and regime), re-targeted on each call: no state is visible
 * between calls.
 */
export function fixedPointImpliedVol(
  w: 1 | -1,
  price: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  start: number,
  tol: number,
  scheme: 'fast' | 'accurate' | 'high-precision' = 'accurate',
): number {
  // Put coordinates: call(S, K, r, q) = put(K, S, q, r), same vol.
  const [ps, pk, pr, pq] = w === -1 ? [S, K, r, q] : [K, S, q, r];
  const fast = pooledSolver('iv-seed', ps, pk, pr, pq, T);
  if (!fast.ok) return NaN;
  if (scheme === 'fast') return NaN; // the caller's secant solver handles the fast scheme itself
  // Stage 1: the root of the fast scheme's converged fixed point (a third of the preset's
  // quadrature points), Newton in σ with its analytic vega and Newton on the boundary, from QD+.
  let vol = clampVol(start);
  if (Number.isNaN(vol)) return NaN;
  let seeded = false;
  let lastStep = Infinity;
  let lastResidual = Infinity;
  let lastRate = 0;
  for (let k = 0; k < 8; k++) {
    // Newton on the boundary first, after large or slowly contracting steps, else a chord step.
    const chord = k > 0 && useChord(lastStep, lastResidual, lastRate);
    const v = k === 0 ? fast.evaluateNewton(vol, 1) : chord ? fast.evaluateChord(vol) : fast.evaluateNewton(vol, 0);
    if (!fast.plausible() || !(v.vega > 0)) break;
    const next = modelStep(ps, pk, pr, pq, T, vol, v.price, v.vega, price);
    if (Number.isNaN(next)) break;
    const step = vol - next;
    lastRate = chord ? Math.abs(step / lastStep) : 0;
    vol = next;
    lastResidual = fast.residual();
    // A seed for the preset: a small step on a boundary near its fixed point.
    if (Math.abs(step) <= FAST_STEP && lastResidual <= SEED_RESIDUAL) {
      seeded = true;
      break;
    }
    lastStep = step;
  }
  if (!seeded) {
    // No fast root: the European-vega step from the start vol, the preset from QD+.
    const f0 = fast.evaluate(start, true, 2, 1, false).price - price;
    const vegaE = europeanVega(ps, pk, pr, pq, start, T);
    if (!(vegaE > 1e-12 * ps)) return NaN;
    vol = clampVol(start - f0 / vegaE);
    if (Number.isNaN(vol)) return NaN;
  }
  // Stage 2: the requested preset from the fast boundary; the first evaluation gets one sweep
  // fewer than a cold start from QD+, the next ones two each.
  const acc = pooledSolver(scheme, ps, pk, pr, pq, T);
  if (!acc.ok) return NaN;
  if (!acc.european && seeded && !fast.european) acc.seedFrom(fast, vol);
  let restarted = false;
  lastStep = Infinity;
  lastResidual = Infinity;
  lastRate = 0;
  for (let k = 0; k < 20; k++) {
    const chord = k > 0 && useChord(lastStep, lastResidual, lastRate);
    let v = chord ? acc.evaluateChord(vol) : acc.evaluateNewton(vol, k === 0 ? FIRST_JN_SWEEPS : 0);
    if (!acc.plausible()) {
      // A spurious fixed point from a poor start: restart from QD+ at this vol, as the engine.
      if (restarted) return NaN;
      restarted = true;
      v = acc.evaluate(vol, true, 0, 0, true);
      if (!acc.plausible()) return NaN;
    }
    if (!(v.vega > 0)) return NaN;
    const next: number = modelStep(ps, pk, pr, pq, T, vol, v.price, v.vega, price);
    if (Number.isNaN(next)) return NaN;
    const step: number = vol - next;
    // The vol error left: second order after a Newton evaluation (fresh vega); after a chord one
    // (stale factors and premium vega: linear convergence) the geometric tail of the observed rate.
    const rate = chord ? Math.abs(step / lastStep) : 0;
    const err = chord ? (rate < 0.5 ? (Math.abs(step) * rate) / (1 - rate) : Infinity) + newtonError(ps, pk, pr, pq, vol, T, step) : newtonError(ps, pk, pr, pq, vol, T, step);
    // The boundary's distance from the fixed point: the size of its last Newton or chord update
    // (the plain-sweep residual G(y) - y stays ~1e-3 at the steep first quartic nodes of FP-B even
    // at the fixed point), or after a cold restart the last sweep's residual.
    lastResidual = Number.isNaN(acc.priceCorrection) ? acc.residual() : acc.correction;
    // The boundary: the price change of its last update (Newton or chord) within vega·1e-7, so what
    // remains (quadratic or at the chord's rate in it) is far below; after a cold restart, a last
    // sweep that moved y by at most 1e-7 (as the engine).
    const pc = acc.priceCorrection;
    const boundaryOk = Number.isNaN(pc) ? lastResidual <= 1e-7 : Math.abs(pc) <= BOUNDARY_FLOOR * v.vega && lastResidual <= NEWTON_RESIDUAL;
    if (boundaryOk && err <= Math.max(tol, VOL_FLOOR)) return next;
    if (!chord && !boundaryOk && err <= Math.max(tol, VOL_FLOOR) && lastResidual <= NEWTON_RESIDUAL) {
      // σ has converged on a boundary that may not have: check it with one plain sweep (no
      // premium) and correct the step by the price change its chord update makes.
      const pcv = acc.verifyBoundary();
      if (Math.abs(pcv) <= VERIFY_FLOOR * v.vega) return next - pcv / v.vega;
    }
    lastStep = step;
    lastRate = rate;
    vol = next;
  }
  return NaN;
}

/** Fast-scheme σ steps below this end stage 1 (the fast/accurate root difference is ~1e-5). */
const FAST_STEP = 1e-4;
/**
 * Vol accuracy floor of the early stop: 1e-9 in σ is a price error of vega·1e-9 <= 4e-8 here
 * (vega <= S sqrt(T/2π)), far below the preset's own error against the exact price (~3e-7).
 */
const VOL_FLOOR = 1e-9;
/** σ steps at or below this use chord evaluations (stored factors) instead of Newton ones. */
const CHORD_BELOW = 1e-2;
/** Largest pre-update residual of the fast boundary that seeds the preset. */
const SEED_RESIDUAL = 1e-2;
/** Chord steps only from a boundary this near its fixed point (pre-update residual)... */
const CHORD_RESIDUAL = 1e-3;
/** ...and while they contract σ at least this fast. */
const CHORD_RATE = 0.1;
/**
 * Largest price change of the last boundary update accepted at convergence, per unit vega (a vol).
 * What the next update would change after an accepted Newton update was at most 8e-10·vega on the
 * benchmark quotes (verifyBoundary); 1e-8 here cost a verification sweep on a quarter of them.
 */
const BOUNDARY_FLOOR = 1e-7;
/**
 * Largest price change per unit vega of the verifying chord update at which the Newton result,
 * corrected by it, is accepted (what remains is that change times the chord's rate, <= 0.3 measured).
 */
const VERIFY_FLOOR = 3e-9;
/**
 * Jacobi-Newton sweeps before the preset's first boundary-Newton evaluation. 0 in the FP-B regime
 * is ~7 % faster but lands deep in-the-money quotes up to 4e-8 further in σ (benchmark row 9).
 */
const FIRST_JN_SWEEPS = 1;
/** Largest boundary update max |Δy| (Newton or chord) accepted at convergence (what remains is ~its square). */
const NEWTON_RESIDUAL = 3e-5;

/**
 * A bound on the vol error left after a Newton step `step` in σ (fresh vega): c step², with
 * c = 4(|d₁d₂| + 1)/σ, four times the European |volga/vega| + 1/σ (the model step is exact in the
 * European part; the premium's curvature, measured up to ~3.5x the European one deep in the money,
 * is what remains).
 */
function newtonError(S: number, K: number, r: number, q: number, vol: number, T: number, step: number): number {
  const sd = vol * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q) * T) / sd + 0.5 * sd;
  return ((4 * (Math.abs(d1 * (d1 - sd)) + 1)) / vol) * step * step;
}

/** A chord evaluation next: the last step small, its boundary near the fixed point, fast contraction. */
function useChord(lastStep: number, lastResidual: number, lastRate: number): boolean {
  return Math.abs(lastStep) <= CHORD_BELOW && lastResidual <= CHORD_RESIDUAL && lastRate <= CHORD_RATE;
}

/**
 * The next vol from an evaluation (σₖ, Pₖ, Vₖ = ∂P/∂σ) of the American put: the root of the model
 * E(σ) + (Pₖ - E(σₖ)) + (Vₖ - E'(σₖ))(σ - σₖ) = price — the European price E exactly, the
 * early-exercise premium to first order — by Newton on the closed form (a few evaluations of E).
 * The European part carries most of the curvature in σ, so this converges in fewer American
 * evaluations than plain Newton from a far start; near the root both agree to second order.
 * NaN when the model has no usable slope or the vol leaves (1e-4, 20).
 */
function modelStep(S: number, K: number, r: number, q: number, T: number, volK: number, pK: number, vegaK: number, price: number): number {
  const premiumVega = vegaK - europeanVega(S, K, r, q, volK, T);
  const offset = pK - bsPriceKernel(-1, S, K, T, r, q, volK) - premiumVega * volK - price;
  let vol = clampVol(volK - (pK - price) / vegaK);
  for (let i = 0; i < 12 && !Number.isNaN(vol); i++) {
    const g = bsPriceKernel(-1, S, K, T, r, q, vol) + premiumVega * vol + offset;
    const dg = europeanVega(S, K, r, q, vol, T) + premiumVega;
    if (!(dg > 0)) return NaN;
    const d = g / dg;
    vol = clampVol(vol - d);
    if (Math.abs(d) <= 1e-13) break;
  }
  return vol;
}

/**
 * One solver per (preset, regime), re-targeted per call: fixedPointImpliedVol is synchronous and
 * keeps no solver state between calls that a caller could see, and it saves allocating buffers.
 */
const solverPool = new Map<string, WarmFixedPointPut>();

function pooledSolver(name: WarmPresetName, S: number, K: number, r: number, q: number, T: number): WarmFixedPointPut {
  const carry = r - q;
  const key = `${name}|${carry >= 0.001 ? 'carry' : carry > 0 ? 'nearCarry' : 'yield'}`;
  const s = solverPool.get(key);
  if (s === undefined) {
    const created = new WarmFixedPointPut(S, K, r, q, T, name);
    solverPool.set(key, created);
    return created;
  }
  s.reset(S, K, r, q, T);
  return s;
}

function clampVol(v: number): number {
  return v > 1e-4 && v < 20 ? v : NaN;
}

/** Black-Scholes-Merton put vega S e^{-qT} φ(d₁) √T. */
function europeanVega(S: number, K: number, r: number, q: number, vol: number, T: number): number {
  const sd = vol * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q) * T) / sd + 0.5 * sd;
  return S * Math.exp(-q * T) * normPdf(d1) * Math.sqrt(T);
}
