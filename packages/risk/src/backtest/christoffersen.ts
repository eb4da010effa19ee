/**
 * Christoffersen (1998) tests of independence and conditional coverage of VaR exceptions.
 * Transition counts n_ij = #{t = 2..n : I_{t−1} = i, I_t = j}; π0 = n01/(n00+n01),
 * π1 = n11/(n10+n11), π = (n01+n11)/(n00+n01+n10+n11);
 *   LR_ind = −2[(n00+n10) ln(1−π) + (n01+n11) ln π] + 2[n00 ln(1−π0) + n01 ln π0 + n10 ln(1−π1) + n11 ln π1] ~ χ²₁,
 *   LR_cc = LR_pof + LR_ind ~ χ²₂ (LR_pof of Kupiec over all n days).
 * Terms with a zero count are 0 (0·ln 0 = 0), so an empty transition row contributes nothing.
 * Evaluated as Σ n_ij ln(π_ij/π_j) (no cancellation).
 */
import { chiSquareSf, requireObject } from '@quantforge/core';
import { requireExceptions, requireTailProbability, xlog } from './exceptions';
import { kupiecTest } from './kupiec';

/** Result of {@link christoffersenTest}. */
export interface ChristoffersenResult {
  lrInd: number;
  pValueInd: number;
  lrCc: number;
  pValueCc: number;
  /** Kupiec's LR_pof and its p-value (the unconditional-coverage part). */
  lrPof: number;
  pValuePof: number;
  n00: number;
  n01: number;
  n10: number;
  n11: number;
}

/**
 * Christoffersen independence and conditional-coverage tests.
 * @throws InvalidInputError as {@link kupiecTest}.
 * @example christoffersenTest(exceptions, { p: 0.01 }).pValueCc
 */
export function christoffersenTest(exceptions: ArrayLike<number | boolean>, options: { p: number }): ChristoffersenResult {
  const p = requireTailProbability(requireObject('options', options).p);
  const I = requireExceptions(exceptions);
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < I.length; t++) {
    if (I[t - 1] === 0) {
      if (I[t] === 0) n00++;
      else n01++;
    } else if (I[t] === 0) n10++;
    else n11++;
  }
  const r0 = n00 + n01;
  const r1 = n10 + n11;
  const N = r0 + r1;
  const c0 = n00 + n10; // transitions into 0
  const c1 = n01 + n11; // transitions into 1
  // LR_ind = 2 Σ n_ij ln(π_ij / π_j), π_ij the row frequency, π_j the pooled frequency.
  const lrInd = Math.max(
    0,
    2 *
      (xlog(n00, n00 / r0 / (c0 / N)) +
        xlog(n01, n01 / r0 / (c1 / N)) +
        xlog(n10, n10 / r1 / (c0 / N)) +
        xlog(n11, n11 / r1 / (c1 / N))),
  );
  const k = kupiecTest(I, { p });
  const lrCc = k.lr + lrInd;
  return {
    lrInd,
    pValueInd: chiSquareSf(lrInd, 1),
    lrCc,
    pValueCc: chiSquareSf(lrCc, 2),
    lrPof: k.lr,
    pValuePof: k.pValue,
    n00,
    n01,
    n10,
    n11,
  };
}
