import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortFloat64 } from '../src/sort';

describe('sortFloat64 (radix) equals the built-in TypedArray sort', () => {
  it('random doubles of every sign and magnitude, with duplicates, ±0 and ±Infinity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, 5e-324, -5e-324)), { minLength: 2048, maxLength: 5000 }),
        (xs) => {
          const a = Float64Array.from(xs);
          const expected = Float64Array.from(xs).sort();
          const got = sortFloat64(a);
          expect(got).toBe(a);
          for (let i = 0; i < xs.length; i++) expect(Object.is(got[i], expected[i]) || got[i] === expected[i]).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });
  it('a subarray view with an offset', () => {
    const base = new Float64Array(5000).map((_, i) => Math.sin(i) * 1e3);
    const view = base.subarray(7, 4007);
    const expected = Float64Array.from(view).sort();
    expect(Array.from(sortFloat64(view))).toEqual(Array.from(expected));
  });
});
