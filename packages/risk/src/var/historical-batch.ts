/**
 * Batch historical VaR/ES: one (VaR, ES) pair per series (e.g. per column of a return matrix),
 * with the conventions of {@link historicalVaR}/{@link historicalES}. Following the batch rule of
 * the design, a bad series (a non-finite value, or fewer than 1/(1 − c) observations) yields NaN
 * and `BatchStatus.InvalidInput` in `status` instead of throwing half-way.
 */
import { BatchStatus, InvalidInputError } from '@quantforge/core';
import { historicalInPlace } from './historical';
import { requireConfidence, requireOptions } from './validate';

/** Options of {@link historicalRiskBatch}. */
export interface HistoricalBatchOptions {
  /** Confidence c in (0, 1). */
  confidence: number;
  /** Output buffers (length = number of series) to reuse. */
  outVaR?: Float64Array;
  outES?: Float64Array;
  status?: Uint8Array;
}

/** Result of {@link historicalRiskBatch}. */
export interface HistoricalBatchResult {
  var: Float64Array;
  es: Float64Array;
  /** `BatchStatus.Ok` (0) or `BatchStatus.InvalidInput` (1) per series. */
  status: Uint8Array;
}

/**
 * Historical VaR and ES of each series in `series` (an array of return arrays, e.g. the columns
 * of a matrix as `Float64Array.subarray` views), in one O(n) selection pass per series.
 * @throws InvalidInputError only for a bad `series` container, confidence or output buffer.
 * @example historicalRiskBatch(columns, { confidence: 0.99 }).var
 */
export function historicalRiskBatch(series: ArrayLike<ArrayLike<number>>, options: HistoricalBatchOptions): HistoricalBatchResult {
  const o = requireOptions(options);
  const c = requireConfidence(o.confidence);
  if (series === null || typeof series !== 'object' || typeof (series as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError('series', 'must be an array of return arrays', series);
  }
  const m = series.length;
  const buf = <T extends Float64Array | Uint8Array>(field: string, given: unknown, make: () => T): T => {
    if (given === undefined) return make();
    if (!(given instanceof Float64Array || given instanceof Uint8Array) || given.length !== m) {
      throw new InvalidInputError(field, `must be a typed array of length ${m}`, given);
    }
    return given as T;
  };
  const v = buf('outVaR', o.outVaR, () => new Float64Array(m));
  const es = buf('outES', o.outES, () => new Float64Array(m));
  const status = buf('status', o.status, () => new Uint8Array(m));
  const needed = Math.ceil(1 / (1 - c) - 1e-9);
  for (let j = 0; j < m; j++) {
    const s = series[j];
    let ok = s !== null && typeof s === 'object' && typeof (s as { length?: unknown }).length === 'number' && s.length >= needed;
    let x: Float64Array | undefined;
    if (ok) {
      x = Float64Array.from(s);
      for (let i = 0; i < x.length; i++) {
        if (!Number.isFinite(x[i])) {
          ok = false;
          break;
        }
      }
    }
    if (!ok || x === undefined) {
      v[j] = NaN;
      es[j] = NaN;
      status[j] = BatchStatus.InvalidInput;
      continue;
    }
    const r = historicalInPlace(x, c);
    v[j] = r.var;
    es[j] = r.es;
    status[j] = BatchStatus.Ok;
  }
  return { var: v, es, status };
}
