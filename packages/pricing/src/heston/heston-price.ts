import {
  InvalidInputError,
  optionSign,
  requireFinite,
  requireNonNegative,
  requireObject,
  requireOptionType,
  requirePositive,
} from '@quantforge/core';
import { logRatio, normalisedBlack } from '../european/normalised-black';
import { expectedTotalVariance, lewisIntegral } from './lewis-integral';
import type { HestonInput, HestonParameters } from './types';

/** Options of {@link hestonPrice}. */
export interface HestonPriceOptions {
  /**
   * Target absolute price accuracy relative to (F + K): the quadrature tolerance is
   * `accuracy·(F + K)`. Default 1e-13.
   */
  accuracy?: number;
}

/** Validates and returns the Heston parameters (v0, θ, κ, σ ≥ 0, ρ ∈ (-1, 1)). */
export function validateHestonParameters(input: HestonParameters): HestonParameters {
  const v0 = requireNonNegative('v0', input.v0);
  const kappa = requireNonNegative('kappa', input.kappa);
  const theta = requireNonNegative('theta', input.theta);
  const sigma = requireNonNegative('sigma', input.sigma);
  const rho = requireFinite('rho', input.rho);
  if (!(rho > -1 && rho < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
  return { v0, kappa, theta, sigma, rho };
}

/** Validated inputs in forward form. */
export interface HestonForwardProblem {
  w: 1 | -1;
  spot: number;
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  forward: number;
  discount: number;
  params: HestonParameters;
}

export function validateHestonInput(input: HestonInput): HestonForwardProblem {
  requireObject('input', input);
  const w = optionSign(requireOptionType('type', input.type));
  const spot = requirePositive('spot', input.spot);
  const strike = requirePositive('strike', input.strike);
  const expiry = requireNonNegative('expiry', input.expiry);
  const rate = requireFinite('rate', input.rate);
  const dividendYield = input.dividendYield === undefined ? 0 : requireFinite('dividendYield', input.dividendYield);
  const params = validateHestonParameters(input);
  const forward = spot * Math.exp((rate - dividendYield) * expiry);
  const discount = Math.exp(-rate * expiry);
  if (!(forward > 0 && Number.isFinite(forward))) {
    throw new InvalidInputError('expiry', 'forward spot·e^{(r-q)T} over- or underflows', forward);
  }
  return { w, spot, strike, expiry, rate, dividendYield, forward, discount, params };
}

/** Undiscounted Heston price in forward terms (the kernel of hestonPrice and the greeks). */
export function hestonUndiscounted(w: 1 | -1, F: number, K: number, T: number, p: HestonParameters, accuracy = 1e-13): number {
  const intrinsic = Math.max(w * (F - K), 0);
  if (T === 0) return intrinsic;
  const wBar = expectedTotalVariance(T, p.v0, p.kappa, p.theta);
  if (!(wBar > 0)) return intrinsic; // v ≡ 0 on [0, T]
  const x = logRatio(F, K);
  const sqFK = Math.sqrt(F * K);
  const bs = sqFK * normalisedBlack(x, Math.sqrt(wBar), w);
  if (p.sigma === 0) return bs;
  const tol = (accuracy * (F + K) * Math.PI) / sqFK;
  const corr = (sqFK / Math.PI) * lewisIntegral('price', x, T, p, wBar, 0, tol);
  // no-arbitrage bounds of the undiscounted price: intrinsic ≤ V ≤ F (call) or K (put)
  return Math.min(Math.max(bs + corr, intrinsic), w === 1 ? F : K);
}

/**
 * European option price under Heston (1993) stochastic volatility, semi-closed form: the Lewis
 * (2001) single integral with a Black-Scholes control variate (Andersen-Piterbarg), the
 * characteristic function in the Albrecher et al. (2007) "little trap" form rewritten without
 * 1/σ² (exact σ → 0 limit: Black-Scholes with the deterministic variance θT + (v₀-θ)(1-e^{-κT})/κ),
 * and adaptive Gauss-Lobatto quadrature on a truncated range (see `lewisIntegral`). Accuracy:
 * about 1e-13·(F + K) absolute, matching QuantLib 1.29 AnalyticHestonEngine at relTolerance
 * 1e-14 and 30-digit mpmath to ≤ 1e-8 (reference file). Feller-violating parameters
 * (2κθ < σ²) price normally. `expiry = 0` gives the intrinsic value.
 *
 * @throws InvalidInputError naming the field: NaN/∞, spot/strike ≤ 0, expiry/v0/κ/θ/σ < 0,
 *   |ρ| ≥ 1, unknown type.
 */
export function hestonPrice(input: HestonInput, options: HestonPriceOptions = {}): number {
  const prob = validateHestonInput(input);
  const accuracy = options.accuracy === undefined ? 1e-13 : requirePositive('accuracy', options.accuracy);
  return prob.discount * hestonUndiscounted(prob.w, prob.forward, prob.strike, prob.expiry, prob.params, accuracy);
}
