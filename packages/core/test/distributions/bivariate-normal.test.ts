import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bivariateNormalCdf } from '../../src/distributions/bivariate-normal';
import { normCdf } from '../../src/distributions/normal';
import { InvalidInputError } from '../../src/errors/errors';
import { casesFor, normalFixture } from '../helpers/accuracy';
import { toleranceFor } from '../../../../test-utils/fixture';

describe('bivariateNormalCdf against mpmath (Drezner integral at 120 digits)', () => {
  const tol = toleranceFor(normalFixture, 'bivariateNormalCdf');
  const rows = casesFor('bivariateNormalCdf').map((c) => {
    const { x, y, rho } = c.input as { x: number; y: number; rho: number };
    return { x, y, rho, exp: c.expected.bivariateNormalCdf, got: bivariateNormalCdf(x, y, rho) };
  });
  const maxAbs = Math.max(...rows.map((r) => Math.abs(r.got - r.exp)));
  it(`absolute error <= ${tol.abs} (measured max ${maxAbs.toExponential(2)} over ${rows.length} cases incl. rho = ±1, ±0.999, 0)`, () => {
    for (const r of rows) {
      expect(Math.abs(r.got - r.exp), `x=${r.x} y=${r.y} rho=${r.rho}`).toBeLessThanOrEqual(tol.abs);
    }
  });
});

describe('special cases', () => {
  it('rho = 0 is the product, rho = 1 is Phi(min), rho = -1 is max(0, Phi(x) + Phi(y) - 1)', () => {
    expect(bivariateNormalCdf(0.3, -1.2, 0)).toBe(normCdf(0.3) * normCdf(-1.2));
    expect(bivariateNormalCdf(0.3, -1.2, 1)).toBe(normCdf(-1.2));
    expect(bivariateNormalCdf(0.3, -1.2, -1)).toBe(0);
    expect(bivariateNormalCdf(1.5, 0.5, -1)).toBeCloseTo(normCdf(1.5) + normCdf(0.5) - 1, 15);
    expect(bivariateNormalCdf(0, 0, 0)).toBe(0.25);
  });
  it('orthant probabilities P(X <= 0, Y <= 0) = 1/4 + asin(rho)/(2 pi) (Sheppard)', () => {
    for (const rho of [-0.999, -0.95, -0.5, -0.1, 0.2, 0.6, 0.8, 0.93, 0.99, 0.999999]) {
      expect(Math.abs(bivariateNormalCdf(0, 0, rho) - (0.25 + Math.asin(rho) / (2 * Math.PI)))).toBeLessThanOrEqual(3e-16);
    }
  });
  it('infinite limits', () => {
    expect(bivariateNormalCdf(-Infinity, 1, 0.5)).toBe(0);
    expect(bivariateNormalCdf(1, -Infinity, 0.5)).toBe(0);
    expect(bivariateNormalCdf(Infinity, 0.7, 0.5)).toBe(normCdf(0.7));
    expect(bivariateNormalCdf(0.7, Infinity, -0.5)).toBe(normCdf(0.7));
    expect(bivariateNormalCdf(Infinity, Infinity, 0.3)).toBe(1);
  });
  it('throws InvalidInputError naming the field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as InvalidInputError).field;
      }
      return 'no throw';
    };
    expect(field(() => bivariateNormalCdf(NaN, 0, 0.5))).toBe('x');
    expect(field(() => bivariateNormalCdf(0, NaN, 0.5))).toBe('y');
    expect(field(() => bivariateNormalCdf(0, 0, NaN))).toBe('rho');
    expect(field(() => bivariateNormalCdf(0, 0, 1.0000001))).toBe('rho');
    expect(field(() => bivariateNormalCdf(0, 0, -2))).toBe('rho');
    expect(field(() => bivariateNormalCdf(0, 0, Infinity))).toBe('rho');
  });
});

describe('laws (fast-check)', () => {
  const xy = fc.double({ min: -8, max: 8, noNaN: true });
  const rho = fc.double({ min: -1, max: 1, noNaN: true });
  it('symmetric in (x, y)', () => {
    fc.assert(fc.property(xy, xy, rho, (x, y, r) => Math.abs(bivariateNormalCdf(x, y, r) - bivariateNormalCdf(y, x, r)) <= 1e-15));
  });
  it('Phi2(x, y, rho) + Phi2(x, -y, -rho) = Phi(x)', () => {
    fc.assert(
      fc.property(xy, xy, rho, (x, y, r) => Math.abs(bivariateNormalCdf(x, y, r) + bivariateNormalCdf(x, -y, -r) - normCdf(x)) <= 2e-15),
    );
  });
  it('Frechet bounds max(0, Phi(x) + Phi(y) - 1) <= Phi2 <= min(Phi(x), Phi(y))', () => {
    fc.assert(
      fc.property(xy, xy, rho, (x, y, r) => {
        const v = bivariateNormalCdf(x, y, r);
        return v >= Math.max(0, normCdf(x) + normCdf(y) - 1) - 1e-15 && v <= Math.min(normCdf(x), normCdf(y)) + 1e-15;
      }),
    );
  });
  it('nondecreasing in rho (Slepian)', () => {
    fc.assert(
      fc.property(xy, xy, rho, rho, (x, y, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return bivariateNormalCdf(x, y, lo) <= bivariateNormalCdf(x, y, hi) + 1e-15;
      }),
    );
  });
  it('the two Genz branches agree across |rho| = 0.925', () => {
    fc.assert(
      fc.property(xy, xy, fc.constantFrom(-1, 1), (x, y, s) => {
        const h = 2 ** -40;
        const r = s * 0.925;
        const a = bivariateNormalCdf(x, y, r - s * h); // Drezner-Wesolowsky branch
        const b = bivariateNormalCdf(x, y, r); // Genz's near-singular branch
        // d Phi2 / d rho is the bivariate density (Plackett); the h^2 term is ~1e-25
        const dens = Math.exp(-(x * x - 2 * r * x * y + y * y) / (2 * (1 - r * r))) / (2 * Math.PI * Math.sqrt(1 - r * r));
        return Math.abs(b - a - s * h * dens) <= 2e-15;
      }),
    );
  });
});
