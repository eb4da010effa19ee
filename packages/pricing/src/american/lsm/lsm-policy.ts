import { bsPriceKernel } from '../../european/black-scholes';
import type { AmericanParams } from '../types';
import { basisDot, basisValues } from './lsm-basis';
import type { LsmBasis } from './lsm-basis';
import type { LsmGrid } from './lsm-grid';
import { leastSquares } from './lsm-regression';

/**
 * The fitted exercise policy: at node k < n-1, exercise an in-the-money path when
 * h(S)/N(S) > Σ_j coef[k·m + j] φ_j(x(S)), the regression estimate of the continuation value
 * divided by the numeraire N. For a put x = S/K and N = K (the paper's choice); for a call the
 * roles of stock and cash are swapped (the McDonald-Schroder put-call symmetry, i.e. the stock as
 * numeraire): x = K/S and N = S, so x lies in (0, 1) in the money for both, h/N = 1 - x, and the
 * weighted Laguerre functions (which decay like e^{-x/2}) never have to fit the linear growth of a
 * deep in-the-money call (with x = S/K they cannot: the call errs by several standard errors when
 * vol·√T is large). `active[k] = 0` marks a node without a usable regression (too few in-the-money
 * paths): the policy never exercises there. The last node is the expiry (exercise if in the money).
 */
export interface LsmPolicy {
  basis: LsmBasis;
  m: number;
  w: 1 | -1;
  strike: number;
  coef: Float64Array;
  active: Uint8Array;
  /**
   * Exercise is considered only beyond `limit[k]` (put: S < limit, call: S > limit). It is the
   * strike, or, where no cash dividend is left after node k, the spot where the European value of
   * the remaining life equals the exercise value: the continuation value is at least that
   * European value, so nearer the strike exercising is never optimal, whatever the regression
   * says. This is a sure improvement of the policy (it removes the regression's false exercises,
   * e.g. of calls that should never be exercised early, which otherwise cost several standard
   * errors on short or low-dividend options), and it saves the regression evaluation there.
   */
  limit: Float64Array;
  /** Smallest and largest in-the-money spot of the fitting paths at each node (for the boundary). */
  itmMin: Float64Array;
  itmMax: Float64Array;
}

/** Payoff at the expiry node: max(h(S), h(S - D)) when a dividend D is paid at the expiry. */
export function terminalPayoff(w: 1 | -1, strike: number, s: number, dividend: number): number {
  let h = w * (s - strike);
  if (dividend > 0) {
    const ex = w * ((s > dividend ? s - dividend : 0) - strike);
    if (ex > h) h = ex;
  }
  return h > 0 ? h : 0;
}

/**
 * True when the policy exercises at node k (k < n - 1) with spot s: beyond the European limit
 * (so in the money) and the exercise value above the fitted continuation value.
 */
export function exercises(pol: LsmPolicy, k: number, s: number): boolean {
  if (pol.w === -1 ? !(s < pol.limit[k]) : !(s > pol.limit[k])) return false;
  if (pol.active[k] === 0) return false;
  const x = pol.w === -1 ? s / pol.strike : pol.strike / s;
  return 1 - x > basisDot(pol.basis, pol.m, pol.coef, k * pol.m, x);
}

const LIMIT_BISECTIONS = 200;

/**
 * The spot where the European value with time to expiry tau equals the exercise value. For a put
 * P(S) - (K - S) increases with S (slope 1 - e^{-qτ}N(-d1) > 0), for a call C(S) - (S - K)
 * decreases: one crossing at most, found by bisection (bounded). No crossing: 0 for a put (the
 * European value is above K - S everywhere, e.g. r <= 0: never exercise), +Infinity for a call.
 */
export function europeanLimit(w: 1 | -1, strike: number, tau: number, rate: number, dividendYield: number, vol: number): number {
  const gap = (s: number) => bsPriceKernel(w, s, strike, tau, rate, dividendYield, vol) - w * (s - strike);
  let lo: number;
  let hi: number;
  if (w === -1) {
    lo = 0;
    hi = strike;
    if (gap(strike * 1e-12) >= 0) return 0;
  } else {
    lo = strike;
    hi = 2 * strike;
    for (let i = 0; i < 60 && gap(hi) >= 0; i++) hi *= 2;
    if (gap(hi) >= 0) return Infinity;
  }
  // Invariant: exercise is vetoed on the strike side of the bracket end that has gap >= 0.
  for (let i = 0; i < LIMIT_BISECTIONS && hi - lo > 1e-14 * strike; i++) {
    const mid = 0.5 * (lo + hi);
    if ((gap(mid) >= 0) === (w === -1)) hi = mid;
    else lo = mid;
  }
  return w === -1 ? lo : hi;
}

/**
 * Longstaff & Schwartz (2001) backward induction on the stored policy paths (node-major, from
 * `simulatePaths`): starting from the payoff at expiry, at each earlier node regress the realised
 * discounted cash flows of the in-the-money paths on the basis and replace the cash flow by the
 * exercise value where that exceeds the fitted continuation value. Regressions use realised cash
 * flows (not fitted values), as in the paper. Returns the policy; `s` is not modified.
 */
export function fitPolicy(grid: LsmGrid, s: Float64Array, paths: number, p: AmericanParams, basis: LsmBasis, degree: number): LsmPolicy {
  const { w, strike } = p;
  const n = grid.n;
  const limit = new Float64Array(n).fill(strike);
  for (let k = n - 2; k >= 0 && grid.dividend[k] === 0; k--) {
    limit[k] = europeanLimit(w, strike, p.expiry - grid.time[k], p.rate, p.dividendYield, p.vol);
  }
  const m = degree + 1;
  const coef = new Float64Array(n * m);
  const active = new Uint8Array(n);
  const itmMin = new Float64Array(n);
  const itmMax = new Float64Array(n);
  const cf = new Float64Array(paths);
  const a = new Float64Array(paths * m);
  const design = new Float64Array(paths * m); // copy of the basis values (the QR overwrites a)
  const y = new Float64Array(paths);
  const idx = new Int32Array(paths);
  const last = (n - 1) * paths;
  for (let i = 0; i < paths; i++) cf[i] = terminalPayoff(w, strike, s[last + i], grid.dividend[n - 1]);
  const put = w === -1;
  const pol: LsmPolicy = { basis, m, w, strike, coef, active, limit, itmMin, itmMax };
  for (let k = n - 2; k >= 0; k--) {
    const disc = grid.disc[k + 1];
    const base = k * paths;
    let rows = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < paths; i++) {
      cf[i] *= disc;
      const si = s[base + i];
      if (w * (si - strike) > 0) {
        idx[rows++] = i;
        if (si < lo) lo = si;
        if (si > hi) hi = si;
      }
    }
    itmMin[k] = rows > 0 ? lo : strike;
    itmMax[k] = rows > 0 ? hi : strike;
    // A regression needs more observations than coefficients; with fewer, never exercise here.
    // Nor when no path is beyond the European limit (exercise is ruled out anyway).
    const lim = limit[k];
    if (rows <= 2 * m || (put ? !(lo < lim) : !(hi > lim))) continue;
    for (let r = 0; r < rows; r++) {
      const i = idx[r];
      const si = s[base + i];
      basisValues(basis, m, put ? si / strike : strike / si, a, r, rows);
      y[r] = cf[i] / (put ? strike : si);
    }
    design.set(a.subarray(0, rows * m));
    if (leastSquares(a, rows, rows, m, y, coef, k * m) === 0) continue;
    active[k] = 1;
    const off = k * m;
    for (let r = 0; r < rows; r++) {
      const i = idx[r];
      const si = s[base + i];
      if (put ? !(si < lim) : !(si > lim)) continue;
      let fitted = 0;
      for (let j = 0; j < m; j++) fitted += coef[off + j] * design[j * rows + r];
      const x = put ? si / strike : strike / si;
      if (1 - x > fitted) cf[i] = w * (si - strike);
    }
  }
  return pol;
}
