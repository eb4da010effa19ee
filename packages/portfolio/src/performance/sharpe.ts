import { InvalidInputError } from '@quantforge/core';
import { meanAndSsd, periodsOf, returnsOf, riskFreePerPeriod, type PerformanceOptions } from './conventions';

/**
 * Annualised Sharpe ratio (Sharpe 1994, ex post): with excess returns e_t = r_t − riskFree/P,
 * SR = mean(e) / sd(e) · √P, sd with ddof 1 (the arithmetic convention of empyrical and
 * PerformanceAnalytics' `SharpeRatio.annualized(geometric = FALSE)`).
 *
 * @throws InvalidInputError for NaN/±∞, T < 2, or zero volatility (the ratio is undefined).
 */
export function sharpeRatio(returns: ArrayLike<number>, options: PerformanceOptions = {}): number {
  const r = returnsOf(returns, 'returns', 2);
  const p = periodsOf(options);
  const rf = riskFreePerPeriod(options);
  const { mean, ssd } = meanAndSsd(r);
  const sd = Math.sqrt(ssd / (r.length - 1));
  if (!(sd > 0)) throw new InvalidInputError('returns', 'have zero volatility, so the Sharpe ratio is undefined');
  return ((mean - rf) / sd) * Math.sqrt(p);
}
