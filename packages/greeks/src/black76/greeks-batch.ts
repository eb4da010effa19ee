import { batchLength, requireObject, toFloat64Column, toTypeColumn } from '@quantforge/core';
import type { NumericColumn, TypeColumn } from '@quantforge/core';
import { BLACK76_GREEK_NAMES } from '../greek-names';
import type { Black76GreekName } from '../greek-names';
import { runGreeksBatch } from '../batch/run';
import type { GreeksBatchOptions } from '../batch/run';
import { RHO_BLACK76 } from '../kernel/generalized';

/** Struct-of-arrays input of {@link black76GreeksBatch}; a scalar broadcasts to every row. */
export interface Black76GreeksBatchInput {
  /** 'call' | 'put', an array of those, or an Int8Array of +1 (call) / -1 (put). */
  type: TypeColumn;
  forward: NumericColumn;
  strike: NumericColumn;
  expiry: NumericColumn;
  rate: NumericColumn;
  vol: NumericColumn;
}

/**
 * Batch form of {@link black76Greeks}: one `Float64Array` per requested output (default: all
 * 16). Same kernel as the scalar function (bit-for-bit equal), same error model as
 * {@link bsGreeksBatch}.
 */
export function black76GreeksBatch<G extends Black76GreekName = Black76GreekName>(
  input: Black76GreeksBatchInput,
  options?: GreeksBatchOptions<G>,
): Record<G, Float64Array> {
  const o = requireObject('input', input) as unknown as Black76GreeksBatchInput;
  const n = batchLength({
    type: o.type,
    forward: o.forward,
    strike: o.strike,
    expiry: o.expiry,
    rate: o.rate,
    vol: o.vol,
  });
  const rate = toFloat64Column('rate', o.rate, n);
  const cols = {
    n,
    w: toTypeColumn('type', o.type, n),
    spot: toFloat64Column('forward', o.forward, n),
    strike: toFloat64Column('strike', o.strike, n),
    expiry: toFloat64Column('expiry', o.expiry, n),
    rate,
    q: rate, // Black-76 = generalized BSM with q = r (b = 0)
    vol: toFloat64Column('vol', o.vol, n),
  };
  return runGreeksBatch(BLACK76_GREEK_NAMES, options as GreeksBatchOptions<string> | undefined, cols, RHO_BLACK76) as Record<
    G,
    Float64Array
  >;
}
