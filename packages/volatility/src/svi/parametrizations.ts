/**
 * Conversions between the raw, natural and jump-wings SVI parametrisations, Gatheral & Jacquier
 * (2014) "Arbitrage-free SVI volatility surfaces", §3:
 *
 * - natural (eq. 3.2): w(k) = Δ + ω/2 (1 + ζρ(k-μ) + √((ζ(k-μ)+ρ)² + 1-ρ²)); raw ↔ natural by
 *   Lemma 3.1: a = Δ + ω/2 (1-ρ²), b = ωζ/2, m = μ - ρ/ζ, σ = √(1-ρ²)/ζ.
 * - jump-wings (eq. 3.3, depends on the expiry t): v_t (ATM variance), ψ_t (ATM skew), p_t (put
 *   wing slope), c_t (call wing slope), ṽ_t (minimum variance); back to raw by Lemma 3.2.
 */
import { InvalidInputError, NoSolutionError, requireFinite, requireNonNegative, requireObject, requirePositive } from '@quantforge/core';
import type { SviRawParams } from './raw';
import { validateSviParams } from './raw';

/** Natural SVI parameters {Δ, μ, ρ, ω, ζ} (Gatheral & Jacquier 2014, eq. 3.2). */
export interface SviNaturalParams {
  delta: number;
  mu: number;
  rho: number;
  omega: number;
  zeta: number;
}

/** Jump-wings SVI parameters at expiry t (Gatheral & Jacquier 2014, eq. 3.3). */
export interface SviJumpWingsParams {
  /** ATM variance v_t = w(0)/t. */
  v: number;
  /** ATM skew ψ_t = w'(0)/(2√w(0)). */
  psi: number;
  /** Left (put) wing slope p_t = b(1-ρ)/√w(0). */
  p: number;
  /** Right (call) wing slope c_t = b(1+ρ)/√w(0). */
  c: number;
  /** Minimum implied variance ṽ_t = min w / t. */
  vTilde: number;
}

/** Raw → natural (Gatheral-Jacquier Lemma 3.1 inverted). Requires b > 0. */
export function sviRawToNatural(params: SviRawParams): SviNaturalParams {
  const { a, b, rho, m, sigma } = validateSviParams(params);
  if (!(b > 0)) throw new InvalidInputError('b', 'must be > 0 for the natural parametrisation', b);
  const s = Math.sqrt(1 - rho * rho);
  const zeta = s / sigma;
  const omega = (2 * b * sigma) / s;
  return { delta: a - b * sigma * s, mu: m + (rho * sigma) / s, rho, omega, zeta };
}

/** Natural → raw (Gatheral-Jacquier Lemma 3.1). Requires ω ≥ 0, ζ > 0, |ρ| < 1. */
export function sviNaturalToRaw(params: SviNaturalParams): SviRawParams {
  requireObject('params', params);
  const delta = requireFinite('delta', params.delta);
  const mu = requireFinite('mu', params.mu);
  const rho = requireFinite('rho', params.rho);
  if (!(Math.abs(rho) < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
  const omega = requireNonNegative('omega', params.omega);
  const zeta = requirePositive('zeta', params.zeta);
  return {
    a: delta + (omega / 2) * (1 - rho * rho),
    b: (omega * zeta) / 2,
    rho,
    m: mu - rho / zeta,
    sigma: Math.sqrt(1 - rho * rho) / zeta,
  };
}

/** Raw → jump-wings at expiry t (Gatheral-Jacquier eq. 3.3). Requires w(0) > 0. */
export function sviRawToJumpWings(params: SviRawParams, expiry: number): SviJumpWingsParams {
  const { a, b, rho, m, sigma } = validateSviParams(params);
  const t = requirePositive('expiry', expiry);
  const r0 = Math.sqrt(m * m + sigma * sigma);
  const wt = a + b * (-rho * m + r0);
  if (!(wt > 0)) throw new InvalidInputError('params', 'ATM total variance w(0) must be > 0', wt);
  const sw = Math.sqrt(wt);
  return {
    v: wt / t,
    psi: (b / (2 * sw)) * (rho - m / r0),
    p: (b * (1 - rho)) / sw,
    c: (b * (1 + rho)) / sw,
    vTilde: (a + b * sigma * Math.sqrt(1 - rho * rho)) / t,
  };
}

/**
 * Jump-wings → raw at expiry t (Gatheral-Jacquier Lemma 3.2).
 *
 * @throws InvalidInputError for v ≤ 0, p < 0, c < 0, p + c = 0.
 * @throws NoSolutionError (code 'not-svi') when the five numbers are not those of a raw SVI slice
 *   (β = ρ - 2ψ√w/b outside [-1, 1], or m undetermined).
 */
export function sviJumpWingsToRaw(params: SviJumpWingsParams, expiry: number): SviRawParams {
  requireObject('params', params);
  const t = requirePositive('expiry', expiry);
  const v = requirePositive('v', params.v);
  const psi = requireFinite('psi', params.psi);
  const p = requireNonNegative('p', params.p);
  const c = requireNonNegative('c', params.c);
  const vTilde = requireFinite('vTilde', params.vTilde);
  if (!(p + c > 0)) throw new InvalidInputError('c', 'p + c must be > 0', c);
  const wt = v * t;
  const sw = Math.sqrt(wt);
  const b = (sw / 2) * (c + p);
  const rho = 1 - (p * sw) / b;
  const beta = rho - (2 * psi * sw) / b;
  if (!(Math.abs(beta) <= 1)) throw new NoSolutionError('not-svi', `jump-wings parameters give β = ${beta} outside [-1, 1]`);
  const s = Math.sqrt(1 - rho * rho);
  let m: number;
  let sigma: number;
  if (beta === 0) {
    // m = 0 (ψ equals the wing asymmetry); σ from v - ṽ = b σ (1 - √(1-ρ²)).
    m = 0;
    const denom = b * (1 - s);
    if (!(denom > 0)) throw new NoSolutionError('not-svi', 'm = 0 and ρ = 0: σ is not determined by the jump-wings parameters');
    sigma = ((v - vTilde) * t) / denom;
  } else {
    const alpha = Math.sign(beta) * Math.sqrt(1 / (beta * beta) - 1);
    m = ((v - vTilde) * t) / (b * (-rho + Math.sign(alpha) * Math.sqrt(1 + alpha * alpha) - alpha * s));
    sigma = alpha * m;
  }
  if (!(sigma > 0) || !Number.isFinite(m)) throw new NoSolutionError('not-svi', `jump-wings parameters give σ = ${sigma} (must be > 0)`);
  return { a: vTilde * t - b * sigma * s, b, rho, m, sigma };
}
