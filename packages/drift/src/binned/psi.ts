/**
 * Population Stability Index.
 */
import { toSample, toSortedSample } from '../sample';
import { binCounts, innerEdges, proportions, type BinsOption } from './binning';

/** The PSI floor for empty bins (applied to proportions, no renormalisation). */
export const PSI_FLOOR = 1e-4;

/** PSI from two proportion vectors: Σ (a'_j − e'_j) ln(a'_j/e'_j), a' = max(a, 1e-4), e' = max(e, 1e-4). */
export function psiFromProportions(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < expected.length; j++) {
    const e = Math.max(expected[j], PSI_FLOOR);
    const a = Math.max(actual[j], PSI_FLOOR);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/**
 * Population Stability Index of `current` against `reference`.
 *
 * Conventions (as ../shared/reference/drift/tests.json): default 10 bins with inner edges at the
 * reference's deciles (type-7 / numpy linear quantiles), outer edges −∞/+∞; bins left-closed
 * [q_j, q_{j+1}) (a value equal to an edge goes to the upper bin); e_j, a_j the raw proportions of
 * reference / current per bin, floored at 1e-4 (no renormalisation); natural log.
 * PSI = Σ (a'_j − e'_j) ln(a'_j/e'_j). Rules of thumb: < 0.1 stable, 0.1–0.25 moderate, > 0.25 major.
 * `bins: 'uniform'` style via `binning: 'uniform'` (equal widths over the reference range).
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, options: BinsOption = {}): number {
  const ref = toSortedSample(reference, 'reference');
  const cur = toSample(current, 'current');
  const edges = innerEdges(ref, options);
  return psiFromProportions(proportions(binCounts(ref, edges)), proportions(binCounts(cur, edges)));
}
