import { describe, expect, it } from 'vitest';
import { exp } from '../../src/special/exp';
import { loadFixture } from '../../../../test-utils/fixture';
import { ulpError } from '../helpers/accuracy';

const fixture = loadFixture<{ x: number }, { exp: number }>(new URL('../fixtures/exp.json', import.meta.url));

describe('exp (Tang table method) against 50-digit mpmath (test/fixtures/exp.json)', () => {
  const errs = fixture.cases.map((c) => ({ x: c.input.x, ulp: ulpError(exp(c.input.x), c.expected.exp) }));
  const max = Math.max(...errs.map((e) => e.ulp));
  it(`within 1 ulp of the nearest double on [-707.9, 708.9] (measured max ${max.toFixed(2)} ulp over ${errs.length} points; 0 ulp = correctly rounded)`, () => {
    // An error of 1 ulp against the nearest double means a true error below 1.5 ulp; the method's
    // bound is about 0.51 ulp of the true value, so a result is the nearest double or its neighbour.
    for (const e of errs) expect(e.ulp, `x=${e.x}`).toBeLessThanOrEqual(1);
  });
  it('is mostly correctly rounded (>= 99% of the fixture points)', () => {
    expect(errs.filter((e) => e.ulp === 0).length / errs.length).toBeGreaterThanOrEqual(0.99);
  });
  it('agrees with Math.exp within 1 ulp on 100,000 seeded points, and equals it outside (-708, 709)', () => {
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < 100_000; i++) {
      const x = i % 2 === 0 ? -708 + 1417 * rnd() : (rnd() - 0.5) * 2 * 10 ** (-12 * rnd());
      expect(ulpError(exp(x), Math.exp(x)), `x=${x}`).toBeLessThanOrEqual(1);
    }
    for (const x of [-1e4, -745.2, -720, -708, 709, 709.7, 710, 1e4, Infinity, -Infinity]) expect(exp(x)).toBe(Math.exp(x));
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
  });
});
