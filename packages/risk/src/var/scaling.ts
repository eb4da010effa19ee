/**
 * Square-root-of-time scaling of a one-period VaR or ES to an h-period horizon:
 * VaR_h = √h · VaR_1. Exact only for i.i.d. zero-mean normal (more generally, stable with index 2)
 * returns; with a non-zero mean μ use VaR_h = √h (VaR_1 + μ) − hμ (pass `mean`). Basel's 10-day
 * VaR from a 1-day VaR uses h = 10. For volatility clustering prefer summing GARCH variance
 * forecasts (`garchForecast(...).cumulativeVariance`); for heavy tails the rule is only an
 * approximation (Danielsson & Zigrand 2006 show it underestimates tail risk under jumps).
 */
import { InvalidInputError, requireFinite } from '@quantforge/core';

/**
 * Scales a one-period risk measure (VaR or ES, positive loss) to `horizon` periods.
 * @param value one-period VaR/ES; @param horizon number of periods ≥ 1 (need not be an integer).
 * @param options.mean the one-period mean return μ (default 0).
 * @throws InvalidInputError for non-finite values or horizon < 1.
 * @example scaleToHorizon(varOneDay, 10)
 */
export function scaleToHorizon(value: number, horizon: number, options: { mean?: number } = {}): number {
  requireFinite('value', value);
  requireFinite('horizon', horizon);
  if (!(horizon >= 1)) throw new InvalidInputError('horizon', 'must be >= 1', horizon);
  const mu = options.mean === undefined ? 0 : requireFinite('mean', options.mean);
  return Math.sqrt(horizon) * (value + mu) - horizon * mu;
}
