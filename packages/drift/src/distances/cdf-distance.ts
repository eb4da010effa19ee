/**
 * Distances between empirical CDFs: Wasserstein-1 and energy distance (scipy.stats conventions).
 */
import { InvalidInputError } from '@quantforge/core';
import { toSortedSample } from '../sample';

/**
 * ∫ |F_a − F_b|^p dx for ascending samples (p = 1 or 2), the sum over the pooled order statistics
 * of (x_{(k+1)} − x_{(k)})·|F_a(x_(k)) − F_b(x_(k))|^p, F by searchsorted(side='right')/n, as
 * scipy.stats._stats_py._cdf_distance. O(n + m) after sorting.
 */
export function cdfDistanceSorted(a: ArrayLike<number>, b: ArrayLike<number>, p: 1 | 2): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let prev = Math.min(a[0], b[0]);
  while (i < n1 || j < n2) {
    const v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
    if (v !== prev) {
      const diff = Math.abs(i / n1 - j / n2);
      sum += (v - prev) * (p === 1 ? diff : diff * diff);
      prev = v;
    }
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
  }
  return sum;
}

/**
 * Wasserstein-1 (earth mover's) distance between two 1-D empirical distributions,
 * W1 = ∫ |F_a(x) − F_b(x)| dx (scipy.stats.wasserstein_distance, unweighted). Units of the data.
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return cdfDistanceSorted(toSortedSample(a, 'a'), toSortedSample(b, 'b'), 1);
}

/**
 * Normed Wasserstein-1: W1(a, b) / σ(a), σ the population standard deviation (ddof = 0) of the
 * reference sample `a` (evidently's `wasserstein_distance_norm`, drift when >= 0.1). Throws
 * InvalidInputError when the reference is constant (σ = 0).
 */
export function wasserstein1Normed(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const a = toSortedSample(reference, 'reference');
  const b = toSortedSample(current, 'current');
  const sd = populationStd(a);
  if (!(sd > 0)) throw new InvalidInputError('reference', 'is constant: the normed Wasserstein distance needs a positive standard deviation');
  return cdfDistanceSorted(a, b, 1) / sd;
}

/** Population standard deviation (two-pass). */
export function populationStd(x: ArrayLike<number>): number {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    s += d * d;
    c += d;
  }
  return Math.sqrt(Math.max((s - (c * c) / n) / n, 0));
}

/**
 * Energy distance sqrt(2 E|X−Y| − E|X−X'| − E|Y−Y'|) = sqrt(2) · (∫ (F_a − F_b)² dx)^{1/2}
 * (Székely & Rizzo 2013; scipy.stats.energy_distance). Units of the data.
 */
export function energyDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.SQRT2 * Math.sqrt(cdfDistanceSorted(toSortedSample(a, 'a'), toSortedSample(b, 'b'), 2));
}
