/**
 * Homogeneity tests on two count vectors: Pearson chi-square and the G-test.
 */
import { InvalidInputError, chiSquareSf } from '@quantforge/core';
import { toCounts, toSample, toSortedSample } from '../sample';
import { binCounts, innerEdges, type BinsOption } from './binning';

export interface ContingencyTestResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: (number of categories with a non-zero total) − 1. */
  dof: number;
}

function table(countsA: ArrayLike<number>, countsB: ArrayLike<number>): { a: Float64Array; b: Float64Array; ta: number; tb: number } {
  const a = toCounts(countsA, 'countsA');
  const b = toCounts(countsB, 'countsB');
  if (a.length !== b.length) throw new InvalidInputError('countsB', `must have the same length as countsA (${a.length})`, b.length);
  let ta = 0;
  let tb = 0;
  for (let i = 0; i < a.length; i++) {
    ta += a[i];
    tb += b[i];
  }
  if (!(ta > 0)) throw new InvalidInputError('countsA', 'must have a positive total');
  if (!(tb > 0)) throw new InvalidInputError('countsB', 'must have a positive total');
  return { a, b, ta, tb };
}

function contingency(countsA: ArrayLike<number>, countsB: ArrayLike<number>, g: boolean): ContingencyTestResult {
  const { a, b, ta, tb } = table(countsA, countsB);
  const n = ta + tb;
  let stat = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const col = a[i] + b[i];
    if (col === 0) continue; // an empty category carries no information (scipy would raise)
    k++;
    const ea = (ta * col) / n;
    const eb = (tb * col) / n;
    if (g) {
      if (a[i] > 0) stat += a[i] * Math.log(a[i] / ea);
      if (b[i] > 0) stat += b[i] * Math.log(b[i] / eb);
    } else {
      stat += ((a[i] - ea) * (a[i] - ea)) / ea + ((b[i] - eb) * (b[i] - eb)) / eb;
    }
  }
  if (g) stat *= 2;
  const dof = k - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  return { statistic: stat, pValue: chiSquareSf(stat, dof), dof };
}

/**
 * Pearson chi-square test of homogeneity of two count vectors (a 2×K contingency table), no
 * continuity correction: Σ (O − E)²/E with E = row total × column total / N, dof = K − 1 where K
 * counts the categories with a non-zero total (scipy.stats.chi2_contingency(correction=False)
 * raises on an all-zero column; here it is dropped). p-value = chi-square survival function.
 * One category (dof = 0) gives statistic 0, p-value 1.
 */
export function chiSquareTest(countsA: ArrayLike<number>, countsB: ArrayLike<number>): ContingencyTestResult {
  return contingency(countsA, countsB, false);
}

/**
 * G-test (log-likelihood ratio) of homogeneity: G = 2 Σ O ln(O/E) over the 2×K table (0 ln 0 = 0),
 * same dof and expected counts as {@link chiSquareTest}; scipy chi2_contingency(lambda_='log-likelihood').
 */
export function gTest(countsA: ArrayLike<number>, countsB: ArrayLike<number>): ContingencyTestResult {
  return contingency(countsA, countsB, true);
}

/**
 * Chi-square homogeneity test of two numeric samples binned as {@link psi} (10 reference-decile
 * bins by default, left-closed): chiSquareTest(binCounts(reference), binCounts(current)).
 */
export function chiSquareTestBinned(reference: ArrayLike<number>, current: ArrayLike<number>, options: BinsOption = {}): ContingencyTestResult {
  const ref = toSortedSample(reference, 'reference');
  const cur = toSample(current, 'current');
  const edges = innerEdges(ref, options);
  return chiSquareTest(binCounts(ref, edges), binCounts(cur, edges));
}
