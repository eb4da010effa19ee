/**
 * American implied volatility: inverts the Andersen-Lake-Offengenden fixed-point pricer
 * (@quantforge/pricing, method 'fixed-point', the `americanPrice` default).
 * Fast path (pricing's `fixedPointImpliedVol`): the root of the 'fast' scheme's fixed point, then
 * the requested preset seeded from its boundary; every evaluation takes a Newton step on the
 * collocated boundary (its Jacobian comes with the analytic vega) as well as on σ, later ones chord
 * steps with the stored factors — about one cold engine run per quote. It solves for the
 * converged fixed point to ~1e-9 in σ, so the recovered vol reprices with `americanPrice` to that
 * engine's accuracy (~1e-6; measured within 2.9e-7 beyond the engine's own error).
 * Fallback (tiny expiries, no usable vega, the 'fast' scheme itself): a safeguarded secant
 * iteration on whole engine runs inside a bracket that every evaluation tightens (bisection when
 * a step leaves it, so it always converges), started from the European implied vol of the price
 * less the early-exercise premium. QuantLib's route (issue #683) is FD + Brent at ~2-6 ms a quote.
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
import { americanValuation, bsPriceKernel, fixedPointImpliedVol } from '@quantforge/pricing';
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
  /** Fixed-point scheme of every evaluation (default 'accurate', the `americanPrice` default). */
  scheme?: 'fast' | 'accurate' | 'high-precision';
  /**
   * Absolute tolerance on the vol (default 1e-10). The fixed-point fast path stops at
   * max(tolerance, 1e-9): 1e-9 in σ is at most 4e-8 in price, below the engine's own error (~3e-7).
   */
  tolerance?: number;
}

const FAST = { method: 'fixed-point', scheme: 'fast' } as const;

/** Black-Scholes-Merton vega ∂P/∂σ = S e^{-qT} φ(d₁) √T. */
function europeanVega(S: number, K: number, T: number, r: number, q: number, vol: number): number {
  const sd = vol * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q) * T) / sd + 0.5 * sd;
  return S * Math.exp(-q * T - 0.5 * d1 * d1) * 0.3989422804014327 * Math.sqrt(T);
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
  const base = { type, spot, strike, expiry, rate, dividendYield, vol: 0 };
  const engineOptions = { method: 'fixed-point', scheme } as const;
  const evaluate = (vol: number): number => {
    base.vol = vol;
    return americanValuation(base, engineOptions).price - price;
  };
  const clamp = (v: number): number => Math.min(Math.max(v, VOL_MIN), VOL_MAX);

  let lo = VOL_MIN;
  let hi = VOL_MAX;
  let loKnown = false;
  let hiKnown = false;
  const bracket = (v: number, f: number): void => {
    if (f > 0) {
      if (v < hi || !hiKnown) hi = v;
      hiKnown = true;
    } else {
      if (v > lo || !loKnown) lo = v;
      loKnown = true;
    }
  };

  // x0: European implied vol of the price (or 0.3 when the price is beyond the European bounds).
  const euro0 = bsmKernel(w, price, spot, strike, expiry, rate, dividendYield);
  let x = clamp(euro0 > 0 ? euro0 : 0.3);
  // The fast route (warm-started fixed point + analytic vega); NaN sends us to the bracketed solver.
  const quick = fixedPointImpliedVol(w, price, spot, strike, expiry, rate, dividendYield, x, tol, scheme);
  if (quick > VOL_MIN && quick < VOL_MAX) return quick;
  // x1: European implied vol of the price less the early-exercise premium at x0, the premium from
  // the 'fast' scheme (~5x cheaper; only the start depends on it, not the root).
  const premiumAt = (vol: number, price0: number): number => price0 - bsPriceKernel(w, spot, strike, expiry, rate, dividendYield, vol);
  let f = NaN;
  if (scheme !== 'fast') {
    base.vol = x;
    const euro1 = bsmKernel(w, price - premiumAt(x, americanValuation(base, FAST).price), spot, strike, expiry, rate, dividendYield);
    if (euro1 > 0) x = clamp(euro1);
  }
  f = evaluate(x);
  if (f === 0) return x;
  bracket(x, f);
  // First step: European vega at x (the premium's vega is small against it), or the European
  // implied vol of the price less the premium at x.
  let next = NaN;
  const vegaEu = europeanVega(spot, strike, expiry, rate, dividendYield, x);
  if (vegaEu > 1e-8 * spot) next = x - f / vegaEu;
  else {
    const euro2 = bsmKernel(w, price - premiumAt(x, f + price), spot, strike, expiry, rate, dividendYield);
    if (euro2 > 0) next = clamp(euro2);
  }
  let xPrev = NaN;
  let fPrev = NaN;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    if (iter > 0) {
      // Secant step on the last two evaluations.
      const slope = (f - fPrev) / (x - xPrev);
      next = slope > 0 && Number.isFinite(slope) ? x - f / slope : NaN;
    }
    if (!(next >= lo && next <= hi)) {
      // Outside the bracket (or no usable slope): expand or bisect.
      if (!hiKnown) next = Math.min(2 * x, VOL_MAX);
      else if (!loKnown) next = Math.max(0.5 * x, VOL_MIN);
      else next = 0.5 * (lo + hi);
      if (next === x) {
        if (!hiKnown) throw new NoSolutionError('above-upper-bound', `price ${price} is above the American price at vol = ${VOL_MAX}`);
        throw new NoSolutionError('below-intrinsic', `price ${price} is below the American price at vol = ${VOL_MIN}; it is too close to intrinsic to imply a vol`);
      }
    } else if (Math.abs(next - x) <= tol) {
      return next;
    }
    if (loKnown && hiKnown && hi - lo <= tol) return 0.5 * (lo + hi);
    const fNext = evaluate(next);
    if (fNext === 0) return next;
    bracket(next, fNext);
    xPrev = x;
    fPrev = f;
    x = next;
    f = fNext;
  }
  throw new ConvergenceError(`americanImpliedVol did not converge in ${MAX_ITER} iterations`, MAX_ITER);
}
