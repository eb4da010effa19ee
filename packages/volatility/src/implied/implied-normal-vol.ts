/**
 * Bachelier (normal) implied volatility by P. Jäckel, "Implied Normal Volatility" (Wilmott 2017):
 * with x = -|F-K|/(σ√T) the out-of-the-money time value is v = |F-K|·(-φ̃(x)), φ̃(x) = Φ(x) + φ(x)/x.
 * A rational approximation gives x̄ ≈ φ̃⁻¹(φ̃*) (eq. 10-12 of the paper, two regions split at
 * φ̃_c = -0.001882039271), and one Householder(3) step (eq. 13-14) makes it exact to machine
 * precision: σ = |F-K|/(|x*|·√T).
 */
import {
  erfcx,
  optionSign,
  requireFinite,
  requireNonNegative,
  requireObject,
  requireOptionType,
} from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { KernelCode, intrinsicTolerance, throwForCode } from './kernel';

export interface ImpliedNormalVolInput {
  type: OptionType;
  /** Present value of the option (currency units). */
  price: number;
  /** Any finite forward (may be zero or negative under Bachelier). */
  forward: number;
  /** Any finite strike. */
  strike: number;
  /** Years. */
  expiry: number;
  /** Continuously compounded discount rate. */
  rate: number;
}

const ONE_OVER_SQRT_TWO = Math.SQRT1_2;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
const SQRT_TWO_PI = 2.506628274631000502415765284811045253006986740610;
const SQRT_PI_OVER_TWO = 1.253314137315500251207882642405522626503493370305;
const PHI_TILDE_C = -0.001882039271;
const LN_SQRT_TWO_PI = 0.91893853320467274178032973640561763986139747363778;

/** The inverse of φ̃ for φ̃* < 0 (Jäckel 2017): rational guess plus one Householder(3) step. */
function inversePhiTilde(phiTildeStar: number): number {
  let xBar: number;
  if (phiTildeStar < PHI_TILDE_C) {
    // Region of small |x|: x̄ = g·(1/√(2π) + ξ̄·g²), g = 1/(φ̃* - ½).
    const g = 1 / (phiTildeStar - 0.5);
    const g2 = g * g;
    const xiBar =
      (0.032114372355 - g2 * (0.016969777977 - g2 * (2.6207332461e-3 - 9.6066952861e-5 * g2))) /
      (1 - g2 * (0.6635646938 - g2 * (0.14528712196 - 0.010472855461 * g2)));
    xBar = g * (ONE_OVER_SQRT_TWO_PI + xiBar * g2);
  } else {
    // Region of large |x|: a rational function of h = √(-ln(-φ̃*)).
    const h = Math.sqrt(-Math.log(-phiTildeStar));
    xBar =
      (9.4883409779 - h * (9.6320903635 - h * (0.58556997323 + 2.1464093351 * h))) /
      (1 - h * (0.65174820867 + h * (1.5120247828 + 6.6437847132e-5 * h)));
  }
  // q = (φ̃(x̄) - φ̃*)/φ(x̄), with φ̃/φ = Φ/φ + 1/x = √(π/2)·erfcx(-x/√2) + 1/x (no underflow).
  // φ̃*/φ(x̄) = -exp(ln(-φ̃*) + x̄²/2 + ln√(2π)), formed in logs against overflow.
  const q = SQRT_PI_OVER_TWO * erfcx(-ONE_OVER_SQRT_TWO * xBar) + 1 / xBar + Math.exp(Math.log(-phiTildeStar) + 0.5 * xBar * xBar + LN_SQRT_TWO_PI);
  const x2 = xBar * xBar;
  const qx = q * xBar;
  return xBar + (3 * q * x2 * (2 - qx * (2 + x2))) / (6 + qx * (-12 + xBar * (6 * q + xBar * (-6 + qx * (3 + x2)))));
}

/** Bachelier kernel (shared by scalar and batch): the normal vol, or a negative KernelCode. */
export function bachelierKernel(w: number, price: number, forward: number, strike: number, expiry: number, rate: number): number {
  if (
    (w !== 1 && w !== -1) ||
    !Number.isFinite(price) ||
    !Number.isFinite(forward) ||
    !Number.isFinite(strike) ||
    !(expiry >= 0 && expiry < Infinity) ||
    !Number.isFinite(rate)
  ) {
    return KernelCode.InvalidInput;
  }
  const p = price * Math.exp(rate * expiry);
  if (!Number.isFinite(p)) return KernelCode.InvalidInput;
  if (p < 0) return KernelCode.NegativePrice;
  const diff = forward - strike;
  const intrinsic = Math.max(w * diff, 0);
  if (p < intrinsic - intrinsicTolerance(forward, strike)) return KernelCode.BelowIntrinsic;
  if (expiry === 0) return KernelCode.ZeroExpiry;
  if (p <= intrinsic) return 0;
  const sqrtT = Math.sqrt(expiry);
  const absDiff = Math.abs(diff);
  // In the money → out of the money (put-call parity C - P = F - K): the time value is the same.
  const timeValue = p - intrinsic;
  // (Near) the money, v = σ√T·φ(0) - |F-K|/2 + O((F-K)²/(σ√T)): exact in double once
  // |F-K| ≤ 1e-8·v, and it avoids φ̃* = -v/|F-K| overflowing.
  if (absDiff <= 1e-8 * timeValue) return ((timeValue + 0.5 * absDiff) * SQRT_TWO_PI) / sqrtT;
  const xStar = inversePhiTilde(-timeValue / absDiff);
  return absDiff / (Math.abs(xStar) * sqrtT);
}

/**
 * The Bachelier (normal) volatility, in price units per √year, that reproduces `price` (present
 * value; undiscounted with e^{rT}). No upper bound exists under Bachelier. Throws
 * `NoSolutionError` `'negative-price'`, `'below-intrinsic'` (below e^{-rT}·max(θ(F-K),0)) or
 * `'zero-expiry'`; `InvalidInputError` for NaN/±∞, expiry < 0 or an unknown type. A price at the
 * intrinsic value returns 0.
 */
export function impliedNormalVol(input: ImpliedNormalVolInput): number {
  const o = requireObject('input', input);
  const type = requireOptionType('type', o.type);
  const price = requireFinite('price', o.price);
  const forward = requireFinite('forward', o.forward);
  const strike = requireFinite('strike', o.strike);
  const expiry = requireNonNegative('expiry', o.expiry);
  const rate = requireFinite('rate', o.rate);
  const w = optionSign(type);
  const vol = bachelierKernel(w, price, forward, strike, expiry, rate);
  if (vol >= 0) return vol;
  const df = Math.exp(-rate * expiry);
  return throwForCode(vol, price, df * Math.max(w * (forward - strike), 0), Infinity, 'rate');
}
