/**
 * Multi-step variance forecasts of a fitted GARCH/GJR model (Bollerslev 1986, eq. 12; for GJR the
 * indicator is replaced by its expectation ½ beyond one step, symmetric innovations):
 *   h_{n+1} = ω + (α + γ·1[e_n < 0]) e_n² + β h_n,
 *   h_{n+k} = ω + (α + β + γ/2) h_{n+k−1}, k ≥ 2.
 */
import { InvalidInputError, requireObject } from '@quantforge/core';
import type { GarchFit } from './garch';

/** Result of {@link garchForecast}. */
export interface GarchForecast {
  /** h_{n+k}, k = 1..horizon. */
  variance: Float64Array;
  /** √variance. */
  volatility: Float64Array;
  /** Σ_{k≤K} h_{n+k} for K = 1..horizon: the variance of the K-period sum of returns. */
  cumulativeVariance: Float64Array;
}

/**
 * Forecasts the conditional variance `horizon` steps ahead from the end of the fitted sample.
 * @param fit a {@link GarchFit} from `fitGarch`.
 * @param horizon integer ≥ 1.
 * @throws InvalidInputError for a bad fit object or horizon.
 */
export function garchForecast(fit: GarchFit, horizon: number): GarchForecast {
  const f = requireObject('fit', fit) as unknown as GarchFit;
  for (const k of ['omega', 'alpha', 'beta', 'lastResidual', 'lastVariance'] as const) {
    if (typeof f[k] !== 'number' || !Number.isFinite(f[k])) throw new InvalidInputError(`fit.${k}`, 'must be a finite number', f[k]);
  }
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1) throw new InvalidInputError('horizon', 'must be an integer >= 1', horizon);
  const gamma = f.gamma ?? 0;
  const variance = new Float64Array(horizon);
  const volatility = new Float64Array(horizon);
  const cumulativeVariance = new Float64Array(horizon);
  const e = f.lastResidual;
  let h = f.omega + (f.alpha + (e < 0 ? gamma : 0)) * e * e + f.beta * f.lastVariance;
  const pers = f.alpha + f.beta + gamma / 2;
  let cum = 0;
  for (let k = 0; k < horizon; k++) {
    variance[k] = h;
    volatility[k] = Math.sqrt(h);
    cum += h;
    cumulativeVariance[k] = cum;
    h = f.omega + pers * h;
  }
  return { variance, volatility, cumulativeVariance };
}
