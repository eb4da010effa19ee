import { brent, InvalidInputError } from '@quantforge/core';
import { normalizeConstraints, type NormalizedConstraints } from '../constraints/spec';
import { solvePortfolioQp } from '../constraints/portfolio-qp';
import { ConstraintConflictError } from '../constraints/errors';
import { prepareCovariance, prepareVector, type PreparedCovariance } from './covariance-input';
import { fmt, requireOptions, stats, type CovarianceOptions, type OptimizerResult } from './common';
import { maxReturn } from './max-return';

/** Options of {@link efficientRisk}. */
export interface EfficientRiskOptions extends CovarianceOptions {
  expectedReturns: ArrayLike<number>;
  /** Target volatility √(wᵀΣw), same period as Σ (e.g. daily). */
  targetVolatility: number;
}

/** The frontier portfolio of return r (min variance at μᵀw = r); internal. */
export function frontierAt(mu: Float64Array, cov: PreparedCovariance, cons: NormalizedConstraints, r: number) {
  return solvePortfolioQp({ n: cov.n, L: cov.L, cons, extraEq: [{ row: mu, rhs: r, label: `target return μᵀw = ${fmt(r)}` }] });
}

/**
 * The highest-return portfolio with volatility ≤ targetVolatility: max μᵀw s.t. √(wᵀΣw) ≤ σ*,
 * plus the constraints. The efficient frontier's volatility is increasing in the return between
 * the minimum-variance and maximum-return portfolios, so the target return is found by Brent's
 * method on σ(r) − σ* (each evaluation an exact QP); the volatility matches σ* to ~1e-12
 * relative. A target above the maximum-return portfolio's volatility returns that portfolio.
 *
 * @throws ConstraintConflictError 'target-risk' when σ* is below the minimum achievable
 *   volatility, naming it.
 */
export function efficientRisk(options: EfficientRiskOptions): OptimizerResult {
  requireOptions(options, 'efficientRisk');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const mu = prepareVector(options.expectedReturns, 'expectedReturns', cov.n);
  const target = options.targetVolatility;
  if (typeof target !== 'number' || !Number.isFinite(target) || !(target > 0)) throw new InvalidInputError('targetVolatility', 'must be a finite number > 0', target);
  const cons = normalizeConstraints(options, cov.n);
  const n = cov.n;
  const mv = solvePortfolioQp({ n, L: cov.L, H: cov.S, cons });
  const mvStats = stats(cov.S, n, mv.w, mu);
  const finish = (w: Float64Array, qp: { iterations: number; active: string[] }): OptimizerResult => ({
    weights: Array.from(w),
    ...stats(cov.S, n, w, mu),
    iterations: qp.iterations,
    activeConstraints: qp.active,
    repaired: cov.repaired,
  });
  if (target < mvStats.volatility * (1 - 1e-12)) {
    throw new ConstraintConflictError(
      'target-risk',
      [`target volatility ${fmt(target)}`, `the minimum volatility these constraints allow, ${fmt(mvStats.volatility)}`],
      [`raise targetVolatility to ≥ ${fmt(mvStats.volatility)}`, 'or relax the constraints'],
      'the target volatility is below the minimum achievable',
    );
  }
  const rLo = mvStats.expectedReturn!;
  const rHi = maxReturn(mu, cov, cons).value;
  const top = frontierAt(mu, cov, cons, rHi);
  const topVol = stats(cov.S, n, top.w).volatility;
  if (target >= topVol || rHi <= rLo) return finish(top.w, top.qp);
  const f = (r: number) => stats(cov.S, n, frontierAt(mu, cov, cons, r).w).volatility - target;
  const span = rHi - rLo;
  const { root } = brent(f, rLo, rHi, { xTol: 1e-15 * Math.max(Math.abs(rLo), Math.abs(rHi), span), maxIterations: 200 });
  const sol = frontierAt(mu, cov, cons, root);
  return finish(sol.w, sol.qp);
}
