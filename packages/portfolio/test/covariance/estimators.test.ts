/** analytics-covariance.json: scikit-learn, pandas, numpy and statsmodels references for every estimator. */
import { describe, expect, it } from 'vitest';
import {
  ewmaCovariance,
  fundamentalFactorModel,
  ledoitWolf,
  ledoitWolfConstantCorrelation,
  oas,
  pcaFactorModel,
} from '@quantforge/portfolio';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { lppReturns } from './lpp';

interface Input {
  dataset?: string;
  assets?: string[];
  returns?: number[][];
  estimator: string;
  lambda?: number;
  centre?: boolean;
  k?: number;
  exposures?: number[][];
  weights?: number[];
}
const fixture = loadFixture<Input, Record<string, unknown>>(new URL('../fixtures/analytics-covariance.json', import.meta.url));

function ratio(field: string, got: unknown, exp: unknown): number {
  const tol = toleranceFor(fixture, field);
  if (typeof exp === 'number') return toleranceRatio(got as number, exp, tol);
  const g = got as unknown[];
  const e = exp as unknown[];
  expect(g.length).toBe(e.length);
  return Math.max(...e.map((v, i) => ratio(field, g[i], v)));
}

function run(input: Input): Record<string, unknown> {
  const r = input.returns ?? lppReturns(input.assets ?? []);
  switch (input.estimator) {
    case 'ledoitWolf':
      return { ...ledoitWolf(r) };
    case 'oas':
      return { ...oas(r) };
    case 'ledoitWolfConstantCorrelation':
      return { ...ledoitWolfConstantCorrelation(r) };
    case 'ewmaCovariance':
      return { ...ewmaCovariance(r, { lambda: input.lambda, centre: input.centre }) };
    case 'pcaFactorModel':
      return { ...pcaFactorModel(r, input.k ?? 1) };
    case 'fundamentalFactorModel':
      return { ...fundamentalFactorModel(r, input.exposures ?? [], { weights: input.weights }) };
    default:
      throw new Error(`unknown estimator ${input.estimator}`);
  }
}

describe('analytics-covariance.json', () => {
  for (const c of fixture.cases) {
    it(c.id, () => {
      const got = run(c.input);
      for (const [field, exp] of Object.entries(c.expected)) {
        expect(got[field], field).toBeDefined();
        expect(ratio(field, got[field], exp), field).toBeLessThanOrEqual(1);
      }
    });
  }
});
