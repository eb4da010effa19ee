/**
 * Input helpers shared by the drift tests: samples are array-likes of finite numbers.
 */
import { InvalidInputError, requireFiniteArray } from '@quantforge/core';
import { sortFloat64 } from './sort';

/** A copy of `x` as a Float64Array; throws InvalidInputError naming `field[i]` for a non-finite value. */
export function toSample(x: ArrayLike<number>, field: string, minLength = 1): Float64Array {
  return requireFiniteArray(x, field, minLength);
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
