import { InfeasibleError, InvalidInputError } from '@quantforge/core';

/**
 * An {@link InfeasibleError} that lists the constraints with no common point and what to relax.
 * `code` is a short tag: `'bounds'`, `'budget'`, `'group'`, `'target-return'`, `'target-risk'`,
 * `'no-positive-excess-return'`, `'constraints'` (found by the solver), ...
 */
export class ConstraintConflictError extends InfeasibleError {
  /** The conflicting constraints, human-readable (`'budget: sum(w) = 1'`, `'upper bound w[3] ≤ 0.1'`). */
  readonly conflicts: string[];
  /** What to change so the problem has a solution. */
  readonly suggestions: string[];
  constructor(code: string, conflicts: string[], suggestions: string[], detail?: string) {
    super(
      code,
      `Infeasible: ${detail ?? 'these constraints cannot all hold'}: ${conflicts.join('; ')}. To fix: ${suggestions.join('; ')}.`,
    );
    this.conflicts = conflicts;
    this.suggestions = suggestions;
  }
}

/**
 * The covariance matrix is singular (positive semidefinite but not definite), so the optimum is
 * not unique / the Newton system has no solution. `field` is 'covariance'.
 */
export class SingularCovarianceError extends InvalidInputError {
  /** The smallest eigenvalue (≈ 0 relative to the largest). */
  readonly minEigenvalue: number;
  constructor(minEigenvalue: number, maxEigenvalue: number, hint: string) {
    super(
      'covariance',
      `is singular (smallest eigenvalue ${minEigenvalue.toExponential(3)} vs largest ${maxEigenvalue.toExponential(3)}): ${hint}`,
    );
    this.minEigenvalue = minEigenvalue;
  }
}

/** The covariance matrix has a negative eigenvalue (not PSD). `field` is 'covariance'. */
export class NotPsdCovarianceError extends InvalidInputError {
  /** The offending (most negative) eigenvalue. */
  readonly minEigenvalue: number;
  constructor(minEigenvalue: number) {
    super(
      'covariance',
      `is not positive semidefinite (eigenvalue ${minEigenvalue.toExponential(6)} < 0); pass repair: true to clip its eigenvalues (nearestPsd), or estimate it with ledoitWolf / from complete data`,
      minEigenvalue,
    );
    this.minEigenvalue = minEigenvalue;
  }
}
