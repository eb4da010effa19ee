import { InvalidInputError } from '@quantforge/core';
import { normalizeConstraints } from '../constraints/spec';
import { solvePortfolioQp } from '../constraints/portfolio-qp';
import { prepareCovariance, prepareVector } from '../optimizers/covariance-input';
import { requireOptions, stats, type CovarianceOptions } from '../optimizers/common';
import { maxReturn } from '../optimizers/max-return';
import { frontierAt } from '../optimizers/efficient-risk';

/** Options of {@link efficientFrontier}. */
export interface EfficientFrontierOptions extends CovarianceOptions {
  expectedReturns: ArrayLike<number>;
  /** Number of points (≥ 2, default 20), equally spaced in return. */
  points?: number;
}

/** One point of the frontier. */
export interface FrontierPoint {
  expectedReturn: number;
  volatility: number;
  weights: number[];
}

/**
 * The efficient frontier as data: `points` portfolios equally spaced in expected return from the
 * minimum-variance portfolio to the maximum-return one, each the exact minimum-variance portfolio
 * for its return under the constraints. Volatility is increasing and return is a concave function
 * of volatility along it.
 */
export function efficientFrontier(options: EfficientFrontierOptions): { points: FrontierPoint[] } {
  requireOptions(options, 'efficientFrontier');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const mu = prepareVector(options.expectedReturns, 'expectedReturns', cov.n);
  const m = options.points ?? 20;
  if (!Number.isInteger(m) || m < 2) throw new InvalidInputError('points', 'must be an integer ≥ 2', m);
  const cons = normalizeConstraints(options, cov.n);
  const n = cov.n;
  const mv = solvePortfolioQp({ n, L: cov.L, H: cov.S, cons }).w;
  const rLo = stats(cov.S, n, mv, mu).expectedReturn!;
  const rHi = Math.max(rLo, maxReturn(mu, cov, cons).value);
  const points: FrontierPoint[] = [];
  for (let k = 0; k < m; k++) {
    const w = k === 0 ? mv : frontierAt(mu, cov, cons, rLo + ((rHi - rLo) * k) / (m - 1)).w;
    const st = stats(cov.S, n, w, mu);
    points.push({ expectedReturn: st.expectedReturn!, volatility: st.volatility, weights: Array.from(w) });
  }
  return { points };
}
