import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@quantforge/core';
import {
  chiSquareTestBinned,
  energyDistance,
  jensenShannon,
  kolmogorovN,
  ksTest,
  psi,
  totalVariation,
  wasserstein1,
  mmdTest,
  gTest,
  chiSquareTest,
} from '@quantforge/drift';

const sampleArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

/** One-sample KS test of u against U(0, 1): D = sup|F_n(x) − x|, p = kstwo.sf(D, n). */
function uniformityPValue(u: number[]): number {
  const s = [...u].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  s.forEach((x, i) => {
    d = Math.max(d, (i + 1) / n - x, x - i / n);
  });
  return kolmogorovN(n, d, false);
}

describe('identical samples: statistic 0 and p-value 1', () => {
  it('KS (every method), Wasserstein, energy, PSI, Jensen-Shannon, chi-square, G, total variation', () => {
    fc.assert(
      fc.property(sampleArb, (x) => {
        for (const method of ['exact', 'asymp', 'auto'] as const) {
          const r = ksTest(x, x, { method });
          expect(r.statistic).toBe(0);
          expect(r.pValue).toBe(1);
        }
        expect(wasserstein1(x, x)).toBe(0);
        expect(energyDistance(x, x)).toBe(0);
        expect(psi(x, x)).toBe(0);
        expect(jensenShannon(x, x)).toBe(0);
        const c = chiSquareTestBinned(x, x);
        expect(c.statistic).toBeCloseTo(0, 12);
        expect(c.pValue).toBeCloseTo(1, 12);
        expect(totalVariation(x, x)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
  it('G-test and chi-square on equal count vectors', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 }), (c) => {
        fc.pre(c.some((v) => v > 0));
        for (const r of [chiSquareTest(c, c), gTest(c, c)]) {
          expect(r.statistic).toBeCloseTo(0, 12);
          expect(r.pValue).toBeCloseTo(1, 12);
        }
      }),
    );
  });
  it('KS statistic is symmetric and in [0, 1]; p-value in [0, 1]', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, (a, b) => {
        const r1 = ksTest(a, b);
        const r2 = ksTest(b, a);
        expect(r1.statistic).toBe(r2.statistic);
        expect(r1.pValue).toBeCloseTo(r2.pValue, 12);
        expect(r1.statistic).toBeGreaterThanOrEqual(0);
        expect(r1.statistic).toBeLessThanOrEqual(1);
        expect(r1.pValue).toBeGreaterThanOrEqual(0);
        expect(r1.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
  it('Wasserstein-1 is translation-equivariant: W1(a, a + c) = |c|', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: -50, max: 50 }), (a, c) => {
        expect(wasserstein1(a, a.map((v) => v + c))).toBeCloseTo(Math.abs(c), 9);
      }),
    );
  });
});

describe('p-values are uniform under the null (seeded simulation, KS test of the p-values)', () => {
  it('exact KS p-values, N(0,1) vs N(0,1), 300 vs 450, 300 replications', () => {
    const rng = createRng(20261127);
    const ps: number[] = [];
    for (let r = 0; r < 300; r++) {
      const a = Array.from({ length: 300 }, () => rng.nextNormal());
      const b = Array.from({ length: 450 }, () => rng.nextNormal());
      ps.push(ksTest(a, b, { method: 'exact' }).pValue);
    }
    expect(uniformityPValue(ps)).toBeGreaterThan(0.01);
  });
  it('asymptotic KS p-values, 3000 vs 2000, 200 replications', () => {
    const rng = createRng(7);
    const ps: number[] = [];
    for (let r = 0; r < 200; r++) {
      const a = Array.from({ length: 3000 }, () => rng.nextNormal());
      const b = Array.from({ length: 2000 }, () => rng.nextNormal());
      ps.push(ksTest(a, b, { method: 'asymp' }).pValue);
    }
    expect(uniformityPValue(ps)).toBeGreaterThan(0.01);
  });
  it('binned chi-square p-values, 2000 vs 2000, 300 replications', () => {
    const rng = createRng(11);
    const ps: number[] = [];
    for (let r = 0; r < 300; r++) {
      const a = Array.from({ length: 2000 }, () => rng.nextNormal());
      const b = Array.from({ length: 2000 }, () => rng.nextNormal());
      ps.push(chiSquareTestBinned(a, b).pValue);
    }
    expect(uniformityPValue(ps)).toBeGreaterThan(0.01);
  });
  it('the uniformity check itself rejects shifted p-values (power sanity)', () => {
    const rng = createRng(3);
    const ps = Array.from({ length: 300 }, () => rng.nextFloat() ** 1.5);
    expect(uniformityPValue(ps)).toBeLessThan(0.01);
  });
  it('MMD permutation p-values: seeded, deterministic, in (0, 1], small under a shift', () => {
    const rng = createRng(5);
    const a = Array.from({ length: 60 }, () => rng.nextNormal());
    const b = Array.from({ length: 60 }, () => rng.nextNormal());
    const r1 = mmdTest(a, b, { permutations: 200, seed: 9 });
    const r2 = mmdTest(a, b, { permutations: 200, seed: 9 });
    expect(r1).toEqual(r2);
    expect(r1.pValue).toBeGreaterThan(0.01);
    const shifted = mmdTest(a, b.map((v) => v + 1.5), { permutations: 200, seed: 9 });
    expect(shifted.pValue).toBeLessThanOrEqual(1 / 201 + 1e-15);
  });
});
