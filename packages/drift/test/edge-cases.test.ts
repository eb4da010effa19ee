import { describe, expect, it } from 'vitest';
import { InvalidInputError, createRng } from '@quantforge/core';
import {
  andersonDarlingKSample,
  chiSquareTest,
  classifierTwoSampleTest,
  cramerVonMises2Sample,
  energyDistance,
  gTest,
  jensenShannon,
  ksTest,
  mmdTest,
  psi,
  renderDriftReport,
  rocAuc,
  totalVariation,
  wasserstein1,
  wasserstein1Normed,
  innerEdges,
  binCounts,
} from '@quantforge/drift';

describe('typed errors on bad samples', () => {
  const fns: [string, () => unknown][] = [
    ['ksTest empty', () => ksTest([], [1])],
    ['ksTest NaN', () => ksTest([1, NaN], [1])],
    ['ksTest Infinity', () => ksTest([1], [Infinity])],
    ['ksTest method', () => ksTest([1], [2], { method: 'x' as never })],
    ['wasserstein1 empty', () => wasserstein1([1], [])],
    ['energyDistance NaN', () => energyDistance([NaN], [1])],
    ['psi empty', () => psi([], [1])],
    ['psi bins', () => psi([1, 2, 3], [1], { bins: 1 })],
    ['jensenShannon NaN', () => jensenShannon([1, 2], [NaN])],
    ['chiSquareTest lengths', () => chiSquareTest([1, 2], [1])],
    ['chiSquareTest negative', () => chiSquareTest([1, -2], [1, 1])],
    ['chiSquareTest zero total', () => chiSquareTest([0, 0], [1, 1])],
    ['gTest NaN', () => gTest([1, NaN], [1, 1])],
    ['andersonDarling one sample', () => andersonDarlingKSample([[1, 2]])],
    ['andersonDarling constant', () => andersonDarlingKSample([[1, 1], [1, 1]])],
    ['andersonDarling empty', () => andersonDarlingKSample([[1, 2], []])],
    ['cramerVonMises too small', () => cramerVonMises2Sample([1], [1, 2])],
    ['mmd permutations', () => mmdTest([1, 2], [3, 4], { permutations: 0 })],
    ['mmd ragged rows', () => mmdTest([[1, 2], [3]], [[1, 2], [3, 4]])],
    ['mmd column mismatch', () => mmdTest([[1, 2], [3, 4]], [[1], [2]])],
    ['classifier folds', () => classifierTwoSampleTest([1, 2, 3], [4, 5, 6], { folds: 1 })],
    ['totalVariation empty', () => totalVariation([], ['a'])],
    ['totalVariation NaN', () => totalVariation(['a', NaN as never], ['a'])],
    ['wasserstein1Normed constant', () => wasserstein1Normed([2, 2, 2], [1, 2])],
    ['rocAuc one class', () => rocAuc([0.1, 0.2], [1, 1])],
    ['renderDriftReport not a report', () => renderDriftReport({} as never)],
    ['innerEdges unsorted', () => innerEdges(Float64Array.from([1, 2, 3]), { bins: [2, 1] })],
  ];
  for (const [name, f] of fns) it(name, () => expect(f).toThrow(InvalidInputError));
  it('errors name the field and index', () => {
    expect(() => ksTest([1, 2, NaN], [1])).toThrow(/'a\[2\]'/);
    expect(() => wasserstein1([1], [1, 'x' as never])).toThrow(/'b\[1\]'/);
  });
});

describe('edge values', () => {
  it('single observations and ±0', () => {
    expect(ksTest([0], [-0]).statistic).toBe(0);
    expect(ksTest([1], [2]).statistic).toBe(1);
    expect(ksTest([1], [2]).pValue).toBe(1); // n = m = 1: P(D >= 1) = 1
    expect(wasserstein1([0], [-0])).toBe(0);
    expect(wasserstein1([1], [4])).toBe(3);
    expect(energyDistance([1], [4])).toBeCloseTo(Math.sqrt(2 * 3), 14);
  });
  it('disjoint samples: KS D = 1 with the exact tail 2/C(n+m, n)', () => {
    const r = ksTest([1, 2, 3], [4, 5, 6, 7], { method: 'exact' });
    expect(r.statistic).toBe(1);
    expect(r.pValue).toBeCloseTo(2 / 35, 15);
  });
  it('PSI floors empty bins at 1e-4 and uses left-closed bins', () => {
    // reference deciles of 1..10 -> edges 1.9, 2.8, ..., 9.1; current all at 10 -> last bin
    const ref = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const edges = innerEdges(Float64Array.from(ref));
    expect(Array.from(binCounts(ref, edges))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const expected = 9 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
    expect(psi(ref, [10, 10, 10])).toBeCloseTo(expected, 12);
    // a value exactly on an edge goes to the upper bin
    expect(Array.from(binCounts([2.8], edges))).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('uniform binning and explicit edges', () => {
    expect(psi([0, 1, 2, 3], [0, 1, 2, 3], { bins: 4, binning: 'uniform' })).toBe(0);
    expect(jensenShannon([0, 1, 2, 3], [10, 11], { bins: [1.5] })).toBeCloseTo(Math.sqrt((0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75) + Math.log(1 / 0.75)) / 2), 14);
  });
  it('total variation of categoricals, with unseen categories', () => {
    expect(totalVariation(['a', 'a', 'b', 'b'], ['a', 'c'])).toBeCloseTo(0.5 * (0 + 0.5 + 0.5), 15);
    expect(totalVariation([true, false], [true, false])).toBe(0);
  });
});

describe('multivariate tests', () => {
  const rng = createRng(21);
  const rows = (n: number, shift: number) => Array.from({ length: n }, () => [rng.nextNormal() + shift, rng.nextNormal(), rng.nextNormal()]);
  const a = rows(150, 0);
  const b = rows(150, 0);
  const c = rows(150, 0.6);
  it('classifier two-sample test: AUC near 1/2 under the null, large and significant under a shift; seeded', () => {
    const nul = classifierTwoSampleTest(a, b, { seed: 1 });
    expect(nul.auc).toBeGreaterThan(0.35);
    expect(nul.auc).toBeLessThan(0.65);
    expect(nul.pValue).toBeGreaterThan(0.01);
    const alt = classifierTwoSampleTest(a, c, { seed: 1 });
    expect(alt.auc).toBeGreaterThan(0.6);
    expect(alt.pValue).toBeLessThan(1e-3);
    expect(classifierTwoSampleTest(a, c, { seed: 1 })).toEqual(alt);
  });
  it('MMD on rows detects the shift; the median heuristic bandwidth is positive', () => {
    const r = mmdTest(a.slice(0, 80), c.slice(0, 80), { permutations: 100, seed: 3 });
    expect(r.pValue).toBeLessThanOrEqual(0.02);
    expect(r.sigma).toBeGreaterThan(0);
  });
  it('rocAuc with ties uses midranks', () => {
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
  });
});
