import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sviCalendarArbitrage } from '@quantforge/volatility';
import { calendarArbitrageFast } from '../../src/ssvi/calendar';

const slice = fc.record({
  a: fc.double({ min: 0, max: 0.1, noNaN: true }),
  b: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  rho: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
  m: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  sigma: fc.double({ min: 0.05, max: 0.8, noNaN: true }),
});

describe('calendarArbitrageFast (the check of buildVolSurface)', () => {
  it('law: agrees with the dense 1201-point sviCalendarArbitrage whenever the dense margin is not tiny', () => {
    fc.assert(
      fc.property(slice, slice, (p, q) => {
        const slices = [
          { expiry: 1, params: p },
          { expiry: 2, params: q },
        ];
        const dense = sviCalendarArbitrage(slices);
        const fast = calendarArbitrageFast(slices, -3, 3);
        if (dense.hasArbitrage) expect(fast).toBe(true);
        else if (dense.pairs[0]!.minDiff > 1e-9) expect(fast).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a narrow crossing between grid points (golden-section refinement)', () => {
    // q = p lifted by 1e-6 except in a dip of width ~0.02 around k = 0.51 (q has a smaller σ).
    const p = { a: 0.04, b: 0.2, rho: 0, m: 0.51, sigma: 0.1 };
    const q = { a: 0.04 + 0.2 * (0.1 - 0.01) - 1e-6, b: 0.2, rho: 0, m: 0.51, sigma: 0.01 };
    const slices = [
      { expiry: 1, params: p },
      { expiry: 2, params: q },
    ];
    // Far from m, w_q - w_p = 0.018 - 1e-6 - 0.2(√(x²+0.01) - √(x²+1e-4)) > 0; at k = m it is -1e-6.
    expect(calendarArbitrageFast(slices, -3, 3)).toBe(true);
    expect(calendarArbitrageFast([slices[0]!, { expiry: 2, params: { ...q, a: q.a + 2e-6 } }], -3, 3)).toBe(false);
  });
});
