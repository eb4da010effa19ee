import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  studentTCdf,
  studentTInv,
  studentTLogPdf,
  studentTPdf,
  studentTSf,
  regularizedIncompleteBeta,
  regularizedIncompleteBetaComplement,
  logBeta,
} from '../../src/distributions/student-t-family';
import { InvalidInputError } from '../../src/errors/errors';
import { normCdf, normInv } from '../../src/distributions/normal';
import { logGamma } from '../../src/special/gamma';
import { loadFixture, toleranceRatio } from '../../../../test-utils/fixture';

interface In {
  fn: 'cdf' | 'pdf' | 'logpdf' | 'inv' | 'betainc';
  x?: number;
  nu?: number;
  p?: number;
  a?: number;
  b?: number;
}
const main = loadFixture<In, { value: number }>(new URL('../fixtures/student-t.json', import.meta.url));
const large = loadFixture<In, { value: number }>(new URL('../fixtures/student-t-large-nu.json', import.meta.url));

function evaluate(i: In): number {
  switch (i.fn) {
    case 'cdf':
      return studentTCdf((i.x as number), (i.nu as number));
    case 'pdf':
      return studentTPdf((i.x as number), (i.nu as number));
    case 'logpdf':
      return studentTLogPdf((i.x as number), (i.nu as number));
    case 'inv':
      return studentTInv((i.p as number), (i.nu as number));
    case 'betainc':
      return regularizedIncompleteBeta((i.x as number), (i.a as number), (i.b as number));
  }
}

for (const fx of [main, large]) {
  describe(`${fx.name} against mpmath (${fx.cases.length} cases, tolerance rel ${fx.tolerance.rel})`, () => {
    it('every case within tolerance', () => {
      let worst = 0;
      let worstId = '';
      for (const c of fx.cases) {
        const got = evaluate(c.input);
        const exp = c.expected.value;
        // abs 1e-300 lets values that underflow to 0 in the reference compare (none in range here).
        const ratio = exp === 0 ? Math.abs(got) / 1e-15 : toleranceRatio(got, exp, { abs: 0, rel: fx.tolerance.rel });
        if (ratio > worst) {
          worst = ratio;
          worstId = c.id;
        }
        expect(ratio, `${c.id}: got ${got}, expected ${exp}`).toBeLessThanOrEqual(1);
      }
      console.info(`${fx.name}: worst error ${worst.toFixed(3)} x tolerance (${worstId})`);
    });
  });
}

describe('Student-t closed forms (derivations)', () => {
  it('nu = 1 is Cauchy: F(x) = 1/2 + atan(x)/pi, f = 1/(pi(1+x^2))', () => {
    for (const x of [-7, -1, -0.2, 0.4, 3]) {
      expect(studentTCdf(x, 1)).toBeCloseTo(0.5 + Math.atan(x) / Math.PI, 15);
      expect(studentTPdf(x, 1)).toBeCloseTo(1 / (Math.PI * (1 + x * x)), 15);
    }
  });
  it('nu = 2: F(x) = 1/2 + x / (2 sqrt(2 + x^2))', () => {
    for (const x of [-5, -1, 0.3, 2]) expect(studentTCdf(x, 2)).toBeCloseTo(0.5 + x / (2 * Math.sqrt(2 + x * x)), 15);
  });
  it('nu = Infinity is the normal distribution', () => {
    expect(studentTCdf(-1.5, Infinity)).toBe(normCdf(-1.5));
    expect(studentTInv(0.01, Infinity)).toBe(normInv(0.01));
  });
  it('I_x(a, 1) = x^a and I_x(1, b) = 1 - (1-x)^b', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(Math.pow(0.3, 2.5), 15);
    expect(regularizedIncompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - Math.pow(0.7, 4), 15);
    expect(regularizedIncompleteBetaComplement(0.3, 1, 4)).toBeCloseTo(Math.pow(0.7, 4), 15);
  });
  it('logBeta matches logGamma sums for moderate arguments', () => {
    for (const [a, b] of [[0.5, 0.5], [3, 4], [12, 0.5], [15, 40]]) {
      expect(logBeta(a, b)).toBeCloseTo(logGamma(a) + logGamma(b) - logGamma(a + b), 12);
    }
  });
  it('quantile beyond the largest double is -Infinity (nu = 0.5, p = 1e-300: |t| ~ 1e600)', () => {
    expect(studentTInv(1e-300, 0.5)).toBe(-Infinity);
  });
});

describe('Student-t edge cases', () => {
  it('±0, ±Infinity', () => {
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(-0, 3)).toBe(0.5);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTPdf(Infinity, 3)).toBe(0);
    expect(studentTLogPdf(-Infinity, 3)).toBe(-Infinity);
    expect(studentTInv(0, 4)).toBe(-Infinity);
    expect(studentTInv(1, 4)).toBe(Infinity);
    expect(studentTInv(0.5, 4)).toBe(0);
  });
  it('rejects NaN and bad nu/p with InvalidInputError naming the field', () => {
    expect(() => studentTCdf(NaN, 3)).toThrow(InvalidInputError);
    expect(() => studentTCdf(1, 0)).toThrow(/nu/);
    expect(() => studentTPdf(1, -2)).toThrow(/nu/);
    expect(() => studentTInv(1.5, 3)).toThrow(/'p'/);
    expect(() => studentTInv(NaN, 3)).toThrow(InvalidInputError);
    expect(() => regularizedIncompleteBeta(1.2, 1, 1)).toThrow(/'x'/);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(/'a'/);
    expect(() => regularizedIncompleteBeta(0.5, 1, Infinity)).toThrow(/'b'/);
  });
});

describe('Student-t laws (fast-check)', () => {
  const nuArb = fc.double({ min: 0.3, max: 500, noNaN: true });
  it('symmetry: F(x) + F(-x) = 1 and sf(x) = F(-x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), nuArb, (x, nu) => {
        expect(Math.abs(studentTCdf(x, nu) + studentTCdf(-x, nu) - 1)).toBeLessThanOrEqual(4e-16);
        expect(studentTSf(x, nu)).toBe(studentTCdf(-x, nu));
      }),
    );
  });
  it('round trip: F(Q(p)) = p', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 0.5, noNaN: true }), nuArb, (p, nu) => {
        const t = studentTInv(p, nu);
        expect(Math.abs(studentTCdf(t, nu) / p - 1)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 100 },
    );
  });
  it('CDF monotone in x, pdf = exp(logpdf)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 1e-3, max: 5, noNaN: true }), nuArb, (x, dx, nu) => {
        expect(studentTCdf(x + dx, nu)).toBeGreaterThanOrEqual(studentTCdf(x, nu));
        expect(studentTPdf(x, nu)).toBeCloseTo(Math.exp(studentTLogPdf(x, nu)), 14);
      }),
    );
  });
  it('I_x(a, b) + I_{1-x}(b, a) = 1 (x = k/2^20 so that 1 - x is exact)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 20 }).map((k) => k / 2 ** 20), fc.double({ min: 0.05, max: 100, noNaN: true }), fc.double({ min: 0.05, max: 100, noNaN: true }), (x, a, b) => {
        const s = regularizedIncompleteBeta(x, a, b) + regularizedIncompleteBeta(1 - x, b, a);
        expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 100 },
    );
  });
});
