import { InvalidInputError, NoSolutionError, requireFinite, requireObject } from '@quantforge/core';
import type { ChainQuote, ChainSlice } from './types';

/**
 * The quote of a processed slice whose delta is nearest to `targetDelta` (forward delta, not
 * premium-adjusted, from the mid implied vol — see ChainQuote.delta). A positive target selects
 * among calls (0.25 = the 25-delta call), a negative one among puts (-0.25 = 25-delta put).
 * Ties go to the lower strike.
 *
 * @throws InvalidInputError for a target outside (-1, 1) or 0; NoSolutionError 'no-quotes'
 *   when the slice has no quote of that type.
 */
export function selectStrikeByDelta(slice: Pick<ChainSlice, 'quotes'>, targetDelta: number): ChainQuote {
  requireObject('slice', slice);
  if (!Array.isArray(slice.quotes)) throw new InvalidInputError('slice.quotes', 'must be an array', slice.quotes);
  const t = requireFinite('targetDelta', targetDelta);
  if (!(t > -1 && t < 1 && t !== 0)) throw new InvalidInputError('targetDelta', 'must be in (-1, 0) for puts or (0, 1) for calls', t);
  const type = t > 0 ? 'call' : 'put';
  let best: ChainQuote | undefined;
  for (const q of slice.quotes) {
    if (q.type !== type) continue;
    if (best === undefined || Math.abs(q.delta - t) < Math.abs(best.delta - t)) best = q;
  }
  if (best === undefined) throw new NoSolutionError('no-quotes', `the slice has no ${type} quotes to select a ${t} delta strike from`);
  return best;
}
