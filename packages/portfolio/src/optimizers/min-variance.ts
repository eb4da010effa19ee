import { normalizeConstraints } from '../constraints/spec';
import { solvePortfolioQp } from '../constraints/portfolio-qp';
import { prepareCovariance } from './covariance-input';
import { requireOptions, stats, type CovarianceOptions, type OptimizerResult } from './common';

/** Options of {@link minVariance}. */
export type MinVarianceOptions = CovarianceOptions;

/**
 * The minimum-variance portfolio: min wᵀΣw subject to Σw = budget (default 1), the bounds
 * (default long-only) and any group / factor / leverage constraints. Solved exactly (to rounding)
 * by `solveQp` (primal active set on the free assets for budget + bounds, Goldfarb-Idnani dual
 * active set otherwise); matches R quadprog to ~1e-12.
 *
 * @example
 * const { weights } = minVariance({ covariance: S });               // long-only, fully invested
 * minVariance({ covariance: S, bounds: [-0.5, 0.5], grossLeverage: 1.6 }); // long/short
 * @throws InvalidInputError (NaN, shape), NotPsdCovarianceError, SingularCovarianceError,
 *   ConstraintConflictError (lists the conflicting constraints).
 */
export function minVariance(options: MinVarianceOptions): OptimizerResult {
  requireOptions(options, 'minVariance');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const cons = normalizeConstraints(options, cov.n);
  const { w, qp } = solvePortfolioQp({ n: cov.n, L: cov.L, H: cov.S, cons });
  return { weights: Array.from(w), ...stats(cov.S, cov.n, w), iterations: qp.iterations, activeConstraints: qp.active, repaired: cov.repaired };
}
