import highsLoader from 'highs';
import { ConvergenceError, NoSolutionError } from '@quantforge/core';
import { discreteAllocation } from './greedy';
import { allocationProblem, finishAllocation, type DiscreteAllocation, type DiscreteAllocationInput } from './inputs';

type HighsInstance = Awaited<ReturnType<typeof highsLoader>>;
let loading: Promise<HighsInstance> | undefined;

/** Options of {@link discreteAllocationMip}. */
export interface MipAllocationOptions {
  /** HiGHS time limit in seconds (default 10). On timeout the best integer solution found is returned if it beats greedy. */
  timeLimit?: number;
}

function fmt(x: number): string {
  // LP-format numbers: full round-trip precision, no exponent surprises
  return Number.isInteger(x) ? x.toFixed(0) : x.toPrecision(17);
}

/**
 * Exact discrete allocation by mixed-integer programming (HiGHS compiled to WebAssembly; async
 * because the solver loads asynchronously, ~150 ms the first time). Solves PyPortfolioOpt's
 * `lp_portfolio` program in units of V:
 *
 *   min Σ_i u_i + r  s.t.  u_i ≥ |w_i − c_i k_i / V|,  Σ_i c_i k_i / V + r = 1,  k_i ∈ ℕ, r ≥ 0
 *
 * (c_i the lot cost, k_i lots, r the leftover fraction): it minimises the total shortfall and the
 * idle cash, which equals 2 Σ_i max(w_i V − value_i, 0)/V. Gaps are set to 0 (mip_rel_gap = 0,
 * mip_abs_gap = 1e-12), so the result is optimal to HiGHS's feasibility tolerance (1e-6 in the
 * scaled units); the integer solution is then re-priced in exact decimal money and never
 * overspends (any rounding overspend is removed lot by lot). As a safeguard the greedy solution
 * (feasible for the same program) is returned instead if it scores better in exact money.
 *
 * @throws InvalidInputError as {@link discreteAllocation}; NoSolutionError when HiGHS reports a
 * model/solve error; ConvergenceError (with the greedy allocation as last iterate) on time limit.
 */
export async function discreteAllocationMip(input: DiscreteAllocationInput, options: MipAllocationOptions = {}): Promise<DiscreteAllocation> {
  const p = allocationProblem(input);
  const greedy = discreteAllocation({ ...input, method: 'greedy' });
  loading ??= highsLoader();
  const highs = await loading;
  const V = p.total;
  const c = p.lotCosts.map((ci) => ci.div(V).toNumber());
  const w = Array.from(p.weights);
  const lines: string[] = ['Minimize', ' obj: ' + [...w.map((_, i) => `u${i}`), 'r'].join(' + '), 'Subject To'];
  for (let i = 0; i < p.n; i++) {
    lines.push(` lo${i}: u${i} + ${fmt(c[i])} k${i} >= ${fmt(w[i])}`);
    lines.push(` hi${i}: u${i} - ${fmt(c[i])} k${i} >= ${fmt(-w[i])}`);
  }
  lines.push(' budget: ' + [...c.map((ci, i) => `${fmt(ci)} k${i}`), 'r'].join(' + ') + ' = 1');
  lines.push('Bounds');
  for (let i = 0; i < p.n; i++) {
    // no more lots than the whole budget buys
    lines.push(` 0 <= k${i} <= ${Math.floor(1 / c[i]) + 1}`);
  }
  lines.push('General', ' ' + c.map((_, i) => `k${i}`).join(' '), 'End');
  const timeLimit = options.timeLimit ?? 10;
  const sol = highs.solve(lines.join('\n'), {
    mip_rel_gap: 0,
    mip_abs_gap: 1e-12,
    time_limit: timeLimit,
    output_flag: false,
  });
  const status = sol.Status;
  if (status !== 'Optimal' && status !== 'Time limit reached') {
    throw new NoSolutionError('mip-failed', `HiGHS could not solve the allocation MIP (status: ${status}); use the greedy discreteAllocation`);
  }
  const counts = c.map((_, i) => {
    const col = sol.Columns[`k${i}`] as { Primal?: number } | undefined;
    return Math.max(0, Math.round(col?.Primal ?? 0));
  });
  const exact = finishAllocation(p, counts, 'mip');
  // the MIP objective in exact money: shortfall + idle cash
  const objective = (a: DiscreteAllocation) => {
    let s = a.leftover;
    a.values.forEach((v, i) => {
      s = s.add(p.targets[i].sub(v).abs());
    });
    return s;
  };
  if (status === 'Time limit reached') {
    throw new ConvergenceError(
      `HiGHS hit the ${timeLimit} s time limit before proving optimality; raise timeLimit or use the greedy allocation (lastIterate)`,
      0,
      objective(exact).lt(objective(greedy)) ? exact : greedy,
    );
  }
  return objective(exact).lte(objective(greedy)) ? exact : { ...greedy, method: 'mip' };
}
