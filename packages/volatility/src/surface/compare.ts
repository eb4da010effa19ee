/**
 * Fit comparison: the drift of each parameter between an earlier and a later fit, and, for SVI
 * slices, the change of total variance (and implied vol when the expiry is given) on a k grid.
 */
import { InvalidInputError, requireFinite, requirePositive } from '@quantforge/core';
import { sviW } from '../svi/raw';

/** Drift of one parameter. */
export interface ParameterDrift {
  previous: number;
  current: number;
  /** current - previous. */
  change: number;
  /** change / |previous| (Infinity when previous = 0 and change ≠ 0, 0 when both are 0). */
  relativeChange: number;
}

/** Options of {@link compareFits}. */
export interface CompareFitsOptions {
  /** k grid for the SVI curve comparison (default 41 points on [-1, 1]). */
  kGrid?: ArrayLike<number>;
  /** Expiry (years) to also compare implied vols. */
  expiry?: number;
}

/** Result of {@link compareFits}. */
export interface FitComparison {
  /** One entry per numeric field present in both fits (e.g. a, b, rho, m, sigma, or alpha, beta, rho, nu). */
  parameters: Record<string, ParameterDrift>;
  /** The parameter with the largest |relativeChange|. */
  largestDrift: string | undefined;
  /** SVI fits only: curve change on the k grid. */
  totalVariance?: { maxAbsChange: number; rmsChange: number; at: number };
  /** SVI fits with `expiry`: max |Δ implied vol| on the grid. */
  vol?: { maxAbsChange: number; at: number };
}

const SVI_KEYS = ['a', 'b', 'rho', 'm', 'sigma'];
const SKIP = new Set(['rmse', 'weightedRmse', 'maxAbsError', 'iterations', 'starts', 'shift']);

/**
 * Compares a fit with an earlier one (parameter drift). Works for any two plain parameter objects
 * (SVI, SABR, SSVI scalars); fit diagnostics (rmse, iterations…) are ignored.
 *
 * @throws InvalidInputError when the fits share no numeric parameter or hold non-finite values.
 */
export function compareFits(previousFit: object, currentFit: object, options: CompareFitsOptions = {}): FitComparison {
  if (previousFit === null || typeof previousFit !== 'object') throw new InvalidInputError('previous', 'must be an object', previousFit);
  if (currentFit === null || typeof currentFit !== 'object') throw new InvalidInputError('current', 'must be an object', currentFit);
  const previous = previousFit as Record<string, unknown>;
  const current = currentFit as Record<string, unknown>;
  const parameters: Record<string, ParameterDrift> = {};
  let largestDrift: string | undefined;
  let largest = -1;
  for (const key of Object.keys(previous)) {
    if (SKIP.has(key) || typeof previous[key] !== 'number' || typeof current[key] !== 'number') continue;
    const p = requireFinite(`previous.${key}`, previous[key]);
    const c = requireFinite(`current.${key}`, current[key]);
    const change = c - p;
    const relativeChange = p !== 0 ? change / Math.abs(p) : change === 0 ? 0 : Infinity;
    parameters[key] = { previous: p, current: c, change, relativeChange };
    if (Math.abs(relativeChange) > largest) {
      largest = Math.abs(relativeChange);
      largestDrift = key;
    }
  }
  if (largestDrift === undefined) throw new InvalidInputError('current', 'shares no numeric parameter with previous', Object.keys(current));
  const out: FitComparison = { parameters, largestDrift };
  if (SVI_KEYS.every((k) => k in parameters)) {
    const P = previous as Record<string, number>;
    const C = current as Record<string, number>;
    const grid = options.kGrid === undefined ? Array.from({ length: 41 }, (_, i) => -1 + i * 0.05) : Array.from(options.kGrid, (v, i) => requireFinite(`kGrid[${i}]`, v));
    const expiry = options.expiry === undefined ? undefined : requirePositive('expiry', options.expiry);
    let maxAbs = 0;
    let at = grid[0] ?? 0;
    let ss = 0;
    let maxVol = 0;
    let volAt = at;
    for (const k of grid) {
      const wp = sviW(k, P.a!, P.b!, P.rho!, P.m!, P.sigma!);
      const wc = sviW(k, C.a!, C.b!, C.rho!, C.m!, C.sigma!);
      const d = wc - wp;
      ss += d * d;
      if (Math.abs(d) > maxAbs) {
        maxAbs = Math.abs(d);
        at = k;
      }
      if (expiry !== undefined) {
        const dv = Math.abs(Math.sqrt(Math.max(wc, 0) / expiry) - Math.sqrt(Math.max(wp, 0) / expiry));
        if (dv > maxVol) {
          maxVol = dv;
          volAt = k;
        }
      }
    }
    out.totalVariance = { maxAbsChange: maxAbs, rmsChange: grid.length ? Math.sqrt(ss / grid.length) : 0, at };
    if (expiry !== undefined) out.vol = { maxAbsChange: maxVol, at: volAt };
  }
  return out;
}
