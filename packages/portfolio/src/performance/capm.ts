import { InvalidInputError } from '@quantforge/core';
import { pairOf, periodsOf, riskFreePerPeriod, type PerformanceOptions } from './conventions';

/** The result of {@link capm}. */
export interface CapmResult {
  /** Jensen's alpha per period (intercept of the regression of excess returns). */
  alpha: number;
  /** alpha · P (arithmetic annualisation). */
  alphaAnnualized: number;
  /** Slope: cov(e_r, e_m)/var(e_m). */
  beta: number;
  /** Coefficient of determination of the regression (= squared correlation). */
  rSquared: number;
  /** OLS standard error of alpha (per period) with s² = SSR/(T − 2). */
  alphaStdError: number;
  /** OLS standard error of beta. */
  betaStdError: number;
  /** alpha / alphaStdError (NaN-free: ±∞ when the fit is exact and alpha ≠ 0, 0 when both are 0). */
  alphaTStat: number;
  /** beta / betaStdError (same convention). */
  betaTStat: number;
  /** Annualised residual volatility s·√P. */
  residualVolatility: number;
  /** Number of periods T. */
  observations: number;
}

function ratio(a: number, b: number): number {
  if (b > 0) return a / b;
  return a === 0 ? 0 : a > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/**
 * CAPM / single-index regression by OLS (statsmodels `OLS(e_r, add_constant(e_m))`):
 * e_r,t = α + β e_m,t + ε_t with excess returns e = r − riskFree/P. Needs T ≥ 3.
 *
 * @throws InvalidInputError for NaN/±∞, mismatched lengths, T < 3 or a constant market series.
 */
export function capm(returns: ArrayLike<number>, market: ArrayLike<number>, options: PerformanceOptions = {}): CapmResult {
  const [r, m] = pairOf(returns, market, 'returns', 'market', 3);
  const p = periodsOf(options);
  const rf = riskFreePerPeriod(options);
  const n = r.length;
  let my = 0;
  let mx = 0;
  for (let i = 0; i < n; i++) {
    my += r[i] - rf;
    mx += m[i] - rf;
  }
  my /= n;
  mx /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = m[i] - rf - mx;
    const dy = r[i] - rf - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new InvalidInputError('market', 'is constant: beta is undefined; give a market series that varies');
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const e = r[i] - rf - alpha - beta * (m[i] - rf);
    ssr += e * e;
  }
  const s2 = ssr / (n - 2);
  const betaSe = Math.sqrt(s2 / sxx);
  const alphaSe = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));
  const rSquared = syy > 0 ? Math.min(1, Math.max(0, 1 - ssr / syy)) : 1;
  return {
    alpha,
    alphaAnnualized: alpha * p,
    beta,
    rSquared,
    alphaStdError: alphaSe,
    betaStdError: betaSe,
    alphaTStat: ratio(alpha, alphaSe),
    betaTStat: ratio(beta, betaSe),
    residualVolatility: Math.sqrt(s2 * p),
    observations: n,
  };
}
