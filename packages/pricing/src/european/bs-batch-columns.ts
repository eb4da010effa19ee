import { batchLength, toFloat64Column, toTypeColumn } from '@quantforge/core';
import type { BsBatchInput } from './types';

/** The columns of a {@link BsBatchInput}, each of length n (scalars broadcast, dividendYield 0 when omitted). */
export interface BsBatchColumns {
  n: number;
  type: Int8Array;
  spot: Float64Array;
  strike: Float64Array;
  expiry: Float64Array;
  rate: Float64Array;
  dividendYield: Float64Array;
  vol: Float64Array;
}

/**
 * Reads the struct-of-arrays Black-Scholes-Merton input of the batch pricers: one common length
 * (a mismatch throws InvalidInputError naming the column, a caller bug), typed columns out.
 */
export function bsBatchColumns(input: BsBatchInput): BsBatchColumns {
  const n = batchLength({ ...input });
  return {
    n,
    type: toTypeColumn('type', input.type, n),
    spot: toFloat64Column('spot', input.spot, n),
    strike: toFloat64Column('strike', input.strike, n),
    expiry: toFloat64Column('expiry', input.expiry, n),
    rate: toFloat64Column('rate', input.rate, n),
    dividendYield: toFloat64Column('dividendYield', input.dividendYield, n, 0),
    vol: toFloat64Column('vol', input.vol, n),
  };
}
