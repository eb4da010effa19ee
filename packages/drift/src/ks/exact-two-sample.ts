/**
 * Exact null distribution of the two-sided two-sample Kolmogorov-Smirnov statistic for continuous
 * data (no ties), as scipy's ks_2samp(method='exact'): P(D_{m,n} >= h/lcm(m, n)).
 */

/** n = m: P(D_{n,n} >= h/n) = 2 Σ_k (−1)^{k+1} C(2n, n−kh)/C(2n, n) in Horner form (scipy). */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * m ≠ n: the proportion of lattice paths (0,0) → (m,n) that leave the band |x/m − y/n| < h/lcm,
 * by Hodges' (1958) inside method in Viehmann's (2021, arXiv:2102.08037) form that carries the
 * complement probability directly (no large binomials, no cancellation). g = gcd(m, n).
 */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(n + 2).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    for (let t = curlen; t < lastlen; t++) A[t] = 1;
  }
  return A[maxj - minj - 1];
}
