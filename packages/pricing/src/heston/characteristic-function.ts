import { InvalidInputError, requireFinite, requireNonNegative, requireObject } from '@quantforge/core';
import { hestonLogCfKernel } from './complex-log-cf';
import { validateHestonParameters } from './heston-price';
import type { HestonParameters } from './types';

/** Inputs of {@link hestonCharacteristicFunction}. */
export interface HestonCfInput extends HestonParameters {
  /** Argument u: a real number or a complex { re, im } (e.g. u - i/2 for the Lewis formula). */
  u: number | { re: number; im: number };
  /** Horizon T in years, >= 0. */
  expiry: number;
}

/**
 * Characteristic function of the centred log price under Heston,
 * φ(u) = E[exp(i u ln(S_T / F_T))] with F_T = E[S_T], in the Albrecher et al. (2007) "little
 * trap" form (continuous in u, no branch-cut jumps) rewritten without 1/σ² so σ = 0 is exact.
 * Multiply by exp(i u ln F_T) for the CF of ln S_T. Returns { re, im, logRe, logIm } (the
 * log is useful where φ underflows).
 *
 * @throws InvalidInputError for non-finite u, expiry < 0 or invalid Heston parameters.
 */
export function hestonCharacteristicFunction(input: HestonCfInput): { re: number; im: number; logRe: number; logIm: number } {
  requireObject('input', input);
  const p = validateHestonParameters(input);
  const T = requireNonNegative('expiry', input.expiry);
  let zr: number;
  let zi: number;
  if (typeof input.u === 'number') {
    zr = requireFinite('u', input.u);
    zi = 0;
  } else if (typeof input.u === 'object' && input.u !== null) {
    zr = requireFinite('u.re', input.u.re);
    zi = requireFinite('u.im', input.u.im);
  } else {
    throw new InvalidInputError('u', 'must be a number or { re, im }', input.u);
  }
  const out = new Float64Array(6);
  hestonLogCfKernel(zr, zi, T, p.v0, p.kappa, p.theta, p.sigma, p.rho, out);
  const m = Math.exp(out[0]!);
  return { re: m * Math.cos(out[1]!), im: m * Math.sin(out[1]!), logRe: out[0]!, logIm: out[1]! };
}
