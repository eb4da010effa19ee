/**
 * The log-spot grid of the FD engine: x = ln S on [xMin, xMax], concentrated near ln K by a sinh
 * map (QuantLib's Concentrating1dMesher, as FdBlackScholesVanillaEngine uses it with
 * cPoint = (strike, 0.1)).
 *
 * Domain (QuantLib's FdmBlackScholesMesher): the forward path of the spot from today to expiry,
 * with each cash dividend subtracted at its date, gives [lo, hi]; the grid spans
 *   [ln lo - k σ√T, ln hi + k σ√T],  k = N^-1(1 - 1e-4) · 1.5 ≈ 5.58 standard deviations,
 * which leaves a probability far below 1e-8 of reaching an edge. Unlike QuantLib the strike is
 * NOT forced onto a node (no rounding of its index): the grid then moves smoothly with every
 * input, so bump-and-reprice greeks (vega, rho) are smooth; the payoff kink is handled by cell
 * averaging instead (see fd-engine.ts).
 */
import { normInv } from '@quantforge/core';
import type { AmericanParams } from '../types';

/** Width of the domain in standard deviations σ√T on each side of the forward path. */
export const DOMAIN_STDDEVS = 1.5 * normInv(1 - 1e-4);
/** Concentration of the sinh map, as a fraction of the domain width (QuantLib's 0.1). */
export const CONCENTRATION = 0.1;
/** The lowest spot the grid reaches, as a fraction of the spot (a stock worth less is ~0). */
const MIN_SPOT_FRACTION = 1e-6;
/** Keep e^x finite everywhere on the grid. */
const MAX_ABS_X = 700;

/** The domain [xMin, xMax] in x = ln S for the inputs `p` (expiry > 0, spot > 0). */
export function logSpotDomain(p: AmericanParams): { xMin: number; xMax: number } {
  const g = p.rate - p.dividendYield;
  let f = p.spot;
  let lo = f;
  let hi = f;
  let last = 0;
  for (const d of p.dividends) {
    f *= Math.exp(g * (d.time - last));
    if (f > hi) hi = f;
    if (f < lo) lo = f;
    f = Math.max(f - d.amount, 0);
    if (f < lo) lo = f;
    last = d.time;
  }
  f *= Math.exp(g * (p.expiry - last));
  if (f > hi) hi = f;
  if (f < lo) lo = f;
  lo = Math.max(lo, MIN_SPOT_FRACTION * p.spot);
  // A minimum half-width keeps the grid non-degenerate when vol·√T underflows.
  const half = Math.max(DOMAIN_STDDEVS * p.vol * Math.sqrt(p.expiry), 1e-6);
  const xMin = Math.max(Math.log(lo) - half, -MAX_ABS_X);
  const xMax = Math.min(Math.log(hi) + half, MAX_ABS_X);
  return { xMin, xMax };
}

/**
 * Fills x[0..n-1] with the sinh-concentrated mesh on [xMin, xMax] around `center`
 * (x_i = c + δ sinh(c1 (1 - u_i) + c2 u_i), u_i = i/(n-1), δ = CONCENTRATION·(xMax - xMin));
 * uniform when the center lies outside the domain.
 */
export function concentratedMesh(xMin: number, xMax: number, center: number, n: number, x: Float64Array): void {
  const last = n - 1;
  if (center > xMin && center < xMax) {
    const density = CONCENTRATION * (xMax - xMin);
    const c1 = Math.asinh((xMin - center) / density);
    const c2 = Math.asinh((xMax - center) / density);
    for (let i = 1; i < last; i++) {
      const u = i / last;
      x[i] = center + density * Math.sinh(c1 * (1 - u) + c2 * u);
    }
  } else {
    const h = (xMax - xMin) / last;
    for (let i = 1; i < last; i++) x[i] = xMin + i * h;
  }
  x[0] = xMin;
  x[last] = xMax;
}
