import type { BinomialLattice, LatticeInputs } from './lattice';

/**
 * Cox, Ross & Rubinstein (1979): up = e^{σ√dt}, down = 1/up, and the martingale probability
 * pu = (e^{(r−q)dt} − down)/(up − down), so the discounted tree price of the stock is exact.
 * (QuantLib's CoxRossRubinstein uses the additive pu = ½ + ½(r−q−σ²/2)dt/(σ√dt); the two agree
 * to O(dt^{3/2}) per step.) pu leaves (0, 1) when |r−q|√dt > σ; the engine then falls back.
 */
export function crrLattice(a: LatticeInputs): BinomialLattice {
  const dt = a.expiry / a.steps;
  const dx = a.vol * Math.sqrt(dt);
  const up = Math.exp(dx);
  const down = Math.exp(-dx);
  // (e^{m} − e^{−dx}) / (e^{dx} − e^{−dx}) with expm1 so that pu keeps its digits when dx is small.
  const pu = (Math.expm1((a.rate - a.dividendYield) * dt) - Math.expm1(-dx)) / (2 * Math.sinh(dx));
  return { up, down, pu };
}
