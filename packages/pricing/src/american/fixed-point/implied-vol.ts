import { normPdf } from '@quantforge/core';
import { WarmFixedPointPut } from './warm-solver';

/**
 * The vol at which the fixed-point American price (preset 'accurate' or another) equals `price`:
 * the fast inner loop of @quantforge/volatility's americanImpliedVol (which validates, checks the
 * no-arbitrage bounds and falls back to a bracketed solver when this returns NaN).
 *
 * 1. QuantLib's 'fast' scheme (2 sweeps, ~1e-3 accurate) at the start vol (the European implied
 *    vol of the price) and one Newton step with the European vega.
 * 2. The requested preset started from the fast boundary (interpolated to its nodes), with its
 *    analytic vega (implicit function theorem, fused into the last sweep) and Newton steps; each
 *    evaluation continues the fixed-point sweeps from the last boundary moved along dy/dσ, so the
 *    boundary converges while the vol does. It stops when a step is below max(tol, 1e-6) (with a
 *    stale vega, also ten times smaller than the previous step) and the last sweep moved the
 *    boundary by at most 1e-7 in y = ln(B/x_max)². The result is the root of the converged fixed
 *    point; the cold engine stops after its preset's sweeps, so repricing with it agrees to that
 *    engine's iteration error (measured: within 5e-7 of the engine's own error against the
 *    high-precision price, on 180 quotes from the benchmark set, the chain and random draws).
 * Typically one fast evaluation, one preset evaluation of one sweep fewer than its cold start and
 * one or two of 2 sweeps (about 1.5 cold engine runs). Returns NaN when a step fails (no vega, a vol outside (1e-4, 20),
 * no convergence in 20 steps, or the preset has no precomputed plan); the caller then falls back
 * to its bracketed solver.
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
  const fast = new WarmFixedPointPut(ps, pk, pr, pq, T, 'fast');
  if (!fast.ok) return NaN;
  // Stage 1: one cold evaluation of the fast scheme and a Newton step with the European vega
  // (the premium's vega is small against it): the start of stage 2 and its boundary.
  const f0 = fast.evaluate(start, true, 2, 1, false).price - price;
  const vegaE = europeanVega(ps, pk, pr, pq, start, T);
  if (!(vegaE > 1e-12 * ps)) return NaN;
  let vol = clampVol(start - f0 / vegaE);
  if (Number.isNaN(vol)) return NaN;
  if (scheme === 'fast') return NaN; // the caller's secant solver handles the fast scheme itself
  // Stage 2: the requested preset from the fast boundary; the first evaluation gets one sweep
  // fewer than a cold start from QD+, the next ones two each.
  const acc = new WarmFixedPointPut(ps, pk, pr, pq, T, scheme);
  if (!acc.ok) return NaN;
  if (!acc.european) acc.seedFrom(fast, vol);
  const first = Math.max(3, acc.coldSweeps - 1);
  let vega = NaN;
  let lastStep = Infinity;
  let restarted = false;
  let forceFresh = false;
  for (let k = 0; k < 20; k++) {
    // A fresh vega (and tangent dy/dσ) while the steps are above 1e-5, so Newton converges
    // quadratically; below, the last vega is accurate to ~1e-4 relative.
    const fresh: boolean = forceFresh || Math.abs(lastStep) > 1e-5;
    let v = acc.evaluate(vol, false, k === 0 ? first : 2, k === 0 ? 1 : 0, fresh);
    if (!acc.plausible()) {
      // A spurious fixed point from a poor start: restart from QD+ at this vol, as the engine.
      if (restarted) return NaN;
      restarted = true;
      v = acc.evaluate(vol, true, 0, 0, true);
      if (!acc.plausible()) return NaN;
      vega = v.vega;
    }
    if (fresh) vega = v.vega;
    if (!(vega > 0)) return NaN;
    const step: number = (v.price - price) / vega;
    const next: number = clampVol(vol - step);
    if (Number.isNaN(next)) return NaN;
    // Converged: a step below 1e-6 (the next would be ~1e-10 or less) on a boundary whose last
    // sweep moved y by at most 1e-7 (price within ~5e-7 of the fixed point).
    // A stale vega must also show fast convergence (a step ten times smaller than the last).
    const fastEnough: boolean = fresh || Math.abs(step) <= 0.1 * Math.abs(lastStep);
    if (Math.abs(step) <= Math.max(tol, 1e-6) && fastEnough && acc.residual() <= 1e-7) return next;
    // Small but not shrinking steps on a stale vega: refresh it.
    forceFresh = !fresh && !fastEnough;
    lastStep = step;
    vol = next;
  }
  return NaN;
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
