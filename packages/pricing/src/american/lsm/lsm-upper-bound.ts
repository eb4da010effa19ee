import type { Xoshiro256StarStar } from '@quantforge/core';
import type { LsmGrid } from './lsm-grid';
import { exercises, terminalPayoff } from './lsm-policy';
import type { LsmPolicy } from './lsm-policy';

/**
 * Andersen & Broadie (2004) duality upper bound, "Primal-dual simulation algorithm for pricing
 * multidimensional American options", Management Science 50(9): V0 <= E[max_k (h_k - M_k)] for any
 * martingale M with M_0 = 0 (h_k discounted payoffs). M is built from the value process of the
 * fitted policy, L_k = h_k if the policy exercises at k, else C_k = E_k[h_{τ_{k+1}}]:
 *   M_{k+1} - M_k = L_{k+1} - C_k,
 * which telescopes to M_k = C_k - C_0 + Σ_{j<=k, policy exercises at j} (h_j - C_j).
 * C_k comes from `nestedPaths` inner paths that follow the policy from node k; their noise biases
 * the bound up, so it stays an upper bound. As AB suggest, the maximum runs over the dates where the
 * option is in the money plus the expiry (an option that may be exercised only in the money has
 * the same value), so C_k is simulated only at in-the-money dates. C_0 is the caller's
 * (independent) lower-bound estimate of the policy value.
 */
export function dualUpperBound(
  grid: LsmGrid,
  pol: LsmPolicy,
  spot: number,
  c0: number,
  outerPaths: number,
  nestedPaths: number,
  antithetic: boolean,
  outerRng: Xoshiro256StarStar,
  innerRng: Xoshiro256StarStar,
): { value: number; stdError: number } {
  const n = grid.n;
  const { drift, sd, dividend, discToZero } = grid;
  const w = pol.w;
  const strike = pol.strike;
  const z = new Float64Array(n);
  const zi = new Float64Array(n);
  const h0 = w * (spot - strike);

  // C_k: mean discounted (to time 0) cash flow of the policy from node k + 1 on, starting from the
  // ex-dividend spot x0 after node k.
  const nested = (k: number, x0: number): number => {
    const len = n - 1 - k;
    const sub = zi.subarray(0, len);
    const step = antithetic ? 2 : 1;
    let total = 0;
    for (let i = 0; i < nestedPaths; i += step) {
      innerRng.fillNormal(sub);
      for (let a = 0; a < step; a++) {
        const sign = a === 0 ? 1 : -1;
        let x = x0;
        let j = k + 1;
        for (; j < n - 1; j++) {
          x *= Math.exp(drift[j] + sign * sd[j] * sub[j - k - 1]);
          if (exercises(pol, j, x)) {
            total += discToZero[j] * w * (x - strike);
            break;
          }
          const d = dividend[j];
          if (d > 0) x = x > d ? x - d : 0;
        }
        if (j === n - 1) {
          x *= Math.exp(drift[j] + sign * sd[j] * sub[j - k - 1]);
          total += discToZero[j] * terminalPayoff(w, strike, x, dividend[j]);
        }
      }
    }
    const count = antithetic ? 2 * Math.ceil(nestedPaths / 2) : nestedPaths;
    return total / count;
  };

  let mean = 0;
  let m2 = 0;
  const s0 = Math.max(spot - grid.initialDividend, 0);
  for (let i = 0; i < outerPaths; i++) {
    outerRng.fillNormal(z);
    let x = s0;
    let sumEx = 0; // Σ over exercise dates so far of (h_j - C_j)
    let best = h0 > 0 ? h0 : -Infinity;
    for (let k = 0; k < n - 1; k++) {
      x *= Math.exp(drift[k] + sd[k] * z[k]);
      const d = dividend[k];
      const xEx = d > 0 ? (x > d ? x - d : 0) : x;
      if (w * (x - strike) > 0) {
        const h = discToZero[k] * w * (x - strike);
        const c = nested(k, xEx);
        if (exercises(pol, k, x)) sumEx += h - c;
        const mk = c - c0 + sumEx;
        if (h - mk > best) best = h - mk;
      }
      x = xEx;
    }
    // Expiry: L_N = h_N, so h_N - M_N = c0 - Σ(h_j - C_j) whether or not the option ends in the money.
    const last = c0 - sumEx;
    if (last > best) best = last;
    const dev = best - mean;
    mean += dev / (i + 1);
    m2 += dev * (best - mean);
  }
  return { value: mean, stdError: Math.sqrt(m2 / (outerPaths - 1) / outerPaths) };
}
