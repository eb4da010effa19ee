/** Deterministic random problems for the law tests. */
export function lcg(seed: number): () => number {
  let s = (seed % 2147483646) + 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** A positive-definite covariance from a factor structure plus idiosyncratic variance, and means. */
export function randomProblem(n: number, seed: number): { covariance: number[][]; mu: number[] } {
  const r = lcg(seed);
  const k = Math.min(3, n);
  const B = Array.from({ length: n }, () => Array.from({ length: k }, () => r() - 0.5));
  const covariance = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let f = 0; f < k; f++) s += B[i][f] * B[j][f] * 0.04;
      return s + (i === j ? 0.01 * (0.5 + r()) : 0);
    }),
  );
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) covariance[i][j] = covariance[j][i];
  const mu = Array.from({ length: n }, () => 0.02 + 0.1 * r());
  return { covariance, mu };
}

export function quad(S: number[][], w: ArrayLike<number>): number {
  let q = 0;
  for (let i = 0; i < S.length; i++) for (let j = 0; j < S.length; j++) q += w[i] * S[i][j] * w[j];
  return q;
}

export const sum = (w: ArrayLike<number>) => Array.from(w).reduce((a, b) => a + b, 0);
export const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
