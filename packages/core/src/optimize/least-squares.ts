/**
 * Bounded nonlinear least squares by Levenberg-Marquardt: minimise ½ Σ rᵢ(x)² subject to
 * lower ≤ x ≤ upper.
 *
 * Algorithm: Moré (1978) "The Levenberg-Marquardt algorithm: implementation and theory" with
 * Marquardt scaling D = diag(JᵀJ) (kept at its running maximum, Moré §6) or no scaling; the damped
 * step is solved by Householder QR of [J; √λ D^{1/2}] (no normal equations); λ is updated by
 * Nielsen's (1999) rule; optional geodesic acceleration (Transtrum & Sethna 2012, "Improvements to
 * the Levenberg-Marquardt algorithm for nonlinear least-squares minimization", §3) with the second
 * directional derivative by finite difference. J is QR-factorised once per iteration and each
 * damping level solves only the small n × n problem (Moré §3). Box constraints are handled by projection with an
 * active set: variables at a bound whose gradient pushes outward are held fixed for the step, the
 * step is solved over the others, and the trial point is projected onto the box.
 *
 * Without a user Jacobian, a forward-difference Jacobian is used, step hⱼ = √ε · max(|xⱼ|, 1)
 * (taken backwards when the forward point would leave the box); its error is O(√ε) ≈ 1.5e-8
 * relative, which limits the attainable precision of x to about that on ill-conditioned problems.
 */
import { ConvergenceError, InvalidInputError } from '../errors/errors';
import { dampedStep, dampedStepFromR, factorJacobian } from './levenberg-marquardt-qr';

/** Options of {@link levenbergMarquardt}. */
export interface LevenbergMarquardtOptions {
  /** Number of residuals m (length of the `out` buffer passed to `residuals`). Required. */
  residualCount: number;
  /**
   * Analytic Jacobian: fill `J[i][j] = ∂rᵢ/∂xⱼ` (J has m rows of length n, preallocated). When
   * absent, forward differences are used.
   */
  jacobian?: (x: Float64Array, J: Float64Array[]) => void;
  /** Lower bounds (use -Infinity for none). Default all -Infinity. */
  lower?: ArrayLike<number>;
  /** Upper bounds (use Infinity for none). Default all Infinity. */
  upper?: ArrayLike<number>;
  /** Maximum number of outer iterations (Jacobian evaluations). Default 200·(n+1). */
  maxIterations?: number;
  /**
   * Tolerance of the step and gradient tests when they are not given separately. Default 1e-12.
   */
  tolerance?: number;
  /**
   * Relative reduction of the cost: stop when actual and predicted reductions ≤ ftol·cost.
   * Default 1e-24: the reduction is quadratic in the error of x, so ftol stops with x about √ftol
   * (relative to the problem's scale) from the minimiser; reductions are computed as differences
   * of residuals, so values far below ε are meaningful.
   */
  functionTolerance?: number;
  /** Relative step: stop when ||δ|| ≤ xtol·(||x|| + xtol). */
  stepTolerance?: number;
  /** Projected gradient: stop when max |(Jᵀr)ⱼ| ≤ gtol·max(1, cost). */
  gradientTolerance?: number;
  /** Stop as soon as the cost is ≤ this (exact fits). Default 0. */
  absoluteCostTolerance?: number;
  /** Initial damping λ₀ relative to max(D). Default 1e-3. */
  initialDamping?: number;
  /** `'marquardt'` (default): D = diag(JᵀJ) running maximum; `'none'`: D = I. */
  scaling?: 'marquardt' | 'none';
  /** `'geodesic'` adds Transtrum's second-order correction; default `'none'`. */
  acceleration?: 'geodesic' | 'none';
  /**
   * When true (default) hitting `maxIterations` throws {@link ConvergenceError} whose `lastIterate`
   * is the best result so far; when false the result is returned with `converged: false`.
   */
  throwOnMaxIterations?: boolean;
}

/** Why {@link levenbergMarquardt} stopped. */
export type LevenbergMarquardtReason = 'gradient' | 'step' | 'function' | 'cost' | 'max-iterations';

/** Result of {@link levenbergMarquardt}. */
export interface LevenbergMarquardtResult {
  /** The minimiser (inside the box). */
  x: Float64Array;
  /** ½ Σ rᵢ(x)² (scipy's `cost` convention). */
  cost: number;
  /** √(Σ rᵢ(x)²). */
  residualNorm: number;
  /** r(x) at the solution. */
  residuals: Float64Array;
  /** Outer iterations (Jacobian evaluations). */
  iterations: number;
  /** Calls of `residuals` (including those of the finite-difference Jacobian). */
  functionEvaluations: number;
  /** True when a tolerance test stopped the iteration. */
  converged: boolean;
  /** Which test stopped the iteration. */
  reason: LevenbergMarquardtReason;
}

const EPS = 2.220446049250313e-16;
const SQRT_EPS = Math.sqrt(EPS);

/**
 * Minimises ½ Σ rᵢ(x)² with optional box constraints (see the module comment for the method).
 *
 * @param residuals fills `out` (length `residualCount`) with r(x); must not keep `x` or `out`.
 * @param x0 starting point (projected onto the box).
 * @throws InvalidInputError for bad sizes, NaN/inconsistent bounds, or residuals not finite at x0.
 * @throws ConvergenceError when `maxIterations` is hit (unless `throwOnMaxIterations: false`).
 */
export function levenbergMarquardt(
  residuals: (x: Float64Array, out: Float64Array) => void,
  x0: ArrayLike<number>,
  options: LevenbergMarquardtOptions,
): LevenbergMarquardtResult {
  if (typeof residuals !== 'function') throw new InvalidInputError('residuals', 'must be a function', residuals);
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
  const n = x0?.length;
  if (typeof n !== 'number' || n < 1) throw new InvalidInputError('x0', 'must be a non-empty array', x0);
  const m = options.residualCount;
  if (!Number.isInteger(m) || m < 1) throw new InvalidInputError('residualCount', 'must be an integer >= 1', m);
  const lower = boundArray('lower', options.lower, n, -Infinity);
  const upper = boundArray('upper', options.upper, n, Infinity);
  for (let j = 0; j < n; j++) {
    if (!(lower[j]! <= upper[j]!)) throw new InvalidInputError(`lower[${j}]`, 'must be <= upper', lower[j]);
  }
  const tol = positiveOption('tolerance', options.tolerance, 1e-12);
  const ftol = positiveOption('functionTolerance', options.functionTolerance, 1e-24);
  const xtol = positiveOption('stepTolerance', options.stepTolerance, tol);
  const gtol = positiveOption('gradientTolerance', options.gradientTolerance, tol);
  const costTol = options.absoluteCostTolerance ?? 0;
  if (!(costTol >= 0)) throw new InvalidInputError('absoluteCostTolerance', 'must be >= 0', costTol);
  const maxIter = options.maxIterations ?? 200 * (n + 1);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new InvalidInputError('maxIterations', 'must be an integer >= 1', maxIter);
  const lambda0 = positiveOption('initialDamping', options.initialDamping, 1e-3);
  const marquardt = (options.scaling ?? 'marquardt') === 'marquardt';
  if (options.scaling !== undefined && options.scaling !== 'marquardt' && options.scaling !== 'none') {
    throw new InvalidInputError('scaling', "must be 'marquardt' or 'none'", options.scaling);
  }
  const geodesic = options.acceleration === 'geodesic';
  if (options.acceleration !== undefined && options.acceleration !== 'geodesic' && options.acceleration !== 'none') {
    throw new InvalidInputError('acceleration', "must be 'geodesic' or 'none'", options.acceleration);
  }
  const throwOnMax = options.throwOnMaxIterations ?? true;

  // Work arrays come from a small pool keyed by (m, n) (allocation dominated small fits).
  const ws = acquireWorkspace(m, n);
  try {
    const x = ws.x;
    for (let j = 0; j < n; j++) {
      const v = x0[j]!;
      if (!Number.isFinite(v)) throw new InvalidInputError(`x0[${j}]`, 'must be finite', v);
      x[j] = Math.min(Math.max(v, lower[j]!), upper[j]!);
    }

    let nfev = 0;
    const r = ws.r;
    const evalInto = (at: Float64Array, out: Float64Array): boolean => {
      nfev++;
      residuals(at, out);
      for (let i = 0; i < m; i++) if (!Number.isFinite(out[i]!)) return false;
      return true;
    };
    if (!evalInto(x, r)) throw new InvalidInputError('x0', 'residuals are not finite at the starting point', Array.from(x));
    let cost = halfSquaredNorm(r);

    const jac = ws.jac;
    const jacobian = options.jacobian;
    const rTmp = ws.rTmp;
    const xTmp = ws.xTmp;
    const computeJacobian = (): void => {
      if (jacobian) {
        jacobian(x, jac);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            if (!Number.isFinite(jac[i]![j]!)) throw new InvalidInputError('jacobian', `J[${i}][${j}] is not finite`, Array.from(x));
          }
        }
        return;
      }
      xTmp.set(x);
      for (let j = 0; j < n; j++) {
        let h = SQRT_EPS * Math.max(Math.abs(x[j]!), 1);
        if (x[j]! + h > upper[j]!) h = -h;
        const xj = x[j]!;
        xTmp[j] = xj + h;
        h = xTmp[j]! - xj; // exactly representable step
        let ok = evalInto(xTmp, rTmp);
        if (!ok && xj - h >= lower[j]!) {
          h = -h;
          xTmp[j] = xj + h;
          ok = evalInto(xTmp, rTmp);
        }
        if (!ok) throw new InvalidInputError('residuals', `finite-difference Jacobian is not finite in x[${j}]`, Array.from(x));
        for (let i = 0; i < m; i++) jac[i]![j] = (rTmp[i]! - r[i]!) / h;
        xTmp[j] = xj;
      }
    };

    const diag = ws.diag;
    const grad = ws.grad;
    const free = ws.free;
    const step = ws.step;
    const accel = ws.accel;
    const xNew = ws.xNew;
    const rNew = ws.rNew;
    const jd = ws.jd;
    const rvv = ws.rvv;
    const work = ws.work;
    const workF = ws.workF;
    let lambda = -1;
    let nu = 2;
    let iterations = 0;
    let reason: LevenbergMarquardtReason = 'max-iterations';

    const result = (converged: boolean): LevenbergMarquardtResult => ({
      x: Float64Array.from(x),
      cost,
      residualNorm: Math.sqrt(2 * cost),
      residuals: Float64Array.from(r),
      iterations,
      functionEvaluations: nfev,
      converged,
      reason,
    });

    if (cost <= costTol) {
      reason = 'cost';
      return result(true);
    }

    outer: while (iterations < maxIter) {
      iterations++;
      computeJacobian();
      // Gradient g = Jᵀ r, scaling, active set.
      let freeCount = 0;
      let gmax = 0;
      for (let j = 0; j < n; j++) {
        let g = 0;
        let d = 0;
        for (let i = 0; i < m; i++) {
          const jij = jac[i]![j]!;
          g += jij * r[i]!;
          d += jij * jij;
        }
        grad[j] = g;
        if (marquardt) diag[j] = Math.max(diag[j]!, d, 1e-300);
        else diag[j] = 1;
        const atLower = x[j]! <= lower[j]! && g > 0;
        const atUpper = x[j]! >= upper[j]! && g < 0;
        if (!atLower && !atUpper) {
          free[freeCount++] = j;
          gmax = Math.max(gmax, Math.abs(g));
        }
      }
      if (gmax <= gtol * Math.max(1, cost) || freeCount === 0) {
        reason = 'gradient';
        return result(true);
      }
      if (lambda < 0) {
        let dmax = 0;
        for (let j = 0; j < n; j++) dmax = Math.max(dmax, diag[j]!);
        lambda = lambda0 * dmax;
      }
      // QR of the free columns of J once per outer iteration (Moré 1978 §3).
      const factor = factorJacobian(jac, r, free, freeCount, workF);
      // Inner loop: increase λ until the step reduces the cost.
      for (;;) {
        const solved = factor
          ? dampedStepFromR(factor, diag, lambda, free, step, work)
          : dampedStep(jac, r, diag, lambda, free, freeCount, step, work);
        if (!solved) {
          lambda = lambda * nu;
          nu *= 2;
          if (!Number.isFinite(lambda)) break outer;
          continue;
        }
        // Predicted reduction from the linear model of the (unprojected) step.
        let dNorm = 0;
        for (let i = 0; i < m; i++) {
          let s = 0;
          const row = jac[i]!;
          for (let j = 0; j < n; j++) s += row[j]! * step[j]!;
          jd[i] = s;
        }
        if (geodesic) {
          // r'' along δ by finite difference; a = -(JᵀJ + λD)⁻¹ Jᵀ r'' (Transtrum §3).
          const h = 0.1;
          for (let j = 0; j < n; j++) xTmp[j] = x[j]! + h * step[j]!;
          if (evalInto(xTmp, rTmp)) {
            for (let i = 0; i < m; i++) rvv[i] = (2 / h) * ((rTmp[i]! - r[i]!) / h - jd[i]!);
            if (dampedStep(jac, rvv, diag, lambda, free, freeCount, accel, work)) {
              let an = 0;
              let vn = 0;
              for (let j = 0; j < n; j++) {
                an += accel[j]! * accel[j]!;
                vn += step[j]! * step[j]!;
              }
              if (Math.sqrt(an) <= 0.75 * Math.sqrt(vn)) {
                for (let j = 0; j < n; j++) step[j] = step[j]! + 0.5 * accel[j]!;
              }
            }
          }
        }
        let xNorm = 0;
        for (let j = 0; j < n; j++) {
          const v = Math.min(Math.max(x[j]! + step[j]!, lower[j]!), upper[j]!);
          xNew[j] = v;
          const dj = v - x[j]!;
          step[j] = dj;
          dNorm += dj * dj;
          xNorm += x[j]! * x[j]!;
        }
        dNorm = Math.sqrt(dNorm);
        xNorm = Math.sqrt(xNorm);
        // Predicted and actual reductions written as differences (not cost - newCost) so that they
        // keep their relative accuracy next to a minimum with a non-zero residual.
        let predicted = 0;
        for (let i = 0; i < m; i++) {
          let s = 0;
          const row = jac[i]!;
          for (let j = 0; j < n; j++) s += row[j]! * step[j]!;
          predicted -= s * (r[i]! + 0.5 * s);
        }
        const ok = evalInto(xNew, rNew);
        let actual = -Infinity;
        let newCost = Infinity;
        if (ok) {
          actual = 0;
          for (let i = 0; i < m; i++) actual -= 0.5 * (rNew[i]! - r[i]!) * (rNew[i]! + r[i]!);
          newCost = halfSquaredNorm(rNew);
        }
        const rho = predicted > 0 ? actual / predicted : -1;
        // At the rounding floor of the cost (predicted reduction ~ ε·cost) the actual reduction is
        // noise: trust the Gauss-Newton model and accept, so x can converge past √ε.
        const noiseFloor = 1e2 * EPS * cost;
        if (ok && ((actual > 0 && rho > 0) || (predicted > 0 && predicted <= noiseFloor && actual >= -noiseFloor))) {
          x.set(xNew);
          r.set(rNew);
          const oldCost = cost;
          cost = newCost;
          lambda *= Math.max(1 / 3, 1 - Math.pow(2 * rho - 1, 3));
          nu = 2;
          if (cost <= costTol) {
            reason = 'cost';
            return result(true);
          }
          if (actual <= ftol * oldCost && predicted <= ftol * oldCost) {
            reason = 'function';
            return result(true);
          }
          if (dNorm <= xtol * (xNorm + xtol)) {
            reason = 'step';
            return result(true);
          }
          continue outer;
        }
        // Rejected: a step too small to matter means we are at the (projected) minimum.
        if (dNorm <= xtol * (xNorm + xtol) || (ok && Math.abs(predicted) <= EPS * EPS * cost && Math.abs(actual) <= EPS * EPS * cost)) {
          reason = 'step';
          return result(true);
        }
        lambda *= nu;
        nu *= 2;
        if (!Number.isFinite(lambda) || lambda > 1e300) {
          reason = 'step';
          return result(true);
        }
      }
    }
    reason = 'max-iterations';
    const last = result(false);
    if (throwOnMax) {
      throw new ConvergenceError(`levenbergMarquardt: no convergence in ${maxIter} iterations (cost ${cost})`, iterations, last);
    }
    return last;
  } finally {
    releaseWorkspace(ws);
  }
}

function halfSquaredNorm(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return 0.5 * s;
}

function boundArray(field: string, v: ArrayLike<number> | undefined, n: number, fill: number): Float64Array {
  const out = new Float64Array(n).fill(fill);
  if (v === undefined) return out;
  if (v.length !== n) throw new InvalidInputError(field, `must have length ${n}`, v.length);
  for (let j = 0; j < n; j++) {
    const b = v[j]!;
    if (typeof b !== 'number' || Number.isNaN(b)) throw new InvalidInputError(`${field}[${j}]`, 'must be a number (±Infinity for none)', b);
    out[j] = b;
  }
  return out;
}

function positiveOption(field: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new InvalidInputError(field, 'must be a finite number > 0', v);
  return v;
}

/** Work arrays of one {@link levenbergMarquardt} call. */
interface Workspace {
  key: string;
  x: Float64Array;
  r: Float64Array;
  jac: Float64Array[];
  rTmp: Float64Array;
  xTmp: Float64Array;
  diag: Float64Array;
  grad: Float64Array;
  free: Int32Array;
  step: Float64Array;
  accel: Float64Array;
  xNew: Float64Array;
  rNew: Float64Array;
  jd: Float64Array;
  rvv: Float64Array;
  work: { a: Float64Array; b: Float64Array };
  workF: { a: Float64Array; b: Float64Array };
}

// Free workspaces per "m,n" (a nested call — e.g. a residual function that itself fits — takes
// another one, so a workspace is never shared by two running calls).
const POOL = new Map<string, Workspace[]>();
const POOL_KEYS_MAX = 64;

function acquireWorkspace(m: number, n: number): Workspace {
  const key = `${m},${n}`;
  const ws = POOL.get(key)?.pop();
  if (ws) {
    // Same initial state as fresh arrays: J zero (a Jacobian callback may fill only non-zeros),
    // the running scaling maximum zero.
    for (let i = 0; i < m; i++) ws.jac[i]!.fill(0);
    ws.diag.fill(0);
    return ws;
  }
  return {
    key,
    x: new Float64Array(n),
    r: new Float64Array(m),
    jac: Array.from({ length: m }, () => new Float64Array(n)),
    rTmp: new Float64Array(m),
    xTmp: new Float64Array(n),
    diag: new Float64Array(n),
    grad: new Float64Array(n),
    free: new Int32Array(n),
    step: new Float64Array(n),
    accel: new Float64Array(n),
    xNew: new Float64Array(n),
    rNew: new Float64Array(m),
    jd: new Float64Array(m),
    rvv: new Float64Array(m),
    work: { a: new Float64Array(0), b: new Float64Array(0) },
    workF: { a: new Float64Array(0), b: new Float64Array(0) },
  };
}

function releaseWorkspace(ws: Workspace): void {
  let list = POOL.get(ws.key);
  if (!list) {
    if (POOL.size >= POOL_KEYS_MAX) POOL.clear();
    list = [];
    POOL.set(ws.key, list);
  }
  if (list.length < 4) list.push(ws);
}
