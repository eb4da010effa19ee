import { InvalidInputError } from '../errors/errors';

/**
 * Validation helpers shared by every package. Each throws {@link InvalidInputError} naming the
 * field and the reason; each returns the value so it can be used inline.
 */

export type OptionType = 'call' | 'put';

/** A finite number (not NaN, not ±Infinity). */
export function requireFinite(field: string, value: unknown): number {
  if (typeof value !== 'number') throw new InvalidInputError(field, 'must be a number', value);
  if (Number.isNaN(value)) throw new InvalidInputError(field, 'must not be NaN', value);
  if (!Number.isFinite(value)) throw new InvalidInputError(field, 'must be finite', value);
  return value;
}

/** A finite number > 0. */
export function requirePositive(field: string, value: unknown): number {
  const x = requireFinite(field, value);
  if (!(x > 0)) throw new InvalidInputError(field, 'must be > 0', value);
  return x;
}

/** A finite number >= 0. */
export function requireNonNegative(field: string, value: unknown): number {
  const x = requireFinite(field, value);
  if (!(x >= 0)) throw new InvalidInputError(field, 'must be >= 0', value);
  return x;
}

/** A finite number in [lo, hi] (inclusive). */
export function requireInRange(field: string, value: unknown, lo: number, hi: number): number {
  const x = requireFinite(field, value);
  if (!(x >= lo && x <= hi)) throw new InvalidInputError(field, `must be in [${lo}, ${hi}]`, value);
  return x;
}

/** An integer >= min. */
export function requireInteger(field: string, value: unknown, min = Number.MIN_SAFE_INTEGER): number {
  const x = requireFinite(field, value);
  if (!Number.isInteger(x)) throw new InvalidInputError(field, 'must be an integer', value);
  if (x < min) throw new InvalidInputError(field, `must be an integer >= ${min}`, value);
  return x;
}

/** `'call'` or `'put'`. */
export function requireOptionType(field: string, value: unknown): OptionType {
  if (value !== 'call' && value !== 'put') {
    throw new InvalidInputError(field, "must be 'call' or 'put'", value);
  }
  return value;
}

/** An input object (not null, not an array). */
export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(field, 'must be an object', value);
  }
  return value as Record<string, unknown>;
}

/** An optional finite number with a default used when the field is `undefined`. */
export function optionalFinite(field: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : requireFinite(field, value);
}

/** Option type as +1 (call) or -1 (put), the sign `w` in the closed forms. */
export function optionSign(type: OptionType): 1 | -1 {
  return type === 'call' ? 1 : -1;
}

/** The batch encoding of option types: 1 = call, -1 = put (anything else is an invalid row). */
export function isValidTypeCode(code: number): boolean {
  return code === 1 || code === -1;
}
