/** Input checks shared by the VaR/ES estimators (internal). */
import { InvalidInputError, requireFiniteArray, requireObject } from '@quantforge/core';

/** Returns as a finite Float64Array copy; the error names the first bad index (`returns[17]`). */
export function requireReturns(returns: ArrayLike<number>, minLength = 1, field = 'returns'): Float64Array {
  const x = requireFiniteArray(returns, field);
  if (x.length < minLength) {
    throw new InvalidInputError(field, `needs at least ${minLength} observation${minLength === 1 ? '' : 's'}, got ${x.length}`);
  }
  return x;
}

/** A confidence level strictly inside (0, 1). */
export function requireConfidence(value: unknown, field = 'confidence'): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new InvalidInputError(field, 'must be a number in (0, 1)', value);
  if (!(value > 0 && value < 1)) throw new InvalidInputError(field, 'must be in (0, 1) (e.g. 0.99)', value);
  return value;
}

/** The options object (required). */
export function requireOptions(options: unknown): Record<string, unknown> {
  return requireObject('options', options);
}

/**
 * Historical estimators need at least one observation expected beyond the VaR: n(1 − c) ≥ 1,
 * i.e. n ≥ 1/(1 − c) (100 observations at 99%, 20 at 95%).
 */
export function requireTailObservations(n: number, confidence: number, field = 'returns'): void {
  const needed = Math.ceil(1 / (1 - confidence) - 1e-9);
  if (n < needed) {
    throw new InvalidInputError(
      field,
      `needs at least ${needed} observations for confidence ${confidence} (n(1 - c) >= 1), got ${n}`,
    );
  }
}
