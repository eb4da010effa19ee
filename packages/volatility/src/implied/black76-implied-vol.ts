/** Black-76 implied volatility (options on forwards/futures) by Let's Be Rational (Jäckel 2015/2016). */
import { optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { black76Kernel, throwForCode } from './kernel';

export interface Black76ImpliedVolInput {
  type: OptionType;
  /** Present value of the option (currency units). */
  price: number;
  forward: number;
  strike: number;
  /** Years. */
  expiry: number;
  /** Continuously compounded discount rate. */
  rate: number;
}

/**
 * The Black-76 lognormal volatility that reproduces `price` (present value; undiscounted with
 * e^{rT}). Bounds e^{-rT}·max(θ(F-K), 0) ≤ price < e^{-rT}·F (call) / e^{-rT}·K (put); errors and
 * the intrinsic-value convention as in `impliedVol`.
 */
export function black76ImpliedVol(input: Black76ImpliedVolInput): number {
  const o = requireObject('input', input);
  const type = requireOptionType('type', o.type);
  const price = requireFinite('price', o.price);
  const forward = requirePositive('forward', o.forward);
  const strike = requirePositive('strike', o.strike);
  const expiry = requireNonNegative('expiry', o.expiry);
  const rate = requireFinite('rate', o.rate);
  const w = optionSign(type);
  const vol = black76Kernel(w, price, forward, strike, expiry, rate);
  if (vol >= 0) return vol;
  const df = Math.exp(-rate * expiry);
  const lower = df * Math.max(w * (forward - strike), 0);
  const upper = df * (w > 0 ? forward : strike);
  return throwForCode(vol, price, lower, upper, 'rate');
}
