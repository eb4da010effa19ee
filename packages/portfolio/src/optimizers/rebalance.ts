import { choleskyLower } from '../solver/cholesky';
import { InvalidInputError } from '@quantforge/core';
import { normalizeConstraints } from '../constraints/spec';
import { solvePortfolioQp } from '../constraints/portfolio-qp';
import { ConstraintConflictError, SingularCovarianceError } from '../constraints/errors';
import { prepareCovariance, prepareVector } from './covariance-input';
import { requireOptions, stats, type CovarianceOptions, type OptimizerResult } from './common';

/** Options of {@link rebalance}. */
export interface RebalanceOptions extends CovarianceOptions {
  /** The weights held now, w₀ (N). */
  currentWeights: ArrayLike<number>;
  /** μ (N), default 0 (a pure risk-reduction trade). */
  expectedReturns?: ArrayLike<number>;
  /** λ > 0 in μᵀw − (λ/2)wᵀΣw (default 1). */
  riskAversion?: number;
  /** Linear cost per unit of weight traded, c_i ≥ 0 (a number for all assets, or one per asset). */
  linearCosts?: number | ArrayLike<number>;
  /** Quadratic (impact) cost q_i ≥ 0: q_i (w_i − w₀_i)². */
  quadraticCosts?: number | ArrayLike<number>;
  /** Turnover limit Σ|w_i − w₀_i| ≤ turnoverLimit. */
  turnoverLimit?: number;
}

/** Result of {@link rebalance}. */
export interface RebalanceResult extends OptimizerResult {
  /** w − w₀. */
  trades: number[];
  /** Σ|w − w₀|. */
  turnover: number;
  /** Σ c_i|Δw_i| + Σ q_i Δw_i². */
  cost: number;
  expectedReturn: number;
}

function costVector(v: number | ArrayLike<number> | undefined, n: number, field: string): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined) return out;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw new InvalidInputError(field, 'must be a finite number ≥ 0', v);
    return out.fill(v);
  }
  if (v.length !== n) throw new InvalidInputError(field, `must have ${n} entries (one per asset), got ${v.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(v[i]) || v[i] < 0) throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number ≥ 0', v[i]);
    out[i] = v[i];
  }
  return out;
}

/**
 * Transaction-cost-aware rebalancing from the current weights w₀:
 *   max μᵀw − (λ/2)wᵀΣw − Σ c_i|w_i − w₀_i| − Σ q_i(w_i − w₀_i)²
 * subject to Σ|w − w₀| ≤ turnoverLimit and the portfolio constraints. |w − w₀| is modelled by
 * split variables w − w₀ = buy − sell ≥ 0, solved by proximal-point iterations on the split (see
 * solvePortfolioQp; constraints hold to ~1e-12, the optimum to ~1e-11). turnoverLimit 0 returns w₀
 * when it is feasible.
 */
export function rebalance(options: RebalanceOptions): RebalanceResult {
  requireOptions(options, 'rebalance');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const n = cov.n;
  const w0 = prepareVector(options.currentWeights, 'currentWeights', n);
  const mu = options.expectedReturns === undefined ? new Float64Array(n) : prepareVector(options.expectedReturns, 'expectedReturns', n);
  const lam = options.riskAversion ?? 1;
  if (typeof lam !== 'number' || !Number.isFinite(lam) || !(lam > 0)) throw new InvalidInputError('riskAversion', 'must be a finite number > 0', lam);
  const c = costVector(options.linearCosts, n, 'linearCosts');
  const q = costVector(options.quadraticCosts, n, 'quadraticCosts');
  const limit = options.turnoverLimit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 0)) {
    throw new InvalidInputError('turnoverLimit', 'must be a finite number ≥ 0', limit);
  }
  const cons = normalizeConstraints(options, n);
  if (limit !== undefined && limit <= 1e-14) {
    // No trading allowed: the answer is w₀ if it is feasible (the split QP is fully degenerate here).
    const bad: string[] = [];
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += w0[i];
      if (w0[i] < cons.lower[i] - 1e-12 || w0[i] > cons.upper[i] + 1e-12) bad.push(`bounds of w[${i}] (current ${w0[i]})`);
    }
    if (Math.abs(s - cons.budget) > 1e-12) bad.push(`budget: sum(w) = ${cons.budget} (current sum ${s})`);
    cons.ineqRows.forEach((a, k) => {
      let v = 0;
      for (let i = 0; i < n; i++) v += a[i] * w0[i];
      if (v < cons.ineqRhs[k] - 1e-12) bad.push(cons.ineqLabels[k]);
    });
    if (bad.length > 0) throw new ConstraintConflictError('turnover', ['turnoverLimit = 0', ...bad], ['allow some turnover', 'or relax the constraints the current weights violate']);
    const st0 = stats(cov.S, n, w0, mu);
    return { weights: Array.from(w0), ...st0, expectedReturn: st0.expectedReturn!, trades: new Array<number>(n).fill(0), turnover: 0, cost: 0, iterations: 0, activeConstraints: ['turnover sum|w − current| ≤ 0'], repaired: cov.repaired };
  }
  // H_w = λΣ + 2 diag(q); linear −μ − 2 q∘w₀
  const H = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) H[k] = lam * cov.S[k];
  for (let i = 0; i < n; i++) H[i * n + i] += 2 * q[i];
  const L = choleskyLower(H, n, 0);
  if (L === null) throw new SingularCovarianceError(0, 1, 'the rebalancing QP is not strictly convex; add quadraticCosts or pass repair: true');
  const lin = new Float64Array(n);
  for (let i = 0; i < n; i++) lin[i] = -mu[i] - 2 * q[i] * w0[i];
  const useSplit = limit !== undefined || c.some((v) => v > 0);
  const { w, qp } = solvePortfolioQp({ n, L, H, linear: lin, cons, turnover: useSplit ? { current: w0, limit, linearCosts: c } : undefined });
  const trades = Array.from(w, (v, i) => v - w0[i]);
  let turnover = 0;
  let cost = 0;
  for (let i = 0; i < n; i++) {
    turnover += Math.abs(trades[i]);
    cost += c[i] * Math.abs(trades[i]) + q[i] * trades[i] * trades[i];
  }
  const st = stats(cov.S, n, w, mu);
  return { weights: Array.from(w), ...st, expectedReturn: st.expectedReturn!, trades, turnover, cost, iterations: qp.iterations, activeConstraints: qp.active, repaired: cov.repaired };
}
