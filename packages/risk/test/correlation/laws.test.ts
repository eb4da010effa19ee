import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError } from '@quantforge/core';
import { conditionalCorrelation, correlationBreakdownTest, ewmaCorrelation, pseudoObservations, rollingCorrelation, tailDependence } from '@quantforge/risk';

function sample(n: number, rho: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const a = rng.nextNormal();
    const b = rho * a + Math.sqrt(1 - rho * rho) * rng.nextNormal();
    return [a, b, rng.nextNormal()];
  });
}

describe('correlation laws', () => {
  it('correlation matrices are symmetric, unit-diagonal, in [-1, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: -0.95, max: 0.95, noNaN: true }), (seed, rho) => {
        const x = sample(60, rho, seed);
        for (const m of [rollingCorrelation(x, 30, { step: 10 })[0].matrix, ewmaCorrelation(x).matrix]) {
          for (let i = 0; i < 3; i++) {
            expect(m[i][i]).toBe(1);
            for (let j = 0; j < 3; j++) {
              expect(m[i][j]).toBe(m[j][i]);
              expect(Math.abs(m[i][j])).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('correlation is invariant to positive affine maps of a column', () => {
    const x = sample(200, 0.6, 3);
    const y = x.map((r) => [3 * r[0] + 7, r[1], r[2]]);
    const a = rollingCorrelation(x, 200)[0].matrix;
    const b = rollingCorrelation(y, 200)[0].matrix;
    expect(b[0][1]).toBeCloseTo(a[0][1], 12);
  });

  it('EWMA with λ → 1 from a full warmup equals the zero-mean second-moment correlation', () => {
    const x = sample(100, 0.5, 4);
    const r = ewmaCorrelation(x, { warmup: 100 });
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const row of x) {
      sxy += row[0] * row[1];
      sxx += row[0] ** 2;
      syy += row[1] ** 2;
    }
    expect(r.matrix[0][1]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
  });

  it('conditional correlation with one label equals the full-sample correlation', () => {
    const x = sample(100, 0.3, 5);
    const c = conditionalCorrelation(x, x.map(() => 'all'));
    expect(c).toHaveLength(1);
    expect(c[0].matrix[0][1]).toBeCloseTo(rollingCorrelation(x, 100)[0].matrix[0][1], 14);
  });

  it('tail dependence: comonotone series give 1, countermonotone give 0', () => {
    const x = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * i);
    const t = tailDependence(x, x.map((v) => 2 * v + 1), { q: 0.1 });
    expect(t.lower).toBeCloseTo(1, 12);
    expect(t.upper).toBeCloseTo(1, 12);
    const u = tailDependence(x, x.map((v) => -v), { q: 0.1 });
    expect(u.lower).toBe(0);
    expect(u.upper).toBe(0);
  });

  it('pseudo-observations average ties', () => {
    expect([...pseudoObservations(Float64Array.from([3, 1, 3, 2]))]).toEqual([3.5 / 5, 1 / 5, 3.5 / 5, 2 / 5]);
  });

  it('Jennrich: the same sample twice gives 0; p-value uniform-ish under the null, small under a breakdown', () => {
    const x = sample(300, 0.5, 6);
    const same = correlationBreakdownTest(x, x);
    expect(same.jennrich.statistic).toBeCloseTo(0, 10);
    expect(same.jennrich.pValue).toBeCloseTo(1, 10);
    const broken = correlationBreakdownTest(sample(300, 0.1, 7), sample(300, 0.8, 8));
    expect(broken.jennrich.pValue).toBeLessThan(1e-6);
    const pair = broken.pairs.find((p) => p.i === 0 && p.j === 1)!;
    expect(pair.pValue).toBeLessThan(1e-6);
    expect(broken.jennrich.df).toBe(3);
  });
});

describe('correlation: bad input', () => {
  it('names the NaN index, rejects ragged rows and bad options', () => {
    const x = sample(50, 0.2, 1);
    x[17][2] = NaN;
    expect(() => rollingCorrelation(x, 20)).toThrow(/returns\[17\]\[2\]/);
    expect(() => rollingCorrelation([[1, 2], [3]], 2)).toThrow(InvalidInputError);
    expect(() => rollingCorrelation(sample(10, 0, 1), 11)).toThrow(/window/);
    expect(() => rollingCorrelation([], 2)).toThrow(/observations/);
    expect(() => ewmaCorrelation(sample(10, 0, 1), { lambda: 1 })).toThrow(/lambda/);
    expect(() => conditionalCorrelation(sample(10, 0, 1), ['a'])).toThrow(/labels/);
    expect(() => conditionalCorrelation(sample(10, 0, 1), Array.from({ length: 10 }, (_, i) => (i === 0 ? 'rare' : 'x')))).toThrow(/rare/);
    expect(() => tailDependence([1, 2, 3], [1, 2], {})).toThrow(/y/);
    expect(() => tailDependence([1, 2, 3], [1, 2, 3], { q: 0.5 })).toThrow(/q/);
    expect(() => tailDependence([1, NaN, 3], [1, 2, 3])).toThrow(/x\[1\]/);
    expect(() => correlationBreakdownTest(sample(10, 0, 1), sample(10, 0, 2).map((r) => r.slice(0, 2)))).toThrow(/columns/);
    const constant = sample(10, 0, 1).map((r) => [1, r[1], r[2]]);
    expect(() => rollingCorrelation(constant, 10)).toThrow(/zero variance/);
  });
});
