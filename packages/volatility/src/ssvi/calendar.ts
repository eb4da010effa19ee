/**
 * Calendar-spread arbitrage between SVI slices: with k = ln(K/F_t), there is no calendar arbitrage
 * iff total variance is non-decreasing in t at every fixed k (Gatheral & Jacquier 2014, Lemma 2.1,
 * for proportional dividends). Checked on a k grid between consecutive slices.
 */
import { InvalidInputError, goldenSectionMinimize, requireFinite, requireInteger, requirePositive } from '@quantforge/core';
import type { SviRawParams } from '../svi/raw';
import { sviW, validateSviParams } from '../svi/raw';

/** An SVI slice with its expiry. */
export interface SviSlice {
  /** Years (> 0). */
  expiry: number;
  params: SviRawParams;
}

/** Options of {@link sviCalendarArbitrage}. */
export interface CalendarCheckOptions {
  /** Default -3. */
  kMin?: number;
  /** Default 3. */
  kMax?: number;
  /** Default 1201. */
  points?: number;
}

/** One pair of consecutive slices in {@link sviCalendarArbitrage}'s result. */
export interface CalendarPairResult {
  /** Index of the earlier slice (the pair is i, i+1). */
  index: number;
  hasArbitrage: boolean;
  /** min over the grid of w_{i+1}(k) - w_i(k) (< 0 is arbitrage). */
  minDiff: number;
  /** The k where the difference is smallest. */
  at: number;
}

/** @internal Validates slices sorted by strictly increasing expiry. */
export function validateSlices(slices: readonly SviSlice[]): void {
  if (!Array.isArray(slices) || slices.length === 0) throw new InvalidInputError('slices', 'must be a non-empty array', slices);
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i]!;
    if (s === null || typeof s !== 'object') throw new InvalidInputError(`slices[${i}]`, 'must be an object', s);
    const t = requirePositive(`slices[${i}].expiry`, s.expiry);
    if (i > 0 && !(t > slices[i - 1]!.expiry)) throw new InvalidInputError(`slices[${i}].expiry`, 'expiries must be strictly increasing', t);
    validateSviParams(s.params, `slices[${i}].params`);
  }
}

/**
 * Calendar-arbitrage check between consecutive SVI slices on a k grid (default 1201 points on
 * [-3, 3]): `{ hasArbitrage, pairs: [{ index, hasArbitrage, minDiff, at }] }`.
 */
export function sviCalendarArbitrage(slices: readonly SviSlice[], options: CalendarCheckOptions = {}): { hasArbitrage: boolean; pairs: CalendarPairResult[] } {
  validateSlices(slices);
  const kMin = options.kMin === undefined ? -3 : requireFinite('kMin', options.kMin);
  const kMax = options.kMax === undefined ? 3 : requireFinite('kMax', options.kMax);
  if (!(kMax > kMin)) throw new InvalidInputError('kMax', 'must be > kMin', kMax);
  const n = options.points === undefined ? 1201 : requireInteger('points', options.points, 2);
  const pairs: CalendarPairResult[] = [];
  for (let i = 0; i + 1 < slices.length; i++) {
    const p = slices[i]!.params;
    const q = slices[i + 1]!.params;
    let minDiff = Infinity;
    let at = kMin;
    for (let j = 0; j < n; j++) {
      const k = j === n - 1 ? kMax : kMin + (j * (kMax - kMin)) / (n - 1);
      const d = sviW(k, q.a, q.b, q.rho, q.m, q.sigma) - sviW(k, p.a, p.b, p.rho, p.m, p.sigma);
      if (d < minDiff) {
        minDiff = d;
        at = k;
      }
    }
    pairs.push({ index: i, hasArbitrage: minDiff < 0, minDiff, at });
  }
  return { hasArbitrage: pairs.some((p) => p.hasArbitrage), pairs };
}

/**
 * @internal Fast calendar check used by `buildVolSurface`: for each consecutive pair,
 * d(k) = w_{i+1}(k) - w_i(k) on a grid of step h = min(0.025, σ_min/4) over [kMin, kMax] (σ_min the
 * smaller σ of the pair; d varies on that scale), every grid local minimum refined by golden
 * section on [k - h, k + h]. True when some d < 0.
 */
export function calendarArbitrageFast(slices: readonly SviSlice[], kMin: number, kMax: number): boolean {
  for (let i = 0; i + 1 < slices.length; i++) {
    const p = slices[i]!.params;
    const q = slices[i + 1]!.params;
    const d = (k: number): number => sviW(k, q.a, q.b, q.rho, q.m, q.sigma) - sviW(k, p.a, p.b, p.rho, p.m, p.sigma);
    const h0 = Math.min(0.025, Math.min(p.sigma, q.sigma) / 4);
    const n = Math.min(24001, Math.max(2, Math.ceil((kMax - kMin) / h0) + 1));
    const h = (kMax - kMin) / (n - 1);
    let prev2 = Infinity;
    let prev = Infinity;
    for (let j = 0; j < n; j++) {
      const k = j === n - 1 ? kMax : kMin + j * h;
      const v = d(k);
      if (v < 0) return true;
      if (j >= 1 && prev <= v && prev <= prev2) {
        // Golden-section refinement of the local minimum near k - h, stopping at the first d < 0.
        const refined = goldenSectionMinimize(d, Math.max(kMin, k - 2 * h), k, { maxIterations: 40, stopBelow: 0 });
        if (refined.value < 0) return true;
      }
      prev2 = prev;
      prev = v;
    }
  }
  return false;
}
