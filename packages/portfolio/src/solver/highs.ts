import highsLoader, { type Highs } from 'highs';
import { InvalidInputError, NoSolutionError } from '@quantforge/core';
import { ConstraintConflictError } from '../constraints/errors';
import type { LpProblem, LpSolution } from './types';

export type { Highs };

let loading: Promise<Highs> | undefined;

/**
 * Loads HiGHS (compiled to WebAssembly, the `highs` package) once and caches it. The load is
 * asynchronous (~150 ms, compiling the Wasm); solves on the loaded instance are synchronous.
 * Await this once at start-up and pass the instance (`{ highs }`) to make later calls cheap.
 */
export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

const STATUS: Record<number, string> = {
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Unbounded or infeasible',
  10: 'Unbounded',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
};

/** HiGHS's model for an {@link LpProblem} (plus an optional lower-triangular Hessian, CSC). */
function modelData(p: LpProblem, hessian?: { starts: Int32Array; indices: Int32Array; values: Float64Array }) {
  const n = p.numCols;
  const m = p.rowLower.length;
  if (p.cost.length !== n || p.lower.length !== n || p.upper.length !== n) {
    throw new InvalidInputError('problem', `cost, lower and upper must have numCols = ${n} entries`);
  }
  if (p.rowUpper.length !== m || p.matrix.starts.length !== m + 1) {
    throw new InvalidInputError('problem.matrix', `must have ${m} rows (starts of length ${m + 1}) like rowLower / rowUpper`);
  }
  return {
    numCols: n,
    numRows: m,
    colCost: Float64Array.from(p.cost),
    colLower: Float64Array.from(p.lower),
    colUpper: Float64Array.from(p.upper),
    rowLower: Float64Array.from(p.rowLower),
    rowUpper: Float64Array.from(p.rowUpper),
    matrix: { format: 'csr' as const, numRows: m, numCols: n, starts: p.matrix.starts, indices: p.matrix.indices, values: p.matrix.values },
    ...(hessian ? { hessian: { format: 'triangular' as const, dimension: n, ...hessian } } : {}),
  };
}

/**
 * Solves an LP with a loaded HiGHS instance (synchronous; dual simplex by default, HiGHS's
 * `solver: 'choose'`). Optimal to HiGHS's default primal/dual feasibility tolerances 1e-7.
 *
 * @throws ConstraintConflictError (code 'lp-infeasible') for an infeasible LP, NoSolutionError
 *   ('lp-unbounded', 'lp-failed') otherwise.
 */
export function solveLpWith(highs: Highs, problem: LpProblem, options: Record<string, string | number | boolean> = {}): LpSolution {
  return runModel(highs, modelData(problem), options);
}

/** {@link solveLpWith} on the cached instance of {@link loadHighs}. */
export async function solveLp(problem: LpProblem, options: Record<string, string | number | boolean> = {}): Promise<LpSolution> {
  return solveLpWith(await loadHighs(), problem, options);
}

/**
 * A dense convex QP  min ½xᵀHx + cᵀx  over the rows and bounds of `problem` (its `cost` is c) with
 * HiGHS's QP solver (a primal active-set method, "qpasm"). Used to cross-check {@link solveQp};
 * see docs/guides/portfolio-solvers.md for its accuracy and speed. It did not terminate on 13 of
 * 2,185 small random problems in our sweep, so a `time_limit` of 60 s applies unless overridden
 * (NoSolutionError 'lp-failed' when hit).
 */
export function solveQpWith(highs: Highs, problem: LpProblem, hessian: ArrayLike<ArrayLike<number>>, options: Record<string, string | number | boolean> = {}): LpSolution {
  const n = problem.numCols;
  if (hessian.length !== n) throw new InvalidInputError('hessian', `must be ${n} × ${n}`);
  const starts = new Int32Array(n + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      const v = hessian[i][j];
      if (v !== 0) {
        idx.push(i);
        val.push(v);
      }
    }
    starts[j + 1] = idx.length;
  }
  // HiGHS's QP solver can fail to terminate on small degenerate problems: cap it (default 60 s).
  return runModel(highs, modelData(problem, { starts, indices: Int32Array.from(idx), values: Float64Array.from(val) }), { time_limit: 60, ...options });
}

function runModel(highs: Highs, data: ReturnType<typeof modelData>, options: Record<string, string | number | boolean>): LpSolution {
  const model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, ...options });
    model.run();
    const status = model.getModelStatus() as number;
    if (status === 7) {
      return { x: Float64Array.from(model.getSolution().colValue), objective: model.getObjectiveValue(), status: 'Optimal' };
    }
    if (status === 8) throw new ConstraintConflictError('lp-infeasible', ['the linear constraints'], ['relax the bounds or rows (HiGHS found no feasible point)']);
    if (status === 10 || status === 9) throw new NoSolutionError('lp-unbounded', 'The linear program is unbounded (or infeasible): add bounds on the variables.');
    throw new NoSolutionError('lp-failed', `HiGHS stopped with status ${STATUS[status] ?? status}`);
  } finally {
    model.dispose();
  }
}
