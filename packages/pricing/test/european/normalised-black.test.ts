/**
 * Jäckel's normalised Black function b(x, s, θ) (moved here from @quantforge/volatility, where Let's
 * Be Rational inverts it): its four out-of-the-money branches agree where their regions meet.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfcx } from '@quantforge/core';
import {
  asymptoticExpansionOfNormalisedBlackCallOverVega,
  normalisedBlack,
  normalisedBlackCall,
  normalisedBlackCallUsingErfcx,
  normalisedBlackCallUsingNormCdf,
  normalisedVega,
  smallTExpansionOfNormalisedBlackCallOverVega,
} from '../../src/european/normalised-black';

const EPS = Number.EPSILON;

describe('normalised Black: the four branches agree where their regions meet', () => {
  it('erfcx form and Φ form agree (away from cancellation)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 0, noNaN: true }), fc.double({ min: 0.3, max: 5, noNaN: true }), (x, s) => {
        const a = normalisedBlackCallUsingErfcx(x / s, s / 2);
        const b = normalisedBlackCallUsingNormCdf(x, s);
        // Both evaluate the same b; the Φ form cancels when h + t < 0, by at most a factor e^{x/2}/b.
        const cancellation = Math.exp(0.5 * Math.abs(x)) / b + 1;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(64 * EPS * b * cancellation);
      }),
      { numRuns: 2000, seed: 45 },
    );
  });

  it('small-t expansion matches the erfcx form at t ≈ τ (0.2)', () => {
    for (const h of [-0.1, -1, -3, -8]) {
      const t = 0.2;
      const s = 2 * t;
      const x = h * s;
      const series = smallTExpansionOfNormalisedBlackCallOverVega(h, t) * normalisedVega(x, s);
      const erfcxForm = normalisedBlackCallUsingErfcx(h, t);
      expect(Math.abs(series - erfcxForm) / erfcxForm).toBeLessThanOrEqual(1e-14 * (1 + h * h));
    }
  });

  it('asymptotic expansion matches the erfcx form at h ≈ η (-10)', () => {
    for (const t of [0.01, 0.1, 0.3, 0.5, 0.7]) {
      const h = -10.5;
      const s = 2 * t;
      const x = h * s;
      const series = asymptoticExpansionOfNormalisedBlackCallOverVega(h, t) * normalisedVega(x, s);
      const erfcxForm = normalisedBlackCallUsingErfcx(h, t);
      // The erfcx form subtracts two close values; its error is ε times the condition of that difference.
      const a = erfcx(-(h + t) / Math.SQRT2);
      const b = erfcx(-(h - t) / Math.SQRT2);
      const condition = (a + b) / (a - b);
      expect(Math.abs(series - erfcxForm) / erfcxForm).toBeLessThanOrEqual(32 * EPS * condition);
    }
  });

  it('reciprocal-strike symmetry and put-call parity b(x,s,+1) - b(x,s,-1) = e^{x/2} - e^{-x/2}', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), (x, s) => {
        expect(normalisedBlack(x, s, -1)).toBe(normalisedBlackCall(-x, s));
        const parity = normalisedBlack(x, s, 1) - normalisedBlack(x, s, -1);
        expect(Math.abs(parity - (Math.exp(x / 2) - Math.exp(-x / 2)))).toBeLessThanOrEqual(16 * EPS * Math.exp(Math.abs(x) / 2));
      }),
      { numRuns: 1000, seed: 46 },
    );
  });
});
