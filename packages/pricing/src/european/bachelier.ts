import { normCdf, normPdf, optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import type { BachelierInput } from './types';

/**
 * Bachelier (normal-model) price of a European option on a forward:
 *   price = D [w (F - K) N(w d) + s n(d)],  d = (F - K)/s,  s = σ√T,  D = e^{-rT},
 * with σ the absolute (price-unit) volatility. Forward and strike may be zero or negative.
 * `expiry = 0` gives the intrinsic value max(w(F - K), 0).
 *
 * @throws InvalidInputError naming the field for NaN, ±Infinity, vol <= 0, expiry < 0 or an
 *   unknown type.
 */
export function bachelierPrice(input: BachelierInput): number {
  requireObject('input', input);
  const w = optionSign(requireOptionType('type', input.type));
  const forward = requireFinite('forward', input.forward);
  const strike = requireFinite('strike', input.strike);
  const expiry = requireNonNegative('expiry', input.expiry);
  const rate = requireFinite('rate', input.rate);
  const vol = requirePositive('vol', input.vol);
  return bachelierPriceKernel(w, forward, strike, expiry, rate, vol);
}

/** Unchecked Bachelier kernel shared by the scalar and batch forms; `w` = +1 call, -1 put. */
export function bachelierPriceKernel(w: number, forward: number, strike: number, expiry: number, rate: number, vol: number): number {
  const discount = Math.exp(-rate * expiry);
  const stdDev = vol * Math.sqrt(expiry);
  const intrinsic = w * (forward - strike);
  if (!(stdDev > 0)) return discount * Math.max(intrinsic, 0);
  // w(F-K)N(wd) + s n(d) = s [d N(d) + n(d)] with d taken on the option's side.
  const price = discount * stdDev * normalisedBachelier(intrinsic / stdDev);
  return price > 0 ? price : 0;
}

/**
 * h(d) = d N(d) + n(d), the undiscounted Bachelier price per unit stdDev.
 * For d << 0 the two terms cancel (h ~ n(d)/d²), so below d = -15 use the asymptotic series
 * h(d) = n(d)/d² Σ_k (-1)^k (2k+1)!! / d^{2k} (from the Laplace expansion of the Mills ratio,
 * Abramowitz & Stegun 26.2.12), which converges to double precision well before its terms grow.
 * Above -15 the direct form loses at most log10(d²) ≈ 2.4 digits.
 */
export function normalisedBachelier(d: number): number {
  if (d >= -15) return d * normCdf(d) + normPdf(d);
  const invD2 = 1 / (d * d);
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 40; k++) {
    term *= -(2 * k + 1) * invD2;
    sum += term;
    if (Math.abs(term) < 1e-17 * sum) break;
  }
  return normPdf(d) * invD2 * sum;
}
