/**
 * Basel Committee (1996), "Supervisory framework for the use of backtesting in conjunction with
 * the internal models approach": the traffic-light zones from the binomial probability of at most
 * x exceptions, P(X ≤ x), X ~ Bin(n, p): green if < 95%, yellow if < 99.99%, red otherwise. For
 * n = 250 and p = 0.01 (the Basel setting) the plus factor of Table 2 is reported
 * (0-4: 0, 5: 0.40, 6: 0.50, 7: 0.65, 8: 0.75, 9: 0.85, ≥10: 1) with multiplier 3 + plus factor.
 * P(X ≤ x) = I_{1−p}(n − x, x + 1) (regularized incomplete beta, full precision).
 */
import { InvalidInputError, regularizedIncompleteBeta, requireObject } from '@quantforge/core';
import { requireExceptions, requireTailProbability } from './exceptions';

/** Result of {@link baselTrafficLight}. */
export interface TrafficLightResult {
  zone: 'green' | 'yellow' | 'red';
  /** Number of exceptions x. */
  exceptions: number;
  /** Number of observations n. */
  n: number;
  /** P(X ≤ x) under Bin(n, p). */
  cumulativeProbability: number;
  /** Basel plus factor (only for n = 250, p = 0.01). */
  plusFactor?: number;
  /** 3 + plus factor (only for n = 250, p = 0.01). */
  multiplier?: number;
}

const PLUS = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85];

/**
 * Basel traffic light for an exception series, or for a count with `options.n`.
 * @param exceptions 0/1/boolean series, or the number of exceptions (then `n` is required).
 * @param options.p VaR tail probability (default 0.01); `n` the number of days when a count is given.
 * @throws InvalidInputError for bad series/counts/p.
 * @example baselTrafficLight(7, { n: 250 }).zone // 'yellow'
 */
export function baselTrafficLight(exceptions: ArrayLike<number | boolean> | number, options: { p?: number; n?: number } = {}): TrafficLightResult {
  const o = requireObject('options', options);
  const p = o.p === undefined ? 0.01 : requireTailProbability(o.p);
  let x: number;
  let n: number;
  if (typeof exceptions === 'number') {
    n = o.n as number;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new InvalidInputError('n', 'must be an integer >= 1 when exceptions is a count', n);
    x = exceptions;
    if (!Number.isInteger(x) || x < 0 || x > n) throw new InvalidInputError('exceptions', `must be an integer in [0, ${n}]`, x);
  } else {
    const I = requireExceptions(exceptions);
    n = I.length;
    x = 0;
    for (let i = 0; i < n; i++) x += I[i];
  }
  const cum = x >= n ? 1 : regularizedIncompleteBeta(1 - p, n - x, x + 1);
  const zone = cum < 0.95 ? 'green' : cum < 0.9999 ? 'yellow' : 'red';
  const res: TrafficLightResult = { zone, exceptions: x, n, cumulativeProbability: cum };
  if (n === 250 && p === 0.01) {
    res.plusFactor = x >= 10 ? 1 : PLUS[x];
    res.multiplier = 3 + res.plusFactor;
  }
  return res;
}
