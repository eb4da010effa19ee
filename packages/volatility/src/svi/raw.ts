/**
 * Raw SVI (Gatheral 2004; Gatheral & Jacquier 2014, eq. 3.1): total implied variance at
 * log-moneyness k = ln(K/F),
 *
 *   w(k) = a + b (ρ (k - m) + √((k - m)² + σ²)),
 *
 * with w = σ_BS²·T. Parameter domain: a ∈ ℝ, b ≥ 0, |ρ| < 1, m ∈ ℝ, σ > 0.
 */
import { InvalidInputError, requireFinite, requireNonNegative, requireObject, requirePositive } from '@quantforge/core';

/** Raw SVI parameters (Gatheral & Jacquier 2014 §3.1). */
export interface SviRawParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/** @internal Validates raw SVI parameters (b ≥ 0, |ρ| < 1, σ > 0, all finite). */
export function validateSviParams(p: SviRawParams, field = 'params'): SviRawParams {
  requireObject(field, p);
  requireFinite('a', p.a);
  requireNonNegative('b', p.b);
  const rho = requireFinite('rho', p.rho);
  if (!(Math.abs(rho) < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
  requireFinite('m', p.m);
  requirePositive('sigma', p.sigma);
  return p;
}

/** @internal w(k) without validation. */
export function sviW(k: number, a: number, b: number, rho: number, m: number, sigma: number): number {
  const x = k - m;
  return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
}

/**
 * Raw SVI total implied variance w(k) (see the module comment). `k` may be a number (returns a
 * number) or an array-like of numbers (returns a new Float64Array).
 *
 * @throws InvalidInputError for parameters outside the domain or a non-finite k.
 */
export function sviTotalVariance(k: number, params: SviRawParams): number;
export function sviTotalVariance(k: ArrayLike<number>, params: SviRawParams): Float64Array;
export function sviTotalVariance(k: number | ArrayLike<number>, params: SviRawParams): number | Float64Array {
  const { a, b, rho, m, sigma } = validateSviParams(params);
  if (typeof k === 'number') return sviW(requireFinite('k', k), a, b, rho, m, sigma);
  if (k === null || typeof k !== 'object' || typeof k.length !== 'number') throw new InvalidInputError('k', 'must be a number or an array of numbers', k);
  const out = new Float64Array(k.length);
  for (let i = 0; i < k.length; i++) out[i] = sviW(requireFinite(`k[${i}]`, k[i]), a, b, rho, m, sigma);
  return out;
}

/**
 * Black implied volatility from raw SVI: σ_BS(k) = √(w(k)/T).
 *
 * @throws InvalidInputError for bad parameters, expiry ≤ 0, or w(k) < 0 at the requested k.
 */
export function sviImpliedVol(k: number, params: SviRawParams, expiry: number): number {
  const t = requirePositive('expiry', expiry);
  const w = sviTotalVariance(k, params);
  if (!(w >= 0)) throw new InvalidInputError('params', `total variance is negative at k = ${k}`, w);
  return Math.sqrt(w / t);
}

/** @internal w, w', w'' at k (w' = b(ρ + x/√(x²+σ²)), w'' = bσ²/(x²+σ²)^{3/2}, x = k - m). */
export function sviDerivatives(k: number, p: SviRawParams, out: Float64Array): void {
  const x = k - p.m;
  const s2 = p.sigma * p.sigma;
  const r = Math.sqrt(x * x + s2);
  out[0] = p.a + p.b * (p.rho * x + r);
  out[1] = p.b * (p.rho + x / r);
  out[2] = (p.b * s2) / (r * r * r);
}
