import type { DenseMatrix } from './matrix-input';

/** Column means and the centred data stored column-major (`x[j * T + t]`), contiguous per asset. */
export interface CentredColumns {
  t: number;
  n: number;
  means: Float64Array;
  /** Column-major centred returns, `x[j * t + k] = returns[k][j] − means[j]`. */
  x: Float64Array;
}

/**
 * Centres each column by its mean. The mean is computed in two passes (the second adds the mean
 * of the first-pass residuals), so it is accurate to a few ulps however large the level.
 */
export function centreColumns(m: DenseMatrix, centre = true): CentredColumns {
  const { rows: t, cols: n, data } = m;
  const x = new Float64Array(n * t);
  for (let j = 0; j < n; j++) for (let k = 0; k < t; k++) x[j * t + k] = data[k * n + j];
  return centreInPlace(x, t, n, centre);
}

/** Centres column-major data in place (two-pass means, see {@link centreColumns}). */
export function centreInPlace(x: Float64Array, t: number, n: number, centre = true): CentredColumns {
  const means = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const off = j * t;
    let s = 0;
    for (let k = 0; k < t; k++) s += x[off + k];
    if (!centre) continue;
    let mu = s / t;
    let r = 0;
    for (let k = 0; k < t; k++) r += x[off + k] - mu;
    mu += r / t;
    means[j] = mu;
    for (let k = 0; k < t; k++) x[off + k] -= mu;
  }
  return { t, n, means, x };
}

/**
 * The Gram matrix G = XᵀX of column-major data (N × N, row-major, symmetric), with a 2 × 4
 * register-blocked kernel so each loaded value feeds several multiply-adds.
 */
export function gram(x: Float64Array, t: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = i * t;
    const a1 = a0 + t;
    // the 2 × 2 diagonal block
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let k = 0; k < t; k++) {
      const u = x[a0 + k];
      const v = x[a1 + k];
      s00 += u * u;
      s01 += u * v;
      s11 += v * v;
    }
    g[i * n + i] = s00;
    g[i * n + i + 1] = s01;
    g[(i + 1) * n + i + 1] = s11;
    let j = i + 2;
    for (; j + 3 < n; j += 4) {
      const b0 = j * t;
      const b1 = b0 + t;
      const b2 = b1 + t;
      const b3 = b2 + t;
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      for (let k = 0; k < t; k++) {
        const u = x[a0 + k];
        const v = x[a1 + k];
        const p0 = x[b0 + k];
        const p1 = x[b1 + k];
        const p2 = x[b2 + k];
        const p3 = x[b3 + k];
        c00 += u * p0;
        c01 += u * p1;
        c02 += u * p2;
        c03 += u * p3;
        c10 += v * p0;
        c11 += v * p1;
        c12 += v * p2;
        c13 += v * p3;
      }
      g[i * n + j] = c00;
      g[i * n + j + 1] = c01;
      g[i * n + j + 2] = c02;
      g[i * n + j + 3] = c03;
      g[(i + 1) * n + j] = c10;
      g[(i + 1) * n + j + 1] = c11;
      g[(i + 1) * n + j + 2] = c12;
      g[(i + 1) * n + j + 3] = c13;
    }
    for (; j < n; j++) {
      const b0 = j * t;
      let c0 = 0;
      let c1 = 0;
      for (let k = 0; k < t; k++) {
        const p = x[b0 + k];
        c0 += x[a0 + k] * p;
        c1 += x[a1 + k] * p;
      }
      g[i * n + j] = c0;
      g[(i + 1) * n + j] = c1;
    }
  }
  if (i < n) {
    const a0 = i * t;
    let s = 0;
    for (let k = 0; k < t; k++) s += x[a0 + k] * x[a0 + k];
    g[i * n + i] = s;
  }
  // mirror the upper triangle
  for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) g[c * n + r] = g[r * n + c];
  return g;
}
