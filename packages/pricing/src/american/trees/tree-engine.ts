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
import { strikeAlignedGrid, trinomialLattice } from './trinomial';
import type { TrinomialGrid } from './trinomial';
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

/**
 * Default Broadie-Detemple smoothing per tree: on where it makes the error smooth in n (so that
 * Richardson removes its leading term), off for Leisen-Reimer, Joshi and the trinomial, whose
 * grids already resolve the strike (centred on it, or aligned with it) and which the smoothing
 * makes less accurate (qdfp.json at the defaults: trinomial max error 1.2e-4 without, 2.0e-4 with).
 */
const SMOOTHING_DEFAULT: Record<TreeMethod, boolean> = {
  crr: true,
  jr: true,
  tian: true,
  trigeorgis: true,
  'leisen-reimer': false,
  joshi: false,
  trinomial: false,
};

function resolveSteps(o: AmericanOptions, method: TreeMethod, richardson: boolean): number {
  const raw = o.steps ?? TREE_DEFAULT_STEPS;
  const min = richardson ? 2 * TREE_MIN_STEPS : TREE_MIN_STEPS;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > TREE_MAX_STEPS) {
    const why = richardson
      ? ` with richardson (the default; the coarse tree of steps/2 needs >= ${TREE_MIN_STEPS}; richardson: false allows ${TREE_MIN_STEPS})`
      : '';
    throw new InvalidInputError('options.steps', `must be an integer >= ${min}${why} and <= ${TREE_MAX_STEPS}`, raw);
  }
  return ODD_STEPS.has(method) && raw % 2 === 0 ? raw + 1 : raw;
}

function requireFlag(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidInputError(field, 'must be a boolean', value);
  return value;
}

/** The induction inputs and lattice inputs of a tree at `steps` steps. */
function setUp(p: AmericanParams, steps: number, smoothing: boolean): { spec: TreeSpec; inputs: LatticeInputs } {
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
  return { spec, inputs };
}

/** One binomial tree at `steps` steps. */
function runBinomial(p: AmericanParams, method: Exclude<TreeMethod, 'trinomial'>, steps: number, smoothing: boolean, wantBoundary: boolean): EngineResult {
  const { spec, inputs } = setUp(p, steps, smoothing);
  const x0 = inputs.x0;
  let lattice = BINOMIAL[method](inputs);
  // A parametrisation whose probabilities leave (0, 1) (CRR, Tian when |r − q|√dt > σ; Leisen-
  // Reimer and Joshi when |d2| is huge, e.g. vol → 0) falls back to Trigeorgis, valid for all σ > 0.
  if (!isValidLattice(lattice)) lattice = trigeorgisLattice(inputs);
  requireSpan((steps + 2) * Math.max(Math.abs(Math.log(lattice.up)), Math.abs(Math.log(lattice.down))), x0, steps);
  return binomialInduction(spec, lattice, wantBoundary);
}

/**
 * The trinomial price at `steps` steps (and at `coarse` steps for Richardson): the average of the
 * strike-aligned trees with the strike on a node and midway between two nodes (trinomial.ts,
 * strikeAlignedGrid). The error of one aligned tree still oscillates with the position of the
 * exercise boundary between the nodes (period one space step: ±1e-3 at 1000 steps on qdfp.json);
 * the half-step shift flips the sign of that oscillation's first harmonic, as the alternating
 * levels of a binomial tree do, and the average keeps a smooth O(1/n) error that Richardson
 * removes. Where an aligned grid is invalid (tiny σ, huge drift) both step counts use the
 * clamped σ√(3dt) tree centred on the spot. The boundary is that of the unshifted fine tree.
 */
function runTrinomial(
  p: AmericanParams,
  steps: number,
  coarse: number | undefined,
  smoothing: boolean,
  wantBoundary: boolean,
): { fine: EngineResult; coarse: EngineResult | undefined } {
  const f = setUp(p, steps, smoothing);
  const c = coarse === undefined ? undefined : setUp(p, coarse, smoothing);
  const aligned = (s: { inputs: LatticeInputs }) => {
    const on = strikeAlignedGrid(s.inputs, 0);
    const mid = strikeAlignedGrid(s.inputs, 0.5);
    return on === undefined || mid === undefined ? undefined : ([on, mid] as const);
  };
  const fineGrids = aligned(f);
  const coarseGrids = c === undefined ? undefined : aligned(c);
  const useAligned = fineGrids !== undefined && (c === undefined || coarseGrids !== undefined);
  const run = (s: { spec: TreeSpec; inputs: LatticeInputs }, grids: readonly [TrinomialGrid, TrinomialGrid] | undefined, boundary: boolean): EngineResult => {
    const x0 = s.inputs.x0;
    const span = (g: TrinomialGrid) => (s.spec.steps + g.halfWidth) * g.lattice.dx + Math.abs(Math.log(g.centre / x0));
    if (!useAligned || grids === undefined) {
      const g: TrinomialGrid = { lattice: trinomialLattice(s.inputs), centre: x0, halfWidth: 1 };
      requireSpan(span(g), x0, s.spec.steps);
      return trinomialInduction(s.spec, g, boundary);
    }
    requireSpan(Math.max(span(grids[0]), span(grids[1])), x0, s.spec.steps);
    const a = trinomialInduction(s.spec, grids[0], boundary);
    const b = trinomialInduction(s.spec, grids[1], false);
    const r: EngineResult = {
      price: 0.5 * (a.price + b.price),
      delta: 0.5 * (a.delta + b.delta),
      gamma: 0.5 * (a.gamma + b.gamma),
      theta: 0.5 * (a.theta + b.theta),
    };
    if (a.boundary !== undefined) r.boundary = a.boundary;
    return r;
  };
  return { fine: run(f, fineGrids, wantBoundary), coarse: c === undefined ? undefined : run(c, coarseGrids, false) };
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

/**
 * Steps of the coarse tree of the Richardson pair: ⌊n/2⌋ (odd for Leisen-Reimer and Joshi). The
 * trinomial's coarse grid has the same stretch λ and strike alignment as the fine one (trinomial.ts).
 */
function coarseSteps(n: number, method: TreeMethod): number {
  const h = Math.floor(n / 2);
  return ODD_STEPS.has(method) && h % 2 === 0 ? h + 1 : h;
}

/**
 * American option on a binomial or trinomial tree (QuantLib BinomialVanillaEngine with the
 * lattices of ql/methods/lattices/binomialtree.hpp; see each lattice file).
 *
 * - `options.steps` (default 1000; integer in [2, 100000], at least 4 with Richardson; Leisen-
 *   Reimer and Joshi round up to odd).
 * - `options.smoothing` (default true; false for Leisen-Reimer, Joshi, trinomial): Broadie & Detemple
 *   (1996) BBS — the values one step before expiry are the Black-Scholes European prices over the
 *   last step, then the max with exercise.
 * - `options.richardson` (default true): two-point Richardson extrapolation over n and
 *   h = ⌊n/2⌋ (odd for LR and Joshi), V = (n·V(n) − h·V(h))/(n − h), i.e. 2V(n) − V(n/2), the
 *   same for every tree and applied to delta, gamma and theta too. For American
 *   options all trees converge at first order (the exercise boundary; Leisen-Reimer and Joshi
 *   lose their European second order), and with a smooth O(1/n) error (LR, Joshi, BBS, the
 *   strike-aligned trinomial) this removes the leading term: BBS + Richardson is Broadie-
 *   Detemple's BBSR. Oscillating trees (CRR, JR, Tian, Trigeorgis without smoothing) gain little.
 *   Measured on the 150 cases of qdfp.json at the defaults (1000 steps): max error below 1e-3
 *   for every tree (see test/american/trees/fixture.test.ts).
 * - The trinomial averages two strike-aligned grids (strike on a node, strike midway between two
 *   nodes) of a fixed stretch λ = √(3/2): see runTrinomial and trinomial.ts.
 * - Cash dividends by the escrowed-dividend model (see escrowed-dividends.ts); the continuous
 *   `dividendYield` always applies.
 *
 * Price, delta and gamma are read at t = 0 on a tree extended two steps (trinomial: one or two)
 * back in time (Pelsser & Vorst 1994): central differences around the spot (the trinomial's
 * aligned grids: the quartic through the five nodes around it, the quadratic through three
 * where the exercise boundary lies among them). theta compares the value at the spot two steps
 * later with the price. With Richardson, a spot the fine tree exercises returns the fine tree,
 * the price is floored at the exercise value and delta/gamma are projected onto their bounds
 * (see withinBounds). The boundary (when asked) is read off every level of the fine tree.
 */
export function treeEngine(p: AmericanParams, o: AmericanOptions, method: TreeMethod, wantBoundary: boolean): EngineResult {
  const richardson = requireFlag('options.richardson', o.richardson, true);
  const smoothing = requireFlag('options.smoothing', o.smoothing, SMOOTHING_DEFAULT[method]);
  const n = resolveSteps(o, method, richardson);
  const h = richardson ? coarseSteps(n, method) : undefined;
  let fine: EngineResult;
  let coarse: EngineResult | undefined;
  if (method === 'trinomial') {
    ({ fine, coarse } = runTrinomial(p, n, h, smoothing, wantBoundary));
  } else {
    fine = runBinomial(p, method, n, smoothing, wantBoundary);
    coarse = h === undefined ? undefined : runBinomial(p, method, h, smoothing, false);
  }
  if (coarse === undefined || h === undefined) return fine;
  // Where the fine tree exercises at the spot, a coarse tree that does not would extrapolate the
  // greeks across the exercise boundary (a delta beyond ±1, a negative gamma): keep the fine tree.
  const exercise = Math.max(p.w * (p.spot - p.strike), 0);
  if (exercise > 0 && fine.price <= exercise + 1e-12 * p.strike) return fine;
  const a = n / (n - h);
  const b = h / (n - h);
  // The extrapolation of two prices >= the exercise value can still fall below it (near the
  // boundary); the option can always be exercised now, so the price is floored there.
  const result: EngineResult = {
    price: Math.max(a * fine.price - b * coarse.price, exercise),
    delta: a * fine.delta - b * coarse.delta,
    gamma: a * fine.gamma - b * coarse.gamma,
    theta: a * fine.theta - b * coarse.theta,
  };
  if (fine.boundary !== undefined) result.boundary = fine.boundary;
  return withinBounds(result, p.w);
}

/**
 * Projects extrapolated greeks onto the bounds every American price obeys (Merton 1973: the price
 * is convex in the spot with slope between 0 and w): 2X(n) − X(n/2) can leave them next to the
 * exercise boundary at small step counts (measured: delta 1.0004, gamma −2e-4 at 100 steps, σ = 8%).
 */
function withinBounds(r: EngineResult, w: 1 | -1): EngineResult {
  const lo = w === 1 ? 0 : -1;
  const hi = w === 1 ? 1 : 0;
  if (r.delta < lo) r.delta = lo;
  if (r.delta > hi) r.delta = hi;
  if (r.gamma < 0) r.gamma = 0;
  return r;
}
