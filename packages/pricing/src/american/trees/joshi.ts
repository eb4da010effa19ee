import { logDrift } from './lattice';
import { DEGENERATE_PROBABILITY } from './leisen-reimer';
import type { BinomialLattice, LatticeInputs } from './lattice';

/**
 * Joshi's fourth-order expansion of the up probability for n = 2k + 1 steps
 * (M. Joshi 2009, "Achieving higher order convergence for the prices of European options in
 * binomial trees", Mathematical Finance; QuantLib Joshi4::computeUpProb), α = d/√8:
 *   p = ½ + α/√k + β/k^{3/2} + γ/k^{5/2} + δ/k^{7/2}.
 */
export function joshiUpProbability(k: number, d: number): number {
  const alpha = d / Math.sqrt(8);
  const a2 = alpha * alpha;
  const a3 = alpha * a2;
  const a5 = a3 * a2;
  const a7 = a5 * a2;
  const beta = -0.375 * alpha - a3;
  const gamma = (5 / 6) * a5 + (13 / 12) * a3 + (25 / 128) * alpha;
  const delta = -0.1025 * alpha - 0.9285 * a3 - 1.43 * a5 - 0.5 * a7;
  const rootK = Math.sqrt(k);
  return 0.5 + alpha / rootK + beta / (k * rootK) + gamma / (k * k * rootK) + delta / (k * k * k * rootK);
}

/**
 * Joshi (2009) tree (QuantLib Joshi4): as Leisen-Reimer, with the Peizer-Pratt inversion replaced
 * by {@link joshiUpProbability} at k = (n − 1)/2; n odd. European prices converge at second order
 * with a smaller leading coefficient than Leisen-Reimer.
 */
export function joshiLattice(a: LatticeInputs): BinomialLattice | undefined {
  if (!(a.strike > 0)) return undefined;
  const n = a.steps;
  const dt = a.expiry / n;
  const stdDev = a.vol * Math.sqrt(a.expiry);
  const growth = Math.exp((a.rate - a.dividendYield) * dt);
  const d2 = (Math.log(a.x0 / a.strike) + logDrift(a) * a.expiry) / stdDev;
  const k = (n - 1) / 2;
  const pu = joshiUpProbability(k, d2);
  const pDash = joshiUpProbability(k, d2 + stdDev);
  // Beyond this the tree degenerates (|d2| huge, e.g. vol·√T -> 0): down = (m − pu·up)/(1 − pu)
  // would lose its digits to cancellation; the engine then falls back to another lattice.
  if (!(Math.min(pu, 1 - pu, pDash, 1 - pDash) > DEGENERATE_PROBABILITY)) return undefined;
  const up = (growth * pDash) / pu;
  const down = (growth - pu * up) / (1 - pu);
  return { up, down, pu };
}
