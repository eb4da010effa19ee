import { logDrift } from './lattice';
import type { BinomialLattice, LatticeInputs } from './lattice';

/** Probabilities closer than this to 0 or 1 make the Leisen-Reimer/Joshi step ill-conditioned. */
export const DEGENERATE_PROBABILITY = 1e-6;

/**
 * Peizer-Pratt method-2 inversion: the binomial probability whose n-step distribution best
 * matches N(z) (Leisen & Reimer 1996, eq. (6); QuantLib PeizerPrattMethod2Inversion).
 */
export function peizerPratt2(z: number, n: number): number {
  const a = z / (n + 1 / 3 + 0.1 / (n + 1));
  // ½ ± ½√(1 − e^{−a²(n + 1/6)}), with expm1 so that small |z| keeps its digits.
  const oneMinusE = -Math.expm1(-a * a * (n + 1 / 6));
  return 0.5 + (z > 0 ? 1 : z < 0 ? -1 : 0) * 0.5 * Math.sqrt(oneMinusE);
}

/**
 * Leisen & Reimer (1996), "Binomial models for option valuation — examining and improving
 * convergence" (QuantLib LeisenReimer): n odd, centred on the strike,
 *   d2 = (ln(x0/K) + (r − q − σ²/2)T)/(σ√T),  pu = h(d2),  p' = h(d2 + σ√T)  (h = Peizer-Pratt 2),
 *   up = e^{(r−q)dt}·p'/pu,  down = (e^{(r−q)dt} − pu·up)/(1 − pu).
 * European prices converge at second order and without oscillation. `steps` must be odd.
 */
export function leisenReimerLattice(a: LatticeInputs): BinomialLattice | undefined {
  if (!(a.strike > 0)) return undefined;
  const n = a.steps;
  const dt = a.expiry / n;
  const stdDev = a.vol * Math.sqrt(a.expiry);
  const growth = Math.exp((a.rate - a.dividendYield) * dt);
  const d2 = (Math.log(a.x0 / a.strike) + logDrift(a) * a.expiry) / stdDev;
  const pu = peizerPratt2(d2, n);
  const pDash = peizerPratt2(d2 + stdDev, n);
  // Beyond this the tree degenerates (|d2| huge, e.g. vol·√T -> 0): down = (m − pu·up)/(1 − pu)
  // would lose its digits to cancellation; the engine then falls back to another lattice.
  if (!(Math.min(pu, 1 - pu, pDash, 1 - pDash) > DEGENERATE_PROBABILITY)) return undefined;
  const up = (growth * pDash) / pu;
  const down = (growth - pu * up) / (1 - pu);
  return { up, down, pu };
}
