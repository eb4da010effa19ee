/** Risk-parity laws: contributions sum to σ_p and match the budgets; edge cases. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { riskParity } from '@quantforge/portfolio';
import { randomProblem } from '../optimizers/helpers';

describe('riskParity laws', () => {
  it('contributions sum to the portfolio volatility and are proportional to the budgets (1e-10)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1e6 }), fc.boolean(), (n, seed, budgeted) => {
        const { covariance } = randomProblem(n, seed);
        const budgets = budgeted ? Array.from({ length: n }, (_, i) => 1 + ((seed + i) % 5)) : undefined;
        const r = riskParity({ covariance, budgets });
        const sum = r.riskContributions.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - r.volatility)).toBeLessThanOrEqual(1e-13 * r.volatility);
        expect(r.maxRelativeError).toBeLessThan(1e-10);
        expect(r.weights.every((w) => w > 0)).toBe(true);
        expect(Math.abs(r.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
      }),
      { numRuns: 60 },
    );
  });
  it('two uncorrelated assets: weights ∝ 1/σ (closed form)', () => {
    const r = riskParity({ covariance: [[0.04, 0], [0, 0.01]] });
    expect(r.weights[0]).toBeCloseTo(1 / 3, 14);
    expect(r.weights[1]).toBeCloseTo(2 / 3, 14);
  });
  it('rejects a bad maxIterations and a non-PSD covariance', () => {
    expect(() => riskParity({ covariance: [[1]], maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => riskParity({ covariance: [[1, 2], [2, 1]] })).toThrow(/eigenvalue/);
  });
});
