/** Laws of the efficient frontier and efficientRisk. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { efficientFrontier, efficientRisk, efficientReturn, minVariance, sampleCovariance, sampleMean } from '@quantforge/portfolio';
import { randomProblem } from '../optimizers/helpers';
import { lppReturns } from '../covariance/lpp';

describe('efficientFrontier', () => {
  it('is monotone (return and volatility increasing) and concave (return vs volatility)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const { covariance, mu } = randomProblem(n, seed);
        const { points } = efficientFrontier({ covariance, expectedReturns: mu, points: 12 });
        for (let k = 1; k < points.length; k++) {
          expect(points[k].expectedReturn).toBeGreaterThanOrEqual(points[k - 1].expectedReturn - 1e-12);
          expect(points[k].volatility).toBeGreaterThanOrEqual(points[k - 1].volatility - 1e-12);
        }
        // concavity: slopes dr/dσ non-increasing
        for (let k = 2; k < points.length; k++) {
          const [a, b, c] = [points[k - 2], points[k - 1], points[k]];
          const s1 = (b.expectedReturn - a.expectedReturn) * (c.volatility - b.volatility);
          const s2 = (c.expectedReturn - b.expectedReturn) * (b.volatility - a.volatility);
          expect(s2).toBeLessThanOrEqual(s1 + 1e-12);
        }
        expect(points[0].volatility).toBeCloseTo(Math.sqrt(minVariance({ covariance }).variance), 12);
      }),
      { numRuns: 40 },
    );
  });
  it('points on lpp2005rec equal efficientReturn at the same return', () => {
    const r = lppReturns(['SBI', 'SPI', 'SII', 'LMI', 'MPI', 'ALT']);
    const covariance = sampleCovariance(r);
    const mu = sampleMean(r);
    const { points } = efficientFrontier({ covariance, expectedReturns: mu, points: 5 });
    const p = points[2];
    const w = efficientReturn({ covariance, expectedReturns: mu, targetReturn: p.expectedReturn }).weights;
    w.forEach((x, i) => expect(Math.abs(x - p.weights[i])).toBeLessThan(1e-12));
    expect(Math.abs(points[4].expectedReturn - Math.max(...mu))).toBeLessThan(1e-15);
  });
  it('rejects points < 2', () => {
    const { covariance, mu } = randomProblem(3, 1);
    expect(() => efficientFrontier({ covariance, expectedReturns: mu, points: 1 })).toThrow(/points/);
  });
});

describe('efficientRisk', () => {
  it('hits the target volatility and beats every frontier point at or below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (n, seed, frac) => {
        const { covariance, mu } = randomProblem(n, seed);
        const { points } = efficientFrontier({ covariance, expectedReturns: mu, points: 8 });
        const lo = points[0].volatility;
        const hi = points[points.length - 1].volatility;
        const target = lo + frac * (hi - lo);
        const r = efficientRisk({ covariance, expectedReturns: mu, targetVolatility: target });
        if (hi - lo > 1e-9) expect(Math.abs(r.volatility - target)).toBeLessThanOrEqual(1e-9 * target);
        for (const p of points) if (p.volatility <= target) expect(r.expectedReturn!).toBeGreaterThanOrEqual(p.expectedReturn - 1e-12);
      }),
      { numRuns: 30 },
    );
  });
  it('throws target-risk naming the minimum volatility when the target is too low', () => {
    const { covariance, mu } = randomProblem(4, 7);
    const min = Math.sqrt(minVariance({ covariance }).variance);
    expect(() => efficientRisk({ covariance, expectedReturns: mu, targetVolatility: min * 0.5 })).toThrow(/below the minimum achievable/);
  });
  it('returns the max-return portfolio for a generous target', () => {
    const { covariance, mu } = randomProblem(4, 9);
    const r = efficientRisk({ covariance, expectedReturns: mu, targetVolatility: 10 });
    expect(r.expectedReturn).toBeCloseTo(Math.max(...mu), 14);
  });
});
