import { ConvergenceError, InvalidInputError } from '../errors/errors';
import { requireFinite, requireInteger, requireNonNegative } from '../validation/validate';

/** Options of {@link adaptiveGaussLobatto}. */
export interface GaussLobattoOptions {
  /** Absolute tolerance on the integral (default 1e-12). */
  tolerance?: number;
  /** Relative tolerance, scaled by the first Kronrod estimate of |∫f| (default 0: absolute only). */
  relativeTolerance?: number;
  /** Cap on evaluations of f (default 100 000); past it a ConvergenceError is thrown. */
  maxEvaluations?: number;
}

/** Result of {@link adaptiveGaussLobattoDetailed}. */
export interface GaussLobattoResult {
  value: number;
  evaluations: number;
  /** Sum over the accepted panels of |I₁ - I₂| (Lobatto 7-point vs 4-point), an upper bound in practice. */
  errorEstimate: number;
}

const ALPHA = Math.sqrt(2 / 3);
const BETA = 1 / Math.sqrt(5);
const X1 = 0.942882415695480;
const X2 = 0.641853342345781;
const X3 = 0.236383199662150;

/**
 * Adaptive Gauss-Lobatto quadrature of Gander & Gautschi (2000), "Adaptive quadrature —
 * revisited", BIT 40: a 13-point Kronrod extension of the 4-point Lobatto rule gives the
 * global size estimate; each panel is accepted when its 4-point and 7-point Gauss-Kronrod-Lobatto
 * values agree within the tolerance, else split into six at the Kronrod nodes. The accepted
 * value is the 7-point one (error far below the |I₁ - I₂| test in practice for smooth f).
 * Throws ConvergenceError (lastIterate = the partial sum) when `maxEvaluations` is exhausted and
 * InvalidInputError for non-finite bounds or values of f.
 */
export function adaptiveGaussLobattoDetailed(
  f: (x: number) => number,
  a: number,
  b: number,
  options: GaussLobattoOptions = {},
): GaussLobattoResult {
  if (typeof f !== 'function') throw new InvalidInputError('f', 'must be a function', f);
  requireFinite('a', a);
  requireFinite('b', b);
  const absTol = options.tolerance === undefined ? 1e-12 : requireNonNegative('tolerance', options.tolerance);
  const relTol =
    options.relativeTolerance === undefined ? 0 : requireNonNegative('relativeTolerance', options.relativeTolerance);
  const maxEval = options.maxEvaluations === undefined ? 100_000 : requireInteger('maxEvaluations', options.maxEvaluations, 13);
  if (!(absTol > 0 || relTol > 0)) throw new InvalidInputError('tolerance', 'tolerance or relativeTolerance must be > 0', absTol);
  if (a === b) return { value: 0, evaluations: 0, errorEstimate: 0 };
  if (b < a) {
    const r = adaptiveGaussLobattoDetailed(f, b, a, options);
    return { ...r, value: -r.value };
  }
  let evals = 0;
  const F = (x: number): number => {
    const y = f(x);
    evals++;
    if (!Number.isFinite(y)) throw new InvalidInputError('f', `returned a non-finite value at x = ${x}`, y);
    return y;
  };
  const m = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fa = F(a);
  const fb = F(b);
  const y = [fa, F(m - X1 * h), F(m - ALPHA * h), F(m - X2 * h), F(m - BETA * h), F(m - X3 * h), F(m),
    F(m + X3 * h), F(m + BETA * h), F(m + X2 * h), F(m + ALPHA * h), F(m + X1 * h), fb] as const;
  const kronrod =
    (h *
      (0.0158271919734802 * (y[0] + y[12]) +
        0.0942738402188500 * (y[1] + y[11]) +
        0.155071987336585 * (y[2] + y[10]) +
        0.188821573960182 * (y[3] + y[9]) +
        0.199773405226859 * (y[4] + y[8]) +
        0.224926465333340 * (y[5] + y[7]) +
        0.242611071901408 * y[6]));
  const tol = Math.max(absTol, relTol * Math.abs(kronrod));
  let errSum = 0;
  let partial = 0;
  const step = (lo: number, hi: number, flo: number, fhi: number, depth: number): number => {
    const hh = 0.5 * (hi - lo);
    const mm = 0.5 * (lo + hi);
    const mll = mm - ALPHA * hh;
    const ml = mm - BETA * hh;
    const mr = mm + BETA * hh;
    const mrr = mm + ALPHA * hh;
    if (evals + 5 > maxEval) {
      throw new ConvergenceError(
        `adaptiveGaussLobatto: ${maxEval} evaluations did not reach tolerance ${tol}`,
        evals,
        partial,
      );
    }
    const fmll = F(mll);
    const fml = F(ml);
    const fm = F(mm);
    const fmr = F(mr);
    const fmrr = F(mrr);
    const i2 = (hh / 6) * (flo + fhi + 5 * (fml + fmr));
    const i1 = (hh / 1470) * (77 * (flo + fhi) + 432 * (fmll + fmrr) + 625 * (fml + fmr) + 672 * fm);
    const diff = Math.abs(i1 - i2);
    if (diff <= tol || !(mll > lo) || !(hi > mrr) || depth > 60) {
      errSum += diff;
      partial += i1;
      return i1;
    }
    return (
      step(lo, mll, flo, fmll, depth + 1) +
      step(mll, ml, fmll, fml, depth + 1) +
      step(ml, mm, fml, fm, depth + 1) +
      step(mm, mr, fm, fmr, depth + 1) +
      step(mr, mrr, fmr, fmrr, depth + 1) +
      step(mrr, hi, fmrr, fhi, depth + 1)
    );
  };
  const value = step(a, b, fa, fb, 0);
  return { value, evaluations: evals, errorEstimate: errSum };
}

/** ∫ₐᵇ f(x) dx by {@link adaptiveGaussLobattoDetailed}; returns the value only. */
export function adaptiveGaussLobatto(
  f: (x: number) => number,
  a: number,
  b: number,
  options: GaussLobattoOptions = {},
): number {
  return adaptiveGaussLobattoDetailed(f, a, b, options).value;
}
