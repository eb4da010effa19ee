import { InvalidInputError } from '@quantforge/core';
import { toReturns, type MatrixInput } from '../covariance/matrix-input';
import { normalizeConstraints, type PortfolioConstraints } from '../constraints/spec';
import { ConstraintConflictError } from '../constraints/errors';
import { loadHighs, solveLpWith, type Highs } from '../solver/highs';
import { fmt, requireOptions } from './common';
import { prepareVector } from './covariance-input';

/** Options of {@link minCvar}. */
export interface MinCvarOptions extends PortfolioConstraints {
  /** T × N scenario returns (one row per scenario, equally likely), e.g. historical returns. */
  scenarios: MatrixInput;
  /** Confidence level β ∈ (0, 1) (default 0.95): CVaR is the mean loss in the worst (1 − β) tail. */
  beta?: number;
  /** Require μᵀw ≥ targetReturn (μ = expectedReturns, default the scenario means). */
  targetReturn?: number;
  expectedReturns?: ArrayLike<number>;
  /** A loaded HiGHS instance (from loadHighs()); default the cached one. */
  highs?: Highs;
}

/** Result of {@link minCvar}. */
export interface MinCvarResult {
  weights: number[];
  /** The minimal CVaR_β of the loss −rᵀw over the scenarios (in return units, positive = loss). */
  cvar: number;
  /** The optimal α: a β-VaR of the loss (the upper end of the VaR interval when it is not unique). */
  valueAtRisk: number;
  /** μᵀw. */
  expectedReturn: number;
}

/**
 * Minimum-CVaR portfolio by the Rockafellar-Uryasev (2000) linear program
 *   min α + 1/((1 − β)T) Σ_t z_t   s.t.  z_t ≥ −r_tᵀw − α,  z_t ≥ 0,
 * plus the budget, bounds, group / factor rows, an optional return floor and gross leverage (by a
 * long/short split). Solved by HiGHS (WebAssembly), so the function is async: HiGHS loads
 * asynchronously once; pass a preloaded `highs` to skip the wait. The LP is solved to HiGHS's
 * feasibility/optimality tolerances (1e-7 absolute on rows; the CVaR is recomputed from the weights).
 *
 * @throws ConstraintConflictError when the constraints or the return floor cannot be met.
 */
export async function minCvar(options: MinCvarOptions): Promise<MinCvarResult> {
  requireOptions(options, 'minCvar');
  const R = toReturns(options.scenarios, 'scenarios', 1);
  const highs = options.highs ?? (await loadHighs());
  return minCvarWith(highs, options, R);
}

function minCvarWith(highs: Highs, options: MinCvarOptions, R: { rows: number; cols: number; data: Float64Array }): MinCvarResult {
  const T = R.rows;
  const n = R.cols;
  const beta = options.beta ?? 0.95;
  if (typeof beta !== 'number' || !(beta > 0 && beta < 1)) throw new InvalidInputError('beta', 'must be in (0, 1), e.g. 0.95', beta);
  const cons = normalizeConstraints(options, n);
  const mu = new Float64Array(n);
  if (options.expectedReturns !== undefined) mu.set(prepareVector(options.expectedReturns, 'expectedReturns', n));
  else for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) mu[i] += R.data[t * n + i] / T;
  const target = options.targetReturn;
  if (target !== undefined && (typeof target !== 'number' || !Number.isFinite(target))) throw new InvalidInputError('targetReturn', 'must be a finite number', target);
  const lev = cons.grossLeverage !== undefined;
  // columns: w (n), α, z (T), [p (n), q (n)]
  const nc = n + 1 + T + (lev ? 2 * n : 0);
  const iA = n;
  const iZ = n + 1;
  const iP = n + 1 + T;
  const cost = new Float64Array(nc);
  cost[iA] = 1;
  const k = 1 / ((1 - beta) * T);
  for (let t = 0; t < T; t++) cost[iZ + t] = k;
  const lower = new Float64Array(nc);
  const upper = new Float64Array(nc).fill(Infinity);
  lower.set(cons.lower);
  upper.set(cons.upper);
  lower[iA] = -Infinity;
  const starts: number[] = [0];
  const idx: number[] = [];
  const val: number[] = [];
  const rl: number[] = [];
  const ru: number[] = [];
  const labels: string[] = [];
  const row = (cols: number[], vals: number[], lo: number, hi: number, label: string) => {
    for (let j = 0; j < cols.length; j++) {
      if (vals[j] !== 0) {
        idx.push(cols[j]);
        val.push(vals[j]);
      }
    }
    starts.push(idx.length);
    rl.push(lo);
    ru.push(hi);
    labels.push(label);
  };
  const wCols = Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < T; t++) {
    const r = Array.from(R.data.subarray(t * n, (t + 1) * n));
    row([...wCols, iA, iZ + t], [...r, 1, 1], 0, Infinity, `scenario ${t}`);
  }
  row(wCols, new Array<number>(n).fill(1), cons.budget, cons.budget, `budget: sum(w) = ${fmt(cons.budget)}`);
  cons.ineqRows.forEach((a, q) => row(wCols, Array.from(a), cons.ineqRhs[q], Infinity, cons.ineqLabels[q]));
  if (target !== undefined) row(wCols, Array.from(mu), target, Infinity, `target return μᵀw ≥ ${fmt(target)}`);
  if (lev) {
    for (let i = 0; i < n; i++) row([i, iP + i, iP + n + i], [1, -1, 1], 0, 0, `split w[${i}]`);
    const cols = Array.from({ length: 2 * n }, (_, j) => iP + j);
    row(cols, new Array<number>(2 * n).fill(1), -Infinity, cons.grossLeverage!, `gross leverage ≤ ${fmt(cons.grossLeverage!)}`);
  }
  let sol;
  try {
    sol = solveLpWith(highs, {
      numCols: nc,
      cost,
      lower,
      upper,
      rowLower: rl,
      rowUpper: ru,
      matrix: { starts: Int32Array.from(starts), indices: Int32Array.from(idx), values: Float64Array.from(val) },
    });
  } catch (e) {
    if (e instanceof ConstraintConflictError) {
      const names = labels.slice(T);
      throw new ConstraintConflictError('constraints', names, [target !== undefined ? 'lower targetReturn' : 'relax the bounds / group / factor limits'], 'the minimum-CVaR constraints have no common point');
    }
    throw e;
  }
  const w = Array.from(sol.x.subarray(0, n));
  // CVaR of the weights found (Rockafellar-Uryasev at the LP's α)
  const alpha = sol.x[iA];
  let tail = 0;
  for (let t = 0; t < T; t++) {
    let loss = 0;
    for (let i = 0; i < n; i++) loss -= R.data[t * n + i] * w[i];
    if (loss > alpha) tail += loss - alpha;
  }
  let er = 0;
  for (let i = 0; i < n; i++) er += mu[i] * w[i];
  return { weights: w, cvar: alpha + k * tail, valueAtRisk: alpha, expectedReturn: er };
}
