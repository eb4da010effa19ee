/**
 * Filtered historical simulation (Barone-Adesi, Giannopoulos & Vosper 1999; Hull & White 1998):
 * returns are devolatilised by a conditional volatility σ_t (EWMA or a fitted GARCH(1,1)),
 * z_t = (r_t − μ)/σ_t, rescaled by the one-step-ahead forecast σ_{n+1}: r*_t = μ + σ_{n+1} z_t,
 * and the historical VaR/ES conventions (type-7 quantile; ES = mean of losses ≥ VaR) are applied
 * to r*. EWMA uses μ = 0; GARCH uses its fitted μ.
 */
import { InvalidInputError } from '@quantforge/core';
import { historicalFromSorted, sortedLosses } from './historical';
import { requireConfidence, requireOptions, requireReturns, requireTailObservations } from './validate';
import { ewmaVolatility } from '../volatility/ewma';
import { fitGarch } from '../volatility/garch';
import { garchForecast } from '../volatility/garch-forecast';

/** Options of {@link filteredHistoricalVaR} / {@link filteredHistoricalES}. */
export interface FilteredHistoricalOptions {
  /** Confidence c in (0, 1). */
  confidence: number;
  /** `'ewma'` (default, RiskMetrics) or `'garch'` (GARCH(1,1) normal, fitted by ML). */
  volatility?: 'ewma' | 'garch';
  /** EWMA decay (default 0.94). */
  lambda?: number;
}

/** Rescaled returns r*_t and the forecast volatility (internal). */
function rescaled(returns: ArrayLike<number>, options: FilteredHistoricalOptions): { L: Float64Array; c: number; sigma: number } {
  const o = requireOptions(options);
  const c = requireConfidence(o.confidence);
  const method = o.volatility ?? 'ewma';
  const x = requireReturns(returns, 2);
  requireTailObservations(x.length, c);
  const n = x.length;
  const r = new Float64Array(n);
  let sigma: number;
  if (method === 'ewma') {
    const e = ewmaVolatility(x, { lambda: o.lambda as number | undefined });
    sigma = e.forecastVolatility;
    for (let t = 0; t < n; t++) r[t] = e.volatility[t] > 0 ? (sigma * x[t]) / e.volatility[t] : 0;
  } else if (method === 'garch') {
    const fit = fitGarch(x, { standardErrors: false });
    sigma = garchForecast(fit, 1).volatility[0];
    for (let t = 0; t < n; t++) r[t] = fit.mu + sigma * fit.standardizedResiduals[t];
  } else throw new InvalidInputError('volatility', "must be 'ewma' or 'garch'", method);
  return { L: sortedLosses(r), c, sigma };
}

/**
 * Filtered historical simulation VaR (positive loss) for the next period.
 * @throws InvalidInputError for non-finite returns (naming the index), too few observations,
 *   c ∉ (0, 1) or an unknown volatility model; ConvergenceError from the GARCH fit.
 */
export function filteredHistoricalVaR(returns: ArrayLike<number>, options: FilteredHistoricalOptions): number {
  const { L, c } = rescaled(returns, options);
  return historicalFromSorted(L, c).var;
}

/** Filtered historical simulation ES (mean rescaled loss at or beyond the FHS VaR). */
export function filteredHistoricalES(returns: ArrayLike<number>, options: FilteredHistoricalOptions): number {
  const { L, c } = rescaled(returns, options);
  return historicalFromSorted(L, c).es;
}
