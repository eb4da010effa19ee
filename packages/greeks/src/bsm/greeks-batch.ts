import { batchLength, requireObject, toFloat64Column, toTypeColumn } from '@quantforge/core';
import type { NumericColumn, TypeColumn } from '@quantforge/core';
import { BS_GREEK_NAMES } from '../greek-names';
import type { BsGreekName } from '../greek-names';
import { runGreeksBatch } from '../batch/run';
import type { GreeksBatchOptions } from '../batch/run';
import { RHO_BSM } from '../kernel/generalized';

/** Struct-of-arrays input of {@link bsGreeksBatch}; a scalar broadcasts to every row. */
export interface BsGreeksBatchInput {
  /** 'call' | 'put', an array of those, or an Int8Array of +1 (call) / -1 (put). */
  type: TypeColumn;
  spot: NumericColumn;
  strike: NumericColumn;
  expiry: NumericColumn;
  rate: NumericColumn;
  /** Defaults to 0. */
  dividendYield?: NumericColumn;
  vol: NumericColumn;
}

/**
 * Batch form of {@link bsGreeks}: one `Float64Array` per requested output (default: all 17).
 * Every row runs the same kernel as the scalar function, so each value is bit-for-bit the
 * scalar result. A row the scalar function would reject gets NaN in every output and
 * `BatchStatus.InvalidInput` in `options.status`; the batch never throws half-way (only array
 * columns of different lengths, unknown greek names or short `out`/`status` buffers throw,
 * before anything is written).
 *
 * @example
 * const { delta, gamma } = bsGreeksBatch(
 *   { type: 'call', spot: new Float64Array([90, 100, 110]), strike: 100, expiry: 0.5, rate: 0.03, vol: 0.2 },
 *   { greeks: ['delta', 'gamma'] },
 * );
 */
export function bsGreeksBatch<G extends BsGreekName = BsGreekName>(
  input: BsGreeksBatchInput,
  options?: GreeksBatchOptions<G>,
): Record<G, Float64Array> {
  const o = requireObject('input', input) as unknown as BsGreeksBatchInput;
  const n = batchLength({
    type: o.type,
    spot: o.spot,
    strike: o.strike,
    expiry: o.expiry,
    rate: o.rate,
    dividendYield: o.dividendYield,
    vol: o.vol,
  });
  const cols = {
    n,
    w: toTypeColumn('type', o.type, n),
    spot: toFloat64Column('spot', o.spot, n),
    strike: toFloat64Column('strike', o.strike, n),
    expiry: toFloat64Column('expiry', o.expiry, n),
    rate: toFloat64Column('rate', o.rate, n),
    q: toFloat64Column('dividendYield', o.dividendYield, n, 0),
    vol: toFloat64Column('vol', o.vol, n),
  };
  return runGreeksBatch(BS_GREEK_NAMES, options as GreeksBatchOptions<string> | undefined, cols, RHO_BSM) as Record<
    G,
    Float64Array
  >;
}
