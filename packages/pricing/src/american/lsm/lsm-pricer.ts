import type { LsmGrid } from './lsm-grid';
import type { PathNormals } from './lsm-normals';
import { exercises, terminalPayoff } from './lsm-policy';
import type { LsmPolicy } from './lsm-policy';

/** Result of pricing a fixed policy on an independent path set (no exercise at time 0 yet). */
export interface LsmPricing {
  /** Mean discounted cash flow of the policy (exercise from the first date on). */
  value: number;
  /** Its standard error (antithetic: from the pair averages). */
  stdError: number;
  /** Pathwise delta at spot, spot·(1 + eps), spot·(1 - eps). */
  delta: number;
  deltaUp: number;
  deltaDown: number;
  /** Pathwise d value / d expiry (calendar time passing moves the expiry and dividend dates closer). */
  dExpiry: number;
  /** Pathwise vega dV/dσ and rho dV/dr, stopping dates held fixed. */
  vega: number;
  rho: number;
}

/**
 * Prices the fitted policy on a fresh path set (independent of the fitting paths, so the mean is
 * an unbiased estimate of the value of a feasible exercise policy: a lower bound, Longstaff &
 * Schwartz 2001 §2 / Glasserman 2004 §8.6). Streams the paths (no storage).
 *
 * Greeks are pathwise estimators with the stopping date held fixed (Broadie & Glasserman 1996;
 * for the optimal policy the move of the stopping date contributes nothing to first order, the
 * envelope argument of Wang & Caflisch 2010):
 * - delta: d/dS0 [e^{-r t_τ} h(S_τ)] = e^{-r t_τ} w ∂S_τ/∂S0, with ∂S/∂S0 carried along the path
 *   (S/S0 without cash dividends, 0 once a dividend has absorbed the path);
 * - gamma: the same normals and policy from spot·(1 ± eps): the central difference of the two
 *   pathwise deltas (common random numbers: variance O(1/eps), against O(1/eps³) for a second
 *   difference of prices);
 * - vega and rho: with the normals fixed, each log-step (r - q - σ²/2)Δt + σ√Δt z moves by
 *   (√Δt z - σΔt) per unit of σ and by Δt per unit of r; the discount e^{-r t_τ} by -t_τ per unit
 *   of r. Computing them here replaces bump-and-refit, whose policy noise swamps a small bump;
 * - d/dT with the normals fixed: each node time moves with the expiry at the rate
 *   a_k = ∂t_k/∂T (`grid.timeSens`), so the log-step μΔt + σ√Δt z moves by
 *   (μ + σ z / (2√Δt)) Δa, the discount by -r a_k t, and the payoff by w ∂S_τ/∂T.
 */
export function pricePolicy(grid: LsmGrid, pol: LsmPolicy, spot: number, eps: number, paths: number, antithetic: boolean, normals: PathNormals): LsmPricing {
  const n = grid.n;
  const { drift, sd, dt, timeSens, dividend, discToZero } = grid;
  const w = pol.w;
  const strike = pol.strike;
  const rate = grid.rate;
  const z = new Float64Array(n);
  const g = new Float64Array(n);
  // ∂(log growth of step k)/∂T = (μ + σ z/(2√Δt)) (a_k - a_{k-1}), μ = drift/Δt.
  const dlog = new Float64Array(n);
  const spots = [spot - grid.initialDividend, spot * (1 + eps) - grid.initialDividend, spot * (1 - eps) - grid.initialDividend];
  const step = antithetic ? 2 : 1;
  let mean = 0;
  let m2 = 0;
  let groups = 0;
  const dsum = [0, 0, 0];
  let tsum = 0;
  let vsum = 0;
  let rsum = 0;
  const vol = grid.vol;
  for (let i = 0; i < paths; i += step) {
    normals.next(z);
    let group = 0;
    let members = 0;
    for (let a = 0; a < step && i + a < paths; a++) {
      const sign = a === 0 ? 1 : -1;
      for (let k = 0; k < n; k++) {
        const zk = sign * z[k];
        g[k] = Math.exp(drift[k] + sd[k] * zk);
        const da = timeSens[k] - (k === 0 ? 0 : timeSens[k - 1]);
        dlog[k] = da === 0 ? 0 : ((drift[k] + 0.5 * sd[k] * zk) / dt[k]) * da;
      }
      for (let sc = 0; sc < 3; sc++) {
        let x = spots[sc] > 0 ? spots[sc] : 0;
        let dx = x > 0 ? 1 : 0; // ∂S/∂S0
        let tx = 0; // ∂S/∂T
        let vx = 0; // ∂S/∂σ
        let rx = 0; // ∂S/∂r
        let value = 0;
        let dvalue = 0;
        let tvalue = 0;
        let vvalue = 0;
        let rvalue = 0;
        let k = 0;
        for (; k < n - 1; k++) {
          const gk = g[k];
          tx = (tx + x * dlog[k]) * gk;
          if (sc === 0) {
            vx = (vx + x * (sd[k] * sign * z[k] - vol * vol * dt[k]) / vol) * gk;
            rx = (rx + x * dt[k]) * gk;
          }
          x *= gk;
          dx *= gk;
          if (exercises(pol, k, x)) {
            const df = discToZero[k];
            value = df * w * (x - strike);
            dvalue = df * w * dx;
            tvalue = df * w * tx - rate * timeSens[k] * value;
            vvalue = df * w * vx;
            rvalue = df * w * rx - grid.time[k] * value;
            break;
          }
          const d = dividend[k];
          if (d > 0) {
            if (x > d) x -= d;
            else {
              x = 0;
              dx = 0;
              tx = 0;
              vx = 0;
              rx = 0;
            }
          }
        }
        if (k === n - 1) {
          const gk = g[k];
          tx = (tx + x * dlog[k]) * gk;
          if (sc === 0) {
            vx = (vx + x * (sd[k] * sign * z[k] - vol * vol * dt[k]) / vol) * gk;
            rx = (rx + x * dt[k]) * gk;
          }
          x *= gk;
          dx *= gk;
          const d = dividend[k];
          const h = terminalPayoff(w, strike, x, d);
          if (h > 0) {
            const df = discToZero[k];
            value = df * h;
            // The branch that paid: before the drop (∂S) or after it (∂(S - D) = ∂S while S > D, else 0).
            const flat = d > 0 && h > w * (x - strike) && !(x > d);
            dvalue = flat ? 0 : df * w * dx;
            tvalue = (flat ? 0 : df * w * tx) - rate * timeSens[k] * value;
            vvalue = flat ? 0 : df * w * vx;
            rvalue = (flat ? 0 : df * w * rx) - grid.time[k] * value;
          }
        }
        if (sc === 0) {
          group += value;
          tsum += tvalue;
          vsum += vvalue;
          rsum += rvalue;
        }
        dsum[sc] += dvalue;
      }
      members++;
    }
    group /= members;
    // Welford's running mean and sum of squared deviations (no cancellation).
    groups++;
    const dev = group - mean;
    mean += dev / groups;
    m2 += dev * (group - mean);
  }
  return {
    value: mean,
    stdError: Math.sqrt(m2 / (groups - 1) / groups),
    delta: dsum[0] / paths,
    deltaUp: dsum[1] / paths,
    deltaDown: dsum[2] / paths,
    dExpiry: tsum / paths,
    vega: vsum / paths,
    rho: rsum / paths,
  };
}
