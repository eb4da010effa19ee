import type { OptionType } from '@quantforge/core';

/** Heston (1993) model parameters (variances, not vols: v0 = 0.04 is a 20 % instantaneous vol). */
export interface HestonParameters {
  /** Initial variance v(0), >= 0. */
  v0: number;
  /** Mean-reversion speed κ, >= 0. */
  kappa: number;
  /** Long-run variance θ, >= 0. */
  theta: number;
  /** Volatility of variance σ, >= 0 (0 gives Black-Scholes with the deterministic variance). */
  sigma: number;
  /** Correlation ρ of the spot and variance Brownian motions, in [-1, 1]. */
  rho: number;
}

/**
 * Inputs of {@link hestonPrice}: dS = (r - q) S dt + √v S dW₁, dv = κ(θ - v) dt + σ√v dW₂,
 * d⟨W₁, W₂⟩ = ρ dt. Units as everywhere (DESIGN.md): years, continuous annual rates.
 */
export interface HestonInput extends HestonParameters {
  type: OptionType;
  spot: number;
  strike: number;
  /** Time to expiry in years, >= 0 (0 gives the intrinsic value). */
  expiry: number;
  rate: number;
  /** Continuous dividend yield, default 0. */
  dividendYield?: number;
}

/** Greeks of {@link hestonGreeks} (raw partial derivatives, DESIGN.md conventions). */
export interface HestonGreeks {
  price: number;
  /** ∂V/∂spot. */
  delta: number;
  /** ∂²V/∂spot². */
  gamma: number;
  /** ∂V/∂v0 (per unit of initial variance). */
  vega: number;
  /** -∂V/∂expiry, per year as calendar time passes. */
  theta: number;
  /** ∂V/∂rate. */
  rho: number;
  /** ∂V/∂dividendYield. */
  phi: number;
}
