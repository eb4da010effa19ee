import { InvalidInputError } from '@quantforge/core';
import { sampleCovariance } from '../covariance/sample';
import { toSquare, type MatrixInput } from '../covariance/matrix-input';
import { requireOptions } from '../optimizers/common';
import { leafOrder, singleLinkage } from './linkage';

/** Options of {@link hrp}. */
export interface HrpOptions {
  /** T × N returns (one row per period); the covariance is their sample covariance (ddof 1). */
  returns?: MatrixInput;
  /** Or Σ directly (N × N); give exactly one of returns / covariance. */
  covariance?: MatrixInput;
  /**
   * 'correlation' (default, as PyPortfolioOpt): single linkage on d_ij = √(½(1 − ρ_ij)).
   * 'correlation-euclidean' (López de Prado's published code): on the Euclidean distance between
   * the columns of d, d̃_ij = ‖d_·i − d_·j‖.
   */
  distance?: 'correlation' | 'correlation-euclidean';
}

/** Result of {@link hrp}. */
export interface HrpResult {
  /** Positive weights summing to 1, in input order. */
  weights: number[];
  /** Asset indices in quasi-diagonal (dendrogram) order. */
  order: number[];
  /** scipy-style linkage rows [a, b, distance, size]. */
  linkage: [number, number, number, number][];
}

/**
 * Hierarchical Risk Parity (López de Prado 2016, "Building Diversified Portfolios that Outperform
 * Out of Sample", J. Portfolio Management 42(4)): single-linkage tree on the correlation distance,
 * quasi-diagonalisation (leaves in dendrogram order), then recursive bisection of that order,
 * splitting weight between the halves by inverse cluster variance (each cluster's variance under
 * its inverse-variance weights). No matrix inversion: works for singular Σ. Deterministic.
 */
export function hrp(options: HrpOptions): HrpResult {
  requireOptions(options, 'hrp');
  let S: Float64Array;
  let n: number;
  if (options.returns !== undefined && options.covariance !== undefined) throw new InvalidInputError('returns', 'give either returns or covariance, not both');
  if (options.returns !== undefined) {
    const rows = sampleCovariance(options.returns);
    n = rows.length;
    S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) S.set(rows[i], i * n);
  } else if (options.covariance !== undefined) {
    const m = toSquare(options.covariance, 'covariance', 1e-10);
    n = m.rows;
    S = m.data;
  } else throw new InvalidInputError('returns', 'is required (T × N returns), or give covariance');
  const mode = options.distance ?? 'correlation';
  if (mode !== 'correlation' && mode !== 'correlation-euclidean') throw new InvalidInputError('distance', "must be 'correlation' or 'correlation-euclidean'", mode);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = S[i * n + i];
    if (!(v > 0)) throw new InvalidInputError(options.returns !== undefined ? `returns (column ${i})` : `covariance[${i}][${i}]`, 'has zero variance; HRP needs every asset to move (drop constant columns)', v);
    sd[i] = Math.sqrt(v);
  }
  let D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const rho = Math.max(-1, Math.min(1, S[i * n + j] / (sd[i] * sd[j])));
      D[i * n + j] = i === j ? 0 : Math.sqrt(Math.max(0, 0.5 * (1 - rho)));
    }
  }
  if (mode === 'correlation-euclidean') {
    const E = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) {
          const t = D[k * n + i] - D[k * n + j];
          s += t * t;
        }
        E[i * n + j] = E[j * n + i] = Math.sqrt(s);
      }
    }
    D = E;
  }
  const Z = singleLinkage(D, n);
  const order = leafOrder(Z, n);
  const w = new Float64Array(n).fill(1);
  const clusterVar = (items: number[]): number => {
    let inv = 0;
    for (const i of items) inv += 1 / S[i * n + i];
    let v = 0;
    for (const i of items) {
      const wi = 1 / S[i * n + i] / inv;
      for (const j of items) v += wi * S[i * n + j] * (1 / S[j * n + j] / inv);
    }
    return v;
  };
  let clusters: number[][] = [order];
  while (clusters.length > 0) {
    const next: number[][] = [];
    for (const c of clusters) {
      if (c.length <= 1) continue;
      const half = Math.floor(c.length / 2);
      const left = c.slice(0, half);
      const right = c.slice(half);
      const v0 = clusterVar(left);
      const v1 = clusterVar(right);
      const alpha = 1 - v0 / (v0 + v1);
      for (const i of left) w[i] *= alpha;
      for (const i of right) w[i] *= 1 - alpha;
      next.push(left, right);
    }
    clusters = next;
  }
  return { weights: Array.from(w), order, linkage: Z };
}
