/**
 * Peaks-over-threshold tail estimators of VaR and ES (McNeil & Frey 2000, eqs. 6-7; Smith 1987):
 *   VaR_q = u + (β/ξ)[((n/N_u)(1 − q))^{−ξ} − 1]   (ξ = 0: u − β ln((n/N_u)(1 − q))),
 *   ES_q  = VaR_q/(1 − ξ) + (β − ξu)/(1 − ξ)        (needs ξ < 1),
 * with (ξ, β) the GPD fit to the N_u exceedances of the n losses over u ({@link fitGpd}).
 * Valid for q ≥ 1 − N_u/n (the tail beyond the threshold).
 */
import { InvalidInputError, requireObject } from '@quantforge/core';
import { fitGpd } from './gpd';
import type { GpdFit } from './gpd';
import { requireConfidence } from '../var/validate';

/** Options of {@link potVaR} / {@link potES}. */
export interface PotOptions {
  /** Threshold u (a loss level). */
  threshold: number;
  /** Confidence q in (0, 1), at or beyond the threshold's exceedance level 1 − N_u/n. */
  confidence: number;
  /** A GPD fit to reuse (must be for the same losses and threshold). */
  fit?: GpdFit;
}

function tail(losses: ArrayLike<number>, options: PotOptions): { fit: GpdFit; q: number; v: number } {
  const o = requireObject('options', options);
  const q = requireConfidence(o.confidence);
  const fit = (o.fit as GpdFit | undefined) ?? fitGpd(losses, { threshold: o.threshold as number });
  const { xi, beta, n, nExceedances: nu, threshold: u } = fit;
  const r = (n / nu) * (1 - q);
  if (r > 1) {
    throw new InvalidInputError('confidence', `must be >= ${1 - nu / n} (1 - N_u/n): the POT estimator covers only the tail beyond the threshold`, q);
  }
  const v = Math.abs(xi) < 1e-12 ? u - beta * Math.log(r) : u + (beta / xi) * (Math.pow(r, -xi) - 1);
  return { fit, q, v };
}

/**
 * POT (GPD tail) VaR at `confidence`, a positive loss in the units of `losses`.
 * @throws InvalidInputError for bad losses/threshold/confidence (see {@link fitGpd}).
 */
export function potVaR(losses: ArrayLike<number>, options: PotOptions): number {
  return tail(losses, options).v;
}

/**
 * POT (GPD tail) expected shortfall at `confidence`; needs ξ < 1 (finite mean excess).
 * @throws InvalidInputError as {@link potVaR}, or when the fitted ξ ≥ 1.
 */
export function potES(losses: ArrayLike<number>, options: PotOptions): number {
  const { fit, v } = tail(losses, options);
  if (!(fit.xi < 1)) throw new InvalidInputError('losses', 'the fitted GPD shape xi >= 1 has an infinite mean: ES does not exist', fit.xi);
  return v / (1 - fit.xi) + (fit.beta - fit.xi * fit.threshold) / (1 - fit.xi);
}
