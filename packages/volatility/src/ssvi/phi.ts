/**
 * SSVI curvature functions φ(θ) of Gatheral & Jacquier (2014), §4:
 *
 * - Heston-like (eq. 4.4): φ(θ) = 1/(λθ) · (1 - (1 - e^{-λθ})/(λθ)), λ > 0;
 * - power-law (eq. 4.5 with the (1+θ) regularisation of §5.2): φ(θ) = η θ^{-γ} (1+θ)^{γ-1}.
 *
 * With |ρ| < 1, the surface w(k, θ_t) is free of static arbitrage (Theorems 4.1-4.2) when θ_t is
 * non-decreasing in t and: Heston-like λ ≥ (1+|ρ|)/4 (their Corollary 4.1); power-law
 * η(1+|ρ|) ≤ 2 and 0 ≤ γ ≤ 1/2 (then θφ(1+|ρ|) < 2, θφ²(1+|ρ|) ≤ 4 and
 * ∂_θ(θφ) = (1-γ)φ/(1+θ) ∈ [0, φ]). {@link calibrateSsvi} parametrises these bounds so they hold by
 * construction.
 */
import { InvalidInputError, requireFinite, requireNonNegative, requirePositive, requireObject } from '@quantforge/core';

/** Heston-like φ (Gatheral-Jacquier eq. 4.4). */
export interface SsviHestonPhi {
  type: 'heston';
  lambda: number;
}
/** Power-law φ (Gatheral-Jacquier eq. 4.5, §5.2 form). */
export interface SsviPowerLawPhi {
  type: 'power-law';
  eta: number;
  gamma: number;
}
/** An SSVI curvature function. */
export type SsviPhi = SsviHestonPhi | SsviPowerLawPhi;

/** @internal ψ(x) = (x + expm1(-x))/x² = Σ (-x)^j/(j+2)! and ψ'(x); series below x = 0.1. */
function psi(x: number): [number, number] {
  if (x < 0.1) {
    let term = 0.5; // (-x)^0/2!
    let sum = 0.5;
    let dsum = 0;
    for (let j = 1; j < 14; j++) {
      term *= -x / (j + 2);
      sum += term;
      dsum += (j * term) / x;
    }
    return [sum, x === 0 ? -1 / 6 : dsum];
  }
  const e = Math.expm1(-x);
  const v = (x + e) / (x * x);
  // d/dx: ((1 - e^{-x}) x² - 2x(x + expm1(-x))) / x⁴.
  const d = (-e * x - 2 * (x + e)) / (x * x * x);
  return [v, d];
}

/** @internal φ(θ) and φ'(θ). */
export function phiAndDerivative(phi: SsviPhi, theta: number): [number, number] {
  if (phi.type === 'heston') {
    const l = phi.lambda;
    const [v, d] = psi(l * theta);
    return [l * v, l * l * d];
  }
  const v = phi.eta * Math.pow(theta, -phi.gamma) * Math.pow(1 + theta, phi.gamma - 1);
  return [v, v * (-phi.gamma / theta + (phi.gamma - 1) / (1 + theta))];
}

/** @internal Validates φ's parameters (domain only; arbitrage bounds are checked separately). */
export function validatePhi(phi: SsviPhi): SsviPhi {
  requireObject('phi', phi);
  if (phi.type === 'heston') {
    requirePositive('lambda', phi.lambda);
  } else if (phi.type === 'power-law') {
    requireNonNegative('eta', phi.eta);
    const g = requireFinite('gamma', phi.gamma);
    if (!(g >= 0 && g <= 1)) throw new InvalidInputError('gamma', 'must be in [0, 1]', g);
  } else {
    throw new InvalidInputError('phi.type', "must be 'heston' or 'power-law'", (phi as { type: unknown }).type);
  }
  return phi;
}

/**
 * The SSVI curvature φ(θ) (Gatheral-Jacquier 2014 eq. 4.4 / 4.5). θ > 0 is the ATM total
 * variance. Full double precision (series for small λθ in the Heston-like form).
 */
export function ssviPhi(phi: SsviPhi, theta: number): number {
  validatePhi(phi);
  return phiAndDerivative(phi, requirePositive('theta', theta))[0];
}
