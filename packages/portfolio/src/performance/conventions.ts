import { InvalidInputError, requireFiniteArray } from '@quantforge/core';

/**
 * Conventions shared by the performance functions (documented once here):
 *
 * - `returns` are simple (arithmetic) per-period returns r_t = P_t/P_{t−1} − 1, oldest first.
 * - `periodsPerYear` P (default 252, trading days) annualises: volatilities by √P, arithmetic means by P,
 *   geometric returns by compounding to the power P/T.
 * - `riskFree` is an annual rate (decimal); the per-period rate is riskFree / P (simple de-annualisation,
 *   as most performance tools). Default 0.
 * - Standard deviations use ddof = 1 (sample) unless an option says otherwise.
 */
export interface PerformanceOptions {
  /** Periods per year P used to annualise (252 daily, 52 weekly, 12 monthly). Default 252. */
  periodsPerYear?: number;
  /** Annual risk-free rate (decimal); per period riskFree / P. Default 0. */
  riskFree?: number;
}

export function periodsOf(options: PerformanceOptions | undefined): number {
  const p = options?.periodsPerYear ?? 252;
  if (typeof p !== 'number' || !Number.isFinite(p) || !(p > 0)) {
    throw new InvalidInputError('periodsPerYear', 'must be a finite number > 0 (252 for daily, 12 for monthly returns)', p);
  }
  return p;
}

export function riskFreePerPeriod(options: PerformanceOptions | undefined): number {
  const rf = options?.riskFree ?? 0;
  if (typeof rf !== 'number' || !Number.isFinite(rf)) throw new InvalidInputError('riskFree', 'must be a finite annual rate (decimal)', rf);
  return rf / periodsOf(options);
}

/** A finite returns series with at least `min` periods. */
export function returnsOf(x: unknown, field = 'returns', min = 2): Float64Array {
  const r = requireFiniteArray(x as ArrayLike<number>, field);
  if (r.length < min) {
    throw new InvalidInputError(field, `needs at least ${min} periods, got ${r.length}`);
  }
  return r;
}

/** Two series of equal length (portfolio and benchmark). */
export function pairOf(a: unknown, b: unknown, fieldA: string, fieldB: string, min = 2): [Float64Array, Float64Array] {
  const x = returnsOf(a, fieldA, min);
  const y = returnsOf(b, fieldB, min);
  if (x.length !== y.length) {
    throw new InvalidInputError(fieldB, `must have one value per period of ${fieldA} (${x.length}), got ${y.length}; align the two series first`);
  }
  return [x, y];
}

/** Two-pass mean and sum of squared deviations (accurate when the mean is large vs the spread). */
export function meanAndSsd(x: ArrayLike<number>, from = 0, to = x.length): { mean: number; ssd: number } {
  const n = to - from;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  let m = s / n;
  let c = 0;
  for (let i = from; i < to; i++) c += x[i] - m;
  m += c / n;
  let ss = 0;
  for (let i = from; i < to; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return { mean: m, ssd: ss };
}
