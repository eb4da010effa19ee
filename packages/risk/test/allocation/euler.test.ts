import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normInv } from '@quantforge/core';
import { componentVaR, incrementalVaR, marginalVaR, monteCarloVaR, parametricAllocation, scenarioAllocation } from '@quantforge/risk';
import type { Position } from '@quantforge/risk';
import { covariance, market, optionBook } from '../montecarlo/helpers';

const exposure = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }).filter((x) => x.some((v) => Math.abs(v) > 1));

describe('Euler allocation: parametric', () => {
  it('components sum to the total VaR (Euler law), with or without means', () => {
    fc.assert(
      fc.property(exposure, fc.constantFrom(0.95, 0.99), fc.boolean(), (x, confidence, withMean) => {
        const means = withMean ? [0.001, -0.002, 0.0005] : undefined;
        const a = parametricAllocation({ exposures: x, covariance, confidence, means });
        const sum = a.component.reduce((s, c) => s + c, 0);
        expect(Math.abs(sum - a.var)).toBeLessThanOrEqual(1e-9 * (Math.abs(a.var) + 1));
        expect(a.percent.reduce((s, c) => s + c, 0)).toBeCloseTo(1, 9);
      }),
      { numRuns: 100 },
    );
  });

  it('marginal VaR is the gradient of the VaR (central differences)', () => {
    const x = [1e5, -4e4, 2e5];
    const base = { exposures: x, covariance, confidence: 0.99 };
    const m = marginalVaR(base);
    for (let i = 0; i < 3; i++) {
      const h = 1;
      const up = x.slice();
      const dn = x.slice();
      up[i] += h;
      dn[i] -= h;
      const fd = (parametricAllocation({ ...base, exposures: up }).var - parametricAllocation({ ...base, exposures: dn }).var) / (2 * h);
      expect(m[i]).toBeCloseTo(fd, 6);
    }
  });

  it('VaR is z σ_p; a single exposure gets the whole VaR', () => {
    const a = parametricAllocation({ exposures: [1000, 0, 0], covariance, confidence: 0.99 });
    expect(a.var).toBeCloseTo(normInv(0.99) * 1000 * 0.2, 10);
    expect([...componentVaR({ exposures: [1000, 0, 0], covariance, confidence: 0.99 })]).toEqual([a.var, 0, 0]);
  });

  it('incremental VaR equals the recomputed difference; first order close for small trades', () => {
    const base = { exposures: [1e5, -4e4, 2e5], covariance, confidence: 0.99 };
    const inc = incrementalVaR({ ...base, change: [100, 0, -50] });
    expect(inc.incremental).toBeCloseTo(inc.after - inc.before, 10);
    // The first-order error is second order in the trade: halving the trade quarters it.
    const half = incrementalVaR({ ...base, change: [50, 0, -25] });
    const e1 = Math.abs(inc.incremental - inc.approximation);
    const e2 = Math.abs(half.incremental - half.approximation);
    expect(e1).toBeLessThan(0.01 * Math.abs(inc.incremental));
    expect(e2 / e1).toBeCloseTo(0.25, 2);
  });

  it('bad input', () => {
    expect(() => parametricAllocation({ exposures: [1, 2], covariance, confidence: 0.99 })).toThrow(/exposures/);
    expect(() => parametricAllocation({ exposures: [1, NaN, 2], covariance, confidence: 0.99 })).toThrow(/exposures\[1\]/);
    expect(() => parametricAllocation({ exposures: [0, 0, 0], covariance, confidence: 0.99 })).toThrow(/zero/);
    expect(() => parametricAllocation({ exposures: [1, 1, 1], covariance, confidence: 1.5 })).toThrow(/confidence/);
    expect(() => incrementalVaR({ exposures: [1, 1, 1], covariance, confidence: 0.99, change: [1] })).toThrow(/change/);
  });
});

describe('Euler allocation: from Monte Carlo scenarios', () => {
  const common = { market, factors: ['AAA', 'BBB', 'CCC'], covariance, horizon: 10 / 252, confidence: 0.99, keepPositionPnl: true };

  it('components sum to the scenario VaR exactly and match the MC VaR', () => {
    const mc = monteCarloVaR({ ...common, positions: optionBook, scenarios: 5000, seed: 1 });
    const a = scenarioAllocation({ positionPnl: mc.positionPnl!, confidence: 0.99 });
    expect(a.var).toBeCloseTo(mc.var, 8);
    expect(a.component.reduce((s, c) => s + c, 0)).toBeCloseTo(a.var, 8);
    // The raw conditional expectation is itself close to VaR (the rescaling is a small correction).
    expect(Math.abs(a.rawSum - a.var) / a.var).toBeLessThan(0.05);
    expect([...componentVaR({ positionPnl: mc.positionPnl!, confidence: 0.99 })]).toEqual([...a.component]);
  });

  it('for a linear book the MC components approach the parametric ones', () => {
    const q = [500, -800, 300];
    const positions: Position[] = q.map((quantity, i) => ({ id: `l${i}`, kind: 'linear', underlying: common.factors[i], quantity }));
    const mc = monteCarloVaR({ ...common, positions, scenarios: 40000, seed: 2, shockType: 'arithmetic' });
    const a = scenarioAllocation({ positionPnl: mc.positionPnl!, confidence: 0.99 });
    const x = q.map((qi, i) => qi * market[common.factors[i]].spot);
    const p = parametricAllocation({ exposures: x, covariance: covariance.map((r) => r.map((c) => c * common.horizon)), confidence: 0.99 });
    for (let i = 0; i < 3; i++) expect(Math.abs(a.component[i] - p.component[i])).toBeLessThan(0.1 * p.var);
  });

  it('incremental VaR from scenarios is the recomputed difference', () => {
    const mc = monteCarloVaR({ ...common, positions: optionBook, scenarios: 2000, seed: 3 });
    const trade = mc.positionPnl![0].map((v) => -0.5 * v);
    const inc = incrementalVaR({ positionPnl: mc.positionPnl!, confidence: 0.99, change: trade });
    const halved = mc.positionPnl!.map((row, i) => (i === 0 ? row.map((v) => 0.5 * v) : row));
    expect(inc.after).toBeCloseTo(scenarioAllocation({ positionPnl: halved, confidence: 0.99 }).var, 8);
    expect(inc.incremental).toBeCloseTo(inc.after - inc.before, 10);
  });

  it('bad input', () => {
    expect(() => scenarioAllocation({ positionPnl: [], confidence: 0.99 })).toThrow(/positionPnl/);
    expect(() => scenarioAllocation({ positionPnl: [[1, 2, 3], [1, 2]], confidence: 0.99 })).toThrow(/positionPnl\[1\]/);
    expect(() => scenarioAllocation({ positionPnl: [[1, NaN, 3]], confidence: 0.99 })).toThrow(/positionPnl\[0\]\[1\]/);
  });
});
