import { erfc, normPdf, requirePositive } from '@quantforge/core';
import { logRatio } from '../european/normalised-black';
import { hestonUndiscounted, validateHestonInput } from './heston-price';
import type { HestonPriceOptions } from './heston-price';
import { expectedTotalVariance, lewisIntegral } from './lewis-integral';
import type { HestonGreeks, HestonInput } from './types';

/**
 * Heston price and greeks, analytic through the Lewis integrand (same control variate and
 * quadrature as {@link hestonPrice}): with c = c_BS(F, K, w̄) + √(FK)/π·I(x), x = ln(F/K),
 *   ∂c/∂F = N(d₁) + e^{-x/2}(I/2 + I′)/π,   ∂²c/∂F² = n(d₁)/(F√w̄) + e^{-x/2}(I″ - I/4)/(πF),
 *   delta = e^{-qT}∂c/∂F, gamma = e^{-qT}(F/S)∂²c/∂F², rho = T(S·delta - V), phi = -T·S·delta,
 *   vega = ∂V/∂v₀ from ∂ ln φ/∂v₀ = D(u), theta = -∂V/∂T from the Riccati equations of C and D
 *   (∂ ln φ/∂T = κθD + v₀(-q/2 - βD + σ²D²/2)) plus the discounting and forward drift.
 * Each greek is a separate adaptive integral; accuracy about 1e-12 relative to (F + K)
 * scaled by the greek's natural size. At expiry = 0 the greeks of the intrinsic value are
 * returned (gamma 0, vega 0, theta 0).
 *
 * @throws InvalidInputError as {@link hestonPrice}.
 */
export function hestonGreeks(input: HestonInput, options: HestonPriceOptions = {}): HestonGreeks {
  const pr = validateHestonInput(input);
  const accuracy = options.accuracy === undefined ? 1e-13 : requirePositive('accuracy', options.accuracy);
  const { w, spot: S, strike: K, expiry: T, rate: r, dividendYield: q, forward: F, discount: Dr, params: p } = pr;
  const price = Dr * hestonUndiscounted(w, F, K, T, p, accuracy);
  const dq = Math.exp(-q * T);
  const wBar = T > 0 ? expectedTotalVariance(T, p.v0, p.kappa, p.theta) : 0;
  if (!(wBar > 0)) {
    // deterministic (zero) variance: discounted intrinsic of the forward
    const itm = w * (F - K) > 0 ? 1 : 0;
    const delta = itm * w * dq;
    return { price, delta, gamma: 0, vega: 0, theta: -(r * price - (r - q) * S * delta), rho: T * (S * delta - price), phi: -T * S * delta };
  }
  const x = logRatio(F, K);
  const sqFK = Math.sqrt(F * K);
  const s = Math.sqrt(wBar);
  const d1 = x / s + s / 2;
  const tol = (accuracy * (F + K) * Math.PI) / sqFK;
  const hasVolOfVol = p.sigma > 0;
  const I = hasVolOfVol ? lewisIntegral('price', x, T, p, wBar, 0, tol) : 0;
  const I1 = hasVolOfVol ? lewisIntegral('dx', x, T, p, wBar, 0, tol) : 0;
  const I2 = hasVolOfVol ? lewisIntegral('dxx', x, T, p, wBar, 0, tol) : 0;
  const ex = Math.exp(-x / 2);
  // ∂c_BS/∂F: N(d₁) for the call, -N(-d₁) for the put, via erfc for the tails
  const Nd1 = w === 1 ? 0.5 * erfc(-d1 / Math.SQRT2) : -0.5 * erfc(d1 / Math.SQRT2);
  const dcdF = Nd1 + (ex * (I / 2 + I1)) / Math.PI;
  const d2cdF2 = normPdf(d1) / (F * s) + (ex * (I2 - I / 4)) / (Math.PI * F);
  const delta = dq * dcdF;
  const gamma = dq * (F / S) * d2cdF2;
  // ∂c/∂w (undiscounted Black w.r.t. total variance) = F n(d1)/(2√w)
  const dcdw = (F * normPdf(d1)) / (2 * s);
  const kT = p.kappa * T;
  const dwdv0 = kT < 1e-8 ? T * (1 - 0.5 * kT) : -Math.expm1(-kT) / p.kappa;
  const vInst = p.theta + (p.v0 - p.theta) * Math.exp(-kT); // E[v_T] = ∂w̄/∂T
  const Iv = lewisIntegral('dv0', x, T, p, wBar, dwdv0, tol);
  const IT = lewisIntegral('dT', x, T, p, wBar, vInst, tol);
  const vega = Dr * (dcdw * dwdv0 + (sqFK / Math.PI) * Iv);
  const dcdTatF = dcdw * vInst + (sqFK / Math.PI) * IT;
  // V = D(T)·c(F(T), T): ∂V/∂T = -rV + D[(r - q)F ∂c/∂F + ∂c/∂T|_F]
  const dVdT = -r * price + Dr * ((r - q) * F * dcdF + dcdTatF);
  const rho = T * (S * delta - price);
  const phi = -T * S * delta;
  return { price, delta, gamma, vega, theta: -dVdT, rho, phi };
}
