import { ConvergenceError } from '@quantforge/core';
import { solveQp } from '../solver/qp';
import type { QpSolution } from '../solver/types';
import type { NormalizedConstraints } from './spec';

/** A linear row with a label, in w-space. */
export interface LabeledRow {
  row: Float64Array;
  rhs: number;
  label: string;
}

/** Turnover / transaction-cost block: w − w₀ = u − v, u, v ≥ 0. */
export interface TurnoverBlock {
  current: Float64Array;
  /** Σ (u + v) = Σ|w − w₀| ≤ limit. */
  limit?: number;
  /** Linear cost per unit traded, per asset (added to the objective as Σ c_i |w_i − w₀_i|). */
  linearCosts?: Float64Array;
}

export interface PortfolioQpArgs {
  n: number;
  /** Lower Cholesky factor of the w-block Hessian H_w (flat row-major n × n): objective ½wᵀH_w w + cᵀw. */
  L: Float64Array;
  /** H_w itself (flat row-major n × n, = LLᵀ), optional: lets solveQp use its primal bound path. */
  H?: Float64Array;
  linear?: Float64Array;
  cons: NormalizedConstraints;
  extraEq?: LabeledRow[];
  extraIneq?: LabeledRow[];
  turnover?: TurnoverBlock;
}

/**
 * Proximal weight ρ on the auxiliary split variables y = (buy, sell), relative to the mean diagonal
 * of H_w. The split makes the Hessian singular, so the QP is solved by the proximal-point method
 * on y (Rockafellar 1976): repeat min f(w, y) + (ρ/2)‖y − y_k‖², which is strictly convex; on this
 * piecewise-linear-in-y problem it terminates finitely (Ferris 1991) at the exact optimum.
 */
export const AUX_PROX = 1e-4;
/** Cap on proximal iterations (each one QP solve); they stop when y moves < 1e-11. */
export const AUX_MAX_ITERATIONS = 200;

/** Labels of the weights in error messages. */
function wNames(n: number, extra: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push(`w[${i}]`);
  for (let b = 0; b < extra; b++) {
    for (let i = 0; i < n; i++) names.push(`buy[${i}]`);
    for (let i = 0; i < n; i++) names.push(`sell[${i}]`);
  }
  return names;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
}

/**
 * Solves  min ½wᵀH_w w + cᵀw (+ costs)  over the portfolio constraints: budget equality, bounds,
 * group / factor rows, extra rows, and — through split variables w − anchor = u − v — gross
 * leverage (anchor 0) and turnover / linear transaction costs (anchor w₀).
 */
export function solvePortfolioQp(a: PortfolioQpArgs): { w: Float64Array; qp: QpSolution } {
  const { n, cons } = a;
  const blocks: { anchor: Float64Array; limit?: number; costs?: Float64Array; name: string }[] = [];
  if (cons.grossLeverage !== undefined) blocks.push({ anchor: new Float64Array(n), limit: cons.grossLeverage, name: 'gross leverage sum|w|' });
  if (a.turnover !== undefined) {
    blocks.push({ anchor: a.turnover.current, limit: a.turnover.limit, costs: a.turnover.linearCosts, name: 'turnover sum|w − current|' });
  }
  const N = n + 2 * n * blocks.length;
  let sigma = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) sigma += a.L[i * n + k] ** 2;
  sigma /= n;
  const rho = AUX_PROX * sigma;
  const ridge = Math.sqrt(rho);
  const Lrows: Float64Array[] = [];
  // No split variables: rows of L itself (its strict upper triangle is zero) as views, no copies.
  if (N === n) for (let i = 0; i < n; i++) Lrows.push(a.L.subarray(i * n, (i + 1) * n));
  else for (let i = 0; i < N; i++) {
    const r = new Float64Array(N);
    if (i < n) r.set(a.L.subarray(i * n, i * n + i + 1));
    else r[i] = ridge;
    Lrows.push(r);
  }
  const pad = (row: Float64Array) => {
    if (N === n) return row;
    const r = new Float64Array(N);
    r.set(row);
    return r;
  };
  const eqRows: Float64Array[] = [pad(new Float64Array(n).fill(1))];
  const eqRhs: number[] = [cons.budget];
  const eqLabels: string[] = [`budget: sum(w) = ${fmt(cons.budget)}`];
  for (const e of a.extraEq ?? []) {
    eqRows.push(pad(e.row));
    eqRhs.push(e.rhs);
    eqLabels.push(e.label);
  }
  const inRows: Float64Array[] = cons.ineqRows.map(pad);
  const inRhs = [...cons.ineqRhs];
  const inLabels = [...cons.ineqLabels];
  for (const e of a.extraIneq ?? []) {
    inRows.push(pad(e.row));
    inRhs.push(e.rhs);
    inLabels.push(e.label);
  }
  const lower = new Float64Array(N);
  const upper = new Float64Array(N).fill(Infinity);
  lower.set(cons.lower);
  upper.set(cons.upper);
  const linear = new Float64Array(N);
  if (a.linear) linear.set(a.linear);
  blocks.forEach((b, k) => {
    const off = n + 2 * n * k;
    for (let i = 0; i < n; i++) {
      const r = new Float64Array(N);
      r[i] = 1;
      r[off + i] = -1;
      r[off + n + i] = 1;
      eqRows.push(r);
      eqRhs.push(b.anchor[i]);
      eqLabels.push(`split w[${i}] = ${b === blocks[0] && cons.grossLeverage !== undefined ? 'long − short' : 'current + buy − sell'}`);
      if (b.costs) {
        linear[off + i] = b.costs[i];
        linear[off + n + i] = b.costs[i];
      }
    }
    if (b.limit !== undefined) {
      const r = new Float64Array(N);
      for (let i = 0; i < 2 * n; i++) r[off + i] = -1;
      inRows.push(r);
      inRhs.push(-b.limit);
      inLabels.push(`${b.name} ≤ ${fmt(b.limit)}`);
    }
  });
  const hessian: Float64Array[] | undefined = a.H !== undefined && N === n ? Array.from({ length: n }, (_, i) => a.H!.subarray(i * n, (i + 1) * n)) : undefined;
  const problem = {
    choleskyFactor: Lrows,
    hessian,
    linear,
    equalities: { rows: eqRows, rhs: eqRhs, labels: eqLabels },
    inequalities: { rows: inRows, rhs: inRhs, labels: inLabels },
    lower,
    upper,
    variableNames: wNames(n, blocks.length),
  };
  let qp = solveQp(problem);
  if (N > n) {
    const lin0 = Float64Array.from(linear);
    let iterations = qp.iterations;
    for (let k = 0; ; k++) {
      const y = qp.x;
      const lin = Float64Array.from(lin0);
      for (let i = n; i < N; i++) lin[i] -= rho * y[i];
      const next = solveQp({ ...problem, linear: lin });
      iterations += next.iterations;
      let move = 0;
      for (let i = 0; i < N; i++) move = Math.max(move, Math.abs(next.x[i] - y[i]));
      qp = next;
      if (move <= 1e-11 * Math.max(1, Math.abs(cons.budget))) break;
      if (k >= AUX_MAX_ITERATIONS) {
        throw new ConvergenceError(`proximal iterations on the trade / leverage split did not settle in ${AUX_MAX_ITERATIONS} QP solves (last move ${move})`, k, Array.from(qp.x.subarray(0, n)));
      }
    }
    qp = { ...qp, iterations };
  }
  return { w: qp.x.slice(0, n), qp };
}
