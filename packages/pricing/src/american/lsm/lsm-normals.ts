import { BrownianBridge, SobolSequence, normInv } from '@quantforge/core';
import type { Xoshiro256StarStar } from '@quantforge/core';

/** Standard normals for one path, one per exercise-date step (z[k] drives the step into node k). */
export interface PathNormals {
  /** Writes the next path's n standard normals into `z`. */
  next(z: Float64Array): void;
}

/** Pseudo-random normals: xoshiro256** + Marsaglia polar (core's `fillNormal`). */
export function pseudoNormals(rng: Xoshiro256StarStar): PathNormals {
  return { next: (z) => void rng.fillNormal(z) };
}

const TWO_POW_32 = 4294967296;
const TWO_POW_M32 = 2.3283064365386963e-10;

/**
 * Randomised quasi-Monte Carlo normals: the Sobol point i (i = 0, 1, ...; Joe-Kuo directions, one
 * dimension per exercise date) with a random digital shift (each 32-bit coordinate XOR a seeded
 * random word, Glasserman 2004 §5.4; the shift keeps the net structure and makes every point
 * uniform, so the origin needs no special treatment and different seeds give independent
 * randomisations), moved to the cell centre (+2^-33, so no coordinate is 0), mapped through
 * normInv, then assembled by a Brownian bridge over the node times (the first coordinates, the
 * best distributed, set the coarse shape of the path) and returned as the standardised
 * increments (W(t_k) - W(t_{k-1})) / √(t_k - t_{k-1}).
 */
export function sobolNormals(times: Float64Array, rng: Xoshiro256StarStar): PathNormals {
  const n = times.length;
  const sobol = new SobolSequence(n);
  const shift = new Uint32Array(n);
  for (let j = 0; j < n; j++) shift[j] = rng.nextUint32();
  const bridge = new BrownianBridge(times);
  const invSqrtDt = new Float64Array(n);
  for (let k = 0; k < n; k++) invSqrtDt[k] = 1 / Math.sqrt(times[k] - (k === 0 ? 0 : times[k - 1]));
  const u = new Float64Array(n);
  const g = new Float64Array(n);
  return {
    next(z: Float64Array): void {
      sobol.nextInto(u);
      for (let j = 0; j < n; j++) {
        const bits = (Math.floor(u[j] * TWO_POW_32) ^ shift[j]) >>> 0;
        g[j] = normInv((bits + 0.5) * TWO_POW_M32);
      }
      bridge.buildIncrements(g, z);
      for (let k = 0; k < n; k++) z[k] *= invSqrtDt[k];
    },
  };
}
