import { InvalidInputError } from '@quantforge/core';
import type { AmericanParams } from '../types';

/**
 * Escrowed-dividend model for discrete cash dividends (Hull, "Options, Futures and Other
 * Derivatives", §21.3; Roll 1977): the tree models x(t) = S(t) − D(t), lognormal with vol σ and
 * yield q, where D(t) = Σ_{t_i >= t} a_i·e^{−r(t_i − t)} is the present value at t of the dividends
 * still to be paid. Exercise at t pays w·(x + D(t) − K) on the full (cum-dividend) spot, i.e. the
 * tree sees the strike K − D(t). A dividend paid exactly at t_k counts as not yet paid at t_k,
 * so a call can be exercised just before it; a dividend at time 0 means the spot is cum-dividend.
 *
 * The model is exact for the stock's own dynamics under the escrow assumption; compared with a
 * spot-vol model (σ on S) it gives lower option values when dividends are large (σ applies to the
 * smaller x). Dividend dates are not aligned with tree steps: exercise happens at step times only.
 *
 * @returns x0 = S − D(0) and strikeAt[k] = K − D(k·T/n), k = 0..n.
 * @throws InvalidInputError('dividends') when D(0) >= spot (the stock cannot pay them).
 */
export function escrowedDividends(p: AmericanParams, steps: number): { x0: number; strikeAt: Float64Array } {
  const strikeAt = new Float64Array(steps + 1);
  if (p.dividends.length === 0) {
    strikeAt.fill(p.strike);
    return { x0: p.spot, strikeAt };
  }
  const dt = p.expiry / steps;
  // A dividend within this distance of a step time is treated as paid at that step.
  const tie = 1e-12 * p.expiry;
  for (let k = 0; k <= steps; k++) {
    const t = k === steps ? p.expiry : k * dt;
    let pv = 0;
    for (const d of p.dividends) {
      if (d.time >= t - tie) pv += d.amount * Math.exp(-p.rate * (d.time - t));
    }
    strikeAt[k] = p.strike - pv;
  }
  const d0 = p.strike - strikeAt[0];
  const x0 = p.spot - d0;
  if (!(x0 > 0)) {
    throw new InvalidInputError('dividends', `the present value of the cash dividends (${d0}) must be below the spot`, p.dividends);
  }
  return { x0, strikeAt };
}
