import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConvergenceError, InvalidInputError } from '../../src/errors/errors';
import {
  adaptiveGaussLobatto,
  adaptiveGaussLobattoDetailed,
  gaussLaguerreNodes,
  gaussLegendre,
  gaussLegendreNodes,
} from '../../src/quadrature/index';

// ∫_{-1}^{1} x^k dx = 2/(k+1) for even k, 0 for odd k.
const monoLegendre = (k: number): number => (k % 2 === 1 ? 0 : 2 / (k + 1));
// ∫_0^∞ e^{-x} x^k dx = k!
const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

describe('gaussLegendreNodes', () => {
  it('has known 1-, 2- and 3-point rules', () => {
    expect(Array.from(gaussLegendreNodes(1).nodes)).toEqual([0]);
    expect(gaussLegendreNodes(1).weights[0]).toBe(2);
    const r2 = gaussLegendreNodes(2);
    expect(Math.abs(r2.nodes[1]! - 1 / Math.sqrt(3))).toBeLessThan(3e-16);
    expect(Math.abs(r2.weights[0]! - 1)).toBeLessThan(1e-15);
    const r3 = gaussLegendreNodes(3);
    expect(r3.nodes[1]).toBe(0);
    expect(Math.abs(r3.nodes[2]! - Math.sqrt(0.6))).toBeLessThan(1e-16);
    expect(Math.abs(r3.weights[1]! - 8 / 9)).toBeLessThan(1e-15);
    expect(Math.abs(r3.weights[0]! - 5 / 9)).toBeLessThan(1e-15);
  });

  it('weights sum to 2 and nodes ascend (n up to 1000)', () => {
    for (const n of [4, 7, 20, 64, 257, 1000]) {
      const { nodes, weights } = gaussLegendreNodes(n);
      let s = 0;
      for (let i = 0; i < n; i++) {
        s += weights[i]!;
        if (i > 0) expect(nodes[i]!).toBeGreaterThan(nodes[i - 1]!);
      }
      expect(Math.abs(s - 2)).toBeLessThan(1e-13);
    }
  });

  it('caches rules', () => {
    expect(gaussLegendreNodes(10)).toBe(gaussLegendreNodes(10));
  });

  it('rejects bad n', () => {
    for (const n of [0, -1, 1.5, NaN, Infinity, 5000]) expect(() => gaussLegendreNodes(n)).toThrow(InvalidInputError);
  });
});

describe('gaussLegendre', () => {
  it('integrates polynomials of degree <= 2n-1 exactly (law)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 59 }), (n, k) => {
        fc.pre(k <= 2 * n - 1);
        const got = gaussLegendre((x) => x ** k, -1, 1, n);
        expect(Math.abs(got - monoLegendre(k))).toBeLessThan(1e-13);
      }),
    );
  });

  it('integrates known integrals on shifted intervals', () => {
    expect(Math.abs(gaussLegendre(Math.sin, 0, Math.PI, 20) - 2)).toBeLessThan(1e-14);
    expect(Math.abs(gaussLegendre(Math.exp, 0, 1, 20) - (Math.E - 1))).toBeLessThan(1e-14);
    expect(Math.abs(gaussLegendre((x) => 1 / (1 + x * x), 0, 1, 40) - Math.PI / 4)).toBeLessThan(1e-15);
    expect(gaussLegendre((x) => x, 3, 3, 5)).toBe(0);
    // reversed bounds change the sign
    expect(Math.abs(gaussLegendre(Math.exp, 1, 0, 20) + (Math.E - 1))).toBeLessThan(1e-14);
  });

  it('rejects non-finite bounds and values', () => {
    expect(() => gaussLegendre(Math.exp, 0, Infinity, 5)).toThrow(InvalidInputError);
    expect(() => gaussLegendre(Math.exp, NaN, 1, 5)).toThrow(InvalidInputError);
    expect(() => gaussLegendre(() => NaN, 0, 1, 5)).toThrow(InvalidInputError);
  });
});

describe('gaussLaguerreNodes', () => {
  it('1- and 2-point rules', () => {
    const r1 = gaussLaguerreNodes(1);
    expect(Math.abs(r1.nodes[0]! - 1)).toBeLessThan(1e-15);
    expect(Math.abs(r1.weights[0]! - 1)).toBeLessThan(1e-15);
    const r2 = gaussLaguerreNodes(2);
    expect(Math.abs(r2.nodes[0]! - (2 - Math.SQRT2))).toBeLessThan(1e-15);
    expect(Math.abs(r2.nodes[1]! - (2 + Math.SQRT2))).toBeLessThan(1e-14);
    expect(Math.abs(r2.weights[0]! - (2 + Math.SQRT2) / 4)).toBeLessThan(1e-15);
  });

  it('integrates e^{-x} x^k exactly for k <= 2n-1', () => {
    for (const n of [3, 8, 16, 32]) {
      for (let k = 0; k <= Math.min(2 * n - 1, 20); k++) {
        const { nodes, weights } = gaussLaguerreNodes(n);
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i]! * nodes[i]! ** k;
        expect(Math.abs(s - factorial(k)) / factorial(k)).toBeLessThan(1e-12);
      }
    }
  });

  it('large rules: weights sum to 1, nodes ascend, ∫e^{-x}cos x = 1/2', () => {
    for (const n of [64, 128, 256]) {
      const { nodes, weights } = gaussLaguerreNodes(n);
      let s = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        s += weights[i]!;
        c += weights[i]! * Math.cos(nodes[i]!);
        if (i > 0) expect(nodes[i]!).toBeGreaterThan(nodes[i - 1]!);
      }
      expect(Math.abs(s - 1)).toBeLessThan(n <= 128 ? 5e-13 : 5e-12);
      expect(Math.abs(c - 0.5)).toBeLessThan(n <= 128 ? 5e-13 : 5e-12);
    }
  });

  it('rejects bad n', () => {
    for (const n of [0, 2.5, NaN, 1000]) expect(() => gaussLaguerreNodes(n)).toThrow(InvalidInputError);
  });
});

describe('adaptiveGaussLobatto', () => {
  it('integrates polynomials up to degree 5 exactly on the first panel', () => {
    const r = adaptiveGaussLobattoDetailed((x) => 3 * x ** 5 - x ** 2 + 1, -2, 3, { tolerance: 1e-10 });
    // ∫ = 3(3^6 - 2^6)/6 - (27 + 8)/3 + 5
    expect(Math.abs(r.value - ((3 * (729 - 64)) / 6 - 35 / 3 + 5))).toBeLessThan(1e-11);
    expect(r.evaluations).toBe(18);
  });

  it('known integrals to the tolerance', () => {
    const cases: [(x: number) => number, number, number, number][] = [
      [Math.sin, 0, Math.PI, 2],
      [(x) => Math.sqrt(x), 0, 1, 2 / 3],
      [(x) => 1 / (1 + 25 * x * x), -1, 1, (2 / 5) * Math.atan(5)],
      [(x) => Math.exp(-x * x), -10, 10, Math.sqrt(Math.PI)],
      [(x) => Math.cos(50 * x), 0, 1, Math.sin(50) / 50],
      [(x) => Math.log(x + 1e-300), 0, 1, -1],
    ];
    for (const [f, a, b, exact] of cases) {
      const got = adaptiveGaussLobatto(f, a, b, { tolerance: 1e-12 });
      expect(Math.abs(got - exact)).toBeLessThan(1e-10);
    }
  });

  it('reversed and empty intervals', () => {
    expect(adaptiveGaussLobatto(Math.exp, 1, 1)).toBe(0);
    expect(Math.abs(adaptiveGaussLobatto(Math.exp, 1, 0) + (Math.E - 1))).toBeLessThan(1e-13);
  });

  it('relative tolerance scales with the integral', () => {
    const got = adaptiveGaussLobatto((x) => 1e12 * Math.exp(x), 0, 1, { tolerance: 0, relativeTolerance: 1e-13 });
    expect(Math.abs(got / 1e12 - (Math.E - 1))).toBeLessThan(1e-12);
  });

  it('throws ConvergenceError with the partial sum when maxEvaluations is hit', () => {
    let err: unknown;
    try {
      adaptiveGaussLobatto((x) => Math.sin(1 / (x + 1e-9)), 0, 1, { tolerance: 1e-15, maxEvaluations: 200 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConvergenceError);
    expect(typeof (err as ConvergenceError).lastIterate).toBe('number');
  });

  it('rejects bad input', () => {
    expect(() => adaptiveGaussLobatto(Math.exp, 0, Infinity)).toThrow(InvalidInputError);
    expect(() => adaptiveGaussLobatto(Math.exp, 0, 1, { tolerance: -1 })).toThrow(InvalidInputError);
    expect(() => adaptiveGaussLobatto(Math.exp, 0, 1, { tolerance: 0 })).toThrow(InvalidInputError);
    expect(() => adaptiveGaussLobatto(() => Infinity, 0, 1)).toThrow(InvalidInputError);
  });

  it('agrees with a high-order Gauss-Legendre rule on random smooth integrands (law)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (a, len, w) => {
          const f = (x: number): number => Math.cos(w * x) * Math.exp(-0.3 * x);
          const ref = gaussLegendre(f, a, a + len, 200);
          expect(Math.abs(adaptiveGaussLobatto(f, a, a + len, { tolerance: 1e-13 }) - ref)).toBeLessThan(1e-11);
        },
      ),
      { numRuns: 50 },
    );
  });
});
