/**
 * Butterfly (density) arbitrage check of a raw SVI slice: Durrleman's condition as in Gatheral &
 * Jacquier (2014), Lemma 2.2 — the slice is free of butterfly arbitrage iff w > 0 and
 *
 *   g(k) = (1 - k w'/(2w))² - (w'²/4)(1/w + 1/4) + w''/2 ≥ 0 for all k,
 *
 * (g is the risk-neutral density times a positive factor). Checked on a grid, default
 * numpy.linspace(-3, 3, 6001); a violation narrower than the grid spacing can be missed.
 */
import { InvalidInputError, goldenSectionMinimize, requireFinite, requireInteger } from '@quantforge/core';
import type { SviRawParams } from './raw';
import { validateSviParams } from './raw';

/** Options of {@link sviButterflyArbitrage}. */
export interface SviButterflyOptions {
  /** Grid start. Default -3. */
  kMin?: number;
  /** Grid end. Default 3. */
  kMax?: number;
  /** Number of grid points (>= 2). Default 6001. */
  points?: number;
}

/** Result of {@link sviButterflyArbitrage}. */
export interface SviButterflyResult {
  /** True when g < 0 or w ≤ 0 somewhere on the grid. */
  hasArbitrage: boolean;
  /** Minimum of g(k) over the grid. */
  minG: number;
  /** The grid point where g is minimal. */
  at: number;
  /** Minimum total variance on the grid (≤ 0 is also arbitrage). */
  minW: number;
}

/** @internal Durrleman's g(k) of raw SVI, closed-form derivatives. */
export function sviG(k: number, a: number, b: number, rho: number, m: number, sigma: number): number {
  const x = k - m;
  const s2 = sigma * sigma;
  const r = Math.sqrt(x * x + s2);
  const w = a + b * (rho * x + r);
  const w1 = b * (rho + x / r);
  const w2 = (b * s2) / (r * r * r);
  const u = 1 - (k * w1) / (2 * w);
  return u * u - ((w1 * w1) / 4) * (1 / w + 0.25) + w2 / 2;
}

/** @internal Linear grid with exact endpoints (as numpy.linspace). */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  out[n - 1] = hi;
  return out;
}

/**
 * Durrleman / Gatheral-Jacquier butterfly-arbitrage check of a raw SVI slice on a k grid.
 * Returns `{ hasArbitrage, minG, at, minW }`; `at` is the grid k where g is minimal (where the
 * density fails first when `hasArbitrage`).
 *
 * @throws InvalidInputError for bad parameters or grid options.
 */
export function sviButterflyArbitrage(params: SviRawParams, options: SviButterflyOptions = {}): SviButterflyResult {
  const { a, b, rho, m, sigma } = validateSviParams(params);
  const kMin = options.kMin === undefined ? -3 : requireFinite('kMin', options.kMin);
  const kMax = options.kMax === undefined ? 3 : requireFinite('kMax', options.kMax);
  if (!(kMax > kMin)) throw new InvalidInputError('kMax', 'must be > kMin', kMax);
  const n = options.points === undefined ? 6001 : requireInteger('points', options.points, 2);
  const step = (kMax - kMin) / (n - 1);
  let minG = Infinity;
  let at = kMin;
  let minW = Infinity;
  for (let i = 0; i < n; i++) {
    const k = i === n - 1 ? kMax : kMin + i * step;
    const x = k - m;
    const w = a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
    if (w < minW) minW = w;
    const g = w > 0 ? sviG(k, a, b, rho, m, sigma) : -Infinity;
    if (g < minG) {
      minG = g;
      at = k;
    }
  }
  return { hasArbitrage: minG < 0 || minW <= 0, minG, at, minW };
}

/**
 * @internal Fast butterfly check used inside the calibrators: g on a grid of step
 * h = min(0.01, σ/2) over [kMin, kMax] (at most 6001 points), then each grid local minimum with
 * g < 0.05 is refined by golden-section search on [k - h, k + h]. g is smooth on the scale σ, so
 * this finds the minimum at least as accurately as the 6001-point grid of
 * {@link sviButterflyArbitrage}.
 */
export function sviButterflyFast(p: { a: number; b: number; rho: number; m: number; sigma: number }, kMin: number, kMax: number): SviButterflyResult {
  const { a, b, rho, m, sigma } = p;
  const h0 = Math.min(0.01, sigma / 2);
  const n = Math.min(6001, Math.max(2, Math.ceil((kMax - kMin) / h0) + 1));
  const h = (kMax - kMin) / (n - 1);
  let minG = Infinity;
  let at = kMin;
  let minW = Infinity;
  let gPrev2 = Infinity;
  let gPrev = Infinity;
  const refine = (kc: number): void => {
    // Golden-section search for min g on [kc - h, kc + h].
    const { x: kk, value: gg } = goldenSectionMinimize(gSafe, Math.max(kMin, kc - h), Math.min(kMax, kc + h), { maxIterations: 40 });
    if (gg < minG) {
      minG = gg;
      at = kk;
    }
  };
  const gSafe = (k: number): number => {
    const x = k - m;
    const w = a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
    return w > 0 ? sviG(k, a, b, rho, m, sigma) : -Infinity;
  };
  for (let i = 0; i < n; i++) {
    const k = i === n - 1 ? kMax : kMin + i * h;
    const x = k - m;
    const w = a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
    if (w < minW) minW = w;
    const g = w > 0 ? sviG(k, a, b, rho, m, sigma) : -Infinity;
    if (g < minG) {
      minG = g;
      at = k;
    }
    // A local minimum at the previous point (or the first point) with a small value: refine.
    if (i >= 1 && gPrev <= g && gPrev <= gPrev2 && gPrev < 0.05 && Number.isFinite(gPrev)) refine(k - h);
    gPrev2 = gPrev;
    gPrev = g;
  }
  return { hasArbitrage: minG < 0 || minW <= 0, minG, at, minW };
}
