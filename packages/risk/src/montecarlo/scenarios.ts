import { createRng, InvalidInputError, requireInteger, requirePositive } from '@quantforge/core';
import type { RandomSource } from '@quantforge/core';

/** Options of {@link simulateFactorShocks}. */
export interface FactorScenarioOptions {
  /** Square-root factor A (A·Aᵀ = annualised covariance of the factor log-returns). */
  factor: number[][];
  scenarios: number;
  /** Horizon in years; returns are scaled by √horizon. */
  horizon: number;
  distribution?: 'normal' | 't';
  /** Degrees of freedom of the multivariate t, > 2 (the scenarios keep the covariance). */
  nu?: number;
  seed: number;
}

/**
 * Gamma(shape, 1) variate by Marsaglia & Tsang (2000); shape < 1 by the boost U^{1/shape}.
 * Exact (rejection sampler), seeded through the generator.
 */
export function sampleGamma(rng: RandomSource, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng.nextFloat(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.nextNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.nextFloat();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Correlated factor log-return scenarios, row-major `scenarios × k`: normal X = √h·A·Z, or
 * multivariate Student-t X = √h·A·Z·√((ν−2)/W), W ~ χ²_ν, scaled so the covariance is the same
 * h·A·Aᵀ (ν > 2). Also returns the standardised normals Z (row-major) for correlated vol shocks.
 * Seeded with xoshiro256** (core `createRng`): the same seed gives the same scenarios everywhere.
 */
export function simulateFactorShocks(options: FactorScenarioOptions): { returns: Float64Array; normals: Float64Array; k: number } {
  const A = options.factor;
  const k = A.length;
  const n = requireInteger('scenarios', options.scenarios, 1);
  const h = requirePositive('horizon', options.horizon);
  const dist = options.distribution ?? 'normal';
  if (dist !== 'normal' && dist !== 't') throw new InvalidInputError('distribution', "must be 'normal' or 't'", dist);
  const nu = dist === 't' ? requirePositive('nu', options.nu) : Infinity;
  if (dist === 't' && !(nu > 2)) throw new InvalidInputError('nu', 'must be > 2 (the t scenarios keep the covariance)', nu);
  const rng = createRng(options.seed);
  const returns = new Float64Array(n * k);
  const normals = new Float64Array(n * k);
  const sqrtH = Math.sqrt(h);
  const z = new Float64Array(k);
  const rowNorm = A.map((row) => Math.sqrt(row.reduce((a, x) => a + x * x, 0)));
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < k; j++) z[j] = rng.nextNormal();
    let scale = sqrtH;
    if (dist === 't') scale *= Math.sqrt((nu - 2) / (2 * sampleGamma(rng, nu / 2)));
    const off = s * k;
    for (let i = 0; i < k; i++) {
      const Ai = A[i];
      let acc = 0;
      for (let j = 0; j < k; j++) acc += Ai[j] * z[j];
      returns[off + i] = acc * scale;
      normals[off + i] = rowNorm[i] > 0 ? acc / rowNorm[i] : 0;
    }
  }
  return { returns, normals, k };
}
