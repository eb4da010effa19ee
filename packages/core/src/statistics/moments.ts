import { InvalidInputError } from '../errors/errors';

/**
 * Sample moments. Sums use Neumaier's compensated summation and the variance is the two-pass
 * corrected form (Chan, Golub & LeVeque 1983), so results are accurate to a few ulps even when the
 * mean is large compared with the spread. Inputs are assumed finite (see requireFiniteArray).
 */

function requireLength(x: ArrayLike<number>, min: number, what: string): void {
  if (x.length < min) throw new InvalidInputError('x', `${what} needs at least ${min} values, got ${x.length}`);
}

/** Neumaier-compensated sum. */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Arithmetic mean (compensated). */
export function mean(x: ArrayLike<number>): number {
  requireLength(x, 1, 'mean');
  const n = x.length;
  const m = sum(x) / n;
  // One refinement step removes the division's rounding (a constant sample gives its value exactly).
  let r = 0;
  for (let i = 0; i < n; i++) r += x[i] - m;
  return m + r / n;
}

/** Σ(x − m)^p with the two-pass correction for p = 2 (the first-pass mean's error is removed). */
function centralSums(x: ArrayLike<number>): { m: number; s2: number; s3: number; s4: number } {
  const n = x.length;
  const m = mean(x);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { m, s2: s2 - (s1 * s1) / n, s3, s4 };
}

/** Variance with `ddof` delta degrees of freedom (1 = the unbiased sample variance, numpy's ddof). */
export function variance(x: ArrayLike<number>, ddof = 1): number {
  if (!Number.isInteger(ddof) || ddof < 0) throw new InvalidInputError('ddof', 'must be a non-negative integer', ddof);
  requireLength(x, ddof + 1, 'variance');
  return Math.max(0, centralSums(x).s2) / (x.length - ddof);
}

/** Standard deviation: √variance(x, ddof). */
export function standardDeviation(x: ArrayLike<number>, ddof = 1): number {
  return Math.sqrt(variance(x, ddof));
}

/**
 * Biased sample skewness g1 = m3 / m2^{3/2} with m_k = Σ(x − x̄)^k / n (scipy.stats.skew with
 * bias=True). Throws for a constant sample, where it is undefined.
 */
export function skewness(x: ArrayLike<number>): number {
  requireLength(x, 2, 'skewness');
  const n = x.length;
  const { s2, s3 } = centralSums(x);
  if (!(s2 > 0)) throw new InvalidInputError('x', 'skewness is undefined for a constant sample');
  const m2 = s2 / n;
  return s3 / n / (m2 * Math.sqrt(m2));
}

/**
 * Biased excess kurtosis g2 = m4 / m2² − 3 (scipy.stats.kurtosis with fisher=True, bias=True).
 * Throws for a constant sample.
 */
export function excessKurtosis(x: ArrayLike<number>): number {
  requireLength(x, 2, 'excessKurtosis');
  const n = x.length;
  const { s2, s4 } = centralSums(x);
  if (!(s2 > 0)) throw new InvalidInputError('x', 'kurtosis is undefined for a constant sample');
  const m2 = s2 / n;
  return s4 / n / (m2 * m2) - 3;
}
