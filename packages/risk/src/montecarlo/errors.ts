import { InvalidInputError } from '@quantforge/core';

/**
 * A covariance or correlation matrix that is not positive semidefinite. `eigenvalue` is its
 * smallest (offending) eigenvalue. Pass `repair: true` to project it onto the nearest correlation
 * matrix (Higham 2002) instead.
 */
export class NotPositiveSemidefiniteError extends InvalidInputError {
  readonly eigenvalue: number;
  constructor(field: string, eigenvalue: number) {
    super(field, `is not positive semidefinite (smallest eigenvalue ${eigenvalue}); pass repair: true to use the nearest correlation matrix (Higham 2002)`, eigenvalue);
    this.eigenvalue = eigenvalue;
  }
}
