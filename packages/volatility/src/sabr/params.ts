/** Input validation shared by the SABR formulas (QuantLib's validateSabrParameters plus domain checks). */
import { InvalidInputError, requireFinite, requireInRange, requireNonNegative, requireObject, requirePositive } from '@quantforge/core';

/** Inputs of {@link sabrVol} and {@link sabrNormalVol}. */
export interface SabrVolInput {
  /** Forward rate or price (> -shift). */
  forward: number;
  /** Strike (> -shift). */
  strike: number;
  /** Years (>= 0). */
  expiry: number;
  /** Initial volatility α (> 0), in units of forward^(1-β). */
  alpha: number;
  /** CEV exponent β in [0, 1]. */
  beta: number;
  /** Correlation ρ in (-1, 1). */
  rho: number;
  /** Volatility of volatility ν (>= 0). */
  nu: number;
  /** Shift added to forward and strike (shifted SABR for negative rates). Default 0. */
  shift?: number;
}

/** @internal Validated SABR inputs with the shift already applied to forward and strike. */
export interface SabrArgs {
  f: number;
  k: number;
  t: number;
  alpha: number;
  beta: number;
  rho: number;
  nu: number;
}

/** @internal */
export function validateSabrParameters(alpha: unknown, beta: unknown, rho: unknown, nu: unknown): void {
  requirePositive('alpha', alpha);
  requireInRange('beta', beta, 0, 1);
  const r = requireFinite('rho', rho);
  if (!(r * r < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
  requireNonNegative('nu', nu);
}

/** @internal */
export function readSabrInput(input: SabrVolInput): SabrArgs {
  requireObject('input', input);
  const shift = input.shift === undefined ? 0 : requireFinite('shift', input.shift);
  const forward = requireFinite('forward', input.forward);
  const strike = requireFinite('strike', input.strike);
  const t = requireNonNegative('expiry', input.expiry);
  validateSabrParameters(input.alpha, input.beta, input.rho, input.nu);
  const f = forward + shift;
  const k = strike + shift;
  if (!(f > 0)) throw new InvalidInputError('forward', shift === 0 ? 'must be > 0' : 'forward + shift must be > 0', forward);
  if (!(k > 0)) throw new InvalidInputError('strike', shift === 0 ? 'must be > 0' : 'strike + shift must be > 0', strike);
  return { f, k, t, alpha: input.alpha, beta: input.beta, rho: input.rho, nu: input.nu };
}
