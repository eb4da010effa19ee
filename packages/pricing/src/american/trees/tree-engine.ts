import { InvalidInputError } from '@quantforge/core';
import type { AmericanOptions, AmericanParams, EngineResult, TreeMethod } from '../types';
import { binomialInduction } from './binomial-induction';
import { crrLattice } from './crr';
import { escrowedDividends } from './escrowed-dividends';
import { jarrowRuddLattice } from './jarrow-rudd';
import { joshiLattice } from './joshi';
import { isValidLattice } from './lattice';
import type { BinomialLatticeFactory, LatticeInputs } from './lattice';
import { leisenReimerLattice } from './leisen-reimer';
import { tianLattice } from './tian';
import { trigeorgisLattice } from './trigeorgis';
import { trinomialInduction } from './trinomial-induction';
import { trinomialLattice } from './trinomial';
import type { TreeSpec } from './tree-spec';

/** Default number of time steps (Leisen-Reimer and Joshi use the next odd number, 1001). */
export const TREE_DEFAULT_STEPS = 1000;
/** Fewest steps a tree accepts (Pelsser-Vorst extension and theta read at step 2). */
export const TREE_MIN_STEPS = 2;
/** Most steps a tree accepts: bounds the O(n²) work (~5·10⁹ node updates, seconds) and O(n) memory. */
export const TREE_MAX_STEPS = 100_000;

const BINOMIAL: Record<Exclude<TreeMethod, 'trinomial'>, BinomialLatticeFactory> = {
  crr: crrLattice,
  jr: jarrowRuddLattice,
  tian: tianLattice,
  trigeorgis: trigeorgisLattice,
  'leisen-reimer': leisenReimerLattice,
  joshi: joshiLattice,
};

const ODD_STEPS: ReadonlySet<TreeMethod> = new Set(['leisen-reimer', 'joshi']);

function resolveSteps(o: AmericanOptions, method: TreeMethod, richardson: boolean): number {
  const raw = o.steps ?? TREE_DEFAULT_STEPS;
  const min = richardson ? 2 * TREE_MIN_STEPS : TREE_MIN_STEPS;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > TREE_MAX_STEPS) {
    const why = richardson ? ` with richardson (the half tree needs >= ${TREE_MIN_STEPS})` : '';
    throw new InvalidInputError('options.steps', `must be an integer >= ${min}${why} and <= ${TREE_MAX_STEPS}`, raw);
  }
  return ODD_STEPS.has(method) && raw % 2 === 0 ? raw + 1 : raw;
}

function requireFlag(field: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidInputError(field, 'must be a boolean', value);
  return value;
}

/** One tree at `steps` steps. */
function runTree(p: AmericanParams, method: TreeMethod, steps: number, smoothing: boolean, wantBoundary: boolean): EngineResult {
  const { x0, strikeAt } = escrowedDividends(p, steps);
  const spec: TreeSpec = {
    w: p.w,
    strike: p.strike,
    x0,
    steps,
    expiry: p.expiry,
    rate: p.rate,
    dividendYield: p.dividendYield,
    vol: p.vol,
    strikeAt,
    smoothing,
  };
  const inputs: LatticeInputs = {
    x0,
    strike: strikeAt[steps],
    expiry: p.expiry,
    rate: p.rate,
    dividendYield: p.dividendYield,
    vol: p.vol,
    steps,
  };
  if (method === 'trinomial') {
    const t = trinomialLattice(inputs);
    requireSpan((steps + 1) * t.dx, x0, steps);
    return trinomialInduction(spec, t, wantBoundary);
  }
  let lattice = BINOMIAL[method](inputs);
  // A parametrisation whose probabilities leave (0, 1) (CRR, Tian when |r − q|√dt > σ; Leisen-
  // Reimer and Joshi when |d2| is huge, e.g. vol → 0) falls back to Trigeorgis, valid for all σ > 0.
  if (!isValidLattice(lattice)) lattice = trigeorgisLattice(inputs);
  requireSpan((steps + 2) * Math.max(Math.abs(Math.log(lattice.up)), Math.abs(Math.log(lattice.down))), x0, steps);
  return binomialInduction(spec, lattice, wantBoundary);
}

/**
 * The extreme nodes x0·e^{±span} must stay inside the double range (else they would underflow to
 * 0 or overflow to ∞ and corrupt the whole level): about σ·√(T·n) <= 700, which only very high
 * σ·√T with many steps breaks (σ√T = 10 allows ~4900 CRR steps), or, for the trees whose nodes
 * follow the drift (JR, Trigeorgis, trinomial, ...), a drift |r − q − σ²/2|·T near 700.
 */
function requireSpan(span: number, x0: number, steps: number): void {
  if (!(span + Math.abs(Math.log(x0)) < 700)) {
    throw new InvalidInputError(
      'options.steps',
      'is too large for this vol, drift and expiry: the tree would span beyond the double range (~σ·√(T·steps) or |r − q − σ²/2|·T above 700); use fewer steps or another method',
      steps,
    );
  }
}

/** Steps of the coarse tree of the Richardson pair (odd for Leisen-Reimer and Joshi). */
function halfSteps(n: number, method: TreeMethod): number {
  const h = Math.floor(n / 2);
  return ODD_STEPS.has(method) && h % 2 === 0 ? h + 1 : h;
}

/**
 * American option on a binomial or trinomial tree (QuantLib BinomialVanillaEngine with the
 * lattices of ql/methods/lattices/binomialtree.hpp; see each lattice file).
 *
 * - `options.steps` (default 1000; integer in [2, 100000]; Leisen-Reimer and Joshi round up to odd).
 * - `options.smoothing`: Broadie & Detemple (1996) BBS — the values one step before expiry are the
 *   Black-Scholes European prices over the last step, then the max with exercise.
 * - `options.richardson`: two-point Richardson extrapolation over n and h = ⌊n/2⌋ (odd for LR and
 *   Joshi), V = (n·V(n) − h·V(h))/(n − h), i.e. 2V(n) − V(n/2) — the same for every tree and
 *   applied to delta, gamma and theta too. For American options all trees converge at first order
 *   (the exercise boundary; Leisen-Reimer and Joshi lose their European second order), and with
 *   a smooth O(1/n) error (LR, Joshi, BBS, trinomial) this removes the leading term: BBS +
 *   Richardson is Broadie-Detemple's BBSR. Oscillating trees (CRR, JR, Tian, Trigeorgis without
 *   smoothing) gain little from it.
 * - Cash dividends by the escrowed-dividend model (see escrowed-dividends.ts); the continuous
 *   `dividendYield` always applies.
 *
 * Price, delta and gamma are read at t = 0 on a tree extended two steps (trinomial: one) back in
 * time (Pelsser & Vorst 1994): central differences around the spot. theta compares the value at
 * the spot two steps later with the price. The boundary (when asked) is read off every level.
 */
export function treeEngine(p: AmericanParams, o: AmericanOptions, method: TreeMethod, wantBoundary: boolean): EngineResult {
  const richardson = requireFlag('options.richardson', o.richardson);
  const smoothing = requireFlag('options.smoothing', o.smoothing);
  const n = resolveSteps(o, method, richardson);
  const fine = runTree(p, method, n, smoothing, wantBoundary);
  if (!richardson) return fine;
  const h = halfSteps(n, method);
  const coarse = runTree(p, method, h, smoothing, false);
  const a = n / (n - h);
  const b = h / (n - h);
  const result: EngineResult = {
    price: a * fine.price - b * coarse.price,
    delta: a * fine.delta - b * coarse.delta,
    gamma: a * fine.gamma - b * coarse.gamma,
    theta: a * fine.theta - b * coarse.theta,
  };
  if (fine.boundary !== undefined) result.boundary = fine.boundary;
  return result;
}
