import { normCdf, normCdfTailRatio, normPdf } from '@quantforge/core';

/**
 * The one kernel behind every scalar and batch greek in this package, so that a batch row and
 * the scalar call with the same inputs agree bit for bit.
 *
 * Model: generalized Black-Scholes-Merton with cost of carry b = r - q (Haug 2007, §1.1.6):
 *
 *   V  = w·(S·e^{-qT}·N(w·d1) - K·e^{-rT}·N(w·d2)),   w = +1 call, -1 put
 *   d1 = ln(S·e^{bT}/K)/(σ√T) + σ√T/2,   d2 = d1 - σ√T
 *
 * Black-76 is the same model with S = F and q = r (b = 0), except for rho, which holds the
 * forward fixed (`RHO_BLACK76`: rho = -T·V) instead of the dividend yield.
 *
 * Closed forms (Haug 2007, §2.1–2.3; every sign re-derived for the raw-partial convention:
 * theta = -dV/dT, charm = -dΔ/dT, color = -dΓ/dT, veta = -dVega/dT):
 *
 *   delta = w·e^{-qT}·N(w·d1)                 dualDelta = -w·e^{-rT}·N(w·d2)
 *   gamma = e^{-qT}·n(d1)/(S·σ√T)             dualGamma = e^{-rT}·n(d2)/(K·σ√T)
 *   vega  = S·e^{-qT}·n(d1)·√T
 *   theta = -S·e^{-qT}·n(d1)·σ/(2√T) - w·r·K·e^{-rT}·N(w·d2) + w·q·S·e^{-qT}·N(w·d1)
 *   rho   = w·T·K·e^{-rT}·N(w·d2)   (BSM)      rho = -T·V   (Black-76, F fixed)
 *   phi   = -w·T·S·e^{-qT}·N(w·d1)
 *   vanna = -e^{-qT}·n(d1)·d2/σ               volga  = vega·d1·d2/σ
 *   charm = w·q·e^{-qT}·N(w·d1) - e^{-qT}·n(d1)·∂d1/∂T,   ∂d1/∂T = b/(σ√T) - d2/(2T)
 *   speed = -gamma/S·(1 + d1/(σ√T))           zomma  = gamma·(d1·d2 - 1)/σ
 *   color = gamma·(q + 1/(2T) + d1·∂d1/∂T)    veta   = vega·(q + d1·∂d1/∂T - 1/(2T))
 *   ultima = -vega/σ²·(d1·d2·(1 - d1·d2) + d1² + d2²)
 *
 * Numerical care:
 * - N(w·d) is Cody's ANORM as in core's normCdf, with the one exponential shared: n(d1) is
 *   computed once, n(d2) = n(d1)·S·e^{-qT}/(K·e^{-rT}), and in a tail N(y) = n(y)·R(y) (lower) or
 *   1 - n(-y)·R(-y) (upper, as normCdf itself) with core's exponential-free normCdfTailRatio;
 *   where a density is near underflow it falls back to normCdf.
 * - ln(S/K) falls back to ln S - ln K when S/K over/underflows.
 * - d1 = ln(F/K)/(σ√T) + σ√T/2 (σ² never overflows), d2 = d1 - σ√T; the price is formed
 *   like @quantforge/pricing's bsPriceKernel (same d1, d2, terms) and floored at 0.
 * - Every term carrying n(d1) (or n(d2)) is set to 0 when that density underflows to 0, so
 *   0·∞ never becomes NaN: the higher greeks of a deep in/out-of-the-money option are 0.
 * - σ√T underflowing to 0 (only for absurdly small vol·expiry) is the zero-volatility limit:
 *   d1 = d2 = ±∞ (or 0 exactly at the forward) and the density terms are 0.
 *
 * expiry = 0 (an expired option; see the README): price = max(w·(S - K), 0),
 * delta = w·1{wS > wK}, dualDelta = -w·1{wS > wK}, where the indicator is 1/2 at S = K (the
 * T → 0⁺ limit of N(w·d1), and the midpoint of the payoff's kink); every other greek is 0.
 *
 * Inputs are assumed valid (see `isValidBsRow` in @quantforge/pricing); the caller validates.
 */

/** Rho as dV/drate with the dividend yield held fixed (Black-Scholes-Merton). */
export const RHO_BSM = 0;
/** Rho as dV/drate with the forward held fixed: -T·V (Black-76). */
export const RHO_BLACK76 = 1;
export type RhoMode = typeof RHO_BSM | typeof RHO_BLACK76;

// Slots, in the order of BS_GREEK_NAMES (checked by a test).
const PRICE = 0;
const DELTA = 1;
const GAMMA = 2;
const VEGA = 3;
const THETA = 4;
const RHO = 5;
const PHI = 6;
const VANNA = 7;
const VOLGA = 8;
const CHARM = 9;
const SPEED = 10;
const COLOR = 11;
const ZOMMA = 12;
const ULTIMA = 13;
const VETA = 14;
const DUAL_DELTA = 15;
const DUAL_GAMMA = 16;

/**
 * Writes price and all greeks of one option into `out[0..16]` (slot order of BS_GREEK_NAMES).
 *
 * @param w      +1 call, -1 put
 * @param S      spot (or forward for Black-76), > 0
 * @param K      strike, > 0
 * @param T      expiry in years, >= 0
 * @param r      continuously compounded rate
 * @param q      continuous dividend yield (= r for Black-76)
 * @param sigma  lognormal volatility, > 0
 * @param rhoMode RHO_BSM or RHO_BLACK76
 * @param firstOrderOnly write only price, delta, vega, theta, rho, phi and dualDelta (the other
 *   slots are left untouched): the batch path when nothing else is selected. Each slot written
 *   is computed by the same expression either way, so it is bit-for-bit the full kernel's value.
 */
export function greeksKernel(
  w: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  sigma: number,
  rhoMode: RhoMode,
  out: Float64Array,
  firstOrderOnly = false,
): void {
  if (T === 0) {
    expiredGreeks(w, S, K, out);
    return;
  }
  const sqrtT = Math.sqrt(T);
  const vst = sigma * sqrtT;
  const dr = Math.exp(-r * T);
  const dq = Math.exp(-q * T);
  const b = r - q;

  let lnSK = Math.log(S / K);
  if (!Number.isFinite(lnSK)) lnSK = Math.log(S) - Math.log(K);
  const lnFK = lnSK + b * T;

  // d1, d2; σ√T = 0 (underflow) is the zero-vol limit, σ√T = ∞ makes d1 = +∞, d2 = -∞.
  let d1: number;
  let d2: number;
  const degenerate = !(vst > 0);
  if (degenerate) {
    d1 = d2 = lnFK > 0 ? Infinity : lnFK < 0 ? -Infinity : 0;
  } else if (vst === Infinity) {
    d1 = Infinity;
    d2 = -Infinity;
  } else {
    d1 = lnFK / vst + 0.5 * vst;
    d2 = d1 - vst;
  }

  const sdq = S * dq;
  const kdr = K * dr;
  // One exponential for n(d1), N(w·d1) and N(w·d2): F·n(d1) = K·n(d2) (F = S·e^{-qT}, K·e^{-rT}
  // discounted alike), and in a tail N(y) = n(y)·R(y) with core's exponential-free ratio R.
  const n1 = degenerate ? 0 : normPdf(d1);
  const n2s = (n1 * sdq) / kdr; // n(d2), used only when it is a normal double below 0.4
  let nw1 = 0;
  let nw2 = 0;
  if (n1 > SHARED_MIN && n2s > SHARED_MIN && n2s < 0.4) {
    // One loop body, so V8 inlines the tail ratio and normCdf once (its inlining budget).
    for (let j = 0; j < 2; j++) {
      const y = j === 0 ? w * d1 : w * d2;
      const a = y < 0 ? y : -y;
      let c: number;
      if (a < -CENTRAL) {
        const p = (j === 0 ? n1 : n2s) * normCdfTailRatio(a);
        c = y < 0 ? p : 1 - p;
      } else {
        c = normCdf(y);
      }
      if (j === 0) nw1 = c;
      else nw2 = c;
    }
  } else {
    // A density near underflow (or a discount factor that over/underflowed): direct forms.
    nw1 = normCdf(w * d1);
    nw2 = normCdf(w * d2);
  }

  // Rounding can leave a deep out-of-the-money value at -1 ulp; a price is never negative.
  const raw = w * (sdq * nw1 - kdr * nw2);
  const price = raw > 0 ? raw : 0;
  out[PRICE] = price;
  // `+ 0` turns the -0 of a put whose N(w·d) underflowed into +0 (exact otherwise).
  out[DELTA] = w * dq * nw1 + 0;
  out[DUAL_DELTA] = -w * dr * nw2 + 0;
  out[RHO] = (rhoMode === RHO_BSM ? w * T * kdr * nw2 : -T * price) + 0;
  out[PHI] = -w * T * sdq * nw1 + 0;

  // Carry term of theta (the only part without a density).
  const thetaCarry = -w * r * kdr * nw2 + w * q * sdq * nw1;
  if (firstOrderOnly) {
    // Same expressions as below, without n(d2) and the second/third-order terms.
    if (n1 === 0) {
      out[VEGA] = 0;
      out[THETA] = thetaCarry;
    } else {
      out[VEGA] = sdq * n1 * sqrtT;
      out[THETA] = (-sdq * n1 * sigma) / (2 * sqrtT) + thetaCarry;
    }
    return;
  }
  const n2 = degenerate ? 0 : normPdf(d2);
  // Carry term of charm.
  const charmCarry = w * q * dq * nw1;

  out[DUAL_GAMMA] = n2 === 0 ? 0 : (dr * n2) / (K * vst);

  if (n1 === 0) {
    // Density underflow: every term carrying n(d1) is exactly 0 (avoid 0·∞ = NaN).
    out[GAMMA] = 0;
    out[VEGA] = 0;
    out[THETA] = thetaCarry;
    out[VANNA] = 0;
    out[VOLGA] = 0;
    out[CHARM] = charmCarry;
    out[SPEED] = 0;
    out[COLOR] = 0;
    out[ZOMMA] = 0;
    out[ULTIMA] = 0;
    out[VETA] = 0;
    return;
  }

  const dqn1 = dq * n1;
  const gamma = dqn1 / (S * vst);
  const vega = sdq * n1 * sqrtT;
  const d1d2 = d1 * d2;
  const dd1dT = b / vst - d2 / (2 * T); // ∂d1/∂T
  const half = 1 / (2 * T);

  out[GAMMA] = gamma;
  out[VEGA] = vega;
  out[THETA] = (-sdq * n1 * sigma) / (2 * sqrtT) + thetaCarry;
  out[VANNA] = (-dqn1 * d2) / sigma;
  out[VOLGA] = (vega * d1d2) / sigma;
  out[CHARM] = charmCarry - dqn1 * dd1dT;
  out[SPEED] = (-gamma / S) * (1 + d1 / vst);
  out[COLOR] = gamma * (q + half + d1 * dd1dT);
  out[ZOMMA] = (gamma * (d1d2 - 1)) / sigma;
  out[ULTIMA] = (-vega / (sigma * sigma)) * (d1d2 * (1 - d1d2) + d1 * d1 + d2 * d2);
  out[VETA] = vega * (q + d1 * dd1dT - half);
}

/** Below this a density is (near) subnormal and n·R loses relative precision. */
const SHARED_MIN = 1e-290;
/** Cody's central range |y| <= 0.66291, where normCdf is a rational without an exponential. */
const CENTRAL = 0.66291;

/** expiry = 0: intrinsic value; delta/dualDelta from the payoff (1/2 at the kink); the rest 0. */
function expiredGreeks(w: number, S: number, K: number, out: Float64Array): void {
  const payoff = w * (S - K);
  const itm = w * S > w * K ? 1 : S === K ? 0.5 : 0;
  out.fill(0, 0, 17);
  out[PRICE] = payoff > 0 ? payoff : 0;
  out[DELTA] = w * itm + 0;
  out[DUAL_DELTA] = -w * itm + 0;
}
