import { InvalidInputError, symmetricEigen } from '@quantforge/core';
import { centreInPlace, gram } from './gram';
import { toReturnsColumns, toRows, type MatrixInput } from './matrix-input';

/** The result of {@link pcaFactorModel}. */
export interface PcaFactorModel {
  /** N × k loadings B: the top-k unit eigenvectors of the sample covariance (columns), largest first. */
  loadings: number[][];
  /** k × k factor covariance F = diag(λ_1 … λ_k) (the sample covariance of the factor returns). */
  factorCovariance: number[][];
  /** The top-k eigenvalues λ_1 ≥ … ≥ λ_k. */
  eigenvalues: number[];
  /** T × k factor returns f_t = Bᵀ(r_t − r̄). */
  factorReturns: number[][];
  /** Specific (idiosyncratic) variances d_i = S_ii − (B F Bᵀ)_ii ≥ 0. */
  specificVariances: number[];
  /** The implied covariance B F Bᵀ + diag(d); its diagonal equals the sample variances. */
  covariance: number[][];
  /** Σ_{j≤k} λ_j / trace(S). */
  explainedVariance: number;
  /** Column means r̄ removed before the projection. */
  mean: number[];
}

/**
 * Statistical factor model by principal components of the sample covariance S (ddof 1): keep the
 * k eigenvectors with the largest eigenvalues as loadings, the rest of each variance becomes the
 * specific variance. Eigenvector signs are fixed so that each loading column sums to ≥ 0 (the
 * first non-zero entry positive when the sum is 0), so results are deterministic.
 *
 * @param k number of factors, 1 ≤ k ≤ N.
 * @throws InvalidInputError for bad returns (NaN, T < 2) or k out of range.
 */
export function pcaFactorModel(returns: MatrixInput, k: number): PcaFactorModel {
  const m = toReturnsColumns(returns, 'returns', 2);
  const n = m.n;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > n) {
    throw new InvalidInputError('k', `must be an integer in [1, ${n}] (the number of assets)`, k);
  }
  const c = centreInPlace(m.x, m.t, m.n);
  const t = c.t;
  const s = gram(c.x, t, n);
  for (let q = 0; q < s.length; q++) s[q] /= t - 1;
  const S = toRows(s, n, n);
  const { values, vectors } = symmetricEigen(S, 'covariance');
  const B: number[][] = Array.from({ length: n }, () => new Array<number>(k));
  const lambda: number[] = [];
  for (let f = 0; f < k; f++) {
    const col = n - 1 - f;
    let sum = 0;
    let firstNonZero = 0;
    for (let i = 0; i < n; i++) {
      sum += vectors[i][col];
      if (firstNonZero === 0 && vectors[i][col] !== 0) firstNonZero = vectors[i][col];
    }
    const sign = sum > 0 || (sum === 0 && firstNonZero >= 0) ? 1 : -1;
    for (let i = 0; i < n; i++) B[i][f] = sign * vectors[i][col];
    lambda.push(Math.max(0, values[col]));
  }
  const factorReturns: number[][] = new Array<number[]>(t);
  for (let q = 0; q < t; q++) {
    const row = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const v = c.x[i * t + q];
      for (let f = 0; f < k; f++) row[f] += B[i][f] * v;
    }
    factorReturns[q] = row;
  }
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let v = 0;
      for (let f = 0; f < k; f++) v += B[i][f] * lambda[f] * B[j][f];
      cov[i * n + j] = v;
      cov[j * n + i] = v;
    }
  }
  const specific: number[] = [];
  let trace = 0;
  for (let i = 0; i < n; i++) {
    trace += S[i][i];
    const d = Math.max(0, S[i][i] - cov[i * n + i]);
    specific.push(d);
    cov[i * n + i] += d;
  }
  const F = lambda.map((l, a) => lambda.map((_, b) => (a === b ? l : 0)));
  const explained = trace > 0 ? lambda.reduce((p, l) => p + l, 0) / trace : 0;
  return {
    loadings: B,
    factorCovariance: F,
    eigenvalues: lambda,
    factorReturns,
    specificVariances: specific,
    covariance: toRows(cov, n, n),
    explainedVariance: explained,
    mean: Array.from(c.means),
  };
}
