import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isotonic } from '../../src/ssvi/fast-fit';

describe('isotonic (pool-adjacent-violators) used to keep θ non-decreasing', () => {
  it('law: output is non-decreasing, keeps the weighted sum, and is the identity on sorted input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })), { minLength: 1, maxLength: 30 }),
        (pairs) => {
          const x = Float64Array.from(pairs, (p) => p[0]);
          const w = Float64Array.from(pairs, (p) => p[1]);
          const y = Float64Array.from(x);
          isotonic(y, w);
          let sx = 0;
          let sy = 0;
          for (let i = 0; i < x.length; i++) {
            sx += w[i]! * x[i]!;
            sy += w[i]! * y[i]!;
            if (i > 0) expect(y[i]!).toBeGreaterThanOrEqual(y[i - 1]! - 1e-12);
          }
          expect(sy).toBeCloseTo(sx, 9);
          const sorted = Float64Array.from(x).sort();
          const z = Float64Array.from(sorted);
          isotonic(z, w);
          expect(Array.from(z)).toEqual(Array.from(sorted));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('pools a violating pair to its weighted mean', () => {
    const y = Float64Array.from([1, 3, 2, 4]);
    isotonic(y, Float64Array.from([1, 1, 3, 1]));
    expect(Array.from(y)).toEqual([1, 2.25, 2.25, 4]);
  });
});
