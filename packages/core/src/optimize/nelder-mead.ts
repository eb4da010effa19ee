/**
 * Unconstrained minimisation by the Nelder-Mead downhill simplex (Nelder & Mead 1965), with the
 * standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½) and the ordering and
 * tie-breaking rules of Lagarias, Reeds, Wright & Wright (1998), "Convergence properties of the
 * Nelder-Mead simplex method in low dimensions", SIAM J. Optim. 9(1).
 *
 * Stops when both the simplex diameter max‖xᵢ − x₀‖∞ ≤ xTolerance and the spread of function
 * values max|fᵢ − f₀| ≤ fTolerance (scipy's `xatol`/`fatol` test). Derivative-free and robust, but
 * only linearly convergent: use {@link bfgs} (or polish with it) for tight optima of smooth functions.
 */
import { ConvergenceError, InvalidInputError } from '../errors/errors';

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /**
   * Initial simplex edge per coordinate (a number for all, or one per coordinate). Default:
   * 5% of |x0ᵢ|, or 0.00025 where x0ᵢ = 0 (scipy's and MATLAB's rule).
   */
  step?: number | ArrayLike<number>;
  /** Tolerance used for both `xTolerance` and `fTolerance` when they are not given. Default 1e-10. */
  tolerance?: number;
  /** Simplex diameter tolerance (absolute, ∞-norm). */
  xTolerance?: number;
  /** Function-value spread tolerance (absolute). */
  fTolerance?: number;
  /** Maximum number of iterations. Default 200·n (n = dimension), at least 1000. */
  maxIterations?: number;
  /** Maximum number of function evaluations. Default 4·maxIterations. */
  maxEvaluations?: number;
  /**
   * When true (default), hitting an iteration or evaluation cap throws {@link ConvergenceError}
   * whose `lastIterate` is the best point so far ({ x, value }); when false the result is returned
   * with `converged: false`.
   */
  throwOnMaxIterations?: boolean;
}

/** Result of {@link nelderMead} and {@link bfgs}. */
export interface MinimizeResult {
  /** The best point found. */
  x: Float64Array;
  /** f(x). */
  value: number;
  /** Iterations performed. */
  iterations: number;
  /** Function evaluations performed (including those for numerical gradients). */
  evaluations: number;
  /** True when the tolerance test was met. */
  converged: boolean;
  /** Why the method stopped. */
  reason: string;
}

function requireVector(field: string, x: ArrayLike<number>): Float64Array {
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(field, 'must be an array of numbers', x);
  }
  if (x.length === 0) throw new InvalidInputError(field, 'must have at least one element');
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number', v);
    out[i] = v;
  }
  return out;
}

/** @internal shared option checks of the minimizers. */
export function positiveOption(field: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new InvalidInputError(field, 'must be a finite number > 0', v);
  return v;
}

/** @internal */
export function integerOption(field: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new InvalidInputError(field, 'must be an integer >= 1', v);
  return v;
}

/** @internal */
export { requireVector as requireStartVector };

/**
 * Minimises `f` from `x0` by the Nelder-Mead simplex method.
 *
 * `f` may return `NaN` or `±Infinity` outside its domain: such points are treated as +∞ (the
 * simplex moves away from them), so simple constraints can be expressed that way.
 *
 * @param f objective; receives a Float64Array it must not keep (it is reused).
 * @param x0 start point (finite numbers).
 * @throws InvalidInputError for a bad start point or options, or when f(x0) is not finite;
 *   ConvergenceError (lastIterate `{ x, value }`) when a cap is hit and `throwOnMaxIterations` is true.
 *
 * @example
 * const r = nelderMead((x) => (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, [0, 0]);
 * // r.x ≈ [1, -2]
 */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: NelderMeadOptions = {}): MinimizeResult {
  if (typeof f !== 'function') throw new InvalidInputError('f', 'must be a function', f);
  const start = requireVector('x0', x0);
  const n = start.length;
  const tol = positiveOption('tolerance', options.tolerance, 1e-10);
  const xtol = positiveOption('xTolerance', options.xTolerance, tol);
  const ftol = positiveOption('fTolerance', options.fTolerance, tol);
  const maxIter = integerOption('maxIterations', options.maxIterations, Math.max(1000, 200 * n));
  const maxEval = integerOption('maxEvaluations', options.maxEvaluations, 4 * maxIter);
  const throwOnMax = options.throwOnMaxIterations ?? true;

  const steps = new Float64Array(n);
  if (options.step === undefined) {
    for (let i = 0; i < n; i++) steps[i] = start[i] !== 0 ? 0.05 * start[i] : 0.00025;
  } else if (typeof options.step === 'number') {
    positiveOption('step', options.step, 1);
    steps.fill(options.step);
  } else {
    const s = requireVector('step', options.step);
    if (s.length !== n) throw new InvalidInputError('step', `must have ${n} elements (one per coordinate)`, s.length);
    for (let i = 0; i < n; i++) {
      if (s[i] === 0) throw new InvalidInputError(`step[${i}]`, 'must be non-zero', 0);
      steps[i] = s[i];
    }
  }

  let evaluations = 0;
  const probe = new Float64Array(n);
  const evalAt = (x: Float64Array): number => {
    probe.set(x);
    evaluations++;
    const v = f(probe);
    return typeof v === 'number' && !Number.isNaN(v) ? v : Infinity;
  };

  const simplex: Float64Array[] = [];
  const fv = new Float64Array(n + 1);
  simplex.push(start.slice());
  fv[0] = evalAt(start);
  if (!Number.isFinite(fv[0])) throw new InvalidInputError('x0', 'f(x0) must be finite', fv[0]);
  for (let i = 0; i < n; i++) {
    const v = start.slice();
    v[i] += steps[i];
    simplex.push(v);
    fv[i + 1] = evalAt(v);
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);

  let iterations = 0;
  let converged = false;
  let reason = 'max-iterations';
  for (;;) {
    order.sort((a, b) => fv[a] - fv[b] || a - b);
    const best = simplex[order[0]];
    const fBest = fv[order[0]];
    // Convergence test (scipy's): all vertices within xtol of the best, all values within ftol.
    let dx = 0;
    let df = 0;
    for (let k = 1; k <= n; k++) {
      const v = simplex[order[k]];
      for (let i = 0; i < n; i++) dx = Math.max(dx, Math.abs(v[i] - best[i]));
      df = Math.max(df, Math.abs(fv[order[k]] - fBest));
    }
    if (dx <= xtol && df <= ftol) {
      converged = true;
      reason = 'tolerance';
      break;
    }
    if (iterations >= maxIter) break;
    if (evaluations >= maxEval) {
      reason = 'max-evaluations';
      break;
    }
    iterations++;
    const worstIdx = order[n];
    const worst = simplex[worstIdx];
    const fWorst = fv[worstIdx];
    const fSecond = fv[order[n - 1]];
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const v = simplex[order[k]];
      for (let i = 0; i < n; i++) centroid[i] += v[i];
    }
    for (let i = 0; i < n; i++) centroid[i] /= n;
    for (let i = 0; i < n; i++) xr[i] = centroid[i] + (centroid[i] - worst[i]);
    const fr = evalAt(xr);
    if (fr < fBest) {
      for (let i = 0; i < n; i++) xe[i] = centroid[i] + 2 * (centroid[i] - worst[i]);
      const fe = evalAt(xe);
      if (fe < fr) {
        worst.set(xe);
        fv[worstIdx] = fe;
      } else {
        worst.set(xr);
        fv[worstIdx] = fr;
      }
      continue;
    }
    if (fr < fSecond) {
      worst.set(xr);
      fv[worstIdx] = fr;
      continue;
    }
    let shrink = false;
    if (fr < fWorst) {
      // Outside contraction.
      for (let i = 0; i < n; i++) xc[i] = centroid[i] + 0.5 * (xr[i] - centroid[i]);
      const fc = evalAt(xc);
      if (fc <= fr) {
        worst.set(xc);
        fv[worstIdx] = fc;
      } else shrink = true;
    } else {
      // Inside contraction.
      for (let i = 0; i < n; i++) xc[i] = centroid[i] + 0.5 * (worst[i] - centroid[i]);
      const fc = evalAt(xc);
      if (fc < fWorst) {
        worst.set(xc);
        fv[worstIdx] = fc;
      } else shrink = true;
    }
    if (shrink) {
      const b = simplex[order[0]];
      for (let k = 1; k <= n; k++) {
        const v = simplex[order[k]];
        for (let i = 0; i < n; i++) v[i] = b[i] + 0.5 * (v[i] - b[i]);
        fv[order[k]] = evalAt(v);
      }
    }
  }
  order.sort((a, b) => fv[a] - fv[b] || a - b);
  const result: MinimizeResult = {
    x: simplex[order[0]].slice(),
    value: fv[order[0]],
    iterations,
    evaluations,
    converged,
    reason,
  };
  if (!converged && throwOnMax) {
    throw new ConvergenceError(
      `nelderMead: no convergence after ${iterations} iterations (${evaluations} evaluations); raise maxIterations or loosen the tolerance`,
      iterations,
      { x: result.x, value: result.value },
    );
  }
  return result;
}
