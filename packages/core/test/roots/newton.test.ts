import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConvergenceError, InvalidInputError, NoSolutionError } from '../../src/errors/errors';
import { halley, newton } from '../../src/roots/newton';

const EPS = 2 ** -52;

describe('newton', () => {
  it('finds sqrt(2) from x0 = 1, unbracketed and bracketed', () => {
    const r = newton((x) => x * x - 2, (x) => 2 * x, 1);
    expect(Math.abs(r.root - Math.SQRT2)).toBeLessThanOrEqual(2 * EPS * Math.SQRT2);
    expect(r.iterations).toBeLessThan(10);
    const b = newton((x) => x * x - 2, (x) => 2 * x, 1, { lo: 0, hi: 2 });
    expect(Math.abs(b.root - Math.SQRT2)).toBeLessThanOrEqual(2 * EPS * Math.SQRT2);
  });

  it('finds the root 1 of (x - 1)(x^2 + 1) = x^3 - x^2 + x - 1', () => {
    const f = (x: number): number => x * x * x - x * x + x - 1;
    const df = (x: number): number => 3 * x * x - 2 * x + 1;
    expect(Math.abs(newton(f, df, 5).root - 1)).toBeLessThanOrEqual(4 * EPS);
    expect(Math.abs(newton(f, df, -2, { lo: -3, hi: 4 }).root - 1)).toBeLessThanOrEqual(4 * EPS);
  });

  it('falls back to bisection where plain Newton fails: atan from far away', () => {
    // Plain Newton on atan(x) diverges for |x0| > 1.3917...; the bracket keeps it safe.
    expect(() => newton(Math.atan, (x) => 1 / (1 + x * x), 10)).toThrow(ConvergenceError);
    const r = newton(Math.atan, (x) => 1 / (1 + x * x), 10, { lo: -20, hi: 15 });
    expect(Math.abs(r.root)).toBeLessThanOrEqual(1e-12);
  });

  it('falls back to bisection when the derivative vanishes inside the bracket', () => {
    // f'(0) = 0 for f = x^3 - 1 started at 0.
    const r = newton((x) => x ** 3 - 1, (x) => 3 * x * x, 0, { lo: -1, hi: 3 });
    expect(Math.abs(r.root - 1)).toBeLessThanOrEqual(1e-12);
    expect(() => newton((x) => x ** 3 - 1, (x) => 3 * x * x, 0)).toThrow(ConvergenceError);
  });

  it('property: bracketed Newton finds roots of random monotone cubics to xTol', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, a, b, left, right, t) => {
          const f = (x: number): number => a * (x - r) ** 3 + b * (x - r);
          const df = (x: number): number => 3 * a * (x - r) ** 2 + b;
          const lo = r - left;
          const hi = r + right;
          const x0 = Math.min(hi, Math.max(lo, lo + t * (hi - lo)));
          const res = newton(f, df, x0, { lo, hi, xTol: 1e-10 });
          expect(Math.abs(res.root - r)).toBeLessThanOrEqual(1e-10 + 8 * EPS * Math.max(Math.abs(r), 1));
          const h = halley((x) => [f(x), df(x), 6 * a * (x - r)], x0, { lo, hi, xTol: 1e-10 });
          expect(Math.abs(h.root - r)).toBeLessThanOrEqual(1e-10 + 8 * EPS * Math.max(Math.abs(r), 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws NoSolutionError when the bracket does not bracket a root', () => {
    expect(() => newton((x) => x * x + 1, (x) => 2 * x, 0, { lo: -1, hi: 1 })).toThrow(NoSolutionError);
    expect(() => halley((x) => [x * x + 1, 2 * x, 2], 0, { lo: -1, hi: 1 })).toThrow(NoSolutionError);
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
    const df = (): number => 1;
    expect(field(() => newton(f, df, NaN))).toBe('x0');
    expect(field(() => newton(f, df, 0, { lo: -1 }))).toBe('hi');
    expect(field(() => newton(f, df, 0, { hi: 1 }))).toBe('lo');
    expect(field(() => newton(f, df, 0, { lo: 1, hi: -1 }))).toBe('hi');
    expect(field(() => newton(f, df, 5, { lo: -1, hi: 1 }))).toBe('x0');
    expect(field(() => newton(f, () => NaN, 0.5))).toBe('df');
    expect(field(() => newton(f, 3 as unknown as () => number, 0.5))).toBe('df');
    expect(field(() => halley(() => [1, NaN, 0], 0.5))).toBe('fdd');
    expect(field(() => halley(() => [1, 2] as unknown as [number, number, number], 0.5))).toBe('fdd');
  });

  it('is bounded: maxIterations exhausted throws ConvergenceError', () => {
    expect(() => newton((x) => x * x - 2, (x) => 2 * x, 1e6, { maxIterations: 3 })).toThrow(ConvergenceError);
  });
});

describe('halley', () => {
  it('finds sqrt(2) in fewer iterations than Newton', () => {
    const h = halley((x) => [x * x - 2, 2 * x, 2], 3);
    const n = newton((x) => x * x - 2, (x) => 2 * x, 3);
    expect(Math.abs(h.root - Math.SQRT2)).toBeLessThanOrEqual(2 * EPS * Math.SQRT2);
    expect(h.iterations).toBeLessThan(n.iterations);
  });

  it('finds the cube root of 10 (x^3 - 10) bracketed from the far end', () => {
    const r = halley((x) => [x ** 3 - 10, 3 * x * x, 6 * x], 100, { lo: 0, hi: 100 });
    expect(Math.abs(r.root ** 3 - 10)).toBeLessThan(1e-12);
    expect(Math.abs(r.root - Math.cbrt(10))).toBeLessThanOrEqual(4 * EPS * 3);
  });
});
