/**
 * One drift test on one prepared column: the single code path shared by detectDrift (batch) and
 * DriftMonitor (streaming), so both give identical numbers on the same data.
 */
import { InvalidInputError } from '@quantforge/core';
import { ksPValue, ksStatisticSorted } from '../ks/ks-test';
import { cdfDistanceSorted, populationStd } from '../distances/cdf-distance';
import { binCountsSorted, innerEdges, proportions } from '../binned/binning';
import { psiFromProportions } from '../binned/psi';
import { jensenShannonFromProportions } from '../binned/jensen-shannon';
import { chiSquareTest } from '../binned/chi-square-test';
import { alignCounts, type Category } from '../binned/categorical';
import { andersonDarlingKSample } from '../rank/anderson-darling';
import { cramerVonMises2Sample } from '../rank/cramer-von-mises';

export type DriftTestName =
  | 'ks'
  | 'chi-square'
  | 'wasserstein'
  | 'jensen-shannon'
  | 'psi'
  | 'anderson-darling'
  | 'cramer-von-mises'
  | 'energy'
  | 'total-variation';

/** Default decision thresholds: p-value tests compare with alpha; distances with these (evidently's). */
export const DEFAULT_THRESHOLDS: Record<DriftTestName, number> = {
  ks: 0.05,
  'chi-square': 0.05,
  'anderson-darling': 0.05,
  'cramer-von-mises': 0.05,
  wasserstein: 0.1,
  'jensen-shannon': 0.1,
  psi: 0.1,
  energy: 0.1,
  'total-variation': 0.1,
};

export const P_VALUE_TESTS: ReadonlySet<DriftTestName> = new Set(['ks', 'chi-square', 'anderson-darling', 'cramer-von-mises']);

/** A column ready for testing: numeric (ascending) or categorical counts. */
export type PreparedColumn =
  | { type: 'numeric'; sorted: Float64Array }
  | { type: 'categorical'; counts: Map<Category, number>; size: number };

export interface RawTestResult {
  statistic: number;
  pValue?: number;
}

/** Category counts of a prepared column (a numeric column is counted by value). */
export function categoryCounts(c: PreparedColumn): { counts: Map<Category, number>; size: number } {
  if (c.type === 'categorical') return { counts: c.counts, size: c.size };
  const counts = new Map<Category, number>();
  const s = c.sorted;
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j] === s[i]) j++;
    counts.set(s[i], j - i);
    i = j;
  }
  return { counts, size: s.length };
}

/** Number of distinct values of a prepared column. */
export function distinctCount(c: PreparedColumn): number {
  if (c.type === 'categorical') return c.counts.size;
  let d = 0;
  for (let i = 0; i < c.sorted.length; i++) if (i === 0 || c.sorted[i] !== c.sorted[i - 1]) d++;
  return d;
}

export interface ColumnTestContext {
  /** Inner bin edges of the reference (numeric binned tests); computed when absent. */
  edges?: Float64Array;
  /** Current bin counts over `edges` (the monitor keeps them incrementally). */
  currentBinCounts?: Float64Array;
  bins?: number;
}

/** Runs `test` on reference vs current. Categorical tests run on numeric columns by value. */
export function runColumnTest(test: DriftTestName, ref: PreparedColumn, cur: PreparedColumn, ctx: ColumnTestContext = {}): RawTestResult {
  const numericBoth = ref.type === 'numeric' && cur.type === 'numeric';
  const needNumeric = test === 'ks' || test === 'wasserstein' || test === 'anderson-darling' || test === 'cramer-von-mises' || test === 'energy';
  if (needNumeric && !numericBoth) throw new InvalidInputError('test', `'${test}' needs a numeric column`, test);
  if (numericBoth && needNumeric) {
    const a = (ref as { sorted: Float64Array }).sorted;
    const b = (cur as { sorted: Float64Array }).sorted;
    switch (test) {
      case 'ks': {
        const r = ksPValue(ksStatisticSorted(a, b), a.length, b.length, 'auto');
        return { statistic: r.statistic, pValue: r.pValue };
      }
      case 'wasserstein': {
        const sd = populationStd(a);
        const w = cdfDistanceSorted(a, b, 1);
        // constant reference: normed distance is 0 when current equals it, else +∞ (always drift)
        return { statistic: sd > 0 ? w / sd : w === 0 ? 0 : Infinity };
      }
      case 'energy':
        return { statistic: Math.SQRT2 * Math.sqrt(cdfDistanceSorted(a, b, 2)) };
      case 'anderson-darling': {
        if (a[0] === a[a.length - 1] && b[0] === b[b.length - 1] && a[0] === b[0]) return { statistic: 0, pValue: 1 };
        const r = andersonDarlingKSample([a, b]);
        return { statistic: r.statistic, pValue: r.pValue };
      }
      case 'cramer-von-mises': {
        const r = cramerVonMises2Sample(a, b, { method: 'asymptotic' });
        return { statistic: r.statistic, pValue: r.pValue };
      }
    }
  }
  // binned numeric (psi / jensen-shannon / chi-square on reference-decile bins); a numeric column
  // with <= 5 distinct reference values is compared value by value instead (as a categorical)
  if (numericBoth && distinctCount(ref) > 5 && (test === 'psi' || test === 'jensen-shannon' || test === 'chi-square' || test === 'total-variation')) {
    const a = (ref as { sorted: Float64Array }).sorted;
    const b = (cur as { sorted: Float64Array }).sorted;
    const edges = ctx.edges ?? innerEdges(a, { bins: ctx.bins ?? 10 });
    const ca = binCountsSorted(a, edges);
    const cb = ctx.currentBinCounts ?? binCountsSorted(b, edges);
    return binnedTest(test, ca, cb);
  }
  const r = categoryCounts(ref);
  const c = categoryCounts(cur);
  const { a, b } = alignCounts(r.counts, c.counts);
  return binnedTest(test, a, b);
}

function binnedTest(test: DriftTestName, ca: Float64Array, cb: Float64Array): RawTestResult {
  switch (test) {
    case 'chi-square': {
      const r = chiSquareTest(ca, cb);
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'psi':
      return { statistic: psiFromProportions(proportions(ca), proportions(cb)) };
    case 'jensen-shannon':
      return { statistic: jensenShannonFromProportions(proportions(ca), proportions(cb)) };
    case 'total-variation': {
      const pa = proportions(ca);
      const pb = proportions(cb);
      let s = 0;
      for (let i = 0; i < pa.length; i++) s += Math.abs(pa[i] - pb[i]);
      return { statistic: s / 2 };
    }
    default:
      throw new InvalidInputError('test', `'${test}' needs a numeric column`, test);
  }
}
