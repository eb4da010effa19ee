/** opt.json cases `moments` and `ledoitWolf` (numpy / scikit-learn on lpp2005rec). */
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { ledoitWolf, sampleCovariance, sampleMean } from '@quantforge/portfolio';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { lppReturns } from './lpp';

interface Input {
  dataset: string;
  assets: string[];
  problem: string;
}
const fixture = loadFixture<Input, Record<string, unknown>>(new URL('../fixtures/opt.json', import.meta.url));
const byId = (id: string) => {
  const c = fixture.cases.find((x) => x.id === id);
  if (!c) throw new Error(`missing case ${id}`);
  return c;
};

function worstRatio(field: string, got: unknown, exp: unknown): number {
  const tol = toleranceFor(fixture, field);
  if (typeof exp === 'number') return toleranceRatio(got as number, exp, tol);
  const g = got as unknown[];
  const e = exp as unknown[];
  expect(g.length).toBe(e.length);
  return Math.max(...e.map((v, i) => worstRatio(field, g[i], v)));
}

describe('opt.json moments', () => {
  const c = byId('moments');
  const r = lppReturns(c.input.assets);
  it('mean and ddof-1 covariance within tolerance', () => {
    expect(worstRatio('mean', sampleMean(r), c.expected.mean)).toBeLessThanOrEqual(1);
    expect(worstRatio('covariance', sampleCovariance(r), c.expected.covariance)).toBeLessThanOrEqual(1);
  });
});

describe('opt.json ledoitWolf (scikit-learn 1.2.1 LedoitWolf)', () => {
  const c = byId('ledoitWolf');
  const r = lppReturns(c.input.assets);
  it('shrinkage, covariance and target within tolerance', () => {
    const got = ledoitWolf(r);
    expect(worstRatio('shrinkage', got.shrinkage, c.expected.shrinkage)).toBeLessThanOrEqual(1);
    expect(worstRatio('target', got.target, c.expected.target)).toBeLessThanOrEqual(1);
    expect(worstRatio('covariance', got.covariance, c.expected.covariance)).toBeLessThanOrEqual(1);
  });
  it('accepts an ml-matrix Matrix with the same result', () => {
    expect(ledoitWolf(new Matrix(r)).covariance).toEqual(ledoitWolf(r).covariance);
    expect(sampleCovariance(new Matrix(r))).toEqual(sampleCovariance(r));
  });
});
