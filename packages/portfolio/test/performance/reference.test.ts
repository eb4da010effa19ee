/** analytics-performance.json: numpy / pandas / statsmodels on EuStockMarkets. */
import { describe, expect, it } from 'vitest';
import { loadEuStockMarkets, type EuStockIndex } from '@quantforge/datasets';
import {
  annualizedReturn,
  annualizedVolatility,
  calmarRatio,
  capm,
  downsideDeviation,
  informationRatio,
  maxDrawdown,
  omegaRatio,
  returnsFromPrices,
  rollingBeta,
  rollingCorrelation,
  rollingSharpe,
  rollingTrackingError,
  rollingVolatility,
  sharpeRatio,
  sortinoRatio,
  trackingError,
} from '@quantforge/portfolio';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';

interface Input {
  series: EuStockIndex;
  benchmark: EuStockIndex;
  periodsPerYear: number;
  riskFree: number;
  sortinoTarget?: number;
  omegaThreshold?: number;
  window?: number;
  firstReturns?: number;
}
const fixture = loadFixture<Input, Record<string, unknown>>(new URL('../fixtures/analytics-performance.json', import.meta.url));
const prices = loadEuStockMarkets().columns;

function ratio(field: string, got: unknown, exp: unknown): number {
  const tol = toleranceFor(fixture, field);
  if (typeof exp === 'number') return toleranceRatio(got as number, exp, tol);
  const g = got as ArrayLike<number>;
  const e = exp as number[];
  expect(g.length, field).toBe(e.length);
  return Math.max(...e.map((v, i) => ratio(field, g[i], v)));
}

function compute(input: Input): Record<string, unknown> {
  const r = returnsFromPrices(prices[input.series]);
  const b = returnsFromPrices(prices[input.benchmark]);
  const o = { periodsPerYear: input.periodsPerYear, riskFree: input.riskFree };
  const P = { periodsPerYear: input.periodsPerYear };
  if (input.window !== undefined) {
    const n = input.firstReturns ?? r.length;
    const rr = r.slice(0, n);
    const bb = b.slice(0, n);
    const ro = { ...o, window: input.window };
    return {
      rollingVolatility: rollingVolatility(rr, ro),
      rollingSharpe: rollingSharpe(rr, ro),
      rollingBeta: rollingBeta(rr, bb, ro),
      rollingCorrelation: rollingCorrelation(rr, bb, ro),
      rollingTrackingError: rollingTrackingError(rr, bb, ro),
    };
  }
  const dd = maxDrawdown(r);
  const c = capm(r, b, o);
  return {
    returnsHead: r.slice(0, 20),
    logReturnsHead: returnsFromPrices(prices[input.series], { method: 'log' }).slice(0, 20),
    annualizedReturnGeometric: annualizedReturn(r, P),
    annualizedReturnArithmetic: annualizedReturn(r, { ...P, method: 'arithmetic' }),
    annualizedVolatility: annualizedVolatility(r, P),
    sharpeRatio: sharpeRatio(r, o),
    downsideDeviation: downsideDeviation(r, { ...P, target: input.sortinoTarget }),
    sortinoRatio: sortinoRatio(r, { ...P, target: input.sortinoTarget }),
    sortinoRatioTarget0: sortinoRatio(r, P),
    calmarRatio: calmarRatio(r, P),
    omegaRatio: omegaRatio(r, { threshold: input.omegaThreshold }),
    maxDrawdown: dd.maxDrawdown,
    peakIndex: dd.peakIndex,
    troughIndex: dd.troughIndex,
    recoveryIndex: dd.recoveryIndex,
    duration: dd.duration,
    trackingError: trackingError(r, b, P),
    informationRatio: informationRatio(r, b, P),
    alpha: c.alpha,
    beta: c.beta,
    rSquared: c.rSquared,
    alphaStdError: c.alphaStdError,
    betaStdError: c.betaStdError,
    alphaTStat: c.alphaTStat,
    betaTStat: c.betaTStat,
  };
}

describe('analytics-performance.json', () => {
  for (const c of fixture.cases) {
    it(c.id, () => {
      const got = compute(c.input);
      for (const [field, exp] of Object.entries(c.expected)) {
        if (Number.isInteger(exp) || exp === null) expect(got[field], field).toBe(exp);
        else expect(ratio(field, got[field], exp), field).toBeLessThanOrEqual(1);
      }
    });
  }
});
