/**
 * The Lewis (2001) single-integral representation of a European call under Heston with a
 * Black-Scholes control variate (Andersen & Piterbarg, "Interest Rate Modeling" vol. I §8.4;
 * QuantLib's AnalyticHestonEngine "AndersenPiterbarg" scheme):
 *
 *   c/D = c_BS(F, K, w̄) + √(FK)/π ∫₀^∞ Re[e^{iux}(φ_BS(u - i/2) - φ_H(u - i/2))] du/(u² + ¼),
 *
 * x = ln(F/K), φ_BS(u - i/2) = exp(-w̄(u² + ¼)/2), w̄ = the expected integrated variance
 * θT + (v₀ - θ)(1 - e^{-κT})/κ. With this control the integrand vanishes as σ → 0 and stays
 * small otherwise. The integral is cut at U where the integrand envelope times U is below 1e-3 of
 * the tolerance
 * (both characteristic functions decay at least exponentially, Lee 2004) and integrated on
 * doubling panels (the first [0, 4/√w̄]) by 32-point Gauss-Legendre checked against 16 points
 * (see panelIntegral),
 * to an absolute tolerance of accuracy·(F + K)·π/√(FK), so the price error is at most about
 * accuracy·(F + K) (default accuracy 1e-13; the 32-point values are usually far better).
 */
import { CF_D_IM, CF_D_RE, CF_DT_IM, CF_DT_RE, CF_LOG_IM, CF_LOG_RE, hestonLogCfKernel } from './complex-log-cf';
import { panelIntegral } from './panel-quadrature';
import type { HestonParameters } from './types';

/** Which integral: the price correction, its first/second x-derivative, ∂/∂v0 or ∂/∂T at fixed F. */
export type LewisMode = 'price' | 'dx' | 'dxx' | 'dv0' | 'dT';

const scratch = new Float64Array(6);

/** Expected integrated variance E[∫₀ᵀ v dt] = θT + (v₀ - θ)(1 - e^{-κT})/κ. */
export function expectedTotalVariance(T: number, v0: number, kappa: number, theta: number): number {
  const kT = kappa * T;
  const f = kT < 1e-8 ? T * (1 - 0.5 * kT) : -Math.expm1(-kT) / kappa;
  return theta * T + (v0 - theta) * f;
}

/**
 * ∫₀^∞ of the control-variate integrand of `mode`; `wBar` the control's total variance,
 * `dwBar` its derivative (w.r.t. v0 for 'dv0', T for 'dT').
 */
export function lewisIntegral(
  mode: LewisMode,
  x: number,
  T: number,
  p: HestonParameters,
  wBar: number,
  dwBar: number,
  tolerance: number,
): number {
  const { v0, kappa, theta, sigma, rho } = p;
  const f = (u: number): number => {
    const q = u * u + 0.25;
    hestonLogCfKernel(u, -0.5, T, v0, kappa, theta, sigma, rho, scratch);
    const bs = Math.exp(-0.5 * wBar * q);
    const mag = Math.exp(scratch[CF_LOG_RE]!);
    const ux = u * x;
    const ang = ux + scratch[CF_LOG_IM]!;
    switch (mode) {
      case 'price':
        return (bs * Math.cos(ux) - mag * Math.cos(ang)) / q;
      case 'dx':
        return (u * (mag * Math.sin(ang) - bs * Math.sin(ux))) / q;
      case 'dxx':
        return (u * u * (mag * Math.cos(ang) - bs * Math.cos(ux))) / q;
      case 'dv0':
      case 'dT': {
        const ar = mode === 'dv0' ? scratch[CF_D_RE]! : scratch[CF_DT_RE]!;
        const ai = mode === 'dv0' ? scratch[CF_D_IM]! : scratch[CF_DT_IM]!;
        return -0.5 * dwBar * bs * Math.cos(ux) - (mag * (ar * Math.cos(ang) - ai * Math.sin(ang))) / q;
      }
    }
  };
  // envelope of |integrand| (times its u-growth for the derivative modes) to truncate at U
  const growth = mode === 'price' ? 0 : mode === 'dx' ? 1 : 2;
  const envelope = (u: number): number => {
    const q = u * u + 0.25;
    hestonLogCfKernel(u, -0.5, T, v0, kappa, theta, sigma, rho, scratch);
    const extra = mode === 'dv0' || mode === 'dT' ? 1 + Math.hypot(scratch[CF_DT_RE]!, scratch[CF_DT_IM]!) + Math.hypot(scratch[CF_D_RE]!, scratch[CF_D_IM]!) : 1;
    return ((Math.exp(-0.5 * wBar * q) + Math.exp(scratch[CF_LOG_RE]!)) * Math.max(1, u) ** growth * extra) / q;
  };
  let U = Math.max(1, 1 / Math.sqrt(Math.max(wBar, 1e-300)));
  const cut = 1e-3 * tolerance;
  for (let i = 0; i < 200 && envelope(U) * U > cut; i++) U *= 1.5;
  const s = Math.max(1, 1 / Math.sqrt(Math.max(wBar, 1e-300)));
  const total = panelIntegral(f, Math.min(4 * s, U), U, tolerance, (a) => envelope(a) * (U - a));
  return total;
}
