import { describe, expect, it } from 'vitest';
import { ConvergenceError, InvalidInputError } from '@quantforge/core';
import { ewmaVolatility, fitGarch, garchForecast } from '@quantforge/risk';
import { buildSeries } from '../var/series';

describe('EWMA volatility', () => {
  it('follows σ²_t = λσ²_{t−1} + (1 − λ)r²_{t−1} (hand computation)', () => {
    const r = [0.01, -0.02, 0.03];
    const e = ewmaVolatility(r, { lambda: 0.9, initialVariance: 1e-4 });
    expect(e.variance[0]).toBe(1e-4);
    expect(e.variance[1]).toBeCloseTo(0.9 * 1e-4 + 0.1 * 1e-4, 18);
    expect(e.variance[2]).toBeCloseTo(0.9 * e.variance[1] + 0.1 * 4e-4, 18);
    expect(e.forecastVariance).toBeCloseTo(0.9 * e.variance[2] + 0.1 * 9e-4, 18);
    expect(e.forecastVolatility).toBeCloseTo(Math.sqrt(e.forecastVariance), 18);
  });
  it('defaults to λ = 0.94 and seeds with the mean square of the first 30 returns', () => {
    const x = buildSeries('dem2gbp');
    const e = ewmaVolatility(x);
    expect(e.lambda).toBe(0.94);
    let s = 0;
    for (let i = 0; i < 30; i++) s += x[i] * x[i];
    expect(e.variance[0]).toBeCloseTo(s / 30, 15);
  });
  it('bad input', () => {
    expect(() => ewmaVolatility([0.1, NaN])).toThrow(/returns\[1\]/);
    expect(() => ewmaVolatility([0.1], { lambda: 1 })).toThrow(/lambda/);
    expect(() => ewmaVolatility([])).toThrow(InvalidInputError);
  });
});

describe('GARCH family on dem2gbp', () => {
  const x = buildSeries('dem2gbp');
  const g = fitGarch(x, { model: 'garch', dist: 'normal' });
  it('nested models fit at least as well: GJR >= GARCH, t >= normal (log-likelihood)', () => {
    const gjr = fitGarch(x, { model: 'gjr', dist: 'normal', standardErrors: false });
    const t = fitGarch(x, { model: 'garch', dist: 't', standardErrors: false });
    expect(gjr.logLikelihood).toBeGreaterThanOrEqual(g.logLikelihood - 1e-6);
    expect(t.logLikelihood).toBeGreaterThan(g.logLikelihood);
    expect(gjr.gamma).toBeGreaterThanOrEqual(0);
    expect(t.nu).toBeGreaterThan(2);
    expect(t.nu).toBeLessThan(10);
  });
  it('standard errors are positive and of fGarch magnitude (alpha SE ≈ 0.02)', () => {
    expect(g.standardErrors?.alpha).toBeGreaterThan(0.005);
    expect(g.standardErrors?.alpha).toBeLessThan(0.05);
    expect(g.conditionalVolatility.length).toBe(x.length);
  });
  it('forecasts converge to the unconditional variance ω/(1 − α − β) and follow the recursion', () => {
    const f = garchForecast(g, 500);
    expect(f.variance[499]).toBeCloseTo(g.unconditionalVariance, 8);
    expect(f.variance[1]).toBeCloseTo(g.omega + (g.alpha + g.beta) * f.variance[0], 14);
    expect(f.variance[0]).toBeCloseTo(g.omega + g.alpha * g.lastResidual ** 2 + g.beta * g.lastVariance, 14);
    expect(f.cumulativeVariance[1]).toBeCloseTo(f.variance[0] + f.variance[1], 14);
    expect(() => garchForecast(g, 0)).toThrow(/horizon/);
  });
  it('includeMean: false fixes mu = 0 and cannot beat the fit with a mean', () => {
    const z = fitGarch(x, { includeMean: false, standardErrors: false });
    expect(z.mu).toBe(0);
    expect(z.logLikelihood).toBeLessThanOrEqual(g.logLikelihood + 1e-9);
    expect(z.logLikelihood).toBeGreaterThan(g.logLikelihood - 1);
  });
  it('an iteration cap too small ends in ConvergenceError carrying the last parameters', () => {
    try {
      fitGarch(x, { maxIterations: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConvergenceError);
      expect((e as ConvergenceError).lastIterate).toHaveProperty('omega');
    }
  });
  it('bad input', () => {
    expect(() => fitGarch([0.1, 0.2, NaN, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(/returns\[2\]/);
    expect(() => fitGarch([0.1, 0.2])).toThrow(/at least 10/);
    expect(() => fitGarch(x, { model: 'egarch' as 'garch' })).toThrow(/model/);
    expect(() => fitGarch(x, { dist: 'ged' as 'normal' })).toThrow(/dist/);
    expect(() => fitGarch(new Array(20).fill(0.5))).toThrow(/constant/);
  });
});
