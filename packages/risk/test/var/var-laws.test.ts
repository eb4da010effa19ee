import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, createRng, normInv } from '@quantforge/core';
import {
  ageWeightedES,
  ageWeightedVaR,
  filteredHistoricalES,
  filteredHistoricalVaR,
  historicalES,
  historicalVaR,
  parametricES,
  parametricVaR,
  scaleToHorizon,
} from '@quantforge/risk';
import { buildSeries } from './series';

// Returns on a 1e-4 grid plus a small continuous jitter: ties stay ties under the affine maps
// below (the ES definition 'mean of losses >= VaR' is discontinuous where rounding breaks a tie).
const returnsArb = fc.array(fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1e4), { minLength: 40, maxLength: 300 });
const confArb = fc.double({ min: 0.8, max: 0.975, noNaN: true });

describe('VaR/ES laws (fast-check)', () => {
  it('ES >= VaR (historical, normal, age-weighted)', () => {
    fc.assert(
      fc.property(returnsArb, confArb, (x, c) => {
        expect(historicalES(x, { confidence: c })).toBeGreaterThanOrEqual(historicalVaR(x, { confidence: c }));
        expect(parametricES(x, { confidence: c })).toBeGreaterThanOrEqual(parametricVaR(x, { confidence: c }) - 1e-15);
        expect(ageWeightedES(x, { confidence: c, lambda: 0.97 })).toBeGreaterThanOrEqual(ageWeightedVaR(x, { confidence: c, lambda: 0.97 }));
      }),
    );
  });
  it('VaR and ES are monotone in the confidence (historical, normal, age-weighted)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1e4), { minLength: 200, maxLength: 300 }), confArb, fc.double({ min: 0, max: 0.02, noNaN: true }), (x, c, dc) => {
        const c2 = c + dc;
        expect(historicalVaR(x, { confidence: c2 })).toBeGreaterThanOrEqual(historicalVaR(x, { confidence: c }));
        expect(historicalES(x, { confidence: c2 })).toBeGreaterThanOrEqual(historicalES(x, { confidence: c }) - 1e-15);
        expect(parametricVaR(x, { confidence: c2 })).toBeGreaterThanOrEqual(parametricVaR(x, { confidence: c }) - 1e-15);
        expect(ageWeightedVaR(x, { confidence: c2 })).toBeGreaterThanOrEqual(ageWeightedVaR(x, { confidence: c }) - 1e-15);
      }),
    );
  });
  it('translation and positive homogeneity: VaR(kx − a) = k VaR(x) + a', () => {
    fc.assert(
      fc.property(returnsArb, confArb, fc.constantFrom(0.5, 2, 4), fc.integer({ min: -1000, max: 1000 }).map((v) => v / 1e4), (x, c, k, a) => {
        const y = x.map((v) => k * v - a);
        for (const f of [historicalVaR, historicalES, parametricVaR, parametricES]) {
          const lhs = f(y, { confidence: c });
          const rhs = k * f(x, { confidence: c }) + a;
          // Rounding of k·x − a (≈ ε·max|x|) propagated through means and sums of ~300 terms.
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(rhs)));
        }
      }),
      { numRuns: 100 },
    );
  });
  it('t and Cornish-Fisher VaR on real data are monotone in the confidence and t ES >= t VaR', () => {
    const x = buildSeries('eustock:DAX');
    let prev = -Infinity;
    for (const c of [0.9, 0.95, 0.975, 0.99, 0.995]) {
      const v = parametricVaR(x, { confidence: c, distribution: 't' });
      expect(v).toBeGreaterThan(prev);
      expect(parametricES(x, { confidence: c, distribution: 't' })).toBeGreaterThan(v);
      prev = v;
    }
  });
});

describe('VaR derivations', () => {
  it('historical VaR on 1..100 losses (type 7): h = 99c', () => {
    const x = Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
    // c = 0.95: h = 94.05 → L[94] + 0.05 (L[95] − L[94]) = 95 + 0.05 = 95.05; ES = mean(96..100) = 98.
    expect(historicalVaR(x, { confidence: 0.95 })).toBeCloseTo(95.05, 12);
    expect(historicalES(x, { confidence: 0.95 })).toBe(98);
  });
  it('normal VaR of a sample with mean 0, sd 1 is z_c', () => {
    const x = [-1.5, -0.5, 0.5, 1.5];
    const sd = Math.sqrt(5 / 3);
    expect(parametricVaR(x, { confidence: 0.99 })).toBeCloseTo(sd * normInv(0.99), 14);
  });
  it('age-weighted with lambda = 1 weights equally: VaR interpolates the loss-interval midpoints', () => {
    const x = Array.from({ length: 100 }, (_, i) => -(i + 1));
    // Tail mass at the midpoint of loss 100 − j is (j + ½)/100: α = 0.05 is between j = 4 (0.045) and 5 (0.055).
    expect(ageWeightedVaR(x, { confidence: 0.95, lambda: 1 })).toBeCloseTo(95.5, 12);
    expect(ageWeightedES(x, { confidence: 0.95, lambda: 1 })).toBeCloseTo(98, 12);
  });
  it('age weighting moves VaR towards recent losses', () => {
    const calm = Array.from({ length: 200 }, (_, i) => 0.001 * Math.sin(i));
    const x = [...Array.from({ length: 50 }, (_, i) => -0.05 - 0.001 * i), ...calm];
    const y = [...calm, ...Array.from({ length: 50 }, (_, i) => -0.05 - 0.001 * i)];
    expect(ageWeightedVaR(y, { confidence: 0.95, lambda: 0.97 })).toBeGreaterThan(ageWeightedVaR(x, { confidence: 0.95, lambda: 0.97 }));
  });
  it('filtered HS: a volatility regime switch raises the FHS VaR relative to plain HS; ES >= VaR', () => {
    const rng = createRng(7);
    const x = Array.from({ length: 1000 }, (_, t) => (t < 800 ? 0.005 : 0.02) * rng.nextNormal());
    for (const volatility of ['ewma', 'garch'] as const) {
      const v = filteredHistoricalVaR(x, { confidence: 0.99, volatility });
      expect(v).toBeGreaterThan(historicalVaR(x, { confidence: 0.99 }));
      expect(filteredHistoricalES(x, { confidence: 0.99, volatility })).toBeGreaterThanOrEqual(v);
    }
  });
  it('scaleToHorizon: sqrt-of-time, with the mean correction', () => {
    expect(scaleToHorizon(2, 10)).toBeCloseTo(2 * Math.sqrt(10), 14);
    expect(scaleToHorizon(2, 4, { mean: 0.1 })).toBeCloseTo(2 * 2.1 - 0.4, 14);
    expect(() => scaleToHorizon(2, 0.5)).toThrow(/horizon/);
  });
});

describe('VaR bad input', () => {
  const x = buildSeries('eustock:DAX');
  it('NaN / Infinity returns: the error names the index', () => {
    const y = Array.from(x);
    y[17] = NaN;
    for (const f of [historicalVaR, historicalES, parametricVaR, parametricES, ageWeightedVaR, filteredHistoricalVaR]) {
      expect(() => f(y, { confidence: 0.99 })).toThrow(/returns\[17\]/);
    }
    y[17] = 0;
    y[3] = -Infinity;
    expect(() => historicalVaR(y, { confidence: 0.99 })).toThrow(/returns\[3\]/);
  });
  it('confidence outside (0, 1) or not a number', () => {
    for (const c of [0, 1, -0.5, 1.5, NaN, Infinity]) {
      expect(() => historicalVaR(x, { confidence: c })).toThrow(InvalidInputError);
      expect(() => parametricVaR(x, { confidence: c })).toThrow(/confidence/);
    }
    expect(() => historicalVaR(x, {} as { confidence: number })).toThrow(/confidence/);
  });
  it('fewer observations than the confidence needs (n(1 − c) >= 1)', () => {
    expect(() => historicalVaR(x.subarray(0, 99), { confidence: 0.99 })).toThrow(/at least 100 observations/);
    expect(historicalVaR(x.subarray(0, 100), { confidence: 0.99 })).toBeGreaterThan(0);
    expect(() => historicalES([], { confidence: 0.95 })).toThrow(InvalidInputError);
    expect(() => parametricVaR([0.01], { confidence: 0.95 })).toThrow(/at least 2/);
    expect(() => parametricVaR([0.01, 0.02], { confidence: 0.95, distribution: 't' })).toThrow(/at least 3/);
  });
  it('unknown distribution; Cornish-Fisher has no ES', () => {
    expect(() => parametricVaR(x, { confidence: 0.99, distribution: 'laplace' as 'normal' })).toThrow(/distribution/);
    expect(() => parametricES(x, { confidence: 0.99, distribution: 'cornish-fisher' })).toThrow(/distribution/);
  });
  it('±0 returns are accepted (a sample of zeros has VaR 0)', () => {
    expect(historicalVaR(new Array(100).fill(-0), { confidence: 0.99 })).toBe(0);
  });
});

describe('historical VaR by selection equals the sorted definition', () => {
  it('property: historicalRisk == quantile of sorted losses and mean of the tail', async () => {
    const { quantileSorted } = await import('@quantforge/core');
    const { historicalRisk } = await import('@quantforge/risk');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }).map((v) => v / 7), { minLength: 100, maxLength: 400 }), confArb, (x, c) => {
        const L = Float64Array.from(x, (v) => -v).sort();
        const v = quantileSorted(L, c);
        const tail = Array.from(L).filter((l) => l >= v);
        const r = historicalRisk(x, { confidence: c });
        expect(r.var).toBe(v);
        expect(r.es).toBeCloseTo(tail.reduce((s, l) => s + l, 0) / tail.length, 12);
      }),
    );
  });
});

describe('historicalRiskBatch', () => {
  it('per series equals historicalVaR/ES; a bad series gives NaN + status 1 without throwing', async () => {
    const { historicalRiskBatch } = await import('@quantforge/risk');
    const dax = buildSeries('eustock:DAX');
    const cac = buildSeries('eustock:CAC');
    const bad = Array.from(dax);
    bad[5] = NaN;
    const r = historicalRiskBatch([dax, bad, cac, dax.subarray(0, 50)], { confidence: 0.99 });
    expect(r.var[0]).toBe(historicalVaR(dax, { confidence: 0.99 }));
    expect(r.es[2]).toBe(historicalES(cac, { confidence: 0.99 }));
    expect(Array.from(r.status)).toEqual([0, 1, 0, 1]);
    expect(r.var[1]).toBeNaN();
    expect(r.es[3]).toBeNaN();
    expect(() => historicalRiskBatch([dax], { confidence: 1 })).toThrow(/confidence/);
  });
});
