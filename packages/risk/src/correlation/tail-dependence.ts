import { InvalidInputError, requireFiniteArray } from '@quantforge/core';

/** Pseudo-observations rank/(n + 1), ties given their average rank. */
export function pseudoObservations(x: Float64Array): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const u = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let r = i; r <= j; r++) u[order[r]] = rank / (n + 1);
    i = j + 1;
  }
  return u;
}

/** Empirical tail-dependence coefficients at level q. */
export interface TailDependence {
  /** λ_L(q) = P(U ≤ q, V ≤ q) / q. */
  lower: number;
  /** λ_U(q) = P(U > 1 − q, V > 1 − q) / q. */
  upper: number;
  q: number;
  /** Joint exceedance counts behind the estimates. */
  lowerCount: number;
  upperCount: number;
}

/**
 * Empirical (nonparametric) tail dependence of two series at level q (Joe 1997; Frahm, Junker &
 * Schmidt 2005, the "secant" estimator at a fixed threshold): ranks to pseudo-observations
 * U = rank/(n + 1), then λ_L = #{U ≤ q, V ≤ q}/(nq), λ_U = #{U > 1 − q, V > 1 − q}/(nq). Independence
 * gives ≈ q, comonotone series 1. Biased at finite q (it is the q-level coefficient, not the limit).
 */
export function tailDependence(x: ArrayLike<number>, y: ArrayLike<number>, options: { q?: number } = {}): TailDependence {
  const a = requireFiniteArray(x, 'x', 2);
  const b = requireFiniteArray(y, 'y', 2);
  if (a.length !== b.length) throw new InvalidInputError('y', `must have ${a.length} values like x`, b.length);
  const q = options.q ?? 0.05;
  if (typeof q !== 'number' || !(q > 0 && q < 0.5)) throw new InvalidInputError('q', 'must be in (0, 0.5)', q);
  const n = a.length;
  const u = pseudoObservations(a);
  const v = pseudoObservations(b);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    if (u[i] <= q && v[i] <= q) lo++;
    if (u[i] > 1 - q && v[i] > 1 - q) hi++;
  }
  return { lower: lo / (n * q), upper: hi / (n * q), q, lowerCount: lo, upperCount: hi };
}
