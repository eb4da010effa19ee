import { InvalidInputError } from '@quantforge/core';
import { meanAndSsd, periodsOf, returnsOf, type PerformanceOptions } from './conventions';

/** Options of {@link annualizedReturn}. */
export interface AnnualizedReturnOptions extends PerformanceOptions {
  /**
   * `'geometric'` (default, CAGR): (Π(1 + r_t))^(P/T) − 1. `'arithmetic'`: P · mean(r).
   */
  method?: 'geometric' | 'arithmetic';
}

/**
 * Annualised return of simple per-period returns. Geometric by default (compound annual growth
 * rate, computed as expm1((P/T)·Σ log1p(r_t)) for accuracy); a total loss (some r_t = −1) gives −1.
 * Needs T ≥ 1.
 *
 * @throws InvalidInputError for NaN/±∞, an empty series, or a return < −1 (a loss beyond 100%).
 */
export function annualizedReturn(returns: ArrayLike<number>, options: AnnualizedReturnOptions = {}): number {
  const r = returnsOf(returns, 'returns', 1);
  const p = periodsOf(options);
  const method = options.method ?? 'geometric';
  if (method === 'arithmetic') return p * meanAndSsd(r).mean;
  if (method !== 'geometric') throw new InvalidInputError('method', "must be 'geometric' or 'arithmetic'", method);
  let logSum = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] < -1) throw new InvalidInputError(`returns[${i}]`, 'must be ≥ −1 (simple returns: a loss cannot exceed 100%)', r[i]);
    if (r[i] === -1) return -1;
    logSum += Math.log1p(r[i]);
  }
  return Math.expm1((p / r.length) * logSum);
}

/** Options of {@link annualizedVolatility}. */
export interface AnnualizedVolatilityOptions extends PerformanceOptions {
  /** Delta degrees of freedom of the standard deviation. Default 1. */
  ddof?: number;
}

/**
 * Annualised volatility σ·√P with σ the per-period standard deviation (ddof 1 by default,
 * two-pass). Needs T > ddof.
 */
export function annualizedVolatility(returns: ArrayLike<number>, options: AnnualizedVolatilityOptions = {}): number {
  const ddof = options.ddof ?? 1;
  if (!Number.isInteger(ddof) || ddof < 0) throw new InvalidInputError('ddof', 'must be a non-negative integer', ddof);
  const r = returnsOf(returns, 'returns', Math.max(1, ddof + 1));
  const p = periodsOf(options);
  return Math.sqrt((meanAndSsd(r).ssd / (r.length - ddof)) * p);
}
