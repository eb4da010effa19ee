/**
 * Black-Scholes-Merton implied (lognormal) volatility by Let's Be Rational (Jäckel 2015/2016):
 * F = S·e^{(r-q)T}, undiscounted price p = price·e^{rT}, x = ln(F/K), β = p/√(FK).
 */
import {
  optionSign,
  optionalFinite,
  requireFinite,
  requireNonNegative,
  requireObject,
  requireOptionType,
  requirePositive,
} from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { bsmKernel, throwForCode } from './kernel';

export interface ImpliedVolInput {
  type: OptionType;
  /** Present value of the option (currency units). */
  price: number;
  spot: number;
  strike: number;
  /** Years. */
  expiry: number;
  /** Continuously compounded. */
  rate: number;
  /** Continuously compounded; defaults to 0. */
  dividendYield?: number;
}

/**
 * The BSM lognormal volatility that reproduces `price`, to full double precision (at most two
 * Householder(3) iterations of Let's Be Rational).
 *
 * - A price exactly at the lower bound max(S e^{-qT} - K e^{-rT}, 0) (mirrored for puts) returns 0.
 * - Throws `NoSolutionError` with code `'negative-price'`, `'below-intrinsic'` (price below that
 *   lower bound), `'above-upper-bound'` (price ≥ S e^{-qT} for calls, K e^{-rT} for puts) or
 *   `'zero-expiry'` (expiry 0 with a price inside the bounds: the vol is undetermined).
 * - Throws `InvalidInputError` naming the field for NaN/±∞, spot or strike ≤ 0, expiry < 0, or an
 *   unknown type.
 *
 * @example impliedVol({ type: 'call', price: 10.4506, spot: 100, strike: 100, expiry: 1, rate: 0.05 }) // ≈ 0.2
 */
export function impliedVol(input: ImpliedVolInput): number {
  const o = requireObject('input', input);
  const type = requireOptionType('type', o.type);
  const price = requireFinite('price', o.price);
  const spot = requirePositive('spot', o.spot);
  const strike = requirePositive('strike', o.strike);
  const expiry = requireNonNegative('expiry', o.expiry);
  const rate = requireFinite('rate', o.rate);
  const dividendYield = optionalFinite('dividendYield', o.dividendYield, 0);
  const w = optionSign(type);
  const vol = bsmKernel(w, price, spot, strike, expiry, rate, dividendYield);
  if (vol >= 0) return vol;
  const discountedSpot = spot * Math.exp(-dividendYield * expiry);
  const discountedStrike = strike * Math.exp(-rate * expiry);
  const lower = Math.max(w * (discountedSpot - discountedStrike), 0);
  const upper = w > 0 ? discountedSpot : discountedStrike;
  return throwForCode(vol, price, lower, upper);
}
