/**
 * Table-level drift detection: a test per column, a multiple-testing correction, a report.
 */
import { InvalidInputError } from '@quantforge/core';
import type { Category } from '../binned/categorical';
import { sortFloat64 } from '../sort';
import { adjustPValues, type Correction } from './correction';
import {
  DEFAULT_THRESHOLDS,
  P_VALUE_TESTS,
  distinctCount,
  runColumnTest,
  type ColumnTestContext,
  type DriftTestName,
  type PreparedColumn,
} from './column-test';
import { columnDistribution, type ColumnDistribution } from './distribution';
import { cleanColumn, inferType, tableColumns, type ColumnType, type Table } from './table';

export interface DetectDriftOptions {
  /** Columns to test (default: every column of the reference). */
  columns?: string[];
  /** Force a column's type (default: numeric when every non-missing reference value is a number). */
  columnTypes?: Record<string, ColumnType>;
  /** Force the test of a column (or of every column with `'*'`). */
  tests?: Record<string, DriftTestName>;
  /** Override decision thresholds per test (distances: statistic >= threshold means drift). */
  thresholds?: Partial<Record<DriftTestName, number>>;
  /** Significance level of the p-value tests (default 0.05), applied to the adjusted p-values. */
  alpha?: number;
  /** Multiple-testing correction over the p-value tests (default 'bonferroni'). */
  correction?: Correction;
  /** Drop NaN / null / undefined cells (default false: they raise InvalidInputError naming the column and count). */
  dropNaN?: boolean;
  /** Dataset drift when the share of drifted columns >= this (default 0.5, evidently's). */
  driftShare?: number;
  /** Reference size up to which the small-sample tests (KS / chi-square) are used (default 1000). */
  sizeThreshold?: number;
  /** Number of reference-quantile bins for binned numeric tests (default 10). */
  bins?: number;
}

export interface ColumnDriftResult {
  column: string;
  type: ColumnType;
  test: DriftTestName;
  /** 'p-value' tests decide by adjustedPValue < alpha; 'distance' tests by statistic >= threshold. */
  kind: 'p-value' | 'distance';
  statistic: number;
  pValue: number | null;
  adjustedPValue: number | null;
  /** alpha for p-value tests, the distance threshold otherwise. */
  threshold: number;
  drifted: boolean;
  referenceSize: number;
  currentSize: number;
  missing: { reference: number; current: number };
  /** Categories present in current but not in reference. */
  unseenCategories: Category[];
  distribution: ColumnDistribution;
}

export interface DriftReport {
  columns: ColumnDriftResult[];
  driftedColumns: string[];
  numberOfColumns: number;
  numberOfDriftedColumns: number;
  shareOfDriftedColumns: number;
  datasetDrift: boolean;
  driftShare: number;
  alpha: number;
  correction: Correction;
  referenceRows: number;
  currentRows: number;
}

/**
 * The default test for a column (evidently's DataDriftPreset rule as the baseline):
 * - numeric with more than 5 distinct reference values: KS (two-sample, p-value) when the
 *   reference has <= `sizeThreshold` (1,000) values, else normed Wasserstein-1 (W1/σ_ref, drift at >= 0.1);
 * - categorical, or numeric with <= 5 distinct values: chi-square homogeneity test over the union of
 *   categories when the reference has <= 1,000 values, else Jensen-Shannon distance (drift at >= 0.1).
 * (evidently uses a proportions Z-test for binary categoricals with few rows; chi-square with dof 1 is
 * the equivalent two-sided test.)
 */
export function selectTest(type: ColumnType, referenceSize: number, distinct: number, sizeThreshold = 1000): DriftTestName {
  const small = referenceSize <= sizeThreshold;
  if (type === 'numeric' && distinct > 5) return small ? 'ks' : 'wasserstein';
  return small ? 'chi-square' : 'jensen-shannon';
}

/** Prepares a validated column for testing (a numeric array is sorted in place: pass a copy). */
export function prepareColumn(values: Float64Array | Category[], type: ColumnType): PreparedColumn {
  if (type === 'numeric') {
    const s = sortFloat64(values as Float64Array);
    return { type: 'numeric', sorted: s };
  }
  const counts = new Map<Category, number>();
  for (const v of values as Category[]) counts.set(v, (counts.get(v) ?? 0) + 1);
  return { type: 'categorical', counts, size: (values as Category[]).length };
}

export interface ResolvedOptions {
  alpha: number;
  correction: Correction;
  driftShare: number;
  sizeThreshold: number;
  bins: number;
  thresholds: Record<DriftTestName, number>;
  tests: Record<string, DriftTestName>;
}

export function resolveOptions(o: DetectDriftOptions): ResolvedOptions {
  const alpha = o.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InvalidInputError('alpha', 'must be in (0, 1)', alpha);
  const correction = o.correction ?? 'bonferroni';
  if (correction !== 'none' && correction !== 'bonferroni' && correction !== 'benjamini-hochberg') {
    throw new InvalidInputError('correction', "must be 'none', 'bonferroni' or 'benjamini-hochberg'", correction);
  }
  const driftShare = o.driftShare ?? 0.5;
  if (!(driftShare > 0 && driftShare <= 1)) throw new InvalidInputError('driftShare', 'must be in (0, 1]', driftShare);
  const sizeThreshold = o.sizeThreshold ?? 1000;
  const bins = o.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 2) throw new InvalidInputError('bins', 'must be an integer >= 2', bins);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...(o.thresholds ?? {}) };
  for (const [k, v] of Object.entries(thresholds)) if (!(typeof v === 'number' && v >= 0)) throw new InvalidInputError(`thresholds.${k}`, 'must be a number >= 0', v);
  for (const [k, v] of Object.entries(o.tests ?? {})) if (!(v in DEFAULT_THRESHOLDS)) throw new InvalidInputError(`tests.${k}`, 'is not a known test', v);
  return { alpha, correction, driftShare, sizeThreshold, bins, thresholds, tests: o.tests ?? {} };
}

export interface PreparedPair {
  column: string;
  type: ColumnType;
  ref: PreparedColumn;
  cur: PreparedColumn;
  missing: { reference: number; current: number };
  ctx?: ColumnTestContext;
}

/** Tests prepared column pairs and assembles the report (shared with DriftMonitor). */
export function assembleReport(pairs: PreparedPair[], o: ResolvedOptions, referenceRows: number, currentRows: number): DriftReport {
  const partial = pairs.map((p) => {
    const refSize = p.ref.type === 'numeric' ? p.ref.sorted.length : p.ref.size;
    const curSize = p.cur.type === 'numeric' ? p.cur.sorted.length : p.cur.size;
    const test = o.tests[p.column] ?? o.tests['*'] ?? selectTest(p.type, refSize, distinctCount(p.ref), o.sizeThreshold);
    const raw = runColumnTest(test, p.ref, p.cur, { bins: o.bins, ...(p.ctx ?? {}) });
    const unseen: Category[] = [];
    if (p.ref.type === 'categorical' && p.cur.type === 'categorical') for (const k of p.cur.counts.keys()) if (!p.ref.counts.has(k)) unseen.push(k);
    return { p, test, raw, refSize, curSize, unseen };
  });
  const pIdx = partial.map((x, i) => (P_VALUE_TESTS.has(x.test) ? i : -1)).filter((i) => i >= 0);
  const adj = adjustPValues(
    pIdx.map((i) => partial[i].raw.pValue as number),
    o.correction,
  );
  const adjusted = new Map(pIdx.map((i, t) => [i, adj[t]]));
  const columns: ColumnDriftResult[] = partial.map((x, i) => {
    const isP = P_VALUE_TESTS.has(x.test);
    const threshold = isP ? o.alpha : o.thresholds[x.test];
    const ap = adjusted.get(i) ?? null;
    return {
      column: x.p.column,
      type: x.p.type,
      test: x.test,
      kind: isP ? 'p-value' : 'distance',
      statistic: x.raw.statistic,
      pValue: isP ? (x.raw.pValue as number) : null,
      adjustedPValue: ap,
      threshold,
      drifted: isP ? (ap as number) < o.alpha : x.raw.statistic >= threshold,
      referenceSize: x.refSize,
      currentSize: x.curSize,
      missing: x.p.missing,
      unseenCategories: x.unseen,
      distribution: columnDistribution(x.p.ref, x.p.cur),
    };
  });
  const drifted = columns.filter((c) => c.drifted).map((c) => c.column);
  const share = columns.length ? drifted.length / columns.length : 0;
  return {
    columns,
    driftedColumns: drifted,
    numberOfColumns: columns.length,
    numberOfDriftedColumns: drifted.length,
    shareOfDriftedColumns: share,
    datasetDrift: columns.length > 0 && share >= o.driftShare,
    driftShare: o.driftShare,
    alpha: o.alpha,
    correction: o.correction,
    referenceRows,
    currentRows,
  };
}

/**
 * Drift between a reference table and a current table, column by column.
 *
 * Tables are columnar objects `{ age: [...], city: [...] }` or arrays of row objects. Each column
 * is tested with the rule of {@link selectTest} (override with `tests`), p-values are adjusted over
 * the columns with Bonferroni (default) or Benjamini-Hochberg, and a column drifts when its
 * adjusted p-value < `alpha` (p-value tests) or its distance >= its threshold (Wasserstein 0.1,
 * Jensen-Shannon 0.1, PSI 0.1, ...). The dataset drifts when the share of drifted columns >=
 * `driftShare` (0.5).
 *
 * Bad input, all InvalidInputError naming the column: a column missing from `current`; an empty
 * column (after dropping missing values); NaN/null/undefined cells unless `dropNaN: true` (the
 * message gives the count; the report records the numbers dropped); non-numbers in a numeric
 * column. Categories unseen in the reference are tested as their own category (they count
 * against the reference's zero) and listed in `unseenCategories`. Constant columns have one
 * distinct value, so they take the categorical rule: equal constants give statistic 0 / p-value 1.
 */
export function detectDrift(reference: Table, current: Table, options: DetectDriftOptions = {}): DriftReport {
  const o = resolveOptions(options);
  const R = tableColumns(reference, 'reference');
  const C = tableColumns(current, 'current');
  const names = options.columns ?? R.names;
  if (names.length === 0) throw new InvalidInputError('reference', 'has no columns');
  const curNames = new Set(C.names);
  const pairs: PreparedPair[] = names.map((name) => {
    if (!R.names.includes(name)) throw new InvalidInputError(`reference.${name}`, 'is not a column of the reference table');
    if (!curNames.has(name)) throw new InvalidInputError(`current.${name}`, 'is missing from the current table');
    const rv = R.column(name);
    const cv = C.column(name);
    const type = options.columnTypes?.[name] ?? inferType(rv);
    const rc = cleanColumn(rv, type, `reference.${name}`, options.dropNaN ?? false);
    const cc = cleanColumn(cv, type, `current.${name}`, options.dropNaN ?? false);
    const rvals = type === 'numeric' ? (rc.numeric as Float64Array) : (rc.categories as Category[]);
    const cvals = type === 'numeric' ? (cc.numeric as Float64Array) : (cc.categories as Category[]);
    if (rvals.length === 0) throw new InvalidInputError(`reference.${name}`, 'has no values');
    if (cvals.length === 0) throw new InvalidInputError(`current.${name}`, 'has no values');
    return { column: name, type, ref: prepareColumn(rvals, type), cur: prepareColumn(cvals, type), missing: { reference: rc.missing, current: cc.missing } };
  });
  return assembleReport(pairs, o, R.rows, C.rows);
}
