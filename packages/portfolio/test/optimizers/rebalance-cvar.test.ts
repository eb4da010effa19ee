/** rebalance (derivations on 2 assets) and minCvar (against the sorted-tail definition of CVaR). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxDiversification, minCvar, minVariance, rebalance } from '@quantforge/portfolio';
import { lcg, randomProblem, sum } from './helpers';

const I2 = [
  [0.04, 0],
  [0, 0.04],
];

describe('rebalance', () => {
  it('turnover limit on two uncorrelated equal-vol assets: w = [1 − L/2, L/2] (variance falls toward 50/50)', () => {
    const r = rebalance({ covariance: I2, currentWeights: [1, 0], turnoverLimit: 0.4 });
    expect(r.weights[0]).toBeCloseTo(0.8, 9);
    expect(r.weights[1]).toBeCloseTo(0.2, 9);
    expect(r.turnover).toBeLessThanOrEqual(0.4 + 1e-9);
  });
  it('linear cost c: stationarity λσ²(2x − 1) + 2c = 0 gives x = ½ − c/(λσ²)', () => {
    // objective ½λσ²((1−x)² + x²) + c·2x with σ² = 0.04, λ = 1, c = 0.004 → x = 0.5 − 0.1 = 0.4
    const r = rebalance({ covariance: I2, currentWeights: [1, 0], linearCosts: 0.004 });
    expect(r.weights[1]).toBeCloseTo(0.4, 9);
    expect(r.cost).toBeCloseTo(0.004 * 0.8, 9);
  });
  it('quadratic cost q: λσ²(2x − 1) + 4qx = 0 gives x = λσ²/(2λσ² + 4q)', () => {
    const r = rebalance({ covariance: I2, currentWeights: [1, 0], quadraticCosts: 0.02 });
    expect(r.weights[1]).toBeCloseTo(0.04 / (0.08 + 0.08), 12);
  });
  it('no costs and no expected returns: the min-variance portfolio', () => {
    const { covariance } = randomProblem(6, 3);
    const r = rebalance({ covariance, currentWeights: [1, 0, 0, 0, 0, 0] });
    minVariance({ covariance }).weights.forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 12));
  });
  it('respects the turnover limit and bounds (law)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, seed, lim) => {
        const { covariance, mu } = randomProblem(n, seed);
        const w0 = new Array(n).fill(0);
        w0[0] = 1;
        const r = rebalance({ covariance, expectedReturns: mu, currentWeights: w0, turnoverLimit: lim, linearCosts: 0.001, bounds: [0, 1] });
        expect(r.turnover).toBeLessThanOrEqual(lim + 1e-9);
        expect(Math.abs(sum(r.weights) - 1)).toBeLessThanOrEqual(1e-9);
        r.weights.forEach((w) => expect(w).toBeGreaterThanOrEqual(-1e-9));
      }),
      { numRuns: 30 },
    );
  });
  it('rejects bad costs by field', () => {
    expect(() => rebalance({ covariance: I2, currentWeights: [1, 0], linearCosts: -1 })).toThrow(/linearCosts/);
    expect(() => rebalance({ covariance: I2, currentWeights: [1] })).toThrow(/currentWeights/);
  });
});

function empiricalCvar(R: number[][], w: number[], beta: number): number {
  const losses = R.map((r) => -r.reduce((s, v, i) => s + v * w[i], 0)).sort((a, b) => b - a);
  const k = Math.round((1 - beta) * R.length); // (1 − β)T integer in these tests
  return losses.slice(0, k).reduce((a, b) => a + b, 0) / k;
}

describe('minCvar (HiGHS LP)', () => {
  const r = lcg(11);
  const R = Array.from({ length: 200 }, () => Array.from({ length: 5 }, (_, j) => (r() - 0.5) * 0.02 * (1 + j) + 0.001 * j));
  it('CVaR equals the mean of the worst (1 − β)T losses and is no worse than other portfolios', async () => {
    const res = await minCvar({ scenarios: R, beta: 0.95 });
    expect(Math.abs(sum(res.weights) - 1)).toBeLessThan(1e-9);
    res.weights.forEach((w) => expect(w).toBeGreaterThanOrEqual(-1e-9));
    expect(Math.abs(res.cvar - empiricalCvar(R, res.weights, 0.95))).toBeLessThan(1e-9);
    const rng = lcg(5);
    for (let k = 0; k < 50; k++) {
      const w = Array.from({ length: 5 }, () => rng());
      const s = sum(w);
      expect(res.cvar).toBeLessThanOrEqual(empiricalCvar(R, w.map((v) => v / s), 0.95) + 1e-9);
    }
  });
  it('return floor binds and infeasible floors name the constraint', async () => {
    const mu = R[0].map((_, j) => R.reduce((s, row) => s + row[j], 0) / R.length);
    const res = await minCvar({ scenarios: R, targetReturn: 0.003 });
    expect(res.expectedReturn).toBeGreaterThanOrEqual(0.003 - 1e-9);
    await expect(minCvar({ scenarios: R, targetReturn: Math.max(...mu) + 0.01 })).rejects.toThrow(/target return/);
  });
  it('rejects bad beta and NaN scenarios', async () => {
    await expect(minCvar({ scenarios: R, beta: 1 })).rejects.toThrow(/beta/);
    await expect(minCvar({ scenarios: [[0.1, NaN]] })).rejects.toThrow(/scenarios\[0\]\[1\]/);
  });
});

describe('maxDiversification', () => {
  it('diversification ratio ≥ that of equal weights and of min variance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const { covariance } = randomProblem(n, seed);
        const dr = (w: number[]) => w.reduce((s, v, i) => s + v * Math.sqrt(covariance[i][i]), 0) / Math.sqrt(w.reduce((s, v, i) => s + v * w.reduce((t, u, j) => t + covariance[i][j] * u, 0), 0));
        const r = maxDiversification({ covariance });
        expect(r.diversificationRatio).toBeGreaterThanOrEqual(dr(new Array(n).fill(1 / n)) - 1e-12);
        expect(r.diversificationRatio).toBeGreaterThanOrEqual(dr(minVariance({ covariance }).weights) - 1e-12);
      }),
      { numRuns: 30 },
    );
  });
});
