/** opt.json cases minVariance, maxSharpe, targetReturn-* (R quadprog on lpp2005rec). */
import { describe, expect, it } from 'vitest';
import { efficientReturn, maxSharpe, minVariance, sampleCovariance, sampleMean } from '@quantforge/portfolio';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { lppReturns } from '../covariance/lpp';

interface Input {
  dataset?: string;
  assets: string[];
  problem: string;
  targetReturn?: number;
  riskFree?: number;
}
const fixture = loadFixture<Input, { weights: number[] }>(new URL('../fixtures/opt.json', import.meta.url));
const tol = toleranceFor(fixture, 'weights');

function worst(got: ArrayLike<number>, exp: number[]): number {
  expect(got.length).toBe(exp.length);
  return Math.max(...exp.map((e, i) => toleranceRatio(got[i], e, tol)));
}

describe('opt.json long-only QPs (lpp2005rec)', () => {
  const qpCases = fixture.cases.filter((c) => ['minVariance', 'maxSharpe', 'targetReturn'].includes(c.input.problem));
  it('has the 7 QP cases', () => expect(qpCases.length).toBe(7));
  for (const c of qpCases) {
    it(`${c.id} within tolerance`, () => {
      const r = lppReturns(c.input.assets);
      const covariance = sampleCovariance(r);
      const mu = sampleMean(r);
      let w: ArrayLike<number>;
      if (c.input.problem === 'minVariance') w = minVariance({ covariance }).weights;
      else if (c.input.problem === 'maxSharpe') w = maxSharpe({ covariance, expectedReturns: mu, riskFree: c.input.riskFree }).weights;
      else w = efficientReturn({ covariance, expectedReturns: mu, targetReturn: c.input.targetReturn! }).weights;
      const ratio = worst(w, c.expected.weights);
      console.log(c.id, 'worst error / tolerance', ratio.toExponential(2));
      expect(ratio).toBeLessThanOrEqual(1);
    });
  }
});
