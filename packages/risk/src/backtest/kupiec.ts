/**
 * Kupiec (1995) proportion-of-failures test of unconditional coverage:
 *   LR_pof = −2[(n−x) ln(1−p) + x ln p] + 2[(n−x) ln(1−x/n) + x ln(x/n)] ~ χ²₁,
 * with x exceptions in n days and VaR tail probability p (0·ln 0 = 0). Evaluated as
 * 2[(n−x) ln((1−x/n)/(1−p)) + x ln((x/n)/p)] (no cancellation when x/n ≈ p).
 */
import { chiSquareSf, requireObject } from '@quantforge/core';
import { requireExceptions, requireTailProbability, xlog } from './exceptions';

/** Result of {@link kupiecTest}. */
export interface KupiecResult {
  /** LR_pof. */
  lr: number;
  /** P(χ²₁ > LR_pof). */
  pValue: number;
  /** Number of observations n. */
  n: number;
  /** Number of exceptions x. */
  exceptions: number;
  /** Expected number of exceptions n·p. */
  expected: number;
}

/**
 * Kupiec POF test.
 * @param exceptions 0/1 or boolean sequence (1 = the loss exceeded the VaR).
 * @param options.p the VaR tail probability (1 − confidence), e.g. 0.01.
 * @throws InvalidInputError naming a bad element (`exceptions[i]`), an empty series or p ∉ (0, 1).
 * @example kupiecTest([0, 0, 1, 0], { p: 0.05 }).pValue
 */
export function kupiecTest(exceptions: ArrayLike<number | boolean>, options: { p: number }): KupiecResult {
  const p = requireTailProbability(requireObject('options', options).p);
  const I = requireExceptions(exceptions);
  const n = I.length;
  let x = 0;
  for (let i = 0; i < n; i++) x += I[i];
  const lr = Math.max(0, 2 * (xlog(n - x, (n - x) / n / (1 - p)) + xlog(x, x / n / p)));
  return { lr, pValue: chiSquareSf(lr, 1), n, exceptions: x, expected: n * p };
}
