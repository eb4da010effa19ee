import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfcxCody } from '../../src/implied/cody-erf';
import { lastIterations, normalisedImpliedVolatility } from '../../src/implied/lets-be-rational';
import {
  asymptoticExpansionOfNormalisedBlackCallOverVega,
  normalisedBlack,
  normalisedBlackCall,
  normalisedBlackCallUsingErfcx,
  normalisedBlackCallUsingNormCdf,
  normalisedIntrinsic,
  normalisedVega,
  smallTExpansionOfNormalisedBlackCallOverVega,
} from '../../src/implied/normalised-black';

const EPS = Number.EPSILON;

/** Normalised inputs: s = σ√T from 1e-4 to 20, x = -z·s with z standard deviations (|x| ≤ 300). */
const normalisedCase = fc
  .record({
    lnS: fc.double({ min: Math.log(1e-4), max: Math.log(20), noNaN: true }),
    z: fc.double({ min: -35, max: 35, noNaN: true }),
    theta: fc.constantFrom(1, -1),
  })
  .map(({ lnS, z, theta }) => {
    const s = Math.exp(lnS);
    return { s, x: Math.max(-300, Math.min(300, -z * s)), theta };
  });

describe("Let's Be Rational in normalised co-ordinates", () => {
  it('recovers s from b(x, s, θ) out of the money to the attainable accuracy (1 + b/(s·b′))·ε', () => {
    fc.assert(
      fc.property(normalisedCase, ({ s, x, theta }) => {
        const xo = theta * x > 0 ? -x : x; // out of the money
        const beta = normalisedBlack(xo, s, theta);
        // b within rounding of b_max = e^{θx/2} (s ≳ 15) carries no information about s.
        fc.pre(beta > 1e-300 && beta < Math.exp((theta * xo) / 2));
        const kappa = beta / (s * normalisedVega(xo, s));
        fc.pre(kappa * EPS <= 1e-4);
        const implied = normalisedImpliedVolatility(beta, xo, theta);
        expect(Math.abs(implied - s) / s).toBeLessThanOrEqual(1e-13 + 16 * kappa * EPS);
      }),
      { numRuns: 5000, seed: 42 },
    );
  });

  it('recovers s in the money to the attainable accuracy (1 + b_max/(s·b′))·ε', () => {
    fc.assert(
      fc.property(normalisedCase, ({ s, x, theta }) => {
        const xi = theta * x < 0 ? -x : x; // in the money (or at the money)
        const beta = normalisedBlack(xi, s, theta);
        const bMax = Math.exp((theta * xi) / 2);
        fc.pre(beta < bMax && beta > normalisedIntrinsic(xi, theta));
        const kappa = (bMax + beta) / (s * normalisedVega(xi, s));
        fc.pre(kappa * EPS <= 1e-4);
        const implied = normalisedImpliedVolatility(beta, xi, theta);
        expect(Math.abs(implied - s) / s).toBeLessThanOrEqual(1e-13 + 16 * kappa * EPS);
      }),
      { numRuns: 5000, seed: 43 },
    );
  });

  it('two Householder(3) iterations are enough: more iterations move s by at most a few ulps', () => {
    fc.assert(
      fc.property(normalisedCase, ({ s, x, theta }) => {
        const xo = theta * x > 0 ? -x : x;
        const beta = normalisedBlack(xo, s, theta);
        fc.pre(beta > 1e-300);
        const two = normalisedImpliedVolatility(beta, xo, theta, 2);
        expect(lastIterations()).toBeLessThanOrEqual(2);
        const many = normalisedImpliedVolatility(beta, xo, theta, 50);
        expect(Math.abs(two - many)).toBeLessThanOrEqual(8 * EPS * many);
      }),
      { numRuns: 3000, seed: 44 },
    );
  });

  it('returns 0 at the intrinsic value and DBL_MAX at or above b_max', () => {
    expect(normalisedImpliedVolatility(normalisedIntrinsic(0.3, 1), 0.3, 1)).toBe(0);
    expect(normalisedImpliedVolatility(0, -0.3, 1)).toBe(0);
    expect(normalisedImpliedVolatility(Math.exp(-0.15), -0.3, 1)).toBe(Number.MAX_VALUE);
  });
});

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
      const erfcx = normalisedBlackCallUsingErfcx(h, t);
      expect(Math.abs(series - erfcx) / erfcx).toBeLessThanOrEqual(1e-14 * (1 + h * h));
    }
  });

  it('asymptotic expansion matches the erfcx form at h ≈ η (-10)', () => {
    for (const t of [0.01, 0.1, 0.3, 0.5, 0.7]) {
      const h = -10.5;
      const s = 2 * t;
      const x = h * s;
      const series = asymptoticExpansionOfNormalisedBlackCallOverVega(h, t) * normalisedVega(x, s);
      const erfcx = normalisedBlackCallUsingErfcx(h, t);
      // The erfcx form subtracts two close values; its error is ε times the condition of that difference.
      const a = erfcxCody(-(h + t) / Math.SQRT2);
      const b = erfcxCody(-(h - t) / Math.SQRT2);
      const condition = (a + b) / (a - b);
      expect(Math.abs(series - erfcx) / erfcx).toBeLessThanOrEqual(32 * EPS * condition);
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
