import { ConvergenceError, InvalidInputError, NoSolutionError } from '../errors/errors';
import { requireFinite } from '../validation/validate';
import { EPS, evaluate, requireFunction, resolveRootOptions, type RootOptions, type RootResult } from './types';

/** Root options plus an optional bracket [lo, hi] that safeguards the iteration. */
export interface SafeguardedRootOptions extends RootOptions {
  /** Lower end of a bracket (give both lo and hi, with f(lo), f(hi) of opposite signs). */
  lo?: number;
  /** Upper end of a bracket. */
  hi?: number;
}

/** f, f', f'' at a point, as returned by the function given to {@link halley}. */
export type ValueAndDerivatives = readonly [number, number, number] | ArrayLike<number>;

interface State {
  f: number;
  d1: number;
  d2: number;
}

/**
 * Newton's method for f(x) = 0 from x0.
 *
 * With a bracket (`lo`, `hi`) it is Numerical Recipes' `rtsafe` (§9.4): the bracket is kept and
 * shrunk with every evaluation, and a bisection replaces any Newton step that would leave it or
 * that does not halve the step before last, so it converges whenever f is continuous and
 * changes sign on [lo, hi]. Without a bracket it is the plain iteration, which throws
 * ConvergenceError if f' vanishes, the iterate diverges, or maxIterations is exhausted.
 *
 * @throws InvalidInputError for bad x0, bounds or options, or f / df returning NaN.
 * @throws NoSolutionError('not-bracketed') when f(lo) and f(hi) have the same sign.
 * @throws ConvergenceError when the iteration fails to converge in maxIterations.
 */
export function newton(
  f: (x: number) => number,
  df: (x: number) => number,
  x0: number,
  options?: SafeguardedRootOptions,
): RootResult {
  requireFunction('f', f);
  requireFunction('df', df);
  const evalAt = (x: number, s: State): void => {
    s.f = evaluate(f, x, 'f');
    s.d1 = evaluate(df, x, 'df');
  };
  return solve('newton', evalAt, (x) => evaluate(f, x, 'f'), x0, options, false);
}

/**
 * Halley's method (third-order; e.g. Press et al., Numerical Recipes §9.4) from x0, with the
 * same bracket safeguard as {@link newton}. `fdd(x)` returns [f(x), f'(x), f''(x)]. The step is
 * 2 f f' / (2 f'^2 - f f''); where that denominator is not positive the Newton step is used.
 */
export function halley(
  fdd: (x: number) => ValueAndDerivatives,
  x0: number,
  options?: SafeguardedRootOptions,
): RootResult {
  requireFunction('fdd', fdd);
  const call = (x: number): ArrayLike<number> => {
    const r = fdd(x);
    if (r === null || typeof r !== 'object' || !(r.length >= 3)) {
      throw new InvalidInputError('fdd', `must return [f, f', f''] (at x = ${x})`, r);
    }
    for (let i = 0; i < 3; i++) {
      if (typeof r[i] !== 'number' || Number.isNaN(r[i])) {
        throw new InvalidInputError('fdd', `returned ${String(r[i])} for ${['f', "f'", "f''"][i]} at x = ${x}`, r[i]);
      }
    }
    return r;
  };
  const evalAt = (x: number, s: State): void => {
    const r = call(x);
    s.f = r[0];
    s.d1 = r[1];
    s.d2 = r[2];
  };
  return solve('halley', evalAt, (x) => call(x)[0], x0, options, true);
}

function solve(
  name: string,
  evalAt: (x: number, s: State) => void,
  fOnly: (x: number) => number,
  x0: number,
  options: SafeguardedRootOptions | undefined,
  useHalley: boolean,
): RootResult {
  requireFinite('x0', x0);
  const { xTol, fTol, maxIterations } = resolveRootOptions(options);
  const lo = options?.lo;
  const hi = options?.hi;
  const bracketed = lo !== undefined || hi !== undefined;

  // Bracket state: xl has f < 0, xh has f > 0 (rtsafe's orientation).
  let xl = 0;
  let xh = 0;
  let width = Infinity;
  if (bracketed) {
    if (lo === undefined) throw new InvalidInputError('lo', 'must be given together with hi', lo);
    if (hi === undefined) throw new InvalidInputError('hi', 'must be given together with lo', hi);
    requireFinite('lo', lo);
    requireFinite('hi', hi);
    if (!(lo < hi)) throw new InvalidInputError('hi', 'must be > lo', hi);
    if (!(x0 >= lo && x0 <= hi)) throw new InvalidInputError('x0', `must be in [lo, hi] = [${lo}, ${hi}]`, x0);
    const fl = fOnly(lo);
    const fh = fOnly(hi);
    if (fl === 0 || Math.abs(fl) <= fTol) return { root: lo, iterations: 0, converged: true, fRoot: fl };
    if (fh === 0 || Math.abs(fh) <= fTol) return { root: hi, iterations: 0, converged: true, fRoot: fh };
    if ((fl > 0 && fh > 0) || (fl < 0 && fh < 0)) {
      throw new NoSolutionError(
        'not-bracketed',
        `${name}: f(lo) = ${fl} and f(hi) = ${fh} have the same sign; choose lo and hi with f(lo) and f(hi) of opposite signs`,
      );
    }
    width = hi - lo;
    if (fl < 0) {
      xl = lo;
      xh = hi;
    } else {
      xl = hi;
      xh = lo;
    }
  }

  const s: State = { f: 0, d1: 0, d2: 0 };
  let x = x0;
  evalAt(x, s);
  let dx = width; // the last step
  let dxOld = dx; // the step before last

  for (let iter = 1; iter <= maxIterations; iter++) {
    if (s.f === 0 || Math.abs(s.f) <= fTol) return { root: x, iterations: iter - 1, converged: true, fRoot: s.f };
    if (bracketed) {
      if (s.f < 0) xl = x;
      else xh = x;
    }

    let step = s.f / s.d1;
    if (useHalley) {
      const denom = 1 - (s.f * s.d2) / (2 * s.d1 * s.d1);
      if (denom > 0 && Number.isFinite(denom)) step /= denom;
    }

    const tol = xTol + 4 * EPS * Math.abs(x);
    if (bracketed) {
      const xNew = x - step;
      const inside = xl < xh ? xNew > xl && xNew < xh : xNew > xh && xNew < xl;
      dxOld = dx;
      if (!Number.isFinite(step) || !inside || Math.abs(2 * step) > Math.abs(dxOld)) {
        // The step leaves the bracket or is not shrinking fast enough: bisect.
        dx = 0.5 * (xh - xl);
        const mid = xl + dx;
        if (mid === xl || mid === xh) return { root: x, iterations: iter - 1, converged: true, fRoot: s.f };
        x = mid;
      } else {
        dx = step;
        if (xNew === x) return { root: x, iterations: iter - 1, converged: true, fRoot: s.f };
        x = xNew;
      }
    } else {
      if (!Number.isFinite(step)) {
        throw new ConvergenceError(
          `${name}: the derivative vanished at x = ${x}; give a bracket { lo, hi } to safeguard the iteration`,
          iter - 1,
        );
      }
      dx = step;
      x -= step;
      if (!Number.isFinite(x)) {
        throw new ConvergenceError(`${name}: the iteration diverged; give a bracket { lo, hi } or a better x0`, iter);
      }
    }
    evalAt(x, s);
    // Converged when the last step (or half the bracket after a bisection) is within tolerance.
    if (Math.abs(dx) <= tol) return { root: x, iterations: iter, converged: true, fRoot: s.f };
  }
  throw new ConvergenceError(`${name}: no convergence to xTol = ${xTol} in ${maxIterations} iterations (last x = ${x})`, maxIterations);
}
