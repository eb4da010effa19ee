import { InvalidInputError } from '../errors/errors';

/**
 * Copies an array-like of numbers into a Float64Array, rejecting anything that is not a finite
 * number. The error names the first offending index (`returns[17]`), so a caller can find the bad
 * row in their data.
 */
export function requireFiniteArray(x: ArrayLike<number>, field: string, minLength = 0): Float64Array {
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
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number', v);
    }
    out[i] = v;
  }
  return out;
}
