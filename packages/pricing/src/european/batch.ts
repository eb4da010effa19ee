import { BatchStatus, batchLength, outputBuffer, statusBuffer, toFloat64Column, toTypeColumn } from '@quantforge/core';
import type { BatchOptions } from '@quantforge/core';
import { bachelierPriceKernel } from './bachelier';
import { black76PriceKernel } from './black76';
import { bsPriceKernel } from './black-scholes';
import { bsBatchColumns } from './bs-batch-columns';
import { isValidBsRow, isValidForwardRow } from './row-validity';
import type { BsBatchInput, ForwardBatchInput } from './types';

/*
 * Batch pricers over struct-of-arrays inputs. Each row runs the same kernel as the scalar
 * function, so a batch agrees with the scalar form bit for bit. A row whose inputs the scalar
 * form would reject gets NaN and `BatchStatus.InvalidInput`; the batch never throws half-way
 * (only a length mismatch between columns, a caller bug, throws up front).
 */


/**
 * Black-Scholes-Merton prices for many options at once.
 *
 * @example
 * const strikes = Float64Array.from([90, 95, 100, 105, 110]);
 * const prices = bsPriceBatch({ type: 'put', spot: 100, strike: strikes, expiry: 0.5, rate: 0.03, vol: 0.2 });
 */
export function bsPriceBatch(input: BsBatchInput, options: BatchOptions = {}): Float64Array {
  const { n, type, spot, strike, expiry, rate, dividendYield, vol } = bsBatchColumns(input);
  const out = outputBuffer('out', options.out, n);
  const status = statusBuffer(options.status, n);
  for (let i = 0; i < n; i++) {
    const w = type[i];
    const S = spot[i];
    const K = strike[i];
    const T = expiry[i];
    const r = rate[i];
    const q = dividendYield[i];
    const v = vol[i];
    const ok = isValidBsRow(w, S, K, T, r, q, v);
    out[i] = ok ? bsPriceKernel(w, S, K, T, r, q, v) : Number.NaN;
    if (status !== undefined) status[i] = ok ? BatchStatus.Ok : BatchStatus.InvalidInput;
  }
  return out;
}

/** Black-76 prices for many options at once (see {@link bsPriceBatch} for the batch contract). */
export function black76PriceBatch(input: ForwardBatchInput, options: BatchOptions = {}): Float64Array {
  return forwardBatch(input, options, true);
}

/** Bachelier prices for many options at once (see {@link bsPriceBatch} for the batch contract). */
export function bachelierPriceBatch(input: ForwardBatchInput, options: BatchOptions = {}): Float64Array {
  return forwardBatch(input, options, false);
}

function forwardBatch(input: ForwardBatchInput, options: BatchOptions, lognormal: boolean): Float64Array {
  const n = batchLength({ ...input });
  const type = toTypeColumn('type', input.type, n);
  const forward = toFloat64Column('forward', input.forward, n);
  const strike = toFloat64Column('strike', input.strike, n);
  const expiry = toFloat64Column('expiry', input.expiry, n);
  const rate = toFloat64Column('rate', input.rate, n);
  const vol = toFloat64Column('vol', input.vol, n);
  const out = outputBuffer('out', options.out, n);
  const status = statusBuffer(options.status, n);
  for (let i = 0; i < n; i++) {
    const w = type[i];
    const F = forward[i];
    const K = strike[i];
    const T = expiry[i];
    const r = rate[i];
    const v = vol[i];
    const ok = isValidForwardRow(w, F, K, T, r, v, lognormal);
    out[i] = !ok
      ? Number.NaN
      : lognormal
        ? black76PriceKernel(w, F, K, T, r, v)
        : bachelierPriceKernel(w, F, K, T, r, v);
    if (status !== undefined) status[i] = ok ? BatchStatus.Ok : BatchStatus.InvalidInput;
  }
  return out;
}
