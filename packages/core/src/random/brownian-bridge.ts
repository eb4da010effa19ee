import { InvalidInputError } from '../errors/errors';

/**
 * Brownian-bridge construction of a Brownian path W(t_1), ..., W(t_n) from n standard normals
 * (Glasserman, "Monte Carlo Methods in Financial Engineering", 2004, §3.1.2; the ordering of
 * QuantLib's `BrownianBridge`). The first normal sets the terminal value W(t_n) = sqrt(t_n) z_1;
 * each later normal fills the midpoint (by index) of the widest remaining gap, conditionally on
 * its two already-built neighbours. This puts most of the path's variance on the first few
 * normals, which is what makes Sobol points (whose first coordinates are the best distributed)
 * effective for path-dependent Monte Carlo.
 *
 * The map from normals to the path is linear: W = L z with L L^T = [min(t_i, t_j)].
 */
export class BrownianBridge {
  /** The number of time points (and of normals each path consumes). */
  readonly size: number;
  private readonly t: Float64Array;
  // Construction step i builds point bridgeIndex[i] from leftIndex[i] - 1 (or W(0) = 0 when
  // leftIndex[i] = 0) and rightIndex[i], as in QuantLib.
  private readonly bridgeIndex: Int32Array;
  private readonly leftIndex: Int32Array;
  private readonly rightIndex: Int32Array;
  private readonly leftWeight: Float64Array;
  private readonly rightWeight: Float64Array;
  private readonly stdDev: Float64Array;

  /** @param times the observation times t_1 < t_2 < ... < t_n, all finite and > 0 (W(0) = 0 is implicit). */
  constructor(times: ArrayLike<number>) {
    if (times === null || typeof times !== 'object' || typeof times.length !== 'number') {
      throw new InvalidInputError('times', 'must be an array of numbers', times);
    }
    const n = times.length;
    if (n < 1) throw new InvalidInputError('times', 'must contain at least one time', n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ti = times[i];
      if (typeof ti !== 'number' || !Number.isFinite(ti)) {
        throw new InvalidInputError(`times[${i}]`, 'must be a finite number', ti);
      }
      if (!(ti > (i === 0 ? 0 : t[i - 1]))) {
        throw new InvalidInputError(`times[${i}]`, i === 0 ? 'must be > 0' : 'must be > times[i-1] (strictly increasing)', ti);
      }
      t[i] = ti;
    }
    this.size = n;
    this.t = t;
    this.bridgeIndex = new Int32Array(n);
    this.leftIndex = new Int32Array(n);
    this.rightIndex = new Int32Array(n);
    this.leftWeight = new Float64Array(n);
    this.rightWeight = new Float64Array(n);
    this.stdDev = new Float64Array(n);
    this.initialize();
  }

  /** The observation times (a copy). */
  get times(): Float64Array {
    return this.t.slice();
  }

  /** QuantLib's BrownianBridge::initialize: the construction order, weights and conditional sds. */
  private initialize(): void {
    const n = this.size;
    const t = this.t;
    // map[i] != 0 once point i is built (its value is the construction step + 1).
    const map = new Int32Array(n);
    map[n - 1] = 1;
    this.bridgeIndex[0] = n - 1;
    this.stdDev[0] = Math.sqrt(t[n - 1]);
    let j = 0;
    for (let i = 1; i < n; i++) {
      while (map[j]) j++; // first unbuilt point
      let k = j;
      while (!map[k]) k++; // next built point to its right
      const l = j + ((k - 1 - j) >> 1); // midpoint (by index) of the gap j..k-1
      map[l] = i + 1;
      this.bridgeIndex[i] = l;
      this.leftIndex[i] = j;
      this.rightIndex[i] = k;
      // Conditional law of W(t_l) given W(t_left) and W(t_k): a linear interpolation plus
      // independent noise with variance (t_l - t_left)(t_k - t_l)/(t_k - t_left).
      const tLeft = j === 0 ? 0 : t[j - 1];
      const span = t[k] - tLeft;
      this.leftWeight[i] = (t[k] - t[l]) / span;
      this.rightWeight[i] = (t[l] - tLeft) / span;
      this.stdDev[i] = Math.sqrt(((t[l] - tLeft) * (t[k] - t[l])) / span);
      j = k + 1;
      if (j >= n) j = 0; // wrap around to the start
    }
  }

  /**
   * Writes the path values W(t_1), ..., W(t_n) into `out` (length >= size) from the standard
   * normals `normals[0..size-1]` (e.g. one Sobol point mapped through the inverse normal CDF, or
   * pseudo-random normals). No allocation. Returns `out`.
   */
  buildPath(normals: ArrayLike<number>, out: Float64Array): Float64Array {
    const n = this.size;
    if (!(normals.length >= n)) throw new InvalidInputError('normals', `must have length >= ${n}`, normals.length);
    if (!(out.length >= n)) throw new InvalidInputError('out', `must have length >= ${n}`, out.length);
    out[n - 1] = this.stdDev[0] * normals[0];
    for (let i = 1; i < n; i++) {
      const j = this.leftIndex[i];
      const k = this.rightIndex[i];
      const l = this.bridgeIndex[i];
      const left = j === 0 ? 0 : out[j - 1];
      out[l] = this.leftWeight[i] * left + this.rightWeight[i] * out[k] + this.stdDev[i] * normals[i];
    }
    return out;
  }

  /**
   * Writes the increments W(t_1) - 0, W(t_2) - W(t_1), ..., W(t_n) - W(t_{n-1}) into `out`
   * (QuantLib's `transform` output): independent N(0, t_i - t_{i-1}) variates. Returns `out`.
   */
  buildIncrements(normals: ArrayLike<number>, out: Float64Array): Float64Array {
    this.buildPath(normals, out);
    for (let i = this.size - 1; i >= 1; i--) out[i] -= out[i - 1];
    return out;
  }
}
