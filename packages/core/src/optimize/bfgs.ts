/**
 * Unconstrained quasi-Newton minimisation by BFGS (Nocedal & Wright 2006, "Numerical
 * Optimization", 2nd ed., Algorithm 6.1) with the inverse-Hessian update, the initial scaling
 * H₀ = (yᵀs / yᵀy) I of eq. (6.20), and a line search satisfying the strong Wolfe conditions
 * (c₁ = 1e-4, c₂ = 0.9; Algorithms 3.5 and 3.6 with safeguarded cubic interpolation in `zoom`).
 *
 * Without an analytic gradient, central differences are used: hᵢ = ε^{1/3}·max(|xᵢ|, 1), error
 * O(ε^{2/3}) ≈ 4e-11 relative to the function's scale, which bounds the attainable gradient norm.
 */
import { ConvergenceError, InvalidInputError } from '../errors/errors';
import { integerOption, positiveOption, requireStartVector } from './nelder-mead';
import type { MinimizeResult } from './nelder-mead';

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /** Analytic gradient: fill `g` with ∇f(x). Default: central differences. */
  gradient?: (x: Float64Array, g: Float64Array) => void;
  /** Gradient test ‖∇f‖∞ ≤ tolerance. Default 1e-8. */
  tolerance?: number;
  /**
   * Optional relative-decrease test: stop (converged) when f_{k−1} − f_k ≤ fTolerance·max(|f_k|, 1e-300)
   * after a successful step. Default 0 (off).
   */
  fTolerance?: number;
  /** Maximum number of iterations. Default 200·n, at least 500. */
  maxIterations?: number;
  /** Relative step of the central-difference gradient. Default ε^{1/3} ≈ 6.06e-6. */
  gradientStep?: number;
  /**
   * When true (default), a cap or a failed line search throws {@link ConvergenceError} whose
   * `lastIterate` is `{ x, value, gradient }`; when false the result is returned with
   * `converged: false`.
   */
  throwOnMaxIterations?: boolean;
}

/** Result of {@link bfgs}. */
export interface BfgsResult extends MinimizeResult {
  /** ∇f at x (analytic or numerical). */
  gradient: Float64Array;
  /** ‖∇f(x)‖∞. */
  gradientNorm: number;
  /** The final inverse-Hessian approximation (n×n, row-major). */
  inverseHessian: Float64Array;
}

const C1 = 1e-4;
const C2 = 0.9;

/**
 * Minimises a smooth `f` from `x0` by BFGS with a strong-Wolfe line search.
 *
 * Points where `f` is NaN or ±∞ are treated as +∞ by the line search (it backs off), so a
 * domain can be expressed that way; f(x0) and ∇f(x0) must be finite.
 *
 * @throws InvalidInputError for a bad start point/options or non-finite f(x0);
 *   ConvergenceError (lastIterate `{ x, value, gradient }`) when the iteration cap is hit or the
 *   line search fails twice in a row, if `throwOnMaxIterations` is true (default).
 *
 * @example
 * const r = bfgs((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1]);
 * // r.x ≈ [1, 1]
 */
export function bfgs(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
  if (typeof f !== 'function') throw new InvalidInputError('f', 'must be a function', f);
  if (options.gradient !== undefined && typeof options.gradient !== 'function') {
    throw new InvalidInputError('gradient', 'must be a function', options.gradient);
  }
  const x = requireStartVector('x0', x0);
  const n = x.length;
  const gtol = positiveOption('tolerance', options.tolerance, 1e-8);
  const ftol = options.fTolerance === undefined || options.fTolerance === 0 ? 0 : positiveOption('fTolerance', options.fTolerance, 0);
  const maxIter = integerOption('maxIterations', options.maxIterations, Math.max(500, 200 * n));
  const hRel = positiveOption('gradientStep', options.gradientStep, Math.cbrt(Number.EPSILON));
  const throwOnMax = options.throwOnMaxIterations ?? true;

  let evaluations = 0;
  const probe = new Float64Array(n);
  const fAt = (p: Float64Array): number => {
    probe.set(p);
    evaluations++;
    const v = f(probe);
    return typeof v === 'number' && !Number.isNaN(v) ? v : Infinity;
  };
  const gradAt = (p: Float64Array, g: Float64Array): void => {
    if (options.gradient) {
      probe.set(p);
      options.gradient(probe, g);
      return;
    }
    const q = p.slice();
    for (let i = 0; i < n; i++) {
      const h = hRel * Math.max(Math.abs(p[i]), 1);
      q[i] = p[i] + h;
      const fp = fAt(q);
      q[i] = p[i] - h;
      const fm = fAt(q);
      q[i] = p[i];
      g[i] = (fp - fm) / (2 * h);
    }
  };

  let fx = fAt(x);
  if (!Number.isFinite(fx)) throw new InvalidInputError('x0', 'f(x0) must be finite', fx);
  const g = new Float64Array(n);
  gradAt(x, g);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(g[i])) throw new InvalidInputError('x0', `the gradient at x0 is not finite (component ${i})`, g[i]);
  }
  const H = new Float64Array(n * n);
  const resetH = (scale: number): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  let firstStep = true;

  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const norm = (v: Float64Array): number => {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(v[i]));
    return m;
  };

  // φ(α) and φ'(α) along p; writes xNew / gNew for the last evaluated α.
  const phi = (alpha: number): { f: number; d: number } => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * p[i];
    const fv = fAt(xNew);
    if (!Number.isFinite(fv)) return { f: Infinity, d: NaN };
    gradAt(xNew, gNew);
    let d = 0;
    for (let i = 0; i < n; i++) d += gNew[i] * p[i];
    return { f: fv, d: Number.isFinite(d) ? d : NaN };
  };

  // Strong-Wolfe line search; returns the accepted α (xNew/gNew hold its point) or 0 on failure.
  const lineSearch = (f0: number, d0: number, alpha1: number): { alpha: number; f: number } => {
    let aPrev = 0;
    let fPrev = f0;
    let dPrev = d0;
    let a = alpha1;
    const zoom = (
      lo: number,
      flo: number,
      dlo: number,
      hi: number,
      fhi: number,
      dhi: number,
    ): { alpha: number; f: number } => {
      for (let k = 0; k < 60; k++) {
        // Cubic interpolation (N&W eq. 3.59) when both slopes are known, kept inside the interval.
        let aj = NaN;
        if (Number.isFinite(fhi) && Number.isFinite(dhi)) {
          const d1 = dlo + dhi - (3 * (flo - fhi)) / (lo - hi);
          const disc = d1 * d1 - dlo * dhi;
          if (disc >= 0) {
            const d2 = Math.sign(hi - lo) * Math.sqrt(disc);
            aj = hi - (hi - lo) * ((dhi + d2 - d1) / (dhi - dlo + 2 * d2));
          }
        }
        const a0 = Math.min(lo, hi);
        const b0 = Math.max(lo, hi);
        const w = b0 - a0;
        if (!(aj > a0 + 0.1 * w && aj < b0 - 0.1 * w)) aj = 0.5 * (lo + hi);
        if (w <= 1e-16 * Math.max(1, b0)) break;
        const r = phi(aj);
        if (r.f > f0 + C1 * aj * d0 || r.f >= flo || Number.isNaN(r.d)) {
          hi = aj;
          fhi = r.f;
          dhi = r.d;
        } else {
          if (Math.abs(r.d) <= -C2 * d0) return { alpha: aj, f: r.f };
          if (r.d * (hi - lo) >= 0) {
            hi = lo;
            fhi = flo;
            dhi = dlo;
          }
          lo = aj;
          flo = r.f;
          dlo = r.d;
        }
      }
      // Accept the best sufficient-decrease point found, if any (weak Wolfe may fail at rounding level).
      if (lo > 0 && flo < f0) {
        phi(lo);
        return { alpha: lo, f: flo };
      }
      return { alpha: 0, f: f0 };
    };
    for (let k = 0; k < 60; k++) {
      const r = phi(a);
      if (r.f > f0 + C1 * a * d0 || (k > 0 && r.f >= fPrev) || Number.isNaN(r.d)) {
        return zoom(aPrev, fPrev, dPrev, a, r.f, r.d);
      }
      if (Math.abs(r.d) <= -C2 * d0) return { alpha: a, f: r.f };
      if (r.d >= 0) return zoom(a, r.f, r.d, aPrev, fPrev, dPrev);
      aPrev = a;
      fPrev = r.f;
      dPrev = r.d;
      a *= 2;
    }
    return { alpha: 0, f: f0 };
  };

  let iterations = 0;
  let converged = false;
  let reason = 'max-iterations';
  let failures = 0;
  while (true) {
    if (norm(g) <= gtol) {
      converged = true;
      reason = 'gradient';
      break;
    }
    if (iterations >= maxIter) break;
    iterations++;
    let d0 = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      p[i] = v;
      d0 += v * g[i];
    }
    if (!(d0 < 0)) {
      // Not a descent direction (H lost positive definiteness numerically): restart.
      resetH(1);
      for (let i = 0; i < n; i++) p[i] = -g[i];
      d0 = 0;
      for (let i = 0; i < n; i++) d0 -= g[i] * g[i];
    }
    const alpha1 = firstStep ? Math.min(1, 1 / Math.max(norm(g), 1e-300)) : 1;
    const ls = lineSearch(fx, d0, alpha1);
    if (ls.alpha === 0) {
      failures++;
      if (failures >= 2 || firstStep) {
        reason = 'line-search';
        break;
      }
      resetH(1);
      firstStep = true;
      continue;
    }
    failures = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const fPrevIter = fx;
    x.set(xNew);
    g.set(gNew);
    fx = ls.f;
    let ys = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      ys += y[i] * s[i];
      yy += y[i] * y[i];
      ss += s[i] * s[i];
    }
    if (ys > 1e-12 * Math.sqrt(yy * ss)) {
      if (firstStep) resetH(ys / yy);
      firstStep = false;
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs) (N&W eq. 6.17).
      const rho = 1 / ys;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      const c = (1 + rho * yHy) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += c * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
      }
    }
    if (ftol > 0 && fPrevIter - fx <= ftol * Math.max(Math.abs(fx), 1e-300)) {
      converged = true;
      reason = 'function';
      break;
    }
  }
  const result: BfgsResult = {
    x: x.slice(),
    value: fx,
    iterations,
    evaluations,
    converged,
    reason,
    gradient: g.slice(),
    gradientNorm: norm(g),
    inverseHessian: H.slice(),
  };
  if (!converged && throwOnMax) {
    throw new ConvergenceError(
      `bfgs: stopped (${reason}) after ${iterations} iterations with gradient norm ${result.gradientNorm.toExponential(3)} > ${gtol}`,
      iterations,
      { x: result.x, value: result.value, gradient: result.gradient },
    );
  }
  return result;
}
