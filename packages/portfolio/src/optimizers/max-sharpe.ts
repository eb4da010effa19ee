import { InvalidInputError } from '@quantforge/core';
import { normalizeConstraints, type NormalizedConstraints } from '../constraints/spec';
import { ConstraintConflictError } from '../constraints/errors';
import { solveQp } from '../solver/qp';
import { prepareCovariance, prepareVector, type PreparedCovariance } from './covariance-input';
import { fmt, requireOptions, stats, type CovarianceOptions, type OptimizerResult } from './common';
import { maxReturn } from './max-return';

/** Options of {@link maxSharpe}. */
export interface MaxSharpeOptions extends CovarianceOptions {
  /** μ, one expected return per asset, same period as Σ. */
  expectedReturns: ArrayLike<number>;
  /** Risk-free return per period (default 0). */
  riskFree?: number;
}

/** Result of {@link maxSharpe}. */
export interface MaxSharpeResult extends OptimizerResult {
  expectedReturn: number;
  /** (μᵀw − riskFree) / √(wᵀΣw), per period (multiply by √periods-per-year to annualise). */
  sharpeRatio: number;
}

/**
 * Solves max (μ−r_f)ᵀw/√(wᵀΣw) by the homogenised QP (Cornuejols & Tütüncü, Optimization Methods
 * in Finance §8.2): min yᵀΣy s.t. (μ−r_f)ᵀy = 1 and every constraint a·w ≥ β rewritten as
 * (a − β/budget·1)·y ≥ 0; then w = budget·y/Σy. Exact to rounding.
 */
export function solveMaxSharpe(mu: Float64Array, rf: number, cov: PreparedCovariance, cons: NormalizedConstraints, what = 'expected return'): { w: Float64Array; iterations: number; active: string[] } {
  const n = cov.n;
  const b = cons.budget;
  if (!(b > 0)) throw new InvalidInputError('budget', 'must be > 0 for a ratio objective (a dollar-neutral or net-short book has no Sharpe-optimal scale)', b);
  if (cons.grossLeverage !== undefined) throw new InvalidInputError('grossLeverage', 'is not supported by the ratio objectives (maxSharpe, maxDiversification); use efficientRisk or bounds instead');
  const excess = mu.map((v) => v - rf);
  const longOnly = cons.lower.every((v) => v >= 0);
  let best = -Infinity;
  for (let i = 0; i < n; i++) if (cons.upper[i] > cons.lower[i] || cons.lower[i] > 0) best = Math.max(best, excess[i]);
  if (longOnly && best <= 0) {
    throw new ConstraintConflictError(
      'no-positive-excess-return',
      [`every ${what} is ≤ riskFree = ${fmt(rf)} (largest excess ${fmt(best)})`, 'long-only bounds'],
      [`lower riskFree below ${fmt(rf + best)}`, 'use minVariance, or allow short positions (negative lower bounds)'],
      'no long-only portfolio has a positive excess return, so the Sharpe ratio has no maximum',
    );
  }
  const rows: Float64Array[] = [];
  const rhs: number[] = [];
  const labels: string[] = [];
  const lower = new Float64Array(n).fill(-Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  const push = (a: Float64Array, beta: number, label: string) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = a[i] - beta / b;
    rows.push(r);
    rhs.push(0);
    labels.push(label);
  };
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n);
    e[i] = 1;
    if (cons.lower[i] === 0) lower[i] = 0;
    else if (cons.lower[i] > -Infinity) push(e, cons.lower[i], `lower bound w[${i}] ≥ ${fmt(cons.lower[i])}`);
    if (cons.upper[i] < Infinity) {
      const m = new Float64Array(n);
      m[i] = -1;
      push(m, -cons.upper[i], `upper bound w[${i}] ≤ ${fmt(cons.upper[i])}`);
    }
  }
  cons.ineqRows.forEach((a, k) => push(a, cons.ineqRhs[k], cons.ineqLabels[k]));
  if (!longOnly) {
    // κ = Σy / budget > 0
    rows.push(new Float64Array(n).fill(1));
    rhs.push(0);
    labels.push('positive scale sum(y)/budget ≥ 0');
  }
  const Lrows: Float64Array[] = [];
  for (let i = 0; i < n; i++) Lrows.push(cov.L.slice(i * n, (i + 1) * n));
  let qp;
  try {
    qp = solveQp({
      choleskyFactor: Lrows,
      hessian: Array.from({ length: n }, (_, i) => cov.S.subarray(i * n, (i + 1) * n)),
      equalities: { rows: [excess], rhs: [1], labels: [`normalisation (μ − riskFree)ᵀy = 1`] },
      inequalities: { rows, rhs, labels },
      lower,
      upper,
    });
  } catch (e) {
    if (e instanceof ConstraintConflictError) {
      const hi = maxReturn(mu, cov, cons).value;
      throw new ConstraintConflictError(
        'no-positive-excess-return',
        [`riskFree = ${fmt(rf)}`, `the highest ${what} these constraints allow, ${fmt(hi)}`],
        [`lower riskFree below ${fmt(hi)}`, 'or relax the constraints that cap the best assets', 'or use minVariance'],
        'no portfolio satisfying the constraints has a positive excess return',
      );
    }
    throw e;
  }
  const y = qp.x;
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i];
  const w = y.map((v) => (b * v) / s);
  return { w, iterations: qp.iterations, active: qp.active };
}

/**
 * The tangency (maximum Sharpe ratio) portfolio under the constraints (default long-only, fully
 * invested): max (μᵀw − riskFree)/√(wᵀΣw). Exact to rounding; matches R quadprog / cvxopt.
 *
 * @throws ConstraintConflictError 'no-positive-excess-return' when every achievable return is
 *   ≤ riskFree (PyPortfolioOpt #427), naming the highest achievable return.
 */
export function maxSharpe(options: MaxSharpeOptions): MaxSharpeResult {
  requireOptions(options, 'maxSharpe');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const mu = prepareVector(options.expectedReturns, 'expectedReturns', cov.n);
  const rf = options.riskFree ?? 0;
  if (typeof rf !== 'number' || !Number.isFinite(rf)) throw new InvalidInputError('riskFree', 'must be a finite number', rf);
  const cons = normalizeConstraints(options, cov.n);
  const { w, iterations, active } = solveMaxSharpe(mu, rf, cov, cons);
  const st = stats(cov.S, cov.n, w, mu);
  const ret = st.expectedReturn!;
  return { weights: Array.from(w), ...st, expectedReturn: ret, sharpeRatio: (ret - rf) / st.volatility, iterations, activeConstraints: active, repaired: cov.repaired };
}
