import { InvalidInputError } from '@quantforge/core';
import { returnsOf } from './conventions';

/** Options of {@link omegaRatio}. */
export interface OmegaOptions {
  /** The per-period threshold θ. Default 0. */
  threshold?: number;
}

/**
 * Omega ratio (Keating & Shadwick 2002) of the empirical distribution at the per-period threshold θ:
 * Ω(θ) = Σ_t max(r_t − θ, 0) / Σ_t max(θ − r_t, 0). No annualisation. +∞ when no return is below θ.
 *
 * @throws InvalidInputError for NaN/±∞, an empty series, or every return equal to θ (0/0).
 */
export function omegaRatio(returns: ArrayLike<number>, options: OmegaOptions = {}): number {
  const r = returnsOf(returns, 'returns', 1);
  const th = options.threshold ?? 0;
  if (typeof th !== 'number' || !Number.isFinite(th)) throw new InvalidInputError('threshold', 'must be a finite per-period return', th);
  let up = 0;
  let down = 0;
  for (let i = 0; i < r.length; i++) {
    const d = r[i] - th;
    if (d > 0) up += d;
    else down -= d;
  }
  if (down === 0) {
    if (up === 0) throw new InvalidInputError('returns', 'all equal the threshold: the Omega ratio is 0/0');
    return Number.POSITIVE_INFINITY;
  }
  return up / down;
}
