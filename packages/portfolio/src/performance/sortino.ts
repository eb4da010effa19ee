import { InvalidInputError } from '@quantforge/core';
import { periodsOf, returnsOf, type PerformanceOptions } from './conventions';

/** Options of {@link sortinoRatio} and {@link downsideDeviation}. */
export interface SortinoOptions extends Omit<PerformanceOptions, 'riskFree'> {
  /** The per-period minimum acceptable return (MAR) τ. Default 0. */
  target?: number;
}

function targetOf(options: SortinoOptions): number {
  const t = options.target ?? 0;
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new InvalidInputError('target', 'must be a finite per-period return', t);
  return t;
}

/**
 * Annualised downside deviation below the per-period target τ (Sortino & Price 1994):
 * DD = √(Σ_t min(r_t − τ, 0)² / T) · √P, all T periods in the denominator (empyrical,
 * PerformanceAnalytics `DownsideDeviation`).
 */
export function downsideDeviation(returns: ArrayLike<number>, options: SortinoOptions = {}): number {
  const r = returnsOf(returns, 'returns', 1);
  const tau = targetOf(options);
  const p = periodsOf(options);
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const d = Math.min(r[i] - tau, 0);
    s += d * d;
  }
  return Math.sqrt((s / r.length) * p);
}

/**
 * Annualised Sortino ratio: (mean(r) − τ)·P / DD with DD the annualised {@link downsideDeviation}
 * below the same per-period target τ (default 0), i.e. (mean(r) − τ)/dd·√P with the per-period dd.
 * A series with no return below τ and a mean above it gives +∞.
 *
 * @throws InvalidInputError for NaN/±∞, an empty series, or no downside and mean = τ (0/0).
 */
export function sortinoRatio(returns: ArrayLike<number>, options: SortinoOptions = {}): number {
  const r = returnsOf(returns, 'returns', 1);
  const tau = targetOf(options);
  const p = periodsOf(options);
  let m = 0;
  for (let i = 0; i < r.length; i++) m += r[i];
  m /= r.length;
  const dd = downsideDeviation(r, options);
  const num = (m - tau) * p;
  if (dd === 0) {
    if (num === 0) throw new InvalidInputError('returns', 'have no downside and a mean equal to the target: the Sortino ratio is 0/0');
    return num > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return num / dd;
}
