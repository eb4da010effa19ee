import { InvalidInputError } from '@quantforge/core';
import { annualizedReturn } from './annualized';
import { maxDrawdown } from './drawdown';
import type { PerformanceOptions } from './conventions';

/**
 * Calmar ratio (Young 1991): geometric annualised return (CAGR, see annualizedReturn) divided by
 * the maximum drawdown depth of the same period (positive fraction). +∞ when there is no drawdown
 * and the return is positive.
 *
 * @throws InvalidInputError for bad returns, or no drawdown with a non-positive return (undefined).
 */
export function calmarRatio(returns: ArrayLike<number>, options: Omit<PerformanceOptions, 'riskFree'> = {}): number {
  const cagr = annualizedReturn(returns, { periodsPerYear: options.periodsPerYear, method: 'geometric' });
  const { maxDrawdown: mdd } = maxDrawdown(returns);
  if (mdd === 0) {
    if (cagr > 0) return Number.POSITIVE_INFINITY;
    throw new InvalidInputError('returns', 'have no drawdown and no positive return: the Calmar ratio is undefined');
  }
  return cagr / mdd;
}
