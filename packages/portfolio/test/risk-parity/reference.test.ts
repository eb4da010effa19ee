/** opt.json case riskParity (ERC by Newton in 40-digit mpmath, lpp2005rec). */
import { describe, expect, it } from 'vitest';
import { riskParity, sampleCovariance } from '@quantforge/portfolio';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { lppReturns } from '../covariance/lpp';

const fixture = loadFixture<{ assets: string[]; problem: string }, { weights: number[] }>(new URL('../fixtures/opt.json', import.meta.url));

describe('opt.json riskParity', () => {
  const c = fixture.cases.find((x) => x.id === 'riskParity')!;
  const covariance = sampleCovariance(lppReturns(c.input.assets));
  const r = riskParity({ covariance });
  it('weights within tolerance', () => {
    const tol = toleranceFor(fixture, 'weights');
    const ratio = Math.max(...c.expected.weights.map((e, i) => toleranceRatio(r.weights[i], e, tol)));
    console.log('riskParity worst error / tolerance', ratio.toExponential(2));
    expect(ratio).toBeLessThanOrEqual(1);
  });
  it('contributions equal to 1e-10 and sum to the volatility', () => {
    expect(r.maxRelativeError).toBeLessThan(1e-10);
    const sum = r.riskContributions.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - r.volatility)).toBeLessThanOrEqual(1e-14 * r.volatility);
  });
});
