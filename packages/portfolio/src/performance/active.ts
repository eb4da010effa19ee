import { InvalidInputError } from '@quantforge/core';
import { meanAndSsd, pairOf, periodsOf, type PerformanceOptions } from './conventions';

function active(returns: ArrayLike<number>, benchmark: ArrayLike<number>): Float64Array {
  const [r, b] = pairOf(returns, benchmark, 'returns', 'benchmark', 2);
  const a = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) a[i] = r[i] - b[i];
  return a;
}

/**
 * Annualised tracking error: sd(r_t − b_t)·√P, ddof 1 (the "ex post" tracking error of
 * PerformanceAnalytics `TrackingError` and empyrical).
 *
 * @throws InvalidInputError for NaN/±∞, mismatched lengths or T < 2.
 */
export function trackingError(returns: ArrayLike<number>, benchmark: ArrayLike<number>, options: Omit<PerformanceOptions, 'riskFree'> = {}): number {
  const a = active(returns, benchmark);
  const p = periodsOf(options);
  return Math.sqrt((meanAndSsd(a).ssd / (a.length - 1)) * p);
}

/**
 * Annualised information ratio: mean(r − b)·P / trackingError = mean(a)/sd(a)·√P (arithmetic active
 * return, ddof 1; Grinold & Kahn).
 *
 * @throws InvalidInputError for NaN/±∞, mismatched lengths, T < 2, or zero tracking error.
 */
export function informationRatio(returns: ArrayLike<number>, benchmark: ArrayLike<number>, options: Omit<PerformanceOptions, 'riskFree'> = {}): number {
  const a = active(returns, benchmark);
  const p = periodsOf(options);
  const { mean, ssd } = meanAndSsd(a);
  const sd = Math.sqrt(ssd / (a.length - 1));
  if (!(sd > 0)) throw new InvalidInputError('benchmark', 'tracks the returns exactly (zero tracking error): the information ratio is undefined');
  return (mean / sd) * Math.sqrt(p);
}
