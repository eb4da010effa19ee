import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chiSquareCdf,
  chiSquareInv,
  chiSquareIsf,
  chiSquarePdf,
  chiSquareSf,
  regularizedGammaP,
  regularizedGammaQ,
  InvalidInputError,
} from '@quantforge/core';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';

const fixture = loadFixture<Record<string, number>, { value: number }>(new URL('../fixtures/chi-square.json', import.meta.url));
const tol = toleranceFor(fixture, 'value');

const impl: Record<string, (i: Record<string, number>) => number> = {
  gammaP: (i) => regularizedGammaP(i.a, i.x),
  gammaQ: (i) => regularizedGammaQ(i.a, i.x),
  chiSquareCdf: (i) => chiSquareCdf(i.x, i.k),
  chiSquareSf: (i) => chiSquareSf(i.x, i.k),
  chiSquareInv: (i) => chiSquareInv(i.p, i.k),
  chiSquareIsf: (i) => chiSquareIsf(i.q, i.k),
};

describe('incomplete gamma and chi-square against 50-digit mpmath (test/fixtures/chi-square.json)', () => {
  for (const fn of Object.keys(impl)) {
    const rows = fixture.cases.filter((c) => c.input.fn === (fn as unknown as number));
    it(`${fn}: every case within rel ${tol.rel} (${rows.length} cases)`, () => {
      let worst = 0;
      let worstId = '';
      for (const c of rows) {
        const got = impl[fn](c.input);
        const r = toleranceRatio(got, c.expected.value, tol);
        if (r > worst) [worst, worstId] = [r, c.id];
        expect(r, `${c.id} ${JSON.stringify(c.input)} got ${got} exp ${c.expected.value}`).toBeLessThanOrEqual(1);
      }
      expect(worst).toBeLessThanOrEqual(1);
      console.log(`${fn}: worst ${worst.toFixed(3)} x tolerance (${worstId})`);
    });
  }
});

describe('laws', () => {
  const aArb = fc.double({ min: 1e-3, max: 5e3, noNaN: true });
  const xArb = fc.double({ min: 1e-6, max: 1e4, noNaN: true });
  it('P + Q = 1 and both lie in [0, 1]', () => {
    fc.assert(
      fc.property(aArb, xArb, (a, x) => {
        const p = regularizedGammaP(a, x);
        const q = regularizedGammaQ(a, x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(Math.abs(p + q - 1)).toBeLessThanOrEqual(1e-14);
      }),
    );
  });
  it('P is non-decreasing in x', () => {
    fc.assert(
      fc.property(aArb, xArb, fc.double({ min: 0, max: 10, noNaN: true }), (a, x, dx) => {
        expect(regularizedGammaP(a, x + dx)).toBeGreaterThanOrEqual(regularizedGammaP(a, x) - 1e-15);
      }),
    );
  });
  it('chiSquareInv inverts chiSquareCdf; chiSquareIsf inverts chiSquareSf', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), fc.double({ min: 0.05, max: 2000, noNaN: true }), (p, k) => {
        const x = chiSquareInv(p, k);
        // relative in the smaller tail probability; an answer below the smallest double is 0
        if (x > 0) expect(Math.abs(chiSquareCdf(x, k) - p)).toBeLessThanOrEqual(1e-12 * Math.min(p, 1 - p) + 1e-16);
        const y = chiSquareIsf(p, k);
        if (y > 0) expect(Math.abs(chiSquareSf(y, k) - p)).toBeLessThanOrEqual(1e-12 * Math.min(p, 1 - p) + 1e-16);
      }),
      { numRuns: 200 },
    );
  });
  it('k = 2 is the exponential distribution: Sf = exp(-x/2)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1400, noNaN: true }), (x) => {
        const exact = Math.exp(-x / 2);
        expect(Math.abs(chiSquareSf(x, 2) - exact)).toBeLessThanOrEqual(4e-15 * exact + 1e-300);
      }),
    );
  });
  it('pdf integrates the cdf (central difference)', () => {
    for (const k of [1, 3, 10, 55.5]) {
      for (const x of [0.3, k, 2 * k + 3]) {
        const h = 1e-5 * x;
        const fd = (chiSquareCdf(x + h, k) - chiSquareCdf(x - h, k)) / (2 * h);
        expect(Math.abs(fd - chiSquarePdf(x, k))).toBeLessThanOrEqual(1e-6 * chiSquarePdf(x, k));
      }
    }
  });
});

describe('edge cases and typed errors', () => {
  it('ends of the domain', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
    expect(regularizedGammaQ(2, Infinity)).toBe(0);
    expect(chiSquareCdf(-1, 3)).toBe(0);
    expect(chiSquareCdf(-0, 3)).toBe(0);
    expect(chiSquareSf(-Infinity, 3)).toBe(1);
    expect(chiSquareCdf(Infinity, 3)).toBe(1);
    expect(chiSquareInv(0, 4)).toBe(0);
    expect(chiSquareInv(1, 4)).toBe(Infinity);
    expect(chiSquareIsf(0, 4)).toBe(Infinity);
    expect(chiSquareIsf(1, 4)).toBe(0);
    expect(chiSquarePdf(0, 2)).toBe(0.5);
    expect(chiSquarePdf(0, 1)).toBe(Infinity);
    expect(chiSquarePdf(-1, 1)).toBe(0);
  });
  it('far right tail keeps relative precision (k = 10, x = 1000)', () => {
    // exp(-500) 500^4 / 4! * (1 + 4/500 + 12/500^2 + 24/500^3 + 24/500^4), Q(5, 500) closed form
    const y = 500;
    const exact = Math.exp(-y) * (1 + y + y ** 2 / 2 + y ** 3 / 6 + y ** 4 / 24);
    expect(Math.abs(chiSquareSf(1000, 10) / exact - 1)).toBeLessThanOrEqual(1e-13);
  });
  it('rejects bad input with InvalidInputError naming the field', () => {
    expect(() => regularizedGammaP(0, 1)).toThrow(InvalidInputError);
    expect(() => regularizedGammaP(-1, 1)).toThrow(/'a'/);
    expect(() => regularizedGammaQ(1, -1)).toThrow(/'x'/);
    expect(() => regularizedGammaQ(1, NaN)).toThrow(/'x'/);
    expect(() => regularizedGammaP(Infinity, 1)).toThrow(/'a'/);
    expect(() => chiSquareCdf(1, 0)).toThrow(/'k'/);
    expect(() => chiSquareCdf(NaN, 1)).toThrow(/'x'/);
    expect(() => chiSquareInv(1.5, 1)).toThrow(/'p'/);
    expect(() => chiSquareIsf(-0.1, 1)).toThrow(/'q'/);
  });
});
