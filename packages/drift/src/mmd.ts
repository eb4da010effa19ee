/**
 * Maximum mean discrepancy two-sample test with an RBF kernel (Gretton et al. 2012, JMLR 13).
 */
import { InvalidInputError, createRng } from '@quantforge/core';
import { stackMatrices, toMatrix, type MultiSample } from './multivariate';

export interface MmdTestOptions {
  /** Number of random permutations for the p-value (default 500). */
  permutations?: number;
  /** Seed for the permutations (default 0). */
  seed?: number;
  /** Kernel bandwidth σ; default the median heuristic. */
  sigma?: number;
}

export interface MmdTestResult {
  /** Unbiased estimate of MMD² (can be slightly negative). */
  statistic: number;
  /** Permutation p-value (1 + #{MMD²_perm >= MMD²_obs})/(1 + permutations). */
  pValue: number;
  /** The bandwidth used. */
  sigma: number;
  permutations: number;
}

/**
 * MMD two-sample test. Kernel k(x, y) = exp(−‖x − y‖²/(2σ²)); σ by the median heuristic = the
 * median Euclidean distance between distinct points of the pooled sample (Gretton et al. 2012, §8).
 * Statistic: the unbiased MMD²_u (their eq. 3). p-value by `permutations` random relabellings of the
 * pooled sample drawn from core's seeded xoshiro256** (`createRng(seed)`), so the same seed gives
 * the same p-value everywhere. Samples: 1-D arrays or arrays of equal-length rows. Cost O(N²)
 * memory and O(N²·permutations) time for N = n + m.
 */
export function mmdTest(a: MultiSample, b: MultiSample, options: MmdTestOptions = {}): MmdTestResult {
  const A = toMatrix(a, 'a', 2);
  const B = toMatrix(b, 'b', 2);
  const P = stackMatrices(A, B);
  const perms = options.permutations ?? 500;
  if (!Number.isInteger(perms) || perms < 1) throw new InvalidInputError('permutations', 'must be an integer >= 1', perms);
  const seed = options.seed ?? 0;
  const N = P.rows;
  const d = P.cols;
  const D2 = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const t = P.data[i * d + c] - P.data[j * d + c];
        s += t * t;
      }
      D2[i * N + j] = s;
      D2[j * N + i] = s;
    }
  }
  let sigma = options.sigma;
  if (sigma === undefined) {
    const dist = new Float64Array((N * (N - 1)) / 2);
    let t = 0;
    for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) dist[t++] = D2[i * N + j];
    dist.sort();
    const h = dist.length;
    const med = h % 2 ? dist[(h - 1) / 2] : 0.5 * (dist[h / 2 - 1] + dist[h / 2]);
    sigma = Math.sqrt(med);
    if (!(sigma > 0)) {
      // more than half the pairs coincide: use the mean positive distance, else the samples are all equal
      let s = 0;
      let c = 0;
      for (let i = 0; i < dist.length; i++) {
        if (dist[i] > 0) {
          s += Math.sqrt(dist[i]);
          c++;
        }
      }
      sigma = c > 0 ? s / c : 1;
    }
  } else if (!(sigma > 0) || !Number.isFinite(sigma)) {
    throw new InvalidInputError('sigma', 'must be finite and > 0', sigma);
  }
  const K = new Float64Array(N * N);
  const g = 1 / (2 * sigma * sigma);
  for (let i = 0; i < N * N; i++) K[i] = Math.exp(-D2[i] * g);
  const n = A.rows;
  const m = B.rows;
  const idx = new Int32Array(N);
  for (let i = 0; i < N; i++) idx[i] = i;
  const mmd2 = (): number => {
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let i = 0; i < N; i++) {
      const row = idx[i] * N;
      const inX = i < n;
      for (let j = i + 1; j < N; j++) {
        const k = K[row + idx[j]];
        if (inX) {
          if (j < n) sxx += k;
          else sxy += k;
        } else syy += k;
      }
    }
    return (2 * sxx) / (n * (n - 1)) + (2 * syy) / (m * (m - 1)) - (2 * sxy) / (n * m);
  };
  const observed = mmd2();
  const rng = createRng(seed);
  let count = 0;
  for (let p = 0; p < perms; p++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rng.nextFloat() * (i + 1));
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    if (mmd2() >= observed - 1e-12 * Math.abs(observed)) count++;
  }
  return { statistic: observed, pValue: (1 + count) / (1 + perms), sigma, permutations: perms };
}
