import { InvalidInputError } from '../errors/errors';

/** A sorted copy (ascending) of the input as a Float64Array; the input is not modified. */
export function sortAscending(x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(x);
  out.sort();
  return out;
}

function requireProbability(p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new InvalidInputError('p', 'must be in [0, 1]', p);
}

/**
 * Quantile of an ascending-sorted sample by Hyndman & Fan (1996) definition 7 — linear
 * interpolation between order statistics at h = (n − 1)p, numpy's and R's default:
 * Q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  requireProbability(p);
  const n = sorted.length;
  if (n === 0) throw new InvalidInputError('sorted', 'needs at least 1 value, got 0');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const frac = h - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  // numpy's _lerp form: exact at both ends and monotone in p.
  return frac >= 0.5 ? b - (b - a) * (1 - frac) : a + (b - a) * frac;
}

/** Type-7 quantile of an unsorted sample (sorts a copy). */
export function quantile(x: ArrayLike<number>, p: number): number {
  requireProbability(p);
  if (x.length === 0) throw new InvalidInputError('x', 'needs at least 1 value, got 0');
  return quantileSorted(sortAscending(x), p);
}
