import { optionalFinite, optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { greeksKernel, RHO_BSM } from '../kernel/generalized';
import { SLOT_COUNT } from '../greek-names';

/** Input of {@link bsGreeks}: a European option on a stock paying a continuous dividend yield. */
export interface BsGreeksInput {
  type: OptionType;
  /** Spot price, > 0. */
  spot: number;
  /** Strike, > 0. */
  strike: number;
  /** Time to expiry in years, >= 0 (0 = expired, see {@link bsGreeks}). */
  expiry: number;
  /** Continuously compounded risk-free rate (annual decimal). */
  rate: number;
  /** Continuous dividend yield (annual decimal); defaults to 0. */
  dividendYield?: number;
  /** Lognormal volatility (annual decimal, 0.2 = 20%), > 0. */
  vol: number;
}

/**
 * Black-Scholes-Merton price and greeks, all raw partial derivatives in the input units
 * (no per-day or per-1% scaling; see `toDeskGreeks` for desk units). T = expiry.
 */
export interface BsGreeks {
  /** Option value V. */
  price: number;
  /** dV/dS. */
  delta: number;
  /** d²V/dS². */
  gamma: number;
  /** dV/dvol per 1.00 of vol. */
  vega: number;
  /** -dV/dT: value change per year as calendar time passes. */
  theta: number;
  /** dV/drate (dividend yield held fixed). */
  rho: number;
  /** dV/ddividendYield. */
  phi: number;
  /** d²V/dS dvol. */
  vanna: number;
  /** d²V/dvol². */
  volga: number;
  /** -d(delta)/dT. */
  charm: number;
  /** d³V/dS³. */
  speed: number;
  /** -d(gamma)/dT. */
  color: number;
  /** d(gamma)/dvol. */
  zomma: number;
  /** d³V/dvol³. */
  ultima: number;
  /** -d(vega)/dT. */
  veta: number;
  /** dV/dK. */
  dualDelta: number;
  /** d²V/dK². */
  dualGamma: number;
}

/**
 * Black-Scholes-Merton price and greeks to third order (Haug 2007, §2.1–2.3), analytic, at full
 * double precision.
 *
 * expiry = 0 is an expired option: `price` = max(w·(S - K), 0), `delta` = w·1{wS > wK},
 * `dualDelta` = -w·1{wS > wK} with the indicator equal to 1/2 at S = K (the T → 0⁺ limit),
 * and every other greek 0 (no time value is left). Far from the money the density terms
 * underflow to exactly 0 rather than NaN.
 *
 * @throws InvalidInputError naming the field: `type` not 'call'/'put'; `spot`, `strike`, `vol`
 *   not finite and > 0; `expiry` not finite and >= 0; `rate`, `dividendYield` not finite.
 *
 * @example
 * const g = bsGreeks({ type: 'call', spot: 100, strike: 100, expiry: 0.5, rate: 0.03, vol: 0.2 });
 * g.delta; // ≈ 0.5701
 */
export function bsGreeks(input: BsGreeksInput): BsGreeks {
  const o = requireObject('input', input);
  const w = optionSign(requireOptionType('type', o.type));
  const spot = requirePositive('spot', o.spot);
  const strike = requirePositive('strike', o.strike);
  const expiry = requireNonNegative('expiry', o.expiry);
  const rate = requireFinite('rate', o.rate);
  const q = optionalFinite('dividendYield', o.dividendYield, 0);
  const vol = requirePositive('vol', o.vol);
  const s = new Float64Array(SLOT_COUNT);
  greeksKernel(w, spot, strike, expiry, rate, q, vol, RHO_BSM, s);
  return {
    price: s[0],
    delta: s[1],
    gamma: s[2],
    vega: s[3],
    theta: s[4],
    rho: s[5],
    phi: s[6],
    vanna: s[7],
    volga: s[8],
    charm: s[9],
    speed: s[10],
    color: s[11],
    zomma: s[12],
    ultima: s[13],
    veta: s[14],
    dualDelta: s[15],
    dualGamma: s[16],
  };
}
