import { ConvergenceError, InvalidInputError, NoSolutionError } from '../errors/errors';
import { requireFinite } from '../validation/validate';
import { EPS, evaluate, requireFunction, resolveRootOptions, type RootOptions, type RootResult } from './types';

/**
 * Root of f in [lo, hi] by Brent's method (R. P. Brent, "Algorithms for Minimization without
 * Derivatives", 1973, ch. 4; the `zbrent` form of Numerical Recipes §9.3): inverse quadratic
 * interpolation or secant steps, with a bisection whenever they would not shrink the bracket fast
 * enough. Guaranteed to converge for a continuous f that changes sign on [lo, hi], in at most
 * about twice the iterations of plain bisection.
 *
 * @throws InvalidInputError for non-finite or unordered bounds, a non-function f, or f returning NaN.
 * @throws NoSolutionError('not-bracketed') when f(lo) and f(hi) have the same (non-zero) sign.
 * @throws ConvergenceError when maxIterations is exhausted.
 */
export function brent(f: (x: number) => number, lo: number, hi: number, options?: RootOptions): RootResult {
  requireFunction('f', f);
  requireFinite('lo', lo);
  requireFinite('hi', hi);
  if (!(lo < hi)) throw new InvalidInputError('hi', 'must be > lo', hi);
  const { xTol, fTol, maxIterations } = resolveRootOptions(options);

  let a = lo;
  let b = hi;
  let fa = evaluate(f, a);
  let fb = evaluate(f, b);
  if (fa === 0 || Math.abs(fa) <= fTol) return { root: a, iterations: 0, converged: true, fRoot: fa };
  if (fb === 0 || Math.abs(fb) <= fTol) return { root: b, iterations: 0, converged: true, fRoot: fb };
  if ((fa > 0 && fb > 0) || (fa < 0 && fb < 0)) {
    throw new NoSolutionError(
      'not-bracketed',
      `brent: f(lo) = ${fa} and f(hi) = ${fb} have the same sign; choose lo and hi with f(lo) and f(hi) of opposite signs`,
    );
  }

  let c = b;
  let fc = fb;
  let d = 0;
  let e = 0;
  for (let iter = 1; iter <= maxIterations; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      // Keep the root between b and c.
      c = a;
      fc = fa;
      e = d = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      // b is always the best estimate so far.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * xTol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0 || Math.abs(fb) <= fTol) {
      return { root: b, iterations: iter - 1, converged: true, fRoot: fb };
    }
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Attempt inverse quadratic interpolation (secant when a == c).
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      const min1 = 3 * xm * q - Math.abs(tol1 * q);
      const min2 = Math.abs(e * q);
      if (2 * p < Math.min(min1, min2)) {
        // Accept the interpolation.
        e = d;
        d = p / q;
      } else {
        // Interpolation failed: bisect.
        d = xm;
        e = d;
      }
    } else {
      // Bounds shrinking too slowly: bisect.
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm >= 0 ? tol1 : -tol1;
    fb = evaluate(f, b);
  }
  throw new ConvergenceError(
    `brent: no convergence to xTol = ${xTol} in ${maxIterations} iterations (last bracket [${Math.min(b, c)}, ${Math.max(b, c)}])`,
    maxIterations,
  );
}
