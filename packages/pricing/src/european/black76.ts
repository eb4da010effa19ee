import { optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import { blackFormula, logRatio } from './normalised-black';
import type { Black76Input } from './types';

/**
 * Black (1976) price of a European option on a forward:
 *   call = D [F N(d1) - K N(d2)],  put = D [K N(-d2) - F N(-d1)],
 *   d1 = ln(F/K)/s + s/2,  d2 = d1 - s,  s = σ√T,  D = e^{-rT}.
 * `expiry = 0` gives the intrinsic value max(w(F - K), 0).
 *
 * @throws InvalidInputError naming the field for NaN, ±Infinity, forward/strike/vol <= 0,
 *   expiry < 0 or an unknown type.
 */
export function black76Price(input: Black76Input): number {
  requireObject('input', input);
  const w = optionSign(requireOptionType('type', input.type));
  const forward = requirePositive('forward', input.forward);
  const strike = requirePositive('strike', input.strike);
  const expiry = requireNonNegative('expiry', input.expiry);
  const rate = requireFinite('rate', input.rate);
  const vol = requirePositive('vol', input.vol);
  return black76PriceKernel(w, forward, strike, expiry, rate, vol);
}

/**
 * Unchecked Black-76 kernel shared by the scalar and batch forms; `w` = +1 call, -1 put.
 * D·{@link blackFormula}: the textbook form, or D·√(FK)·b(ln(F/K), σ√T, w) with the normalised
 * Black function where the textbook terms cancel.
 */
export function black76PriceKernel(w: number, forward: number, strike: number, expiry: number, rate: number, vol: number): number {
  const discount = Math.exp(-rate * expiry);
  const stdDev = vol * Math.sqrt(expiry);
  if (!(stdDev > 0)) return discount * Math.max(w * (forward - strike), 0);
  if (stdDev === Infinity) return discount * (w === 1 ? forward : strike); // infinite-variance limit
  return discount * blackFormula(w, forward, strike, logRatio(forward, strike), stdDev);
}
