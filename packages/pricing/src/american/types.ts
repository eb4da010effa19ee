import type { BsInput } from '../european/types';

/** A discrete cash dividend paid at `time` (years from today) of `amount` (currency units). */
export interface CashDividend {
  time: number;
  amount: number;
}

/** Inputs of an American option: as {@link BsInput}, plus optional discrete cash dividends. */
export interface AmericanInput extends BsInput {
  dividends?: readonly CashDividend[];
}

export type TreeMethod = 'crr' | 'jr' | 'tian' | 'trigeorgis' | 'leisen-reimer' | 'joshi' | 'trinomial';
export type AmericanMethod = 'fixed-point' | 'qdplus' | TreeMethod | 'fd' | 'lsm' | 'baw' | 'bjerksund-stensland';

/** Options of `americanPrice`; each engine reads the fields that apply to it. */
export interface AmericanOptions {
  /** Pricing method; default `'fixed-point'`. */
  method?: AmericanMethod;
  /**
   * Trees: number of time steps (default 1000; at least 4 with Richardson, 2 without; Leisen-Reimer
   * and Joshi round up to odd). At the defaults every tree is within 1e-3 of qdfp.json.
   */
  steps?: number;
  /**
   * Trees: Richardson extrapolation over steps and steps/2, 2V(n) − V(n/2) (default true; false
   * gives the plain tree). FD: Richardson in space (default true).
   */
  richardson?: boolean;
  /**
   * Trees: Broadie-Detemple smoothing — the last step uses the European value (default true for
   * 'crr', 'jr', 'tian', 'trigeorgis'; false for 'leisen-reimer', 'joshi', 'trinomial', where it
   * adds error).
   */
  smoothing?: boolean;
  /** FD: time steps (default 200); LSM: exercise dates (default 50). */
  timeSteps?: number;
  /** FD: space steps (default 200). */
  spaceSteps?: number;
  /** FD: implicit (Rannacher) damping steps at the start (default 2). */
  dampingSteps?: number;
  /** FD: early-exercise treatment (default 'brennan-schwartz'). */
  exercise?: 'brennan-schwartz' | 'psor';
  /** LSM: number of paths (default 100,000; antithetic pairs count as two). */
  paths?: number;
  /** LSM: seed of the pseudo-random generator or the Sobol scrambling (default 42). */
  seed?: number;
  /** LSM: regression basis (default 'laguerre'). */
  basis?: 'monomial' | 'laguerre';
  /** LSM: regression degree (default 3). */
  degree?: number;
  /** LSM: antithetic variates (default true). */
  antithetic?: boolean;
  /** LSM: 'pseudo' (xoshiro256**) or 'sobol' (Sobol + Brownian bridge); default 'pseudo'. */
  sequence?: 'pseudo' | 'sobol';
  /** LSM: compute the Andersen-Broadie dual upper bound (default false). */
  upperBound?: boolean;
  /** LSM: paths of the upper-bound simulation and nested paths per step (defaults 2,000 and 200). */
  upperBoundPaths?: number;
  nestedPaths?: number;
  /**
   * Fixed-point engine: 'fast' (~1e-3: max 5.4e-4 on the fixtures; 5 nodes, our substitutions —
   * more accurate than QuantLib's fastScheme, QUANTLIB_SCHEMES.fast, at ~0.7x its C++ time); 'accurate' (default,
   * about 1e-6 on the reference set: FP-B where r − q >= 0.001, in put coordinates, since FP-A is
   * unstable there; FP-A otherwise); 'high-precision' (about 2e-8).
   * Bjerksund-Stensland: '1993' (default; one flat boundary, QuantLib's engine) or '2002' (two).
   */
  scheme?: 'fast' | 'accurate' | 'high-precision' | '1993' | '2002';
}

/** Validated, normalised inputs handed to every engine (w = +1 call, -1 put). */
export interface AmericanParams {
  w: 1 | -1;
  spot: number;
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  vol: number;
  dividends: readonly CashDividend[];
}

/** The exercise boundary as data: time to expiry -> critical spot. */
export interface ExerciseBoundary {
  /** Time to expiry τ (years), increasing. */
  time: Float64Array;
  /** Critical spot B(τ): exercise a put when S <= B(τ), a call when S >= B(τ). */
  spot: Float64Array;
}

/** What an engine returns; vega and rho are added by `americanPrice` by bumping the same engine. */
export interface EngineResult {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  /**
   * Vega and rho when the engine computes them itself (LSM: pathwise, on the pricing paths);
   * otherwise `americanPrice` bumps the engine.
   */
  vega?: number;
  rho?: number;
  /** LSM only. */
  stdError?: number;
  upperBound?: number;
  upperBoundStdError?: number;
  boundary?: ExerciseBoundary;
}

export interface AmericanResult extends Omit<EngineResult, 'vega' | 'rho'> {
  vega: number;
  rho: number;
  method: AmericanMethod;
}
