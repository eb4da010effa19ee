/** Exception-series validation and likelihood-ratio helpers shared by the backtests (internal). */
import { InvalidInputError } from '@quantforge/core';

/** 0/1 (or boolean) exceptions as a Uint8Array; the error names the first bad index. */
export function requireExceptions(exceptions: ArrayLike<number | boolean>, field = 'exceptions'): Uint8Array {
  if (exceptions === null || typeof exceptions !== 'object' || typeof (exceptions as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(field, 'must be an array of 0/1 or booleans', exceptions);
  }
  const n = exceptions.length;
  if (n === 0) throw new InvalidInputError(field, 'must not be empty');
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = exceptions[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v !== 0 && v !== false) throw new InvalidInputError(`${field}[${i}]`, 'must be 0, 1, true or false', v);
  }
  return out;
}

/** The VaR tail probability p in (0, 1). */
export function requireTailProbability(p: unknown, field = 'p'): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new InvalidInputError(field, 'must be a number in (0, 1) (the VaR tail probability, e.g. 0.01)', p);
  return p;
}

/** c·ln(r) with the convention 0·ln(anything) = 0. */
export function xlog(c: number, r: number): number {
  return c === 0 ? 0 : c * Math.log(r);
}
