import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConvergenceError, InvalidInputError, NoSolutionError } from '../../src/errors/errors';
import { brent } from '../../src/roots/brent';

const EPS = 2 ** -52;

describe('brent', () => {
  it('finds sqrt(2) as the root of x^2 - 2 to machine precision', () => {
    const r = brent((x) => x * x - 2, 0, 2, { xTol: 0 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - Math.SQRT2)).toBeLessThanOrEqual(4 * EPS * Math.SQRT2);
    expect(r.fRoot).toBe(r.root * r.root - 2);
    expect(r.iterations).toBeLessThan(20);
  });

  it('finds the real root of x^3 - 2x - 5 (Wallis) and of (x - 1)(x^2 + 1)', () => {
    // (x - 1)(x^2 + 1) = x^3 - x^2 + x - 1 has the single real root 1.
    const r1 = brent((x) => x * x * x - x * x + x - 1, -3, 4);
    expect(Math.abs(r1.root - 1)).toBeLessThanOrEqual(1e-12 + 4 * EPS);
    // Wallis' cubic: check the defining equation at the returned root, scaled by |f'| there.
    const r2 = brent((x) => x * x * x - 2 * x - 5, 2, 3, { xTol: 0 });
    const fp = 3 * r2.root * r2.root - 2;
    expect(Math.abs(r2.fRoot / fp)).toBeLessThan(8 * EPS * r2.root);
  });

  it('returns an endpoint that is an exact root, and honours fTol', () => {
    expect(brent((x) => x - 1, 1, 3)).toEqual({ root: 1, iterations: 0, converged: true, fRoot: 0 });
    expect(brent((x) => x - 3, 1, 3).root).toBe(3);
    const r = brent((x) => Math.exp(x) - 10, 0, 5, { fTol: 1e-3 });
    expect(Math.abs(r.fRoot)).toBeLessThanOrEqual(1e-3);
  });

  it('property: roots of random monotone cubics to xTol', () => {
    // f(x) = a (x - r)^3 + b (x - r) with a, b > 0 is strictly increasing with the single root r.
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.constantFrom(1e-6, 1e-10, 1e-12),
        (r, a, b, left, right, xTol) => {
          const f = (x: number): number => {
            const y = x - r;
            return a * y * y * y + b * y;
          };
          const res = brent(f, r - left, r + right, { xTol });
          // The bracket [b, c] of width <= xTol + 4 eps |b| contains the root. The
          // subtraction x - r inside f adds a rounding error of ~eps|r| to where f changes sign.
          expect(Math.abs(res.root - r)).toBeLessThanOrEqual(xTol + 4 * EPS * Math.abs(res.root) + 2 * EPS * Math.abs(r));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: decreasing functions and the bracket given either way round work', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (r) => {
        const res = brent((x) => Math.atan(r - x), r - 7, r + 3);
        expect(Math.abs(res.root - r)).toBeLessThanOrEqual(1e-12 + 8 * EPS * Math.max(1, Math.abs(r)));
      }),
    );
  });

  it('throws NoSolutionError when the root is not bracketed', () => {
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(NoSolutionError);
    try {
      brent((x) => x - 5, 0, 1);
    } catch (e) {
      expect((e as NoSolutionError).code).toBe('not-bracketed');
    }
  });

  it('rejects bad input, naming the field', () => {
    const field = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as InvalidInputError).field;
      }
      throw new Error('did not throw');
    };
    const f = (x: number): number => x;
    expect(field(() => brent(f, NaN, 1))).toBe('lo');
    expect(field(() => brent(f, -1, Infinity))).toBe('hi');
    expect(field(() => brent(f, 1, -1))).toBe('hi');
    expect(field(() => brent(f, 1, 1))).toBe('hi');
    expect(field(() => brent(f, -1, 1, { xTol: -1 }))).toBe('xTol');
    expect(field(() => brent(f, -1, 1, { fTol: NaN }))).toBe('fTol');
    expect(field(() => brent(f, -1, 1, { maxIterations: 0 }))).toBe('maxIterations');
    expect(field(() => brent(f, -1, 1, { maxIterations: 2.5 }))).toBe('maxIterations');
    expect(field(() => brent('x' as unknown as (x: number) => number, -1, 1))).toBe('f');
    expect(field(() => brent((x) => (x > 0.3 ? NaN : x - 0.5), 0, 1))).toBe('f');
  });

  it('throws ConvergenceError when maxIterations is exhausted (bounded, never hangs)', () => {
    expect(() => brent((x) => Math.cbrt(x - 0.123456789), -1e6, 1e6, { xTol: 0, maxIterations: 5 })).toThrow(
      ConvergenceError,
    );
  });

  it('a root at exactly 0: xTol = 0 is unreachable and throws ConvergenceError; the default xTol converges', () => {
    // With xTol = 0 the stopping width 4 eps |b| shrinks with b, so a root at 0 would need ~1075
    // halvings down to subnormals: the iteration cap ends it with a typed error, not a hang.
    const cube = (x: number): number => x * x * x;
    expect(() => brent(cube, -1, 0.7, { xTol: 0 })).toThrow(ConvergenceError);
    const r = brent(cube, -1, 0.7);
    expect(Math.abs(r.root)).toBeLessThanOrEqual(1e-12);
  });
});
