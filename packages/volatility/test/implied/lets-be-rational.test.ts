import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalisedBlack, normalisedIntrinsic, normalisedVega } from '@quantforge/pricing';
import { lastIterations, normalisedImpliedVolatility } from '../../src/implied/lets-be-rational';

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
