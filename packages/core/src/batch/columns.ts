import { InvalidInputError } from '../errors/errors';

/**
 * Struct-of-arrays batch inputs. A numeric column is a `Float64Array` (or any array-like of
 * numbers) with one entry per row, or a single number broadcast to every row. An option-type
 * column is `'call' | 'put'` for every row, or per row an array of those strings or an
 * `Int8Array` of +1 (call) / -1 (put).
 *
 * Normalisation happens once per batch call (never per element) so the hot loops read plain
 * `Float64Array`s and stay monomorphic.
 */
export type NumericColumn = number | ArrayLike<number>;
export type TypeColumn = 'call' | 'put' | ArrayLike<number> | ArrayLike<'call' | 'put'>;

/** Options accepted by every batch function. */
export interface BatchOptions {
  /** Where to write the results (length >= rows); allocated when absent. */
  out?: Float64Array;
  /** Per-row status codes (see `BatchStatus`); written when given. */
  status?: Uint8Array;
}

/**
 * The number of rows of a batch: the common length of its array columns (1 if all are scalars).
 * Throws {@link InvalidInputError} when two array columns disagree in length — a shape mismatch
 * is a programming error, not a bad row.
 */
export function batchLength(columns: Record<string, unknown>): number {
  let n = -1;
  let first = '';
  for (const [name, col] of Object.entries(columns)) {
    if (col === undefined || typeof col === 'number' || typeof col === 'string') continue;
    const len = (col as ArrayLike<unknown>).length;
    if (typeof len !== 'number') throw new InvalidInputError(name, 'must be a number or an array of numbers', col);
    if (n === -1) {
      n = len;
      first = name;
    } else if (len !== n) {
      throw new InvalidInputError(name, `has length ${len} but '${first}' has length ${n}`);
    }
  }
  return n === -1 ? 1 : n;
}

/** A numeric column as a Float64Array of length n (scalars broadcast, typed arrays reused). */
export function toFloat64Column(name: string, col: NumericColumn | undefined, n: number, fallback?: number): Float64Array {
  if (col === undefined) {
    if (fallback === undefined) throw new InvalidInputError(name, 'is required');
    return new Float64Array(n).fill(fallback);
  }
  if (typeof col === 'number') return new Float64Array(n).fill(col);
  if (col instanceof Float64Array) return col;
  if (typeof col !== 'object' || col === null || typeof (col as ArrayLike<number>).length !== 'number') {
    throw new InvalidInputError(name, 'must be a number or an array of numbers', col);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = col[i];
    out[i] = typeof v === 'number' ? v : Number.NaN; // a non-number becomes an invalid row, not a throw
  }
  return out;
}

/** An option-type column as an Int8Array of +1 (call), -1 (put), 0 (invalid row). */
export function toTypeColumn(name: string, col: TypeColumn | undefined, n: number): Int8Array {
  if (col === 'call' || col === 'put') return new Int8Array(n).fill(col === 'call' ? 1 : -1);
  if (col === undefined || typeof col !== 'object' || col === null || typeof col.length !== 'number') {
    throw new InvalidInputError(name, "must be 'call', 'put', or an array of them (or of +1/-1)", col);
  }
  if (col instanceof Int8Array) return col;
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const v = col[i] as unknown;
    out[i] = v === 'call' || v === 1 ? 1 : v === 'put' || v === -1 ? -1 : 0;
  }
  return out;
}

/** The output buffer: the caller's (checked for length) or a new one. */
export function outputBuffer(name: string, out: Float64Array | undefined, n: number): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array)) throw new InvalidInputError(name, 'must be a Float64Array', out);
  if (out.length < n) throw new InvalidInputError(name, `must have length >= ${n}`, out.length);
  return out;
}

/** The status buffer, when the caller asked for one (checked for length). */
export function statusBuffer(status: Uint8Array | undefined, n: number): Uint8Array | undefined {
  if (status === undefined) return undefined;
  if (!(status instanceof Uint8Array)) throw new InvalidInputError('status', 'must be a Uint8Array', status);
  if (status.length < n) throw new InvalidInputError('status', `must have length >= ${n}`, status.length);
  return status;
}
