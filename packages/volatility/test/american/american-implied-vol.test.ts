/** americanImpliedVol: round trips through the fixed-point pricer, bounds, errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError } from '@quantforge/core';
import { americanPrice, americanValuation } from '@quantforge/pricing';
import { americanImpliedVol } from '../../src/american/american-implied-vol';

describe('americanImpliedVol', () => {
  it('round trip vol -> americanPrice (default scheme) -> americanImpliedVol to 1e-8', () => {
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom('call' as const, 'put' as const),
          spot: fc.double({ min: 80, max: 120, noNaN: true }),
          strike: fc.constant(100),
          expiry: fc.double({ min: 0.1, max: 2, noNaN: true }),
          rate: fc.double({ min: 0.0, max: 0.08, noNaN: true }),
          dividendYield: fc.double({ min: 0.0, max: 0.08, noNaN: true }),
          vol: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
        }),
        (input) => {
          const { price, vega } = americanPrice(input);
          // Skip quotes that carry no vol information (deep in the money, vega ~ 0): the vol is ill-conditioned there.
          if (vega < 1e-3) return;
          const vol = americanImpliedVol({ ...input, price });
          expect(Math.abs(vol - input.vol)).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("round trips with the 'fast' scheme and in the low-vol, large-drift regime (FP-B) to 1e-8", () => {
    for (const input of [
      { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.08, dividendYield: 0, vol: 0.05 },
      { type: 'call', spot: 95, strike: 100, expiry: 2.5, rate: 0.01, dividendYield: 0.07, vol: 0.12 },
      { type: 'put', spot: 110, strike: 100, expiry: 0.25, rate: 0.05, dividendYield: 0.05, vol: 0.4 },
    ] as const) {
      for (const scheme of ['fast', 'accurate'] as const) {
        const { price } = americanValuation(input, { scheme });
        expect(Math.abs(americanImpliedVol({ ...input, price }, { scheme }) - input.vol), `${scheme} ${JSON.stringify(input)}`).toBeLessThan(1e-8);
      }
    }
  });

  it('a price at or below intrinsic, or above the upper bound, throws NoSolutionError', () => {
    const base = { type: 'put', spot: 90, strike: 100, expiry: 1, rate: 0.05 } as const;
    expect(() => americanImpliedVol({ ...base, price: 9.99 })).toThrow(NoSolutionError);
    expect(() => americanImpliedVol({ ...base, price: 10 })).toThrow(/intrinsic/);
    expect(() => americanImpliedVol({ ...base, price: 100 })).toThrow(NoSolutionError);
    expect(() => americanImpliedVol({ ...base, type: 'call', price: 95 })).toThrow(NoSolutionError);
  });

  it('bad input throws InvalidInputError naming the field', () => {
    expect(() => americanImpliedVol({ type: 'put', price: 5, spot: -1, strike: 100, expiry: 1, rate: 0 })).toThrow(InvalidInputError);
    expect(() => americanImpliedVol({ type: 'put', price: 5, spot: 100, strike: 100, expiry: 1, rate: 0 }, { scheme: 'x' as never })).toThrow(/options\.scheme/);
  });
});
