import { optionalFinite, optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import { blackFormula, logRatio } from './normalised-black';
import type { BsInput } from './types';

/**
 * Generalised Black-Scholes-Merton price (Merton 1973; Haug 2007, §1.1.6):
 *   call = S e^{-qT} N(d1) - K e^{-rT} N(d2),  put = K e^{-rT} N(-d2) - S e^{-qT} N(-d1),
 *   d1 = (ln(S/K) + (r - q + σ²/2) T) / (σ√T),  d2 = d1 - σ√T.
 * `expiry = 0` gives the intrinsic value max(w(S - K), 0).
 *
 * @throws InvalidInputError naming the field for NaN, ±Infinity, spot/strike/vol <= 0,
 *   expiry < 0 or an unknown type.
 */
export function bsPrice(input: BsInput): number {
  requireObject('input', input);
  const w = optionSign(requireOptionType('type', input.type));
  const spot = requirePositive('spot', input.spot);
  const strike = requirePositive('strike', input.strike);
  const expiry = requireNonNegative('expiry', input.expiry);
  const rate = requireFinite('rate', input.rate);
  const dividendYield = optionalFinite('dividendYield', input.dividendYield, 0);
  const vol = requirePositive('vol', input.vol);
  return bsPriceKernel(w, spot, strike, expiry, rate, dividendYield, vol);
}

/**
 * The unchecked BSM kernel shared by the scalar and the batch form (so both agree bit for bit).
 * `w` is +1 for a call, -1 for a put. Inputs must already be valid.
 *
 * The price is {@link blackFormula} on the discounted spot and strike: the textbook form
 * w·(S e^{-qT} N(w d1) - K e^{-rT} N(w d2)) where its two terms do not cancel, and
 * e^{-rT}·√(FK)·b(ln(F/K), σ√T, w) with Jäckel's normalised Black function where they do (deep
 * out of the money, short expiries, small vols), so an out-of-the-money price keeps its relative
 * precision.
 */
export function bsPriceKernel(w: number, spot: number, strike: number, expiry: number, rate: number, dividendYield: number, vol: number): number {
  const stdDev = vol * Math.sqrt(expiry);
  if (!(stdDev > 0)) {
    // Zero time (or a stdDev that underflowed): the payoff on the forward, discounted.
    const forwardValue = spot * Math.exp(-dividendYield * expiry) - strike * Math.exp(-rate * expiry);
    return Math.max(w * forwardValue, 0);
  }
  if (stdDev === Infinity) {
    // σ√T overflowed: the limit of infinite variance, where N(d1) -> 1 and N(d2) -> 0.
    return w === 1 ? spot * Math.exp(-dividendYield * expiry) : strike * Math.exp(-rate * expiry);
  }
  // ln(F/K) = ln(S/K) + (r - q)T, formed directly so F itself is never rounded.
  const logMoneyness = logRatio(spot, strike) + (rate - dividendYield) * expiry;
  return blackFormula(w, spot * Math.exp(-dividendYield * expiry), strike * Math.exp(-rate * expiry), logMoneyness, stdDev);
}
