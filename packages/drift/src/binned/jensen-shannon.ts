/**
 * Jensen-Shannon distance between binned samples.
 */
import { InvalidInputError } from '@quantforge/core';
import { toSample, toSortedSample } from '../sample';
import { binCounts, innerEdges, proportions, type BinsOption } from './binning';

/**
 * JS distance of two probability vectors (each normalised to sum 1, as scipy does), natural log:
 * sqrt((KL(p‖m) + KL(q‖m))/2), m = (p + q)/2, 0·log 0 = 0. In [0, sqrt(ln 2)].
 */
export function jensenShannonFromProportions(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new InvalidInputError('q', `must have the same length as p (${p.length})`, q.length);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  if (!(sp > 0) || !(sq > 0)) throw new InvalidInputError('proportions', 'must have a positive sum');
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) kl += a * Math.log(a / m);
    if (b > 0) kl += b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(kl / 2, 0));
}

/**
 * Jensen-Shannon DISTANCE between reference and current, binned as {@link psi}: default 10 bins at
 * the reference deciles (type 7), left-closed, outer edges ±∞; raw (unfloored) proportions; natural
 * log (scipy.spatial.distance.jensenshannon(e, a)). 0 = identical, sqrt(ln 2) ≈ 0.833 = disjoint.
 * evidently flags drift at >= 0.1.
 */
export function jensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>, options: BinsOption = {}): number {
  const ref = toSortedSample(reference, 'reference');
  const cur = toSample(current, 'current');
  const edges = innerEdges(ref, options);
  return jensenShannonFromProportions(proportions(binCounts(ref, edges)), proportions(binCounts(cur, edges)));
}
