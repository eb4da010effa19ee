import { InvalidInputError, NoSolutionError } from '../errors/errors';
import { requireInteger, requireObject } from '../validation/validate';
import { SOBOL_DEGREE, SOBOL_M, SOBOL_POLY, SOBOL_TABLE_MAX_DIMENSION } from './sobol-direction-numbers';

/** The largest dimension {@link SobolSequence} supports (the embedded Joe & Kuo table covers 2..1111). */
export const SOBOL_MAX_DIMENSION = SOBOL_TABLE_MAX_DIMENSION;

/** Bits of each coordinate: points are multiples of 2^-32 and the sequence has 2^32 points. */
const BITS = 32;
const SCALE = 2.3283064365386963e-10; // 2^-32
const MAX_POINTS = 4294967296; // 2^32

export interface SobolOptions {
  /**
   * Number of leading points to drop (an integer in [0, 2^32)). Default 0, so the first point is
   * the origin, as in scipy's unscrambled `qmc.Sobol`. Skipping costs O(dimension * 32).
   */
  skip?: number;
}

let mOffsets: Int32Array | undefined;

/** Start of each dimension's m_1..m_s in SOBOL_M, built once on first use (index d - 2). */
function offsets(): Int32Array {
  if (mOffsets === undefined) {
    const off = new Int32Array(SOBOL_DEGREE.length);
    for (let i = 1; i < off.length; i++) off[i] = off[i - 1] + SOBOL_DEGREE[i - 1];
    mOffsets = off;
  }
  return mOffsets;
}

/**
 * The unscrambled Sobol low-discrepancy sequence (Sobol 1967) with Joe & Kuo (2008) direction
 * numbers (new-joe-kuo-6.21201), generated in Gray-code order (Antonov & Saleev 1979) with 32-bit
 * precision: point n+1 is point n XOR one direction number, so each point costs O(dimension).
 *
 * Dimension 1 is the van der Corput sequence in base 2. The points are the same as scipy's
 * `scipy.stats.qmc.Sobol(d, scramble=False)` and Joe & Kuo's reference `sobol.cc`, including
 * the first point, which is the origin (0, ..., 0). Pass `{ skip }` to drop leading points;
 * for balance properties, use the first 2^k points (skip 0) or skip a power of two.
 *
 * The sequence is finite: after 2^32 points `next()` throws.
 */
export class SobolSequence {
  /** The number of coordinates of each point. */
  readonly dimension: number;
  // Direction numbers V_k for k = 1..32, stored bit-major: v[(k - 1) * dimension + j].
  private readonly v: Uint32Array;
  // The current point's integer coordinates (the point at `index`).
  private readonly x: Uint32Array;
  private n: number;

  constructor(dimension: number, options: SobolOptions = {}) {
    requireInteger('dimension', dimension, 1);
    if (dimension > SOBOL_MAX_DIMENSION) {
      throw new InvalidInputError('dimension', `must be <= ${SOBOL_MAX_DIMENSION}`, dimension);
    }
    requireObject('options', options);
    const skip = options.skip === undefined ? 0 : requireInteger('skip', options.skip, 0);
    if (skip >= MAX_POINTS) throw new InvalidInputError('skip', 'must be < 2^32', skip);

    this.dimension = dimension;
    this.v = directionNumbers(dimension);
    this.x = new Uint32Array(dimension);
    this.n = 0;
    if (skip > 0) this.seek(skip);
  }

  /** The index of the point the next call returns (0 for a fresh unskipped sequence). */
  get index(): number {
    return this.n;
  }

  /** The next point in [0, 1)^dimension, written into `out` when given (else a new array). */
  next(out?: Float64Array): Float64Array {
    const target = out ?? new Float64Array(this.dimension);
    return this.nextInto(target);
  }

  /** Writes the next point into `out` (length >= dimension) without allocating; returns `out`. */
  nextInto(out: Float64Array): Float64Array {
    const d = this.dimension;
    if (!(out.length >= d)) {
      throw new InvalidInputError('out', `must have length >= dimension ${d}`, out.length);
    }
    const n = this.n;
    if (n >= MAX_POINTS) {
      throw new NoSolutionError('sobol-exhausted', 'the 32-bit Sobol sequence has only 2^32 points; use fewer points');
    }
    const x = this.x;
    for (let j = 0; j < d; j++) out[j] = x[j] * SCALE;
    // Gray-code step to point n+1: flip direction number c+1, c = index of the lowest zero bit
    // of n. At n = 2^32 - 1 there is no next point; the check above fires on the next call.
    if (n < MAX_POINTS - 1) {
      const low = ~n & (n + 1); // lowest zero bit of n, as a power of two (int32 arithmetic)
      const c = 31 - Math.clz32(low);
      const v = this.v;
      const base = c * d;
      for (let j = 0; j < d; j++) x[j] ^= v[base + j];
    }
    this.n = n + 1;
    return out;
  }

  /**
   * Fills `out` (row-major, `count * dimension` values) with the next `count` points and returns
   * it; the same numbers as `count` calls of `next()`.
   */
  fill(count: number, out?: Float64Array): Float64Array {
    requireInteger('count', count, 0);
    const d = this.dimension;
    const target = out ?? new Float64Array(count * d);
    if (target.length < count * d) {
      throw new InvalidInputError('out', `must have length >= count * dimension = ${count * d}`, target.length);
    }
    for (let i = 0; i < count; i++) this.nextInto(target.subarray(i * d, (i + 1) * d));
    return target;
  }

  /** Restarts the sequence at point `index` (default 0). */
  reset(index = 0): void {
    requireInteger('index', index, 0);
    if (index >= MAX_POINTS) throw new InvalidInputError('index', 'must be < 2^32', index);
    this.seek(index);
  }

  /** Jumps to point `index` directly: its Gray code g = i ^ (i >> 1) selects the direction numbers. */
  private seek(index: number): void {
    const d = this.dimension;
    const x = this.x;
    x.fill(0);
    const g = (index ^ (index >>> 1)) >>> 0;
    for (let k = 0; k < BITS; k++) {
      if ((g >>> k) & 1) {
        const base = k * d;
        for (let j = 0; j < d; j++) x[j] ^= this.v[base + j];
      }
    }
    this.n = index;
  }
}

/**
 * V_k = m_k * 2^(32-k) for k = 1..32 and each dimension, by Joe & Kuo's recurrence
 * m_k = 2 a_1 m_{k-1} ^ 4 a_2 m_{k-2} ^ ... ^ 2^s m_{k-s} ^ m_{k-s} (their sobol.cc).
 */
function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS * dimension);
  // Dimension 1: all m_k = 1 (van der Corput).
  for (let k = 1; k <= BITS; k++) v[(k - 1) * dimension] = (1 << (BITS - k)) >>> 0;
  const off = offsets();
  for (let j = 1; j < dimension; j++) {
    const row = j - 1; // table row of dimension j + 1
    const s = SOBOL_DEGREE[row];
    const a = SOBOL_POLY[row];
    const o = off[row];
    const at = (k: number): number => (k - 1) * dimension + j;
    for (let k = 1; k <= s && k <= BITS; k++) v[at(k)] = (SOBOL_M[o + k - 1] << (BITS - k)) >>> 0;
    for (let k = s + 1; k <= BITS; k++) {
      let vk = (v[at(k - s)] ^ (v[at(k - s)] >>> s)) >>> 0;
      for (let i = 1; i < s; i++) {
        if ((a >>> (s - 1 - i)) & 1) vk = (vk ^ v[at(k - i)]) >>> 0;
      }
      v[at(k)] = vk;
    }
  }
  return v;
}
