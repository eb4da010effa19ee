/**
 * American implied volatility: inverts the Andersen-Lake-Offengenden fixed-point pricer
 * (@quantforge/pricing `americanPrice`, method 'fixed-point') by a safeguarded Newton iteration on
 * the vol with the engine's vega, inside a bracket that every evaluation tightens (bisection when
 * a Newton step leaves it, so it always converges). Iterates with the 'fast' scheme, then polishes
 * with Newton steps of the requested scheme (default 'accurate'). Starting guess: the European
 * implied vol of the price minus the QD+ early-exercise premium (QuantLib's route, issue #683,
 * is FD + Brent at ~2 ms per quote).
 */
import {
  ConvergenceError,
  InvalidInputError,
  NoSolutionError,
  optionSign,
  optionalFinite,
  requireFinite,
  requireObject,
  requireOptionType,
  requirePositive,
} from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { americanPrice, bsPriceKernel } from '@quantforge/pricing';
import { bsmKernel } from '../implied/kernel';

export interface AmericanImpliedVolInput {
  type: OptionType;
  /** Present value of the American option (currency units). */
  price: number;
  spot: number;
  strike: number;
  /** Years, > 0. */
  expiry: number;
  /** Continuously compounded. */
  rate: number;
  /** Continuously compounded; defaults to 0. */
  dividendYield?: number;
}

export interface AmericanImpliedVolOptions {
  /** Scheme of the final polish (default 'accurate', the `americanPrice` default). */
  scheme?: 'fast' | 'accurate' | 'high-precision';
  /** Absolute tolerance on the vol (default 1e-10). */
  tolerance?: number;
}

const VOL_MIN = 1e-4;
const VOL_MAX = 20;
const MAX_ITER = 60;

/**
 * The volatility at which the American price (fixed-point engine) equals `price`.
 * @throws NoSolutionError 'below-intrinsic' when price <= max(w(S - K), 0) (at intrinsic the vol is
 *   not unique: a deep in-the-money put is worth K - S for a range of vols), 'above-upper-bound'
 *   when price >= S (call) or K (put), or when even vol = 20 does not reach the price.
 * @example americanImpliedVol({ type: 'put', price: 6.5, spot: 100, strike: 100, expiry: 1, rate: 0.05 })
 */
export function americanImpliedVol(input: AmericanImpliedVolInput, options: AmericanImpliedVolOptions = {}): number {
  const o = requireObject('input', input);
  const type = requireOptionType('type', o.type);
  const price = requireFinite('price', o.price);
  const spot = requirePositive('spot', o.spot);
  const strike = requirePositive('strike', o.strike);
  const expiry = requirePositive('expiry', o.expiry);
  const rate = requireFinite('rate', o.rate);
  const dividendYield = optionalFinite('dividendYield', o.dividendYield, 0);
  const scheme = options.scheme ?? 'accurate';
  if (scheme !== 'fast' && scheme !== 'accurate' && scheme !== 'high-precision') {
    throw new InvalidInputError('options.scheme', "must be 'fast', 'accurate' or 'high-precision'", scheme);
  }
  const tol = options.tolerance === undefined ? 1e-10 : requirePositive('options.tolerance', options.tolerance);
  const w = optionSign(type);
  const intrinsic = Math.max(w * (spot - strike), 0);
  const upper = w === 1 ? spot : strike;
  if (!(price > intrinsic)) {
    throw new NoSolutionError('below-intrinsic', `price ${price} is not above the American intrinsic value ${intrinsic}; an American option is worth at least max(w(S - K), 0)`);
  }
  if (!(price < upper)) {
    throw new NoSolutionError('above-upper-bound', `price ${price} is not below the upper bound ${upper} (${w === 1 ? 'the spot' : 'the strike'})`);
  }
  const base = { type, spot, strike, expiry, rate, dividendYield };
  const evaluate = (vol: number, s: 'fast' | 'accurate' | 'high-precision') => {
    const r = americanPrice({ ...base, vol }, { method: 'fixed-point', scheme: s });
    return { f: r.price - price, vega: r.vega };
  };

  // Starting guess: European implied vol of the price less the QD+ premium at the European vol.
  let guess = bsmKernel(w, price, spot, strike, expiry, rate, dividendYield);
  if (!(guess > 0)) guess = 0.3;
  const qd = americanPrice({ ...base, vol: guess }, { method: 'qdplus' });
  const euro = price - (qd.price - bsPriceKernel(w, spot, strike, expiry, rate, dividendYield, guess));
  const refined = bsmKernel(w, euro, spot, strike, expiry, rate, dividendYield);
  let x = Math.min(Math.max(refined > 0 ? refined : guess, VOL_MIN), VOL_MAX);

  let lo = VOL_MIN;
  let hi = VOL_MAX;
  let loKnown = false;
  let hiKnown = false;
  let s: 'fast' | 'accurate' | 'high-precision' = 'fast';
  let polishing = scheme === 'fast';
  for (let iter = 0; iter < MAX_ITER; iter++) {
    const { f, vega } = evaluate(x, s);
    if (f > 0) {
      hi = x;
      hiKnown = true;
    } else {
      lo = x;
      loKnown = true;
    }
    let next = f === 0 ? x : vega > 0 ? x - f / vega : NaN;
    if (!(next >= lo && next <= hi)) {
      if (!hiKnown) next = Math.min(2 * x, VOL_MAX);
      else if (!loKnown) next = Math.max(0.5 * x, VOL_MIN);
      else next = 0.5 * (lo + hi);
      if (next === x) {
        if (!hiKnown) throw new NoSolutionError('above-upper-bound', `price ${price} is above the American price at vol = ${VOL_MAX}`);
        throw new NoSolutionError('below-intrinsic', `price ${price} is below the American price at vol = ${VOL_MIN}; it is too close to intrinsic to imply a vol`);
      }
    }
    const step = Math.abs(next - x);
    x = next;
    if (step <= tol) {
      if (polishing) return x;
      // Switch from the fast scheme to the requested one; the bracket stays valid only approximately,
      // so reopen it around the current iterate.
      polishing = true;
      s = scheme;
      lo = Math.max(VOL_MIN, x - 0.05);
      hi = Math.min(VOL_MAX, x + 0.05);
      loKnown = hiKnown = false;
    }
  }
  throw new ConvergenceError(`americanImpliedVol did not converge in ${MAX_ITER} iterations`, MAX_ITER);
}
