import { BatchStatus, InvalidInputError, outputBuffer, statusBuffer } from '@quantforge/core';
import { SLOT, SLOT_COUNT } from '../greek-names';
import type { BsGreekName } from '../greek-names';
import { greeksKernel } from '../kernel/generalized';
import type { RhoMode } from '../kernel/generalized';
import { isValidBsRow } from '@quantforge/pricing';

/** Options of the batch greek functions. */
export interface GreeksBatchOptions<G extends string> {
  /** Which outputs to compute (default: all of them). Unknown names throw. */
  greeks?: readonly G[];
  /**
   * Preallocated outputs (length >= rows), by name; outputs not given are allocated. Entries
   * for names that are not computed are ignored. An output may alias an input column.
   */
  out?: Partial<Record<NoInfer<G>, Float64Array>>;
  /** Per-row status (`BatchStatus.Ok` or `BatchStatus.InvalidInput`), written when given. */
  status?: Uint8Array;
}

/** Normalised columns of one batch, all of length n. */
export interface GreeksColumns {
  n: number;
  w: Int8Array;
  spot: Float64Array;
  strike: Float64Array;
  expiry: Float64Array;
  rate: Float64Array;
  /** Dividend yield (for Black-76: the rate column itself). */
  q: Float64Array;
  vol: Float64Array;
}

/**
 * Resolves the selection and the output buffers (throwing only on shape/option errors, before
 * any row is written), then runs the shared kernel row by row: no allocation per element.
 * A row that fails {@link isValidBsRow} gets NaN in every output and `BatchStatus.InvalidInput`.
 */
export function runGreeksBatch(
  allowed: readonly BsGreekName[],
  options: GreeksBatchOptions<string> | undefined,
  cols: GreeksColumns,
  rhoMode: RhoMode,
): Record<string, Float64Array> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new InvalidInputError('options', 'must be an object', options);
  }
  const selection = resolveSelection(allowed, options?.greeks);
  const outOpt = options?.out as Partial<Record<string, Float64Array>> | undefined;
  if (outOpt !== undefined && (typeof outOpt !== 'object' || outOpt === null)) {
    throw new InvalidInputError('out', 'must be an object of Float64Arrays', outOpt);
  }
  const { n } = cols;
  const status = statusBuffer(options?.status, n);
  const m = selection.length;
  const slots = new Int32Array(m);
  const bufs: Float64Array[] = new Array<Float64Array>(m);
  const result: Record<string, Float64Array> = {};
  for (let k = 0; k < m; k++) {
    const name = selection[k];
    slots[k] = SLOT[name];
    bufs[k] = outputBuffer(`out.${name}`, outOpt?.[name], n);
    result[name] = bufs[k];
  }

  const { w, spot, strike, expiry, rate, q, vol } = cols;
  const scratch = new Float64Array(SLOT_COUNT);
  // Only first-order outputs selected: the kernel skips n(d2) and the higher-order terms.
  let firstOrderOnly = true;
  for (let k = 0; k < m; k++) if (!FIRST_ORDER_SLOTS.includes(selection[k])) firstOrderOnly = false;
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const S = spot[i];
    const K = strike[i];
    const T = expiry[i];
    const r = rate[i];
    const qi = q[i];
    const sigma = vol[i];
    if (isValidBsRow(wi, S, K, T, r, qi, sigma)) {
      greeksKernel(wi, S, K, T, r, qi, sigma, rhoMode, scratch, firstOrderOnly);
      for (let k = 0; k < m; k++) bufs[k][i] = scratch[slots[k]];
      if (status !== undefined) status[i] = BatchStatus.Ok;
    } else {
      for (let k = 0; k < m; k++) bufs[k][i] = Number.NaN;
      if (status !== undefined) status[i] = BatchStatus.InvalidInput;
    }
  }
  return result;
}

/** The outputs {@link greeksKernel} writes when called with `firstOrderOnly`. */
const FIRST_ORDER_SLOTS: readonly BsGreekName[] = ['price', 'delta', 'vega', 'theta', 'rho', 'phi', 'dualDelta'];

function resolveSelection(allowed: readonly BsGreekName[], greeks: readonly string[] | undefined): BsGreekName[] {
  if (greeks === undefined) return allowed.slice();
  if (!Array.isArray(greeks)) throw new InvalidInputError('greeks', 'must be an array of greek names', greeks);
  const picked: BsGreekName[] = [];
  for (let k = 0; k < greeks.length; k++) {
    const name = greeks[k];
    if (!(allowed as readonly string[]).includes(name)) {
      throw new InvalidInputError(`greeks[${k}]`, `must be one of ${allowed.join(', ')}`, name);
    }
    if (!picked.includes(name as BsGreekName)) picked.push(name as BsGreekName);
  }
  return picked;
}
