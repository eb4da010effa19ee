import { InvalidInputError } from '@quantforge/core';
import { toDense } from '../covariance/matrix-input';
import type { MatrixInput } from '../covariance/matrix-input';
import { ConstraintConflictError } from './errors';

/**
 * Weight bounds: `[lower, upper]` for every asset, one `[lower, upper]` pair per asset, or
 * `{ lower, upper }` with a number or one number per asset (±Infinity for none).
 * Default: long-only, `[0, Infinity]` (with the budget, fully invested long-only).
 */
export type WeightBounds =
  | readonly [number, number]
  | ReadonlyArray<readonly [number, number]>
  | { lower?: number | ArrayLike<number>; upper?: number | ArrayLike<number> };

/** Σ_{i ∈ assets} w_i within [lower, upper]. */
export interface GroupConstraint {
  /** Asset indices (input order) in the group. */
  assets: readonly number[];
  lower?: number;
  upper?: number;
  /** Used in error messages (default `group k`). */
  name?: string;
}

/** Factor exposures Bᵀw within [lower, upper] per factor; B is N × K (one row per asset). */
export interface FactorExposureConstraint {
  exposures: MatrixInput;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** Factor names for messages (default `factor k`). */
  names?: readonly string[];
}

/** The constraint options every optimizer accepts. */
export interface PortfolioConstraints {
  /** See {@link WeightBounds}. Default long-only `[0, Infinity]`. */
  bounds?: WeightBounds;
  /** Σ w = budget (default 1, fully invested). */
  budget?: number;
  /** Group bounds. */
  groups?: readonly GroupConstraint[];
  /** Factor-exposure bounds. */
  factorExposures?: FactorExposureConstraint;
  /** Gross leverage Σ|w_i| ≤ grossLeverage (long/short books; needs negative lower bounds to bite). */
  grossLeverage?: number;
}

/** Linear constraints on w, as the QP layer takes them, each row with a label. */
export interface NormalizedConstraints {
  n: number;
  lower: Float64Array;
  upper: Float64Array;
  budget: number;
  /** Rows a·w ≥ b (group and factor bounds). */
  ineqRows: Float64Array[];
  ineqRhs: number[];
  ineqLabels: string[];
  grossLeverage?: number;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
}

function perAsset(v: number | ArrayLike<number> | undefined, n: number, def: number, field: string): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined) return out.fill(def);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new InvalidInputError(field, 'must be a number (±Infinity for none)', v);
    return out.fill(v);
  }
  if (v.length !== n) throw new InvalidInputError(field, `must have ${n} entries (one per asset), got ${v.length}`);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number' || Number.isNaN(x)) throw new InvalidInputError(`${field}[${i}]`, 'must be a number (±Infinity for none)', x);
    out[i] = x;
  }
  return out;
}

function readBounds(b: WeightBounds | undefined, n: number): { lower: Float64Array; upper: Float64Array } {
  if (b === undefined) return { lower: new Float64Array(n), upper: new Float64Array(n).fill(Infinity) };
  if (Array.isArray(b)) {
    if (b.length === 2 && typeof b[0] === 'number' && typeof b[1] === 'number') {
      return { lower: perAsset(b[0] as number, n, 0, 'bounds[0]'), upper: perAsset(b[1] as number, n, Infinity, 'bounds[1]') };
    }
    if (b.length !== n) throw new InvalidInputError('bounds', `must be [lower, upper] or have ${n} [lower, upper] pairs (one per asset), got ${b.length}`);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = (b as ReadonlyArray<readonly [number, number]>)[i];
      if (!Array.isArray(p) || p.length !== 2) throw new InvalidInputError(`bounds[${i}]`, 'must be a [lower, upper] pair', p);
      lower[i] = perAsset(p[0], 1, 0, `bounds[${i}][0]`)[0];
      upper[i] = perAsset(p[1], 1, Infinity, `bounds[${i}][1]`)[0];
    }
    return { lower, upper };
  }
  if (typeof b !== 'object' || b === null) throw new InvalidInputError('bounds', 'must be [lower, upper], an array of pairs or { lower, upper }', b);
  const o = b as { lower?: number | ArrayLike<number>; upper?: number | ArrayLike<number> };
  return { lower: perAsset(o.lower, n, 0, 'bounds.lower'), upper: perAsset(o.upper, n, Infinity, 'bounds.upper') };
}

/**
 * Validates the constraint options for n assets and checks the conflicts that can be seen without
 * solving (lower > upper, bounds that cannot reach the budget, groups that cannot reach their
 * bounds, leverage below |budget|), throwing {@link ConstraintConflictError} naming them.
 */
export function normalizeConstraints(c: PortfolioConstraints, n: number): NormalizedConstraints {
  const { lower, upper } = readBounds(c.bounds, n);
  const budget = c.budget ?? 1;
  if (typeof budget !== 'number' || !Number.isFinite(budget)) throw new InvalidInputError('budget', 'must be a finite number', budget);
  for (let i = 0; i < n; i++) {
    if (lower[i] === Infinity) throw new InvalidInputError(`bounds lower[${i}]`, 'must be < +Infinity', lower[i]);
    if (upper[i] === -Infinity) throw new InvalidInputError(`bounds upper[${i}]`, 'must be > −Infinity', upper[i]);
    if (lower[i] > upper[i]) {
      throw new ConstraintConflictError('bounds', [`lower bound w[${i}] ≥ ${fmt(lower[i])}`, `upper bound w[${i}] ≤ ${fmt(upper[i])}`], [`make the lower bound of asset ${i} ≤ its upper bound`]);
    }
  }
  let sumLo = 0;
  let sumHi = 0;
  for (let i = 0; i < n; i++) {
    sumLo += lower[i];
    sumHi += upper[i];
  }
  if (sumLo > budget + 1e-12 * Math.max(1, Math.abs(budget))) {
    throw new ConstraintConflictError(
      'budget',
      [`budget: sum(w) = ${fmt(budget)}`, `lower bounds summing to ${fmt(sumLo)}`],
      [`lower some lower bounds by ${fmt(sumLo - budget)} in total, or raise the budget to ≥ ${fmt(sumLo)}`],
      'the lower bounds sum to more than the budget',
    );
  }
  if (sumHi < budget - 1e-12 * Math.max(1, Math.abs(budget))) {
    throw new ConstraintConflictError(
      'budget',
      [`budget: sum(w) = ${fmt(budget)}`, `upper bounds summing to ${fmt(sumHi)}`],
      [`raise some upper bounds by ${fmt(budget - sumHi)} in total (e.g. each to ≥ ${fmt(budget / n)}), or lower the budget to ≤ ${fmt(sumHi)}`],
      'the upper bounds sum to less than the budget',
    );
  }
  const ineqRows: Float64Array[] = [];
  const ineqRhs: number[] = [];
  const ineqLabels: string[] = [];
  (c.groups ?? []).forEach((g, k) => {
    const name = g.name ?? `group ${k}`;
    if (!Array.isArray(g.assets) || g.assets.length === 0) throw new InvalidInputError(`groups[${k}].assets`, 'must be a non-empty array of asset indices', g.assets);
    const row = new Float64Array(n);
    let gLo = 0;
    let gHi = 0;
    for (const a of g.assets) {
      if (!Number.isInteger(a) || a < 0 || a >= n) throw new InvalidInputError(`groups[${k}].assets`, `must hold integer indices in [0, ${n - 1}]`, a);
      if (row[a] === 1) throw new InvalidInputError(`groups[${k}].assets`, `lists asset ${a} twice`);
      row[a] = 1;
      gLo += lower[a];
      gHi += upper[a];
    }
    const lo = g.lower ?? -Infinity;
    const hi = g.upper ?? Infinity;
    if (Number.isNaN(lo)) throw new InvalidInputError(`groups[${k}].lower`, 'must be a number', lo);
    if (Number.isNaN(hi)) throw new InvalidInputError(`groups[${k}].upper`, 'must be a number', hi);
    if (lo > hi) throw new ConstraintConflictError('group', [`${name} ≥ ${fmt(lo)}`, `${name} ≤ ${fmt(hi)}`], [`make ${name}'s lower ≤ its upper`]);
    if (lo > gHi) {
      throw new ConstraintConflictError('group', [`${name}: sum ≥ ${fmt(lo)}`, `upper bounds of its assets summing to ${fmt(gHi)}`], [`lower ${name}'s lower bound to ≤ ${fmt(gHi)} or raise its assets' upper bounds`]);
    }
    if (hi < gLo) {
      throw new ConstraintConflictError('group', [`${name}: sum ≤ ${fmt(hi)}`, `lower bounds of its assets summing to ${fmt(gLo)}`], [`raise ${name}'s upper bound to ≥ ${fmt(gLo)} or lower its assets' lower bounds`]);
    }
    if (lo > -Infinity) {
      ineqRows.push(row);
      ineqRhs.push(lo);
      ineqLabels.push(`${name}: sum(w) ≥ ${fmt(lo)}`);
    }
    if (hi < Infinity) {
      ineqRows.push(row.map((v) => -v));
      ineqRhs.push(-hi);
      ineqLabels.push(`${name}: sum(w) ≤ ${fmt(hi)}`);
    }
  });
  if (c.factorExposures !== undefined) {
    const f = c.factorExposures;
    const B = toDense(f.exposures, 'factorExposures.exposures');
    if (B.rows !== n) throw new InvalidInputError('factorExposures.exposures', `must have ${n} rows (one per asset, N × K), got ${B.rows}`);
    const K = B.cols;
    const lo = perAsset(f.lower, K, -Infinity, 'factorExposures.lower');
    const hi = perAsset(f.upper, K, Infinity, 'factorExposures.upper');
    for (let k = 0; k < K; k++) {
      const name = f.names?.[k] ?? `factor ${k}`;
      if (lo[k] > hi[k]) throw new ConstraintConflictError('factor', [`${name} exposure ≥ ${fmt(lo[k])}`, `${name} exposure ≤ ${fmt(hi[k])}`], [`make ${name}'s lower ≤ its upper`]);
      const row = new Float64Array(n);
      for (let i = 0; i < n; i++) row[i] = B.data[i * K + k];
      if (lo[k] > -Infinity) {
        ineqRows.push(row);
        ineqRhs.push(lo[k]);
        ineqLabels.push(`${name} exposure ≥ ${fmt(lo[k])}`);
      }
      if (hi[k] < Infinity) {
        ineqRows.push(row.map((v) => -v));
        ineqRhs.push(-hi[k]);
        ineqLabels.push(`${name} exposure ≤ ${fmt(hi[k])}`);
      }
    }
  }
  let grossLeverage: number | undefined;
  if (c.grossLeverage !== undefined) {
    const L = c.grossLeverage;
    if (typeof L !== 'number' || !(L > 0) || L === Infinity) throw new InvalidInputError('grossLeverage', 'must be a finite number > 0', L);
    if (L < Math.abs(budget) - 1e-12) {
      throw new ConstraintConflictError('leverage', [`gross leverage sum|w| ≤ ${fmt(L)}`, `budget: sum(w) = ${fmt(budget)}`], [`raise grossLeverage to ≥ ${fmt(Math.abs(budget))}`]);
    }
    let minGross = 0;
    for (let i = 0; i < n; i++) minGross += lower[i] > 0 ? lower[i] : upper[i] < 0 ? -upper[i] : 0;
    if (minGross > L + 1e-12) {
      throw new ConstraintConflictError('leverage', [`gross leverage sum|w| ≤ ${fmt(L)}`, `bounds forcing sum|w| ≥ ${fmt(minGross)}`], [`raise grossLeverage to ≥ ${fmt(minGross)} or loosen the bounds`]);
    }
    grossLeverage = L;
  }
  return { n, lower, upper, budget, ineqRows, ineqRhs, ineqLabels, grossLeverage };
}
