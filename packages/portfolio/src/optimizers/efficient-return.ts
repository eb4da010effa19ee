import { normalizeConstraints } from '../constraints/spec';
import { solvePortfolioQp } from '../constraints/portfolio-qp';
import { ConstraintConflictError } from '../constraints/errors';
import { prepareCovariance, prepareVector } from './covariance-input';
import { fmt, requireOptions, stats, type CovarianceOptions, type OptimizerResult } from './common';
import { maxReturn } from './max-return';
import { InvalidInputError } from '@quantforge/core';

/** Options of {@link efficientReturn}. */
export interface EfficientReturnOptions extends CovarianceOptions {
  /** μ, one expected return per asset, same period as Σ. */
  expectedReturns: ArrayLike<number>;
  /** The required portfolio return μᵀw (an equality, as in PyPortfolioOpt / the reference). */
  targetReturn: number;
}

/**
 * Minimum variance for a target return: min wᵀΣw s.t. μᵀw = targetReturn, Σw = budget, bounds,
 * groups, factor exposures, leverage. Exact to rounding (Goldfarb-Idnani QP).
 *
 * @throws ConstraintConflictError code 'target-return' when the target is above the highest (or
 *   below the lowest) return the constraints allow, giving that limit.
 */
export function efficientReturn(options: EfficientReturnOptions): OptimizerResult {
  requireOptions(options, 'efficientReturn');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const mu = prepareVector(options.expectedReturns, 'expectedReturns', cov.n);
  const target = options.targetReturn;
  if (typeof target !== 'number' || !Number.isFinite(target)) throw new InvalidInputError('targetReturn', 'must be a finite number', target);
  const cons = normalizeConstraints(options, cov.n);
  const hi = maxReturn(mu, cov, cons).value;
  const lo = -maxReturn(mu.map((v) => -v), cov, cons).value;
  const tol = 1e-12 * Math.max(Math.abs(hi), Math.abs(lo), 1e-300);
  if (target > hi + tol) {
    throw new ConstraintConflictError(
      'target-return',
      [`target return μᵀw = ${fmt(target)}`, `the highest return these constraints allow, ${fmt(hi)}`],
      [`lower targetReturn to ≤ ${fmt(hi)}`, 'or relax the upper bounds / group limits that cap the best assets'],
      'the target return is above the maximum achievable',
    );
  }
  if (target < lo - tol) {
    throw new ConstraintConflictError(
      'target-return',
      [`target return μᵀw = ${fmt(target)}`, `the lowest return these constraints allow, ${fmt(lo)}`],
      [`raise targetReturn to ≥ ${fmt(lo)}`],
      'the target return is below the minimum achievable',
    );
  }
  const { w, qp } = solvePortfolioQp({
    n: cov.n,
    L: cov.L,
    cons,
    extraEq: [{ row: mu, rhs: Math.min(Math.max(target, lo), hi), label: `target return μᵀw = ${fmt(target)}` }],
  });
  return { weights: Array.from(w), ...stats(cov.S, cov.n, w, mu), iterations: qp.iterations, activeConstraints: qp.active, repaired: cov.repaired };
}
