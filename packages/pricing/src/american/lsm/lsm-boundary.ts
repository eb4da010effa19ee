import type { ExerciseBoundary } from '../types';
import type { LsmGrid } from './lsm-grid';
import { exercises } from './lsm-policy';
import type { LsmPolicy } from './lsm-policy';

const SCAN_POINTS = 128;
const MAX_BISECTIONS = 100;

/**
 * The exercise boundary of the fitted policy: at each exercise date before the expiry, the spot
 * where the policy starts to exercise (regression estimate of the continuation value = exercise
 * value, with the European check of `exercises`). The search runs within the in-the-money spots
 * of the fitting paths at that date (the regression means nothing outside them): it scans 128
 * points from the strike towards the deepest in-the-money spot, takes the first point where the
 * policy exercises, and bisects the policy's decision between it and the previous point (at most
 * 100 steps). Scanning from the strike side avoids spurious exercise islands that a polynomial
 * fit can produce where the deep in-the-money data are sparse.
 *
 * Conventions: if the policy exercises nowhere in that range (or the date had too few in-the-money
 * paths to regress) the boundary is 0 for a put and +Infinity for a call (never exercise). The
 * estimate carries the regression's noise and bias (typically a few tenths of a percent of the
 * strike); it is data to look at, not an exact boundary.
 */
export function lsmBoundary(grid: LsmGrid, pol: LsmPolicy, expiry: number): ExerciseBoundary {
  const count = grid.n - 1;
  const time = new Float64Array(count);
  const spot = new Float64Array(count);
  const { w, strike } = pol;
  const never = w === -1 ? 0 : Infinity;
  for (let k = count - 1, out = 0; k >= 0; k--, out++) {
    time[out] = expiry - grid.time[k];
    spot[out] = never;
    if (pol.active[k] === 0) continue;
    const deep = w === -1 ? pol.itmMin[k] : pol.itmMax[k];
    let a = strike; // last point (from the strike side) where the policy continues
    let b = NaN;
    for (let i = 1; i <= SCAN_POINTS; i++) {
      const s = strike + ((deep - strike) * i) / SCAN_POINTS;
      if (exercises(pol, k, s)) {
        b = s;
        break;
      }
      a = s;
    }
    if (Number.isNaN(b)) continue;
    for (let it = 0; it < MAX_BISECTIONS && Math.abs(b - a) > 1e-12 * strike; it++) {
      const mid = 0.5 * (a + b);
      if (exercises(pol, k, mid)) b = mid;
      else a = mid;
    }
    spot[out] = 0.5 * (a + b);
  }
  return { time, spot };
}
