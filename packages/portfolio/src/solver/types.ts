/**
 * A dense convex quadratic program
 *
 *   minimise ½ xᵀ H x + cᵀ x
 *   subject to  E x = f           (equality rows)
 *               A x ≥ b           (inequality rows)
 *               lower ≤ x ≤ upper (bounds, ±Infinity for none)
 *
 * with H symmetric positive definite (or given through its Cholesky factor).
 */
export interface QpProblem {
  /**
   * Hessian H (n × n, symmetric positive definite), rows; only the lower triangle is read. Give
   * this or `choleskyFactor`, or both (then they must agree, H = LLᵀ: L certifies positive
   * definiteness without a factorisation and H feeds the primal bound-constrained path).
   */
  hessian?: ReadonlyArray<ArrayLike<number>>;
  /** Lower-triangular L with H = L Lᵀ, rows; skips the factorisation when the caller has it. */
  choleskyFactor?: ReadonlyArray<ArrayLike<number>>;
  /** Linear term c (default 0). */
  linear?: ArrayLike<number>;
  /** Equality rows E x = f. */
  equalities?: LinearRows;
  /** Inequality rows A x ≥ b. */
  inequalities?: LinearRows;
  /** Lower bounds (−Infinity for none). */
  lower?: ArrayLike<number>;
  /** Upper bounds (+Infinity for none). */
  upper?: ArrayLike<number>;
  /** Variable names used in error messages for bounds (default `x[i]`). */
  variableNames?: readonly string[];
  /**
   * Algorithm (default 'auto'). 'primal-active-set' is available when `hessian` is given and the
   * constraints are exactly one equality row plus bounds (the long-only / boxed minimum-variance
   * shape); 'auto' uses it there and 'dual-active-set' (Goldfarb-Idnani) everywhere else, and
   * falls back to the dual method whenever the primal one cannot certify its answer.
   */
  method?: QpMethod;
}

/** Which algorithm `solveQp` runs; see {@link QpProblem.method}. */
export type QpMethod = 'auto' | 'dual-active-set' | 'primal-active-set';

/** Linear rows `rows[k] · x (= or ≥) rhs[k]`, each with an optional human-readable label. */
export interface LinearRows {
  rows: ReadonlyArray<ArrayLike<number>>;
  rhs: ArrayLike<number>;
  /** Names used in error messages, e.g. `'budget: sum(w) = 1'`. */
  labels?: readonly string[];
}

/** The solution of a {@link QpProblem}. */
export interface QpSolution {
  x: Float64Array;
  /** ½ xᵀHx + cᵀx at x. */
  objective: number;
  /** Active-set iterations (constraint additions and drops). */
  iterations: number;
  /** The algorithm that produced the answer. */
  method: 'dual-active-set' | 'primal-active-set';
  /** Labels of the constraints active at the solution. */
  active: string[];
  /** Lagrange multipliers of the equality rows, then the inequality rows (0 when inactive). */
  multipliers: { equalities: Float64Array; inequalities: Float64Array; lower: Float64Array; upper: Float64Array };
}

/**
 * A linear program  minimise cᵀx  s.t.  rowLower ≤ A x ≤ rowUpper,  lower ≤ x ≤ upper,
 * with A given sparse by rows (CSR).
 */
export interface LpProblem {
  numCols: number;
  cost: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  rowLower: ArrayLike<number>;
  rowUpper: ArrayLike<number>;
  /** CSR: row i occupies starts[i] .. starts[i + 1] of `indices` (column) and `values`. */
  matrix: { starts: Int32Array; indices: Int32Array; values: Float64Array };
}

/** The solution of an {@link LpProblem}. */
export interface LpSolution {
  x: Float64Array;
  objective: number;
  /** HiGHS model status text ('Optimal'). */
  status: string;
}
