import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erf, erfc, erfcx } from '../../src/special/erf';
import { casesFor, normalFixture, relError, summarize, ulpError } from '../helpers/accuracy';
import { toleranceFor } from '../../../../test-utils/fixture';

const impl: Record<string, (x: number) => number> = { erf, erfc, erfcx };

describe('erf, erfc, erfcx against 50-digit mpmath (test/fixtures/normal.json)', () => {
  for (const fn of ['erf', 'erfc', 'erfcx']) {
    const tol = toleranceFor(normalFixture, fn);
    const rows = casesFor(fn).map((c) => ({ id: c.id, x: c.input.x as number, exp: c.expected[fn], got: impl[fn](c.input.x as number) }));
    const s = summarize(rows.filter((r) => Math.abs(r.exp) >= 2.2250738585072014e-308));
    it(`${fn}: relative error <= ${tol.rel} (measured max ${s.maxRel.toExponential(2)} = ${s.maxUlp} ulp, ${s.cases} cases)`, () => {
      for (const r of rows) {
        if (Math.abs(r.exp) < 2.2250738585072014e-308) {
          // subnormal results: the spacing is 2^-1074, relative precision is not available
          expect(ulpError(r.got, r.exp), r.id).toBeLessThanOrEqual(2);
        } else {
          expect(relError(r.got, r.exp), `${r.id} x=${r.x}`).toBeLessThanOrEqual(tol.rel);
        }
      }
    });
  }
});

describe('IEEE special values (NaN in, NaN out, like Math.exp)', () => {
  it('signed zeros and infinities', () => {
    expect(Object.is(erf(0), 0)).toBe(true);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(0)).toBe(1);
    expect(erfc(-0)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfcx(0)).toBe(1);
    expect(erfcx(Infinity)).toBe(0);
    expect(erfcx(-Infinity)).toBe(Infinity);
    expect(erfcx(-27)).toBe(Infinity); // 2 exp(729) overflows
  });
  it('NaN propagates', () => {
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
    expect(erfcx(NaN)).toBeNaN();
  });
  it('erfc keeps relative precision into the subnormal range and underflows to 0 beyond it', () => {
    expect(erfc(27.2)).toBeGreaterThan(0);
    expect(erfc(27.5)).toBe(0);
    // erfcx(x) -> 1/(x sqrt(pi)) with relative error O(1/x^2): exact to double precision at 1e9
    expect(relError(erfcx(1e9), 1 / (1e9 * Math.sqrt(Math.PI)))).toBeLessThanOrEqual(2.3e-16);
    expect(erfcx(1e308)).toBeGreaterThan(0);
  });
  it('tiny arguments: erf(x) = 2x/sqrt(pi) to double precision', () => {
    for (const x of [1e-300, -1e-200, 1e-20, 5e-324]) {
      expect(ulpError(erf(x), (2 / Math.sqrt(Math.PI)) * x)).toBeLessThanOrEqual(1);
    }
  });
});

describe('laws (fast-check)', () => {
  const finite = fc.double({ min: -30, max: 30, noNaN: true });
  it('erf is odd exactly and erfc(x) + erfc(-x) = 2', () => {
    fc.assert(
      fc.property(finite, (x) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erfc(x) + erfc(-x) - 2)).toBeLessThanOrEqual(4.5e-16);
      }),
    );
  });
  it('erf(x) + erfc(x) = 1 within 2 ulps of 1', () => {
    fc.assert(fc.property(finite, (x) => Math.abs(erf(x) + erfc(x) - 1) <= 4.5e-16));
  });
  it('erfcx(x) = exp(x^2) erfc(x) (error of exp(x^2) amplified by 2 x^2)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (x) => {
        const direct = Math.exp(x * x) * erfc(x);
        return relError(erfcx(x), direct) <= 1e-15 * (1 + 2 * x * x);
      }),
    );
  });
  it('erf is nondecreasing and erfc nonincreasing', () => {
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return erf(lo) <= erf(hi) && erfc(lo) >= erfc(hi);
      }),
    );
  });
  it('continuity at the interval breaks 0.46875 and 4: f(b) = (f(b-h) + f(b+h))/2 to rounding', () => {
    const h = 2 ** -50; // the second-order term f''h^2/2 is far below an ulp
    for (const b of [0.46875, 4, -0.46875, -4]) {
      for (const f of [erf, erfc, erfcx]) {
        expect(relError(f(b), (f(b - h) + f(b + h)) / 2), `${f.name}(${b})`).toBeLessThan(1e-15);
      }
    }
  });
});
