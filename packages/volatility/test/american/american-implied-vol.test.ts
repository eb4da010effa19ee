/** americanImpliedVol: round trips through the fixed-point pricer, bounds, errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError } from '@quantforge/core';
import { americanPrice, americanValuation } from '@quantforge/pricing';
import { americanImpliedVol } from '../../src/american/american-implied-vol';

describe('americanImpliedVol', () => {
  it('round trip vol -> americanPrice (default scheme) -> americanImpliedVol (reprice within 1e-6)', () => {
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
          // The solver finds the root of the converged fixed point (warm-started sweeps); the cold
          // engine stops after its preset's sweeps, <= ~3e-7 from it. So: the recovered vol reprices
          // within the default engine's accuracy (1e-6, the reference-fixture tolerance), and is
          // within that price error over the vega of the generating vol.
          const repriced = americanValuation({ ...input, vol }).price;
          expect(Math.abs(repriced - price)).toBeLessThan(1e-6);
          expect(Math.abs(vol - input.vol)).toBeLessThan(1e-6 / vega + 1e-10);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('round trips over puts and calls in both fixed-point regimes, deep ITM to OTM (reprice within 2e-6 + the engine error)', () => {
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom('call' as const, 'put' as const),
          spot: fc.constant(100),
          strike: fc.double({ min: 70, max: 140, noNaN: true }),
          expiry: fc.double({ min: 0.05, max: 3, noNaN: true }),
          rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
          dividendYield: fc.double({ min: 0.0, max: 0.08, noNaN: true }),
          vol: fc.double({ min: 0.05, max: 0.8, noNaN: true }),
        }),
        (input) => {
          const { price, vega } = americanPrice(input);
          const intrinsic = Math.max(input.type === 'put' ? input.strike - input.spot : input.spot - input.strike, 0);
          // No vol information: vega ~ 0 or the price at intrinsic (immediate exercise).
          if (vega < 1e-2 || price - intrinsic < 1e-6) return;
          const vol = americanImpliedVol({ ...input, price });
          // The cold engine's own error at this point (against 'high-precision'): the solver iterates
          // the fixed point to convergence, so it may sit nearer the true price than the engine.
          const engineError = Math.abs(americanValuation(input, { scheme: 'high-precision' }).price - price);
          expect(Math.abs(americanValuation({ ...input, vol }).price - price)).toBeLessThan(2e-6 + engineError);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('no-solution errors carry their code', () => {
    const base = { type: 'put', spot: 90, strike: 100, expiry: 1, rate: 0.05 } as const;
    const code = (price: number, type: 'put' | 'call' = 'put'): string | undefined => {
      try {
        americanImpliedVol({ ...base, type, price });
      } catch (e) {
        return e instanceof NoSolutionError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(5)).toBe('below-intrinsic');
    expect(code(10)).toBe('below-intrinsic');
    expect(code(100)).toBe('above-upper-bound');
    expect(code(95, 'call')).toBe('above-upper-bound');
  });

  it("round trips with the 'fast' scheme (to 1e-8) and in the low-vol, large-drift regime (FP-B)", () => {
    for (const input of [
      { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.08, dividendYield: 0, vol: 0.05 },
      { type: 'call', spot: 95, strike: 100, expiry: 2.5, rate: 0.01, dividendYield: 0.07, vol: 0.12 },
      { type: 'put', spot: 110, strike: 100, expiry: 0.25, rate: 0.05, dividendYield: 0.05, vol: 0.4 },
    ] as const) {
      for (const scheme of ['fast', 'accurate'] as const) {
        const { price } = americanValuation(input, { scheme });
        const vol = americanImpliedVol({ ...input, price }, { scheme });
        // 'fast': the secant solver on the fast engine itself, exact; 'accurate': the converged
        // fixed point, so within the engine's own error (against 'high-precision') plus 2e-6.
        const engineError = scheme === 'fast' ? 0 : Math.abs(americanValuation(input, { scheme: 'high-precision' }).price - price);
        const tolPrice = scheme === 'fast' ? 1e-8 : 2e-6 + engineError;
        const tolVol = scheme === 'fast' ? 1e-8 : tolPrice / americanPrice(input).vega;
        expect(Math.abs(vol - input.vol), `${scheme} ${JSON.stringify(input)}`).toBeLessThan(tolVol);
        expect(Math.abs(americanValuation({ ...input, vol }, { scheme }).price - price)).toBeLessThan(Math.max(tolPrice, 1e-6));
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
