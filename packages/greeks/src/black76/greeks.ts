import { optionSign, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { greeksKernel, RHO_BLACK76 } from '../kernel/generalized';
import { SLOT_COUNT } from '../greek-names';

/** Input of {@link black76Greeks}: a European option on a forward or futures price. */
export interface Black76GreeksInput {
  type: OptionType;
  /** Forward (futures) price, > 0. */
  forward: number;
  /** Strike, > 0. */
  strike: number;
  /** Time to expiry in years, >= 0 (0 = expired). */
  expiry: number;
  /** Continuously compounded discount rate (annual decimal). */
  rate: number;
  /** Lognormal volatility of the forward (annual decimal), > 0. */
  vol: number;
}

/**
 * Black-76 price and greeks, raw partial derivatives on the forward F, with F held fixed for
 * every derivative in another variable. There is no `phi` (no dividend yield).
 */
export interface Black76Greeks {
  /** Option value V = e^{-rT}·w·(F·N(w·d1) - K·N(w·d2)). */
  price: number;
  /** dV/dF. */
  delta: number;
  /** d²V/dF². */
  gamma: number;
  /** dV/dvol per 1.00 of vol. */
  vega: number;
  /** -dV/dT (F fixed). */
  theta: number;
  /** dV/drate with F fixed: -T·V. */
  rho: number;
  /** d²V/dF dvol. */
  vanna: number;
  /** d²V/dvol². */
  volga: number;
  /** -d(delta)/dT. */
  charm: number;
  /** d³V/dF³. */
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
 * Black-76 price and greeks to third order (Haug 2007, §1.1.6 with b = 0, and §2.1–2.3).
 * Computed by the generalized BSM kernel with S = F and q = r, so they agree with
 * {@link bsGreeks} on that input except `rho`, which holds F (not q) fixed.
 *
 * expiry = 0: `price` = max(w·(F - K), 0), `delta` = w·1{wF > wK}, `dualDelta` = -w·1{wF > wK}
 * (indicator 1/2 at F = K), every other greek 0.
 *
 * @throws InvalidInputError naming the field: `type`; `forward`, `strike`, `vol` not finite and
 *   > 0; `expiry` not finite and >= 0; `rate` not finite.
 */
export function black76Greeks(input: Black76GreeksInput): Black76Greeks {
  const o = requireObject('input', input);
  const w = optionSign(requireOptionType('type', o.type));
  const forward = requirePositive('forward', o.forward);
  const strike = requirePositive('strike', o.strike);
  const expiry = requireNonNegative('expiry', o.expiry);
  const rate = requireFinite('rate', o.rate);
  const vol = requirePositive('vol', o.vol);
  const s = new Float64Array(SLOT_COUNT);
  greeksKernel(w, forward, strike, expiry, rate, rate, vol, RHO_BLACK76, s);
  return {
    price: s[0],
    delta: s[1],
    gamma: s[2],
    vega: s[3],
    theta: s[4],
    rho: s[5],
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
