/**
 * Bootstrap confidence intervals for a raw-SVI slice fit (Efron & Tibshirani 1993, ch. 6 and 13):
 * refit {@link calibrateSvi} on B seeded resamples of the quotes and report percentile intervals
 * (Hyndman-Fan type 7 quantiles) and standard errors of the five parameters, and of total
 * variance / implied vol on a k grid.
 *
 * Resampling: `'pairs'` (default) draws n quotes (k, w, weight) with replacement — resamples with
 * fewer than 5 distinct k are redrawn; `'residuals'` keeps the k grid and adds resampled fit
 * residuals to the fitted total variances (values ≤ 0 are floored at 1e-12). Percentile intervals
 * are first-order accurate; with B = 200 the interval ends carry a Monte-Carlo error of a few % of
 * their width.
 */
import { InvalidInputError, createRng, quantileSorted, requireInRange, requireInteger, requirePositive, sortAscending } from '@quantforge/core';
import type { CalibrateSviInput, SviCalibration } from '../svi/calibrate';
import { fitSviData, readSviData } from '../svi/calibrate';
import { sviW } from '../svi/raw';

/** Options of {@link bootstrapSviConfidence}. */
export interface SviBootstrapOptions {
  /** Number of bootstrap refits B (>= 10). Default 200. */
  samples?: number;
  /** Seed of the resampling generator. Default 1. */
  seed?: number;
  /** Two-sided confidence level in (0, 1). Default 0.95. */
  level?: number;
  /** `'pairs'` (default) or `'residuals'`. */
  method?: 'pairs' | 'residuals';
  /** k grid for the total-variance / vol bands. Default 21 points across the data's k range. */
  kGrid?: ArrayLike<number>;
  /** Expiry (years) to express the bands as implied vols as well. */
  expiry?: number;
}

/** An estimate with its bootstrap interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  standardError: number;
}

/** Result of {@link bootstrapSviConfidence}. */
export interface SviBootstrapResult {
  /** The fit to the original quotes. */
  fit: SviCalibration;
  level: number;
  /** Successful refits (resamples whose refit threw are skipped and counted in `failed`). */
  samples: number;
  failed: number;
  parameters: { a: Interval; b: Interval; rho: Interval; m: Interval; sigma: Interval };
  /** Bands of total variance (and implied vol when `expiry` was given) on `k`. */
  k: Float64Array;
  totalVariance: Interval[];
  vol?: Interval[];
}

const KEYS = ['a', 'b', 'rho', 'm', 'sigma'] as const;

/**
 * Seeded bootstrap of an SVI slice calibration (see the module comment). Same seed, same result
 * on every machine.
 *
 * @throws InvalidInputError for bad quotes (as calibrateSvi) or options.
 */
export function bootstrapSviConfidence(input: CalibrateSviInput, options: SviBootstrapOptions = {}): SviBootstrapResult {
  const data = readSviData(input);
  const B = options.samples === undefined ? 200 : requireInteger('samples', options.samples, 10);
  const seed = options.seed === undefined ? 1 : requireInteger('seed', options.seed, 0);
  const level = options.level === undefined ? 0.95 : requireInRange('level', options.level, 1e-9, 1 - 1e-9);
  const method = options.method ?? 'pairs';
  if (method !== 'pairs' && method !== 'residuals') throw new InvalidInputError('method', "must be 'pairs' or 'residuals'", method);
  const expiry = options.expiry === undefined ? undefined : requirePositive('expiry', options.expiry);
  const n = data.k.length;
  let kGrid: Float64Array;
  if (options.kGrid === undefined) {
    kGrid = new Float64Array(21);
    for (let i = 0; i < 21; i++) kGrid[i] = data.k[0]! + ((data.k[n - 1]! - data.k[0]!) * i) / 20;
  } else {
    kGrid = Float64Array.from(options.kGrid, (v, i) => {
      if (!Number.isFinite(v)) throw new InvalidInputError(`kGrid[${i}]`, 'must be finite', v);
      return v;
    });
  }
  const fit = fitSviData(data);
  const residuals = Float64Array.from(data.k, (k, i) => data.w[i]! - sviW(k, fit.a, fit.b, fit.rho, fit.m, fit.sigma));
  const rng = createRng(seed);
  const draws: Record<(typeof KEYS)[number], number[]> = { a: [], b: [], rho: [], m: [], sigma: [] };
  const wDraws: number[][] = Array.from(kGrid, () => []);
  let failed = 0;
  const idx = new Int32Array(n);
  for (let s = 0; s < B; s++) {
    let sample: { k: Float64Array; w: Float64Array; W: Float64Array };
    if (method === 'pairs') {
      for (;;) {
        for (let i = 0; i < n; i++) idx[i] = Math.floor(rng.nextFloat() * n);
        idx.sort();
        let distinct = 1;
        for (let i = 1; i < n; i++) if (idx[i] !== idx[i - 1]) distinct++;
        if (distinct >= 5) break;
      }
      sample = { k: Float64Array.from(idx, (i) => data.k[i]!), w: Float64Array.from(idx, (i) => data.w[i]!), W: Float64Array.from(idx, (i) => data.W[i]!) };
    } else {
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const e = residuals[Math.floor(rng.nextFloat() * n)]!;
        w[i] = Math.max(1e-12, sviW(data.k[i]!, fit.a, fit.b, fit.rho, fit.m, fit.sigma) + e);
      }
      sample = { k: data.k, w, W: data.W };
    }
    let f: SviCalibration;
    try {
      f = fitSviData(sample);
    } catch {
      failed++;
      continue;
    }
    for (const key of KEYS) draws[key].push(f[key]);
    for (let j = 0; j < kGrid.length; j++) wDraws[j]!.push(sviW(kGrid[j]!, f.a, f.b, f.rho, f.m, f.sigma));
  }
  const alpha = (1 - level) / 2;
  const interval = (estimate: number, xs: ArrayLike<number>): Interval => {
    const sorted = sortAscending(xs);
    let mean = 0;
    for (let i = 0; i < sorted.length; i++) mean += sorted[i]!;
    mean /= sorted.length;
    let v = 0;
    for (let i = 0; i < sorted.length; i++) v += (sorted[i]! - mean) ** 2;
    return {
      estimate,
      lower: quantileSorted(sorted, alpha),
      upper: quantileSorted(sorted, 1 - alpha),
      standardError: Math.sqrt(v / Math.max(1, sorted.length - 1)),
    };
  };
  const parameters = {
    a: interval(fit.a, draws.a),
    b: interval(fit.b, draws.b),
    rho: interval(fit.rho, draws.rho),
    m: interval(fit.m, draws.m),
    sigma: interval(fit.sigma, draws.sigma),
  };
  const totalVariance = Array.from(kGrid, (k, j) => interval(sviW(k, fit.a, fit.b, fit.rho, fit.m, fit.sigma), wDraws[j]!));
  const result: SviBootstrapResult = { fit, level, samples: B - failed, failed, parameters, k: kGrid, totalVariance };
  if (expiry !== undefined) {
    const toVol = (w: number): number => Math.sqrt(Math.max(w, 0) / expiry);
    result.vol = Array.from(kGrid, (k, j) =>
      interval(toVol(sviW(k, fit.a, fit.b, fit.rho, fit.m, fit.sigma)), wDraws[j]!.map(toVol)),
    );
  }
  return result;
}
