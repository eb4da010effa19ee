import { InvalidInputError } from '@quantforge/core';

/**
 * Reads a returns matrix given as rows of observations (`returns[t][j]`, T × k) and checks it is
 * rectangular and finite; the error names the first bad index (`returns[17][2]`).
 */
export function readReturns(returns: readonly ArrayLike<number>[], field = 'returns', minRows = 2): { T: number; k: number; data: Float64Array } {
  if (!Array.isArray(returns)) throw new InvalidInputError(field, 'must be an array of rows (observations × assets)', returns);
  const T = returns.length;
  if (T < minRows) throw new InvalidInputError(field, `needs at least ${minRows} observations, got ${T}`);
  const k = returns[0]?.length;
  if (typeof k !== 'number' || k < 1) throw new InvalidInputError(`${field}[0]`, 'must be a non-empty array of numbers', returns[0]);
  const data = new Float64Array(T * k);
  for (let t = 0; t < T; t++) {
    const row = returns[t];
    if (row?.length !== k) throw new InvalidInputError(`${field}[${t}]`, `must have ${k} entries like ${field}[0]`, row?.length);
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${t}][${j}]`, 'must be a finite number', v);
      data[t * k + j] = v;
    }
  }
  return { T, k, data };
}

/**
 * Pearson correlation matrix of rows [from, to) of a row-major T × k matrix (two-pass: means,
 * then centred cross-products). A constant column has undefined correlation: throws naming it.
 */
export function pearsonMatrix(data: Float64Array, k: number, from: number, to: number, field = 'returns'): number[][] {
  const n = to - from;
  const mean = new Float64Array(k);
  for (let t = from; t < to; t++) for (let j = 0; j < k; j++) mean[j] += data[t * k + j];
  for (let j = 0; j < k; j++) mean[j] /= n;
  const c = Array.from({ length: k }, () => new Float64Array(k));
  for (let t = from; t < to; t++) {
    const o = t * k;
    for (let i = 0; i < k; i++) {
      const di = data[o + i] - mean[i];
      const ci = c[i];
      for (let j = 0; j <= i; j++) ci[j] += di * (data[o + j] - mean[j]);
    }
  }
  return covToCorr(c, field);
}

/** Correlation from a (lower-triangle-filled) covariance; throws on a zero variance. */
export function covToCorr(c: ArrayLike<number>[], field = 'returns'): number[][] {
  const k = c.length;
  const sd = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    if (!(c[i][i] > 0)) throw new InvalidInputError(`${field}[*][${i}]`, 'has zero variance in the window: correlation is undefined');
    sd[i] = Math.sqrt(c[i][i]);
  }
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    out[i][i] = 1;
    for (let j = 0; j < i; j++) {
      const r = Math.max(-1, Math.min(1, c[i][j] / (sd[i] * sd[j])));
      out[i][j] = r;
      out[j][i] = r;
    }
  }
  return out;
}
