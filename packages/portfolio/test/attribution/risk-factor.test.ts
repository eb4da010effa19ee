/** Risk attribution (Euler) and factor attribution laws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { capm, factorAttribution, pcaFactorModel, riskAttribution, sampleCovariance } from '@quantforge/portfolio';
import { lppReturns } from '../covariance/lpp';

const lpp = lppReturns(['SBI', 'SPI', 'SII', 'LMI', 'MPI', 'ALT']);
const S = sampleCovariance(lpp);
const weightsArb = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }).filter((w) => w.some((v) => Math.abs(v) > 1e-3));

describe('riskAttribution', () => {
  it('law: Euler contributions sum to the portfolio volatility, percents to 1', () => {
    fc.assert(
      fc.property(weightsArb, (w) => {
        const r = riskAttribution({ weights: w, covariance: S });
        const sum = r.contributions.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - r.volatility)).toBeLessThanOrEqual(1e-13 * r.volatility);
        expect(Math.abs(r.percent.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('marginal contributions equal the gradient of σ (central differences)', () => {
    const w = [0.2, 0.1, 0.15, 0.3, 0.05, 0.2];
    const r = riskAttribution({ weights: w, covariance: S });
    const sigma = (x: number[]) => Math.sqrt(x.reduce((a, xi, i) => a + xi * S[i].reduce((b, s, j) => b + s * x[j], 0), 0));
    const h = 1e-6;
    r.marginal.forEach((m, i) => {
      const up = w.slice();
      const dn = w.slice();
      up[i] += h;
      dn[i] -= h;
      expect(Math.abs((sigma(up) - sigma(dn)) / (2 * h) - m)).toBeLessThanOrEqual(1e-8 * Math.abs(m) + 1e-12);
    });
  });

  it('factor-model decomposition: factor + specific contributions sum to σ and match the dense covariance', () => {
    const fm = pcaFactorModel(lpp, 2);
    const w = [0.2, 0.1, 0.15, 0.3, 0.05, 0.2];
    const a = riskAttribution({ weights: w, factorModel: fm });
    const b = riskAttribution({ weights: w, covariance: fm.covariance });
    expect(a.volatility).toBeCloseTo(b.volatility, 15);
    const f = a.factors;
    expect(f).toBeDefined();
    if (f) expect(Math.abs(f.contributions.reduce((x, y) => x + y, 0) + f.specific - a.volatility)).toBeLessThanOrEqual(1e-14);
  });

  it('bad input', () => {
    expect(() => riskAttribution({ weights: [1, 0], covariance: S })).toThrow(/covariance.*2 × 2/);
    expect(() => riskAttribution({ weights: [0, 0, 0, 0, 0, 0], covariance: S })).toThrow(/variance of 0/);
    expect(() => riskAttribution({ weights: [1, Number.NaN, 0, 0, 0, 0], covariance: S })).toThrow(/weights\[1\]/);
    expect(() => riskAttribution({ weights: [1] })).toThrow(InvalidInputError);
  });
});

describe('factorAttribution', () => {
  const T = 30;
  const f = Array.from({ length: T }, (_, t) => [Math.sin(t) * 0.01, Math.cos(1.7 * t) * 0.02]);

  it('law: contributions + specific = total return, with given exposures (constant and per period)', () => {
    const r = f.map((ft, t) => 0.5 * ft[0] - 1.2 * ft[1] + 0.001 * ((t % 3) - 1));
    const a = factorAttribution({ portfolioReturns: r, factorReturns: f, exposures: [0.5, -1.2], factors: ['mkt', 'val'] });
    const sum = a.contributions.reduce((x, c) => x + c.contribution, 0) + a.specific;
    expect(Math.abs(sum - a.totalReturn)).toBeLessThanOrEqual(1e-15);
    expect(a.contributions[1]).toMatchObject({ factor: 'val', exposure: -1.2 });
    const per = factorAttribution({ portfolioReturns: r, factorReturns: f, exposures: f.map(() => [0.5, -1.2]) });
    expect(per.specific).toBe(a.specific);
  });

  it('estimated exposures recover the true betas of an exact linear model and agree with capm for K = 1', () => {
    const r = f.map((ft) => 0.002 + 0.7 * ft[0] + 0.3 * ft[1]);
    const a = factorAttribution({ portfolioReturns: r, factorReturns: f });
    expect(a.estimated).toBe(true);
    expect(a.contributions[0].exposure).toBeCloseTo(0.7, 12);
    expect(a.contributions[1].exposure).toBeCloseTo(0.3, 12);
    expect(a.alpha).toBeCloseTo(0.002, 14);
    expect(a.rSquared).toBeCloseTo(1, 12);
    const noisy = r.map((v, t) => v + 0.003 * Math.sin(3.3 * t));
    const one = factorAttribution({ portfolioReturns: noisy, factorReturns: f.map((x) => [x[0]]) });
    const c = capm(noisy, f.map((x) => x[0]));
    expect(one.contributions[0].exposure).toBeCloseTo(c.beta, 12);
    expect(one.alpha).toBeCloseTo(c.alpha, 14);
  });

  it('bad input', () => {
    expect(() => factorAttribution({ portfolioReturns: [0.1, 0.2], factorReturns: [[0.1]] })).toThrow(/one row per period/);
    expect(() => factorAttribution({ portfolioReturns: [0.1, 0.2], factorReturns: [[0.1], [0.2]] })).toThrow(/more than 2 periods/);
    expect(() => factorAttribution({ portfolioReturns: [0.1, 0.2, 0.3, 0.4], factorReturns: [[1], [1], [1], [1]] })).toThrow(/collinear or constant/);
    expect(() => factorAttribution({ portfolioReturns: [0.1], factorReturns: [[0.1, 0.2]], exposures: [1] })).toThrow(/exposures/);
  });
});
