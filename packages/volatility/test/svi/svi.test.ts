import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, NoSolutionError } from '@quantforge/core';
import {
  sviButterflyArbitrage,
  sviImpliedVol,
  sviJumpWingsToRaw,
  sviNaturalToRaw,
  sviRawToJumpWings,
  sviRawToNatural,
  sviTotalVariance,
} from '@quantforge/volatility';
import { loadFixture, toleranceRatio, withinTolerance } from '../../../../test-utils/fixture';

interface SviInput {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
  k: number[];
}
const fixture = loadFixture<SviInput, { w: number[]; hasButterflyArbitrage: boolean; minG: number }>(
  new URL('../fixtures/svi/svi.json', import.meta.url),
);
const tol = fixture.tolerance;

describe('sviTotalVariance / sviButterflyArbitrage (fixture svi/svi.json, numpy)', () => {
  it(`all ${fixture.cases.length} cases: w(k), minG at abs ${tol.abs} / rel ${tol.rel}, flags exact`, () => {
    const failures: string[] = [];
    let worst = 0;
    for (const c of fixture.cases) {
      const { k, ...p } = c.input;
      const w = sviTotalVariance(k, p);
      expect(w).toBeInstanceOf(Float64Array);
      c.expected.w.forEach((e, i) => {
        worst = Math.max(worst, toleranceRatio(w[i]!, e, tol));
        if (!withinTolerance(w[i]!, e, tol)) failures.push(`${c.id} w[${i}]`);
        expect(sviTotalVariance(k[i]!, p)).toBe(w[i]);
      });
      const bf = sviButterflyArbitrage(p);
      worst = Math.max(worst, toleranceRatio(bf.minG, c.expected.minG, tol));
      if (!withinTolerance(bf.minG, c.expected.minG, tol)) failures.push(`${c.id} minG ${bf.minG} vs ${c.expected.minG}`);
      if (bf.hasArbitrage !== c.expected.hasButterflyArbitrage) failures.push(`${c.id} flag`);
      if (c.info && typeof c.info.argminK === 'number') expect(Math.abs(bf.at - c.info.argminK)).toBeLessThan(0.0015);
    }
    expect(failures).toEqual([]);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('w at k = m equals a + bσ only when ρ = 0; vertex minimum a + bσ√(1-ρ²) (derivation)', () => {
    const p = { a: 0.02, b: 0.3, rho: -0.4, m: 0.1, sigma: 0.2 };
    // w'(k*) = 0 at k* = m - ρσ/√(1-ρ²).
    const s = Math.sqrt(1 - 0.16);
    expect(sviTotalVariance(0.1 + (0.4 * 0.2) / s, p)).toBeCloseTo(0.02 + 0.3 * 0.2 * s, 15);
    expect(sviImpliedVol(0.1, p, 0.5)).toBeCloseTo(Math.sqrt((0.02 + 0.3 * (0 + 0.2)) / 0.5), 15);
  });

  it('rejects bad parameters and k with InvalidInputError naming the field', () => {
    const p = { a: 0.02, b: 0.3, rho: -0.4, m: 0.1, sigma: 0.2 };
    const bad: [Record<string, number>, string][] = [
      [{ b: -0.1 }, 'b'],
      [{ rho: 1 }, 'rho'],
      [{ rho: -1 }, 'rho'],
      [{ sigma: 0 }, 'sigma'],
      [{ sigma: -0 }, 'sigma'],
      [{ a: NaN }, 'a'],
      [{ m: Infinity }, 'm'],
    ];
    for (const [b, field] of bad) {
      expect(() => sviTotalVariance(0, { ...p, ...b })).toThrow(InvalidInputError);
      try {
        sviButterflyArbitrage({ ...p, ...b });
      } catch (e) {
        expect((e as InvalidInputError).field).toBe(field);
      }
    }
    expect(() => sviTotalVariance(NaN, p)).toThrow(/'k'/);
    expect(() => sviTotalVariance([0, NaN], p)).toThrow(/k\[1\]/);
    expect(sviTotalVariance([], p)).toEqual(new Float64Array(0));
    expect(sviTotalVariance(-0, p)).toBe(sviTotalVariance(0, p));
    expect(() => sviImpliedVol(0, p, 0)).toThrow(/expiry/);
    expect(() => sviImpliedVol(0, { ...p, a: -1 }, 1)).toThrow(/negative/);
    expect(() => sviButterflyArbitrage(p, { kMin: 1, kMax: 0 })).toThrow(/kMax/);
  });
});

const rawArb = fc.record({
  a: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
  b: fc.double({ min: 0.01, max: 1, noNaN: true }),
  rho: fc.double({ min: -0.95, max: 0.95, noNaN: true }),
  m: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  sigma: fc.double({ min: 0.01, max: 1, noNaN: true }),
});

describe('SVI parametrisation conversions (Gatheral-Jacquier 2014 §3)', () => {
  it('law: raw → natural → raw is the identity and both give the same w(k)', () => {
    fc.assert(
      fc.property(rawArb, fc.double({ min: -2, max: 2, noNaN: true }), (p, k) => {
        const nat = sviRawToNatural(p);
        const back = sviNaturalToRaw(nat);
        for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) expect(back[key]).toBeCloseTo(p[key], 10);
        // Natural form evaluated directly (eq. 3.2).
        const x = nat.zeta * (k - nat.mu);
        const wNat = nat.delta + (nat.omega / 2) * (1 + nat.rho * x + Math.sqrt((x + nat.rho) ** 2 + 1 - nat.rho ** 2));
        expect(wNat).toBeCloseTo(sviTotalVariance(k, p), 10);
      }),
      { numRuns: 100 },
    );
  });

  it('law: raw → jump-wings → raw is the identity (m ≠ 0)', () => {
    fc.assert(
      fc.property(rawArb, fc.double({ min: 0.1, max: 3, noNaN: true }), (p, t) => {
        fc.pre(Math.abs(p.m) > 1e-3 && p.a + p.b * (-p.rho * p.m + Math.hypot(p.m, p.sigma)) > 1e-3);
        const jw = sviRawToJumpWings(p, t);
        // Definitions (eq. 3.3): v = w(0)/t, ṽ = min w / t.
        expect(jw.v * t).toBeCloseTo(sviTotalVariance(0, p), 12);
        expect(jw.vTilde * t).toBeCloseTo(p.a + p.b * p.sigma * Math.sqrt(1 - p.rho ** 2), 12);
        const back = sviJumpWingsToRaw(jw, t);
        for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) expect(back[key]).toBeCloseTo(p[key], 7);
      }),
      { numRuns: 100 },
    );
  });

  it('jump-wings with β outside [-1, 1] is not an SVI slice → NoSolutionError', () => {
    expect(() => sviJumpWingsToRaw({ v: 0.04, psi: 5, p: 0.1, c: 0.1, vTilde: 0.03 }, 1)).toThrow(NoSolutionError);
    expect(() => sviJumpWingsToRaw({ v: 0.04, psi: 0, p: 0, c: 0, vTilde: 0.03 }, 1)).toThrow(InvalidInputError);
    expect(() => sviRawToNatural({ a: 0.04, b: 0, rho: 0, m: 0, sigma: 0.1 })).toThrow(/b/);
  });
});
