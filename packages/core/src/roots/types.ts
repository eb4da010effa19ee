import { InvalidInputError } from '../errors/errors';
import { requireInteger, requireNonNegative } from '../validation/validate';

/** Stopping rules shared by the root finders. */
export interface RootOptions {
  /**
   * Absolute tolerance on the root, default 1e-12. The finders stop when the bracket (Brent) or
   * the last step (Newton, Halley) is within xTol + 4·eps·|x|, so the default is met to about
   * machine precision for roots of order 1e-4 and larger.
   */
  xTol?: number;
  /** Stop as soon as |f(x)| <= fTol. Default 0 (only an exact zero stops early). */
  fTol?: number;
  /** Iteration cap (each iteration evaluates f once), default 200. Exhausting it throws ConvergenceError. */
  maxIterations?: number;
}

/** The outcome of a root search. */
export interface RootResult {
  /** The root found. */
  root: number;
  /** Iterations used (function evaluations after the initial ones). */
  iterations: number;
  /** True when a stopping rule was met (the finders throw ConvergenceError rather than return false). */
  converged: boolean;
  /** f(root). */
  fRoot: number;
}

/** Options after defaults and validation. */
export interface ResolvedRootOptions {
  xTol: number;
  fTol: number;
  maxIterations: number;
}

export const DEFAULT_X_TOL = 1e-12;
export const DEFAULT_MAX_ITERATIONS = 200;
export const EPS = 2.220446049250313e-16;

/** Validates the common options (InvalidInputError names the option) and applies defaults. */
export function resolveRootOptions(options: RootOptions | undefined): ResolvedRootOptions {
  if (options === undefined) return { xTol: DEFAULT_X_TOL, fTol: 0, maxIterations: DEFAULT_MAX_ITERATIONS };
  if (typeof options !== 'object' || options === null) throw new InvalidInputError('options', 'must be an object', options);
  return {
    xTol: options.xTol === undefined ? DEFAULT_X_TOL : requireNonNegative('xTol', options.xTol),
    fTol: options.fTol === undefined ? 0 : requireNonNegative('fTol', options.fTol),
    maxIterations:
      options.maxIterations === undefined ? DEFAULT_MAX_ITERATIONS : requireInteger('maxIterations', options.maxIterations, 1),
  };
}

/** Evaluates f and rejects a non-number or NaN (a silent NaN would derail the iteration). */
export function evaluate(f: (x: number) => number, x: number, name = 'f'): number {
  const y = f(x);
  if (typeof y !== 'number' || Number.isNaN(y)) {
    throw new InvalidInputError(name, `returned ${String(y)} at x = ${x}`, y);
  }
  return y;
}

/** Checks that `f` is callable. */
export function requireFunction(field: string, f: unknown): void {
  if (typeof f !== 'function') throw new InvalidInputError(field, 'must be a function', typeof f);
}
