import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gamma, logGamma } from '../../src/special/gamma';
import { InvalidInputError } from '../../src/errors/errors';
import { casesFor, normalFixture, relError, summarize, ulpError } from '../helpers/accuracy';
import { toleranceFor } from '../../../../test-utils/fixture';

describe('logGamma and gamma against 50-digit mpmath (test/fixtures/normal.json)', () => {
  for (const [fn, f] of [
    ['logGamma', logGamma],
    ['gamma', gamma],
  ] as const) {
    const tol = toleranceFor(normalFixture, fn);
    const rows = casesFor(fn).map((c) => ({ id: c.id, x: c.input.x as number, exp: c.expected[fn], got: f(c.input.x as number) }));
    const s = summarize(rows);
    it(`${fn}: |err| <= ${tol.abs} + ${tol.rel}|exp| (measured max rel ${s.maxRel.toExponential(2)} = ${s.maxUlp} ulp, ${s.cases} cases)`, () => {
      for (const r of rows) {
        expect(Math.abs(r.got - r.exp), `${r.id} x=${r.x}`).toBeLessThanOrEqual(tol.abs + tol.rel * Math.abs(r.exp));
      }
    });
  }
});

describe('exact values', () => {
  it('gamma(n) = (n-1)! to the nearest double for n = 1..23 (factorials exact in binary64 up to 22!)', () => {
    let f = 1n;
    for (let n = 1; n <= 23; n++) {
      if (n > 1) f *= BigInt(n - 1);
      expect(ulpError(gamma(n), Number(f)), `n=${n}`).toBeLessThanOrEqual(1);
    }
    expect(gamma(1)).toBe(1);
    expect(gamma(2)).toBe(1);
    expect(gamma(3)).toBe(2);
  });
  it('logGamma is exactly 0 at its zeros x = 1 and x = 2', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
  });
  it('gamma(1/2) = sqrt(pi), gamma(-1/2) = -2 sqrt(pi)', () => {
    expect(ulpError(gamma(0.5), Math.sqrt(Math.PI))).toBeLessThanOrEqual(1);
    expect(ulpError(gamma(-0.5), -2 * Math.sqrt(Math.PI))).toBeLessThanOrEqual(2);
  });
  it('overflow, underflow and infinities', () => {
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(gamma(Infinity)).toBe(Infinity);
    expect(gamma(171.7)).toBe(Infinity);
    expect(Number.isFinite(gamma(171.6))).toBe(true);
    expect(Number.isFinite(logGamma(1e305))).toBe(true);
    expect(logGamma(Number.MAX_VALUE)).toBe(Infinity); // the true value exceeds MAX_VALUE
    expect(logGamma(5e-324)).toBeCloseTo(744.4400719213812, 12); // -log(2^-1074)
    const tiny = gamma(-180.5);
    expect(tiny).not.toBeNaN();
    expect(Math.abs(tiny)).toBeLessThan(1e-320);
  });
});

describe('input validation', () => {
  it('logGamma throws InvalidInputError naming x for x <= 0, NaN and -Infinity', () => {
    for (const x of [0, -0, -1, -0.5, NaN, -Infinity]) {
      expect(() => logGamma(x)).toThrow(InvalidInputError);
      try {
        logGamma(x);
      } catch (e) {
        expect((e as InvalidInputError).field).toBe('x');
      }
    }
  });
  it('gamma throws InvalidInputError at the poles and for NaN', () => {
    for (const x of [0, -0, -1, -2, -170, -1e300, NaN, -Infinity]) {
      expect(() => gamma(x), String(x)).toThrow(InvalidInputError);
    }
  });
});

describe('laws (fast-check)', () => {
  it('recurrence gamma(x + 1) = x gamma(x) on (0.01, 170), x + 1 exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 170 * 1024 }), (k) => {
        const x = k / 1024; // x + 1 is exact
        return relError(gamma(x + 1), x * gamma(x)) <= 2e-15;
      }),
    );
  });
  it('logGamma(x + 1) - logGamma(x) = log(x)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (k) => {
        const x = k / 256;
        const lhs = logGamma(x + 1) - logGamma(x);
        return Math.abs(lhs - Math.log(x)) <= 4e-16 * (Math.abs(logGamma(x)) + Math.abs(logGamma(x + 1)) + 1);
      }),
    );
  });
  it('reflection gamma(x) gamma(1 - x) = pi / sin(pi x) on (0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1023 }), (k) => {
        const x = k / 1024;
        // sin(pi min(x, 1-x)): sin(Math.PI * x) near x = 1 would carry the rounding of pi*x
        return relError(gamma(x) * gamma(1 - x), Math.PI / Math.sin(Math.PI * Math.min(x, 1 - x))) <= 2e-15;
      }),
    );
  });
  it('logGamma(x) = log(gamma(x)) where gamma is finite', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 170, noNaN: true }), (x) => {
        const lg = logGamma(x);
        // log(gamma) carries gamma's few-ulp relative error as an absolute error
        return Math.abs(lg - Math.log(gamma(x))) <= 1e-15 * Math.abs(lg) + 1e-15;
      }),
    );
  });
});
