/**
 * Maximum-likelihood fit of the location-scale Student-t distribution
 * x = loc + scale·T_ν to a sample (the `t` model of {@link parametricVaR}).
 *
 * Log-likelihood ℓ = Σ [ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) − ln s − (ν+1)/2 · ln(1 + z²/ν)],
 * z = (x − loc)/s, maximised by BFGS (core) with the analytic gradient over (loc, ln s, ln ν) on
 * the standardised sample (exact rescaling afterwards). The optimum is the MLE to a gradient of
 * 1e-10 per observation, i.e. parameters to ~1e-7 relative or better where the likelihood is
 * curved; when the likelihood keeps increasing towards the normal limit (ν → ∞) the fit stops at
 * ν ≤ 1e8 and reports `dofAtBound: true`.
 */
import { ConvergenceError, bfgs, logBeta, mean, standardDeviation, excessKurtosis } from '@quantforge/core';
import { requireReturns } from './validate';

/** Result of {@link fitStudentT}. */
export interface StudentTFit {
  /** Degrees of freedom ν. */
  dof: number;
  /** Location. */
  loc: number;
  /** Scale (not the standard deviation: sd = scale·√(ν/(ν−2)) for ν > 2). */
  scale: number;
  /** Maximised log-likelihood (in the units of the data). */
  logLikelihood: number;
  /** BFGS iterations. */
  iterations: number;
  /** True when ν reached the upper bound 1e8 (the data are indistinguishable from normal). */
  dofAtBound: boolean;
}

const MAX_LOG_NU = Math.log(1e8);

/** Digamma ψ(x), x > 0: recurrence to x ≥ 6, then the asymptotic series (error < 1e-15). */
export function digamma(x: number): number {
  let r = 0;
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const z = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132)))));
}

/**
 * Fits a location-scale Student-t by maximum likelihood.
 * @param returns at least 3 finite values, not all equal.
 * @throws InvalidInputError for non-finite values (naming the index) or fewer than 3 values;
 *   ConvergenceError (lastIterate { dof, loc, scale }) if BFGS fails far from an optimum.
 */
export function fitStudentT(returns: ArrayLike<number>): StudentTFit {
  const x = requireReturns(returns, 3);
  const n = x.length;
  const m0 = mean(x);
  const sd = standardDeviation(x);
  if (!(sd > 0)) throw new ConvergenceError('fitStudentT: the sample is constant, the scale MLE is 0', 0, { loc: m0, scale: 0 });
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = (x[i] - m0) / sd;
  const K = excessKurtosis(y);
  const nu0 = Math.min(100, Math.max(2.5, K > 0 ? 4 + 6 / K : 30));
  const theta0 = [0, 0.5 * Math.log((nu0 - 2) / nu0), Math.log(nu0)];

  // Negative mean log-likelihood per observation and its gradient in (m, ln s, ln ν).
  const negLL = (th: Float64Array, g?: Float64Array): number => {
    const m = th[0];
    const s = Math.exp(th[1]);
    const lnNu = Math.min(th[2], MAX_LOG_NU + 5);
    const nu = Math.exp(lnNu);
    let sumLog = 0;
    let gm = 0;
    let gs = 0;
    let gn = 0;
    for (let i = 0; i < n; i++) {
      const z = (y[i] - m) / s;
      const z2 = z * z;
      const l1p = Math.log1p(z2 / nu);
      sumLog += l1p;
      if (g) {
        const w = (nu + 1) / (nu + z2);
        gm += w * z;
        gs += w * z2;
        gn += -l1p + ((nu + 1) * z2) / (nu * (nu + z2));
      }
    }
    // ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) = −ln B(ν/2, ½) − ½ ln ν.
    const c = -logBeta(nu / 2, 0.5) - 0.5 * lnNu;
    const ll = n * (c - th[1]) - ((nu + 1) / 2) * sumLog;
    if (g) {
      // ∂c/∂ν = ½ψ((ν+1)/2) − ½ψ(ν/2) − 1/(2ν)
      const dc = 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / nu;
      g[0] = -(gm / s) / n;
      g[1] = -(-n + gs) / n;
      g[2] = -(nu * (n * dc + 0.5 * gn)) / n;
    }
    return -ll / n;
  };
  const res = bfgs((th) => (th[2] > MAX_LOG_NU + 5 ? NaN : negLL(th)), theta0, {
    gradient: (th, g) => {
      negLL(th, g);
    },
    tolerance: 1e-10,
    maxIterations: 2000,
    throwOnMaxIterations: false,
  });
  let th = res.x;
  let dofAtBound = false;
  if (th[2] > MAX_LOG_NU) {
    dofAtBound = true;
    th = Float64Array.from([th[0], th[1], MAX_LOG_NU]);
  } else if (!res.converged && res.gradientNorm > 1e-7) {
    throw new ConvergenceError(
      `fitStudentT: BFGS stopped (${res.reason}) with gradient norm ${res.gradientNorm.toExponential(2)}`,
      res.iterations,
      { dof: Math.exp(th[2]), loc: m0 + sd * th[0], scale: sd * Math.exp(th[1]) },
    );
  }
  const dof = Math.exp(th[2]);
  const scale = sd * Math.exp(th[1]);
  return {
    dof,
    loc: m0 + sd * th[0],
    scale,
    logLikelihood: -n * negLL(th) - n * Math.log(sd),
    iterations: res.iterations,
    dofAtBound,
  };
}
