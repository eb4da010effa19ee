import { chiSquareSf, erfc, invertSpd, InvalidInputError, solveLinear } from '@quantforge/core';
import { pearsonMatrix, readReturns } from './matrix';

/** Fisher-z comparison of one pair between the two samples. */
export interface PairBreakdown {
  i: number;
  j: number;
  r1: number;
  r2: number;
  /** (atanh r1 − atanh r2) / √(1/(n1 − 3) + 1/(n2 − 3)). */
  z: number;
  /** Two-sided p-value 2Φ(−|z|). */
  pValue: number;
}

/** Result of {@link correlationBreakdownTest}. */
export interface CorrelationBreakdown {
  n1: number;
  n2: number;
  r1: number[][];
  r2: number[][];
  /** Jennrich (1970) test of R1 = R2: χ² with k(k−1)/2 degrees of freedom. */
  jennrich: { statistic: number; df: number; pValue: number };
  pairs: PairBreakdown[];
}

/**
 * Correlation breakdown between two samples (e.g. a calm and a stressed window; rows are
 * observations, columns the same assets in both). Jennrich (1970): with c = n1n2/(n1 + n2),
 * R̄ = (n1R1 + n2R2)/(n1 + n2), Z = √c R̄⁻¹(R1 − R2), S = I + R̄ ∘ R̄⁻¹ (elementwise),
 * χ² = ½ tr(Z²) − dg(Z)ᵀ S⁻¹ dg(Z), df = k(k − 1)/2 (as psych::cortest.jennrich); asymptotic,
 * for normal data. Per pair, Fisher's z test (needs n1, n2 > 3).
 */
export function correlationBreakdownTest(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): CorrelationBreakdown {
  const A = readReturns(a, 'a', 4);
  const B = readReturns(b, 'b', 4);
  if (A.k !== B.k) throw new InvalidInputError('b', `must have ${A.k} columns like a`, B.k);
  const k = A.k;
  if (k < 2) throw new InvalidInputError('a', 'needs at least 2 columns (assets)', k);
  const n1 = A.T;
  const n2 = B.T;
  const r1 = pearsonMatrix(A.data, k, 0, n1, 'a');
  const r2 = pearsonMatrix(B.data, k, 0, n2, 'b');
  const rbar = r1.map((row, i) => row.map((v, j) => (n1 * v + n2 * r2[i][j]) / (n1 + n2)));
  const inv = invertSpd(rbar, 'pooled correlation');
  const c = (n1 * n2) / (n1 + n2);
  const Z = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let m = 0; m < k; m++) s += inv[i][m] * (r1[m][j] - r2[m][j]);
      return Math.sqrt(c) * s;
    }),
  );
  let trZ2 = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) trZ2 += Z[i][j] * Z[j][i];
  const S = rbar.map((row, i) => row.map((v, j) => v * inv[i][j] + (i === j ? 1 : 0)));
  const dz = Float64Array.from({ length: k }, (_, i) => Z[i][i]);
  const y = solveLinear(S, dz, 'S');
  let quad = 0;
  for (let i = 0; i < k; i++) quad += dz[i] * y[i];
  const statistic = Math.max(0, 0.5 * trZ2 - quad);
  const df = (k * (k - 1)) / 2;
  const se = Math.sqrt(1 / (n1 - 3) + 1 / (n2 - 3));
  const pairs: PairBreakdown[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const z = (Math.atanh(r1[i][j]) - Math.atanh(r2[i][j])) / se;
      pairs.push({ i, j, r1: r1[i][j], r2: r2[i][j], z, pValue: erfc(Math.abs(z) / Math.SQRT2) });
    }
  }
  return { n1, n2, r1, r2, jennrich: { statistic, df, pValue: chiSquareSf(statistic, df) }, pairs };
}
