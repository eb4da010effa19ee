/**
 * k-sample Anderson-Darling test (Scholz & Stephens 1987), scipy.stats.anderson_ksamp conventions.
 */
import { InvalidInputError } from '@quantforge/core';
import { toSortedSample } from '../sample';

export interface AndersonDarlingResult {
  /** Standardised statistic (A2akN − (k − 1))/σ_N (scipy's `statistic`). */
  statistic: number;
  /** The unstandardised midrank statistic A²_akN. */
  a2akN: number;
  /** Critical values at the significance levels 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1%. */
  criticalValues: number[];
  significanceLevels: number[];
  /**
   * Approximate p-value: scipy's quadratic interpolation of log(significance) against the critical
   * values, capped to [0.001, 0.25] outside the tabulated range (so only indicative there).
   */
  pValue: number;
}

const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/** Least-squares quadratic fit y ≈ c0 x² + c1 x + c2 (numpy.polyfit(x, y, 2)), by normal equations on centred x. */
function quadFit(x: number[], y: number[]): (t: number) => number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const S = [0, 0, 0, 0, 0];
  const T = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const u = x[i] - mx;
    let p = 1;
    for (let k = 0; k < 5; k++) {
      S[k] += p;
      if (k < 3) T[k] += p * y[i];
      p *= u;
    }
  }
  // solve [[S0 S1 S2],[S1 S2 S3],[S2 S3 S4]] c = T (Cramer's rule, 3x3)
  const M = [
    [S[0], S[1], S[2]],
    [S[1], S[2], S[3]],
    [S[2], S[3], S[4]],
  ];
  const det = (m: number[][]): number =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const D = det(M);
  const c = [0, 1, 2].map((j) => det(M.map((row, r) => row.map((v, col) => (col === j ? T[r] : v)))) / D);
  return (t: number) => c[0] + c[1] * (t - mx) + c[2] * (t - mx) * (t - mx);
}

/**
 * k-sample Anderson-Darling test, midrank version A²_akN for data with ties (Scholz & Stephens
 * 1987, eq. 7), standardised as scipy.stats.anderson_ksamp: statistic = (A²_akN − (k−1))/σ_N with
 * the exact finite-sample variance σ²_N of their eq. (4). Needs k >= 2 non-empty samples and at
 * least 2 distinct values overall. The p-value is scipy's interpolation (see the result type).
 */
export function andersonDarlingKSample(samples: ArrayLike<number>[]): AndersonDarlingResult {
  if (!Array.isArray(samples) || samples.length < 2) throw new InvalidInputError('samples', 'needs at least 2 samples', Array.isArray(samples) ? samples.length : samples);
  const k = samples.length;
  const sorted = samples.map((s, i) => toSortedSample(s, `samples[${i}]`));
  const n = sorted.map((s) => s.length);
  const N = n.reduce((s, v) => s + v, 0);
  const Z = new Float64Array(N);
  let off = 0;
  for (const s of sorted) {
    Z.set(s, off);
    off += s.length;
  }
  Z.sort();
  // distinct values with their multiplicities
  const zs: number[] = [];
  const lj: number[] = [];
  const below: number[] = [];
  for (let i = 0; i < N; ) {
    let j = i;
    while (j < N && Z[j] === Z[i]) j++;
    zs.push(Z[i]);
    lj.push(j - i);
    below.push(i);
    i = j;
  }
  const L = zs.length;
  if (L < 2) throw new InvalidInputError('samples', 'need more than one distinct observation');
  let A2akN = 0;
  for (let i = 0; i < k; i++) {
    const s = sorted[i];
    let p = 0; // pointer into s: #s < z
    let inner = 0;
    for (let t = 0; t < L; t++) {
      const z = zs[t];
      while (p < s.length && s[p] < z) p++;
      let q = p;
      while (q < s.length && s[q] === z) q++;
      const fij = q - p;
      const Mij = q - fij / 2;
      const Bj = below[t] + lj[t] / 2;
      const num = N * Mij - Bj * n[i];
      inner += ((lj[t] / N) * num * num) / (Bj * (N - Bj) - (N * lj[t]) / 4);
    }
    A2akN += inner / n[i];
  }
  A2akN *= (N - 1) / N;
  let H = 0;
  for (const ni of n) H += 1 / ni;
  // hs_cs = cumsum(1/(N-1), 1/(N-2), ..., 1/2); h = hs_cs[-1] + 1; g = Σ hs_cs[t]/(t+2)
  let cs = 0;
  let g = 0;
  for (let t = 0; t < N - 2; t++) {
    cs += 1 / (N - 1 - t);
    g += cs / (t + 2);
  }
  const h = cs + 1;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k * k - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const statistic = (A2akN - m) / Math.sqrt(sigmasq);
  const criticalValues = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(m) + B2[i] / m);
  let pValue: number;
  if (statistic < Math.min(...criticalValues)) pValue = 0.25;
  else if (statistic > Math.max(...criticalValues)) pValue = 0.001;
  else pValue = Math.exp(quadFit(criticalValues, SIG.map(Math.log))(statistic));
  return { statistic, a2akN: A2akN, criticalValues, significanceLevels: [...SIG], pValue };
}
