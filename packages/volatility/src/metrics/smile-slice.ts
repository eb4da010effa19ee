import { InvalidInputError, NoSolutionError, requireObject, requirePositive } from '@quantforge/core';

/** The part of a processed slice (ChainSlice) the smile metrics read. */
export interface SmileSliceInput {
  forward: number;
  timeToExpiry: number;
  expiry?: string;
  quotes: readonly { type: 'call' | 'put'; strike: number; iv: number }[];
}

/** OTM smile points (k = ln(K/F), iv) sorted by k; puts below F, calls at or above. */
export interface SmilePoints {
  forward: number;
  T: number;
  k: Float64Array;
  iv: Float64Array;
}

/**
 * Out-of-the-money smile of a slice: puts with K < F and calls with K ≥ F (the liquid side),
 * sorted by k = ln(K/F). Validates the slice; throws NoSolutionError 'too-few-quotes' when fewer
 * than `minPoints` (default 2) remain.
 */
export function smilePoints(slice: SmileSliceInput, minPoints = 2): SmilePoints {
  requireObject('slice', slice);
  const F = requirePositive('slice.forward', slice.forward);
  const T = requirePositive('slice.timeToExpiry', slice.timeToExpiry);
  if (!Array.isArray(slice.quotes)) throw new InvalidInputError('slice.quotes', 'must be an array', slice.quotes);
  const pts: [number, number][] = [];
  slice.quotes.forEach((q, i) => {
    if (!(q.strike > 0) || !(q.iv > 0) || !Number.isFinite(q.iv)) {
      throw new InvalidInputError(`slice.quotes[${i}]`, 'needs strike > 0 and a finite iv > 0', q);
    }
    if ((q.type === 'put' && q.strike < F) || (q.type === 'call' && q.strike >= F)) pts.push([Math.log(q.strike / F), q.iv]);
  });
  pts.sort((a, b) => a[0] - b[0]);
  const dedup = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0]);
  if (dedup.length < minPoints) {
    throw new NoSolutionError('too-few-quotes', `the slice${slice.expiry ? ` ${slice.expiry}` : ''} has ${dedup.length} OTM quotes, needs ${minPoints}`);
  }
  return { forward: F, T, k: Float64Array.from(dedup, (p) => p[0]), iv: Float64Array.from(dedup, (p) => p[1]) };
}

/**
 * Implied vol at log-moneyness k by linear interpolation of total variance w = σ²T in k between
 * the bracketing OTM quotes (no extrapolation: NoSolutionError 'outside-quoted-range').
 */
export function smileVolAt(s: SmilePoints, k: number): number {
  const n = s.k.length;
  if (k < s.k[0]! || k > s.k[n - 1]!) {
    throw new NoSolutionError('outside-quoted-range', `k = ${k} is outside the quoted range [${s.k[0]}, ${s.k[n - 1]}]`);
  }
  let j = 1;
  while (j < n - 1 && s.k[j]! < k) j++;
  const k0 = s.k[j - 1]!;
  const k1 = s.k[j]!;
  const w0 = s.iv[j - 1]! ** 2;
  const w1 = s.iv[j]! ** 2;
  const t = k1 === k0 ? 0 : (k - k0) / (k1 - k0);
  return Math.sqrt(w0 + t * (w1 - w0));
}
