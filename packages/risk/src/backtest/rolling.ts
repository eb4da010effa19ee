/**
 * Rolling (walk-forward) VaR backtest: for t = window..n−1 the model sees returns
 * [t − window, t) and forecasts VaR_t (and ES_t when it can); the exception is
 * I_t = 1[−r_t > VaR_t]. The exception series then feeds Kupiec, Christoffersen and the Basel
 * traffic light (at p = 1 − confidence).
 */
import { InvalidInputError, requireObject } from '@quantforge/core';
import { historicalFromSorted, sortedLosses } from '../var/historical';
import { parametricES, parametricVaR } from '../var/parametric';
import { requireConfidence, requireReturns } from '../var/validate';
import { christoffersenTest } from './christoffersen';
import type { ChristoffersenResult } from './christoffersen';
import { kupiecTest } from './kupiec';
import type { KupiecResult } from './kupiec';
import { baselTrafficLight } from './traffic-light';
import type { TrafficLightResult } from './traffic-light';

/** A VaR model: the window of past returns and the confidence in, VaR (or { var, es }) out. */
export type VaRModel = ((window: Float64Array, confidence: number) => number | { var: number; es?: number }) | 'historical' | 'normal' | 't' | 'cornish-fisher';

/** Result of {@link rollingVarBacktest}. */
export interface RollingBacktestResult {
  /** VaR_t forecasts for t = window..n−1 (positive losses). */
  var: Float64Array;
  /** ES_t forecasts when the model gives them (else undefined). */
  es?: Float64Array;
  /** Realised losses −r_t, t = window..n−1. */
  losses: Float64Array;
  /** I_t = 1 when the loss exceeded the VaR. */
  exceptions: Uint8Array;
  nExceptions: number;
  kupiec: KupiecResult;
  christoffersen: ChristoffersenResult;
  trafficLight: TrafficLightResult;
}

function builtin(name: string): (w: Float64Array, c: number) => { var: number; es?: number } {
  switch (name) {
    case 'historical':
      return (w, c) => historicalFromSorted(sortedLosses(w), c);
    case 'normal':
      return (w, c) => ({ var: parametricVaR(w, { confidence: c, distribution: 'normal' }), es: parametricES(w, { confidence: c, distribution: 'normal' }) });
    case 't':
      return (w, c) => ({ var: parametricVaR(w, { confidence: c, distribution: 't' }) });
    case 'cornish-fisher':
      return (w, c) => ({ var: parametricVaR(w, { confidence: c, distribution: 'cornish-fisher' }) });
    default:
      throw new InvalidInputError('model', "must be a function or 'historical', 'normal', 't' or 'cornish-fisher'", name);
  }
}

/**
 * Runs `model` over a rolling window and backtests its VaR forecasts.
 * @param returns the return history (finite; error names the bad index).
 * @param model a function (window, confidence) → VaR | { var, es }, or a built-in name.
 * @param options.window the estimation window (integer ≥ 2, < n); `confidence` in (0, 1).
 * @throws InvalidInputError for bad inputs or a model returning a non-finite VaR (naming t).
 * @example rollingVarBacktest(returns, 'historical', { window: 250, confidence: 0.99 }).kupiec.pValue
 */
export function rollingVarBacktest(returns: ArrayLike<number>, model: VaRModel, options: { window: number; confidence: number }): RollingBacktestResult {
  const o = requireObject('options', options);
  const c = requireConfidence(o.confidence);
  const x = requireReturns(returns, 3);
  const n = x.length;
  const w = o.window as number;
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 2 || w >= n) throw new InvalidInputError('window', `must be an integer in [2, ${n - 1}]`, w);
  const f = typeof model === 'function' ? model : builtin(model);
  const m = n - w;
  const v = new Float64Array(m);
  const es = new Float64Array(m);
  let hasEs = true;
  const losses = new Float64Array(m);
  const exc = new Uint8Array(m);
  let k = 0;
  for (let t = w; t < n; t++) {
    const out = f(x.subarray(t - w, t), c);
    const vt = typeof out === 'number' ? out : out?.var;
    if (typeof vt !== 'number' || !Number.isFinite(vt)) throw new InvalidInputError(`model(t=${t})`, 'must return a finite VaR', vt);
    const et = typeof out === 'number' ? undefined : out.es;
    if (et === undefined || !Number.isFinite(et)) hasEs = false;
    else es[t - w] = et;
    v[t - w] = vt;
    losses[t - w] = -x[t];
    if (-x[t] > vt) {
      exc[t - w] = 1;
      k++;
    }
  }
  const p = 1 - c;
  return {
    var: v,
    ...(hasEs ? { es } : {}),
    losses,
    exceptions: exc,
    nExceptions: k,
    kupiec: kupiecTest(exc, { p }),
    christoffersen: christoffersenTest(exc, { p }),
    trafficLight: baselTrafficLight(exc, { p }),
  };
}
