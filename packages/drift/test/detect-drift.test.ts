import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, createRng } from '@quantforge/core';
import {
  adjustPValues,
  chiSquareTestCategorical,
  detectDrift,
  jensenShannonFromProportions,
  ksTest,
  selectTest,
  wasserstein1Normed,
} from '@quantforge/drift';

function normals(seed: number, n: number, shift = 0): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.nextNormal() + shift);
}
function cats(seed: number, n: number, p: number[]): string[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    let u = rng.nextFloat();
    for (let i = 0; i < p.length; i++) if ((u -= p[i]) < 0) return `c${i}`;
    return `c${p.length - 1}`;
  });
}

describe('detectDrift', () => {
  const ref = { x: normals(1, 500), y: normals(2, 500), city: cats(3, 500, [0.5, 0.3, 0.2]) };
  const cur = { x: normals(4, 400, 0.5), y: normals(5, 400), city: cats(6, 400, [0.5, 0.3, 0.2]) };

  it('per-column tests equal the standalone functions (small sample: KS / chi-square)', () => {
    const r = detectDrift(ref, cur, { correction: 'none' });
    const x = r.columns.find((c) => c.column === 'x') as (typeof r.columns)[number];
    expect(x.test).toBe('ks');
    const ks = ksTest(ref.x, cur.x);
    expect(x.statistic).toBe(ks.statistic);
    expect(x.pValue).toBe(ks.pValue);
    expect(x.drifted).toBe(true);
    const city = r.columns.find((c) => c.column === 'city') as (typeof r.columns)[number];
    expect(city.test).toBe('chi-square');
    expect(city.pValue).toBe(chiSquareTestCategorical(ref.city, cur.city).pValue);
    expect(r.driftedColumns).toEqual(['x']);
    expect(r.datasetDrift).toBe(false);
    expect(r.shareOfDriftedColumns).toBeCloseTo(1 / 3, 15);
  });

  it('rows layout gives the same report as the columnar layout', () => {
    const rows = (t: typeof ref) => t.x.map((_, i) => ({ x: t.x[i], y: t.y[i], city: t.city[i] }));
    expect(detectDrift(rows(ref), rows(cur))).toEqual(detectDrift(ref, cur));
  });

  it('large samples switch to normed Wasserstein and Jensen-Shannon with 0.1 thresholds', () => {
    const big = { x: normals(7, 2000), city: cats(8, 2000, [0.5, 0.3, 0.2]) };
    const now = { x: normals(9, 1500, 0.3), city: cats(10, 1500, [0.2, 0.3, 0.5]) };
    const r = detectDrift(big, now);
    const x = r.columns[0];
    expect(x.test).toBe('wasserstein');
    expect(x.statistic).toBeCloseTo(wasserstein1Normed(big.x, now.x), 14);
    expect(x.threshold).toBe(0.1);
    expect(x.drifted).toBe(x.statistic >= 0.1);
    const c = r.columns[1];
    expect(c.test).toBe('jensen-shannon');
    expect(c.pValue).toBeNull();
    expect(c.drifted).toBe(true);
  });

  it('selection rule', () => {
    expect(selectTest('numeric', 1000, 6)).toBe('ks');
    expect(selectTest('numeric', 1001, 6)).toBe('wasserstein');
    expect(selectTest('numeric', 100, 5)).toBe('chi-square');
    expect(selectTest('categorical', 5000, 3)).toBe('jensen-shannon');
  });

  it('Bonferroni and Benjamini-Hochberg adjusted p-values (statsmodels fdr_bh values derived by hand)', () => {
    const p = [0.01, 0.04, 0.03, 0.2];
    expect(adjustPValues(p, 'bonferroni')).toEqual([0.04, 0.16, 0.12, 0.8]);
    // sorted 0.01, 0.03, 0.04, 0.2 -> 4p/rank: 0.04, 0.06, 0.0533, 0.2 -> running min from the top
    const bh = adjustPValues(p, 'benjamini-hochberg');
    expect(bh[0]).toBeCloseTo(0.04, 15);
    expect(bh[1]).toBeCloseTo(0.16 / 3, 15);
    expect(bh[2]).toBeCloseTo(0.16 / 3, 15);
    expect(bh[3]).toBeCloseTo(0.2, 15);
    const r = detectDrift(ref, cur, { correction: 'benjamini-hochberg' });
    const pv = r.columns.map((c) => c.pValue as number);
    expect(r.columns.map((c) => c.adjustedPValue)).toEqual(adjustPValues(pv, 'benjamini-hochberg'));
  });

  it('adjusted p-values are >= raw and BH <= Bonferroni (law)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (p) => {
        const b = adjustPValues(p, 'bonferroni');
        const h = adjustPValues(p, 'benjamini-hochberg');
        p.forEach((v, i) => {
          expect(h[i]).toBeGreaterThanOrEqual(v - 1e-15);
          expect(h[i]).toBeLessThanOrEqual(b[i] + 1e-15);
        });
      }),
    );
  });
});

describe('detectDrift bad input', () => {
  it('NaN values: error naming the column and the count, unless dropNaN', () => {
    const ref = { a: [1, 2, 3, 4, 5, 6, 7], b: [1, 2, 3, 4, 5, 6, 7] };
    const cur = { a: [1, NaN, 3, null, 5, 6, 7], b: [1, 2, 3, 4, 5, 6, 7] };
    expect(() => detectDrift(ref, cur)).toThrow(InvalidInputError);
    expect(() => detectDrift(ref, cur)).toThrow(/current\.a.*2 missing/);
    const r = detectDrift(ref, cur, { dropNaN: true });
    expect(r.columns[0].missing).toEqual({ reference: 0, current: 2 });
    expect(r.columns[0].currentSize).toBe(5);
    expect(r.columns[0].statistic).toBe(ksTest(ref.a, [1, 3, 5, 6, 7]).statistic);
  });
  it('empty samples', () => {
    expect(() => detectDrift({ a: [] }, { a: [1] })).toThrow(/reference\.a.*no values/);
    expect(() => detectDrift({ a: [1, 2] }, { a: [] })).toThrow(/current\.a.*no values/);
    expect(() => detectDrift({ a: [1, 2] }, { a: [NaN] }, { dropNaN: true })).toThrow(/current\.a.*no values/);
    expect(() => detectDrift({}, {})).toThrow(InvalidInputError);
  });
  it('a column missing from current, mixed types, bad options', () => {
    expect(() => detectDrift({ a: [1, 2] }, { b: [1, 2] })).toThrow(/current\.a.*missing/);
    expect(() => detectDrift({ a: [1, 2] }, { a: [1, 'x'] })).toThrow(/current\.a\[1\]/);
    expect(() => detectDrift({ a: [1, 2] }, { a: [1, Infinity] })).toThrow(/current\.a\[1\]/);
    expect(() => detectDrift({ a: [1, 2] }, { a: [1, 2] }, { alpha: 2 })).toThrow(/alpha/);
    expect(() => detectDrift({ a: [1, 2] }, { a: [1, 2] }, { correction: 'holm' as never })).toThrow(/correction/);
  });
  it('unseen categories are tested and listed', () => {
    const r = detectDrift({ c: ['a', 'b', 'a', 'b'] }, { c: ['a', 'b', 'z', 'z'] });
    expect(r.columns[0].unseenCategories).toEqual(['z']);
    expect(r.columns[0].statistic).toBe(chiSquareTestCategorical(['a', 'b', 'a', 'b'], ['a', 'b', 'z', 'z']).statistic);
    expect(r.columns[0].pValue).toBeGreaterThan(0);
  });
  it('constant columns: equal constants give 0 / 1; a different constant drifts', () => {
    const same = detectDrift({ k: [3, 3, 3, 3] }, { k: [3, 3, 3] });
    expect(same.columns[0].test).toBe('chi-square');
    expect(same.columns[0].statistic).toBe(0);
    expect(same.columns[0].pValue).toBe(1);
    expect(same.columns[0].drifted).toBe(false);
    const diff = detectDrift({ k: Array(50).fill(3) }, { k: Array(50).fill(4) });
    expect(diff.columns[0].drifted).toBe(true);
    // forced Wasserstein on a constant reference: +∞ normed distance (drift), defined not NaN
    const w = detectDrift({ k: Array(50).fill(3) }, { k: Array(50).fill(4) }, { tests: { k: 'wasserstein' } });
    expect(w.columns[0].statistic).toBe(Infinity);
    expect(() => wasserstein1Normed([3, 3], [4, 4])).toThrow(InvalidInputError);
  });
  it('Jensen-Shannon of disjoint distributions is sqrt(ln 2)', () => {
    expect(jensenShannonFromProportions([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });
});
