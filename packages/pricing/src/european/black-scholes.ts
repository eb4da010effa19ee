import { normCdf, optionalFinite, optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
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
 * The put and the call are each evaluated from their own N(±d) terms (never by parity) so an
 * out-of-the-money price keeps its relative precision: normCdf is accurate in the far tail.
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
  const logMoneyness = Math.log(spot / strike) + (rate - dividendYield) * expiry;
  const d1 = logMoneyness / stdDev + 0.5 * stdDev;
  const d2 = d1 - stdDev;
  const discountedSpot = spot * Math.exp(-dividendYield * expiry);
  const discountedStrike = strike * Math.exp(-rate * expiry);
  const price = w * (discountedSpot * normCdf(w * d1) - discountedStrike * normCdf(w * d2));
  // Rounding can leave a deep out-of-the-money price at -1 ulp of zero; a price is never negative.
  return price > 0 ? price : 0;
}
