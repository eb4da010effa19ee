/**
 * Binomial lattice parametrisations (QuantLib ql/methods/lattices/binomialtree.{hpp,cpp}).
 *
 * Node (k, j) of a recombining binomial tree started at x0 is x0 · up^j · down^(k−j); one step
 * moves up with probability `pu`. Every parametrisation is a pure function of the inputs below.
 */

/** The inputs a lattice parametrisation may use (the tree process is lognormal with yield q). */
export interface LatticeInputs {
  /** Value of the tree process at t = 0 (spot, or spot minus the PV of cash dividends). */
  x0: number;
  /** Strike the terminal payoff sees (Leisen-Reimer and Joshi centre the tree on it). */
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  vol: number;
  /** Time steps over [0, expiry]. */
  steps: number;
}

/** One step of a binomial tree: multiplicative moves and the up probability. */
export interface BinomialLattice {
  up: number;
  down: number;
  pu: number;
}

/** A parametrisation; it returns `undefined` when its formulas break down (e.g. vol → 0). */
export type BinomialLatticeFactory = (a: LatticeInputs) => BinomialLattice | undefined;

/** True when the step is a proper lattice: finite, 0 < down < up, 0 < pu < 1. */
export function isValidLattice(l: BinomialLattice | undefined): l is BinomialLattice {
  return (
    l !== undefined &&
    Number.isFinite(l.up) &&
    Number.isFinite(l.down) &&
    l.down > 0 &&
    l.up > l.down &&
    l.pu > 0 &&
    l.pu < 1
  );
}

/** Drift of ln x per unit time under the risk-neutral measure: r − q − σ²/2. */
export function logDrift(a: LatticeInputs): number {
  return a.rate - a.dividendYield - 0.5 * a.vol * a.vol;
}
