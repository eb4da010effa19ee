/**
 * SSVI total variance (Gatheral & Jacquier 2014, eq. 4.1):
 *
 *   w(k, θ) = θ/2 (1 + ρφ(θ)k + √((φ(θ)k + ρ)² + 1 - ρ²)),
 *
 * θ = θ_t the ATM total variance at expiry t, k = ln(K/F_t), and its analytic derivatives in k and θ.
 */
import { InvalidInputError, requireFinite, requireObject, requirePositive } from '@quantforge/core';
import type { SsviPhi } from './phi';
import { phiAndDerivative, validatePhi } from './phi';

/** SSVI surface parameters shared by all expiries. */
export interface SsviParams {
  rho: number;
  phi: SsviPhi;
}

/** @internal w, ∂w/∂k, ∂²w/∂k², ∂w/∂θ at (k, θ). */
export function ssviDerivatives(k: number, theta: number, rho: number, phi: SsviPhi, out: Float64Array): void {
  const [f, df] = phiAndDerivative(phi, theta);
  const u = f * k + rho;
  const R = Math.sqrt(u * u + 1 - rho * rho);
  out[0] = (theta / 2) * (1 + rho * f * k + R);
  out[1] = (theta / 2) * f * (rho + u / R);
  out[2] = ((theta / 2) * f * f * (1 - rho * rho)) / (R * R * R);
  out[3] = out[0]! / theta + (theta / 2) * k * (rho + u / R) * df;
}

/** @internal w(k, θ) without validation. */
export function ssviW(k: number, theta: number, rho: number, phi: SsviPhi): number {
  const f = phiAndDerivative(phi, theta)[0];
  const u = f * k + rho;
  return (theta / 2) * (1 + rho * f * k + Math.sqrt(u * u + 1 - rho * rho));
}

/**
 * SSVI total implied variance w(k, θ) (eq. 4.1). `k` a number or an array-like (→ Float64Array).
 *
 * @throws InvalidInputError for θ ≤ 0, |ρ| ≥ 1, bad φ parameters or non-finite k.
 */
export function ssviTotalVariance(k: number, theta: number, params: SsviParams): number;
export function ssviTotalVariance(k: ArrayLike<number>, theta: number, params: SsviParams): Float64Array;
export function ssviTotalVariance(k: number | ArrayLike<number>, theta: number, params: SsviParams): number | Float64Array {
  requireObject('params', params);
  const th = requirePositive('theta', theta);
  const rho = requireFinite('rho', params.rho);
  if (!(Math.abs(rho) < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
  const phi = validatePhi(params.phi);
  if (typeof k === 'number') return ssviW(requireFinite('k', k), th, rho, phi);
  const out = new Float64Array(k.length);
  for (let i = 0; i < k.length; i++) out[i] = ssviW(requireFinite(`k[${i}]`, k[i]), th, rho, phi);
  return out;
}

/**
 * The raw-SVI slice equal to the SSVI slice at θ (Gatheral-Jacquier §4: natural SVI with Δ = μ = 0,
 * ω = θ, ζ = φ(θ)): a = θ(1-ρ²)/2, b = θφ/2, m = -ρ/φ, σ = √(1-ρ²)/φ.
 */
export function ssviSliceToRaw(theta: number, params: SsviParams): { a: number; b: number; rho: number; m: number; sigma: number } {
  requireObject('params', params);
  const th = requirePositive('theta', theta);
  const rho = requireFinite('rho', params.rho);
  if (!(Math.abs(rho) < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
  const f = phiAndDerivative(validatePhi(params.phi), th)[0];
  if (!(f > 0)) throw new InvalidInputError('phi', 'φ(θ) must be > 0 for a raw-SVI slice', f);
  return { a: (th * (1 - rho * rho)) / 2, b: (th * f) / 2, rho, m: -rho / f, sigma: Math.sqrt(1 - rho * rho) / f };
}

/**
 * Checks Gatheral-Jacquier's sufficient no-arbitrage conditions for SSVI at the given θ values:
 * butterfly (Theorem 4.2) θφ(1+|ρ|) < 4 and θφ²(1+|ρ|) ≤ 4; calendar (Theorem 4.1) θ values
 * non-decreasing, ∂_θ(θφ) ≥ 0 and ∂_θ(θφ) ≤ (1 + √(1-ρ²))φ/ρ².
 */
export function ssviConditions(thetas: ArrayLike<number>, params: SsviParams): { butterfly: boolean; calendar: boolean; worstButterfly: number } {
  requireObject('params', params);
  const rho = requireFinite('rho', params.rho);
  const phi = validatePhi(params.phi);
  const r = Math.abs(rho);
  let butterfly = true;
  let calendar = true;
  let worst = -Infinity;
  for (let i = 0; i < thetas.length; i++) {
    const th = requirePositive(`thetas[${i}]`, thetas[i]);
    if (i > 0 && th < thetas[i - 1]!) calendar = false;
    const [f, df] = phiAndDerivative(phi, th);
    const c1 = th * f * (1 + r);
    const c2 = th * f * f * (1 + r);
    worst = Math.max(worst, c1 / 4, c2 / 4);
    if (!(c1 < 4 && c2 <= 4)) butterfly = false;
    const dthetaPhi = f + th * df;
    const upper = rho === 0 ? Infinity : ((1 + Math.sqrt(1 - rho * rho)) * f) / (rho * rho);
    if (!(dthetaPhi >= -1e-15 && dthetaPhi <= upper * (1 + 1e-12))) calendar = false;
  }
  return { butterfly, calendar, worstButterfly: worst };
}
