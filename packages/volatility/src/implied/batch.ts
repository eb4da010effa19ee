/**
 * Struct-of-arrays batch forms of the implied-volatility functions. Columns are normalised once
 * (core's batchLength / toFloat64Column / toTypeColumn), then one allocation-free loop calls the
 * same kernel as the scalar function, so every row equals the scalar result bit for bit. A bad row
 * yields NaN and a status (InvalidInput, BelowLowerBound, AboveUpperBound); a batch never throws
 * half-way (only a shape mismatch between columns or a bad `out`/`status` buffer throws, up front).
 */
import { batchLength, outputBuffer, requireObject, statusBuffer, toFloat64Column, toTypeColumn } from '@quantforge/core';
import type { BatchOptions, NumericColumn, TypeColumn } from '@quantforge/core';
import { bachelierKernel } from './implied-normal-vol';
import { black76Kernel, bsmKernel, kernelStatus } from './kernel';

export interface ImpliedVolBatchInput {
  type: TypeColumn;
  price: NumericColumn;
  spot: NumericColumn;
  strike: NumericColumn;
  expiry: NumericColumn;
  rate: NumericColumn;
  dividendYield?: NumericColumn;
}

export interface ForwardImpliedVolBatchInput {
  type: TypeColumn;
  price: NumericColumn;
  forward: NumericColumn;
  strike: NumericColumn;
  expiry: NumericColumn;
  rate: NumericColumn;
}

/** Batch {@link impliedVol}: BSM lognormal implied vols, NaN + status for bad rows. */
export function impliedVolBatch(input: ImpliedVolBatchInput, options: BatchOptions = {}): Float64Array {
  requireObject('input', input);
  requireObject('options', options);
  const n = batchLength({
    type: input.type,
    price: input.price,
    spot: input.spot,
    strike: input.strike,
    expiry: input.expiry,
    rate: input.rate,
    dividendYield: input.dividendYield,
  });
  const type = toTypeColumn('type', input.type, n);
  const price = toFloat64Column('price', input.price, n);
  const spot = toFloat64Column('spot', input.spot, n);
  const strike = toFloat64Column('strike', input.strike, n);
  const expiry = toFloat64Column('expiry', input.expiry, n);
  const rate = toFloat64Column('rate', input.rate, n);
  const q = toFloat64Column('dividendYield', input.dividendYield, n, 0);
  const out = outputBuffer('out', options.out, n);
  const status = statusBuffer(options.status, n);
  for (let i = 0; i < n; i++) {
    const v = bsmKernel(type[i], price[i], spot[i], strike[i], expiry[i], rate[i], q[i]);
    out[i] = v >= 0 ? v : Number.NaN;
    if (status !== undefined) status[i] = kernelStatus(v);
  }
  return out;
}

function forwardBatch(
  input: ForwardImpliedVolBatchInput,
  options: BatchOptions,
  kernel: (w: number, price: number, forward: number, strike: number, expiry: number, rate: number) => number,
): Float64Array {
  requireObject('input', input);
  requireObject('options', options);
  const n = batchLength({
    type: input.type,
    price: input.price,
    forward: input.forward,
    strike: input.strike,
    expiry: input.expiry,
    rate: input.rate,
  });
  const type = toTypeColumn('type', input.type, n);
  const price = toFloat64Column('price', input.price, n);
  const forward = toFloat64Column('forward', input.forward, n);
  const strike = toFloat64Column('strike', input.strike, n);
  const expiry = toFloat64Column('expiry', input.expiry, n);
  const rate = toFloat64Column('rate', input.rate, n);
  const out = outputBuffer('out', options.out, n);
  const status = statusBuffer(options.status, n);
  for (let i = 0; i < n; i++) {
    const v = kernel(type[i], price[i], forward[i], strike[i], expiry[i], rate[i]);
    out[i] = v >= 0 ? v : Number.NaN;
    if (status !== undefined) status[i] = kernelStatus(v);
  }
  return out;
}

/** Batch {@link black76ImpliedVol}. */
export function black76ImpliedVolBatch(input: ForwardImpliedVolBatchInput, options: BatchOptions = {}): Float64Array {
  return forwardBatch(input, options, black76Kernel);
}

/** Batch {@link impliedNormalVol} (Bachelier). */
export function impliedNormalVolBatch(input: ForwardImpliedVolBatchInput, options: BatchOptions = {}): Float64Array {
  return forwardBatch(input, options, bachelierKernel);
}
