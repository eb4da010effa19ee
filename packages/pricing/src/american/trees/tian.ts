import type { BinomialLattice, LatticeInputs } from './lattice';

/**
 * Tian (1993), third-moment matching (QuantLib Tian): with v = e^{σ²dt} and m = e^{(r−q)dt},
 *   up = ½·m·v·(v + 1 + √(v² + 2v − 3)),  down = ½·m·v·(v + 1 − √(v² + 2v − 3)),
 *   pu = (m − down)/(up − down).
 * Written with e = v − 1 = expm1(σ²dt) (v² + 2v − 3 = e(e + 4)) so small σ²dt keeps its digits.
 */
export function tianLattice(a: LatticeInputs): BinomialLattice {
  const dt = a.expiry / a.steps;
  const e = Math.expm1(a.vol * a.vol * dt);
  const v = 1 + e;
  const m = Math.exp((a.rate - a.dividendYield) * dt);
  const root = Math.sqrt(e * (e + 4));
  const up = 0.5 * m * v * (v + 1 + root);
  const down = 0.5 * m * v * (v + 1 - root);
  // m − down = m·(1 − ½v(v + 1 − root)) and 1 − ½v(v + 1) = −½e(e + 3).
  const pu = (-0.5 * e * (e + 3) + 0.5 * v * root) / (v * root);
  return { up, down, pu };
}
