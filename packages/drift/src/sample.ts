/**
 * Input helpers shared by the drift tests: samples are array-likes of finite numbers.
 */
import { InvalidInputError } from '@quantforge/core';
import { sortFloat64 } from './sort';

/** A copy of `x` as a Float64Array; throws InvalidInputError naming `field[i]` for a non-finite value. */
export function toSample(x: ArrayLike<number>, field: string, minLength = 1): Float64Array {
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(field, 'must be an array of numbers', x);
  }
  const n = x.length;
  if (n < minLength) {
    throw new InvalidInputError(field, `needs at least ${minLength} value${minLength === 1 ? '' : 's'}, got ${n}`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number', v);
    out[i] = v;
  }
  return out;
}

/** A sorted copy of a validated sample. */
export function toSortedSample(x: ArrayLike<number>, field: string, minLength = 1): Float64Array {
  return sortFloat64(toSample(x, field, minLength));
}

/** A vector of non-negative finite counts (integers not required). */
export function toCounts(x: ArrayLike<number>, field: string): Float64Array {
  const c = toSample(x, field, 1);
  for (let i = 0; i < c.length; i++) if (c[i] < 0) throw new InvalidInputError(`${field}[${i}]`, 'must be >= 0', c[i]);
  return c;
}
