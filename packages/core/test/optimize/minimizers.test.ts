import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bfgs, nelderMead } from '../../src/optimize/minimizers';
import { ConvergenceError, InvalidInputError } from '../../src/errors/errors';

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
const rosenGrad = (x: Float64Array, g: Float64Array): void => {
  g[0] = -400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]);
  g[1] = 200 * (x[1] - x[0] ** 2);
};

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1) (derivation: f >= 0, f(1,1) = 0)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { tolerance: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.value).toBeLessThan(1e-10);
  });
  it('minimises a shifted quadratic in 4 dimensions', () => {
    const c = [1, -2, 3, 0.5];
    const r = nelderMead((x) => x.reduce((s, v, i) => s + (i + 1) * (v - c[i]) ** 2, 0), [0, 0, 0, 0], { tolerance: 1e-14, step: 0.5 });
    for (let i = 0; i < 4; i++) expect(r.x[i]).toBeCloseTo(c[i], 5);
  });
  it('treats NaN/Infinity as +Infinity (domain constraint)', () => {
    const r = nelderMead((x) => (x[0] <= 0 ? NaN : x[0] - Math.log(x[0])), [3]);
    expect(r.x[0]).toBeCloseTo(1, 4);
  });
  it('hitting the iteration cap throws ConvergenceError with the last iterate, or returns converged: false', () => {
    try {
      nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConvergenceError);
      expect((e as ConvergenceError).lastIterate).toHaveProperty('x');
    }
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5, throwOnMaxIterations: false });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(5);
  });
  it('validates input', () => {
    expect(() => nelderMead(rosenbrock, [])).toThrow(InvalidInputError);
    expect(() => nelderMead(rosenbrock, [NaN, 1])).toThrow(/x0\[0\]/);
    expect(() => nelderMead(rosenbrock, [1, 1], { tolerance: -1 })).toThrow(/tolerance/);
    expect(() => nelderMead(() => NaN, [1])).toThrow(/f\(x0\)/);
    expect(() => nelderMead(rosenbrock, [1, 1], { step: [1] })).toThrow(/step/);
  });
});

describe('bfgs', () => {
  it('Rosenbrock with the analytic gradient reaches (1, 1) to 1e-8', () => {
    const r = bfgs(rosenbrock, [-1.2, 1], { gradient: rosenGrad, tolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-8);
  });
  it('Rosenbrock with central-difference gradient reaches (1, 1) to 1e-6', () => {
    const r = bfgs(rosenbrock, [-1.2, 1], { tolerance: 1e-7 });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-6);
  });
  it('quadratic: the minimiser solves A x = b (derivation) and the inverse Hessian approaches A^-1', () => {
    // f = ½ xᵀAx − bᵀx with A = [[4,1],[1,3]], b = [1,2]: x* = A⁻¹b = [1/11, 7/11].
    const f = (x: Float64Array) => 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
    const g = (x: Float64Array, out: Float64Array) => {
      out[0] = 4 * x[0] + x[1] - 1;
      out[1] = x[0] + 3 * x[1] - 2;
    };
    const r = bfgs(f, [5, -5], { gradient: g, tolerance: 1e-10 });
    expect(r.x[0]).toBeCloseTo(1 / 11, 10);
    expect(r.x[1]).toBeCloseTo(7 / 11, 10);
    expect(r.inverseHessian[0]).toBeCloseTo(3 / 11, 3);
  });
  it('property: separable convex quadratics are minimised exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }), (c) => {
        const r = bfgs((x) => x.reduce((s, v, i) => s + (i + 1) * (v - c[i]) ** 2, 0), new Array(c.length).fill(0), { tolerance: 1e-7 });
        for (let i = 0; i < c.length; i++) expect(Math.abs(r.x[i] - c[i])).toBeLessThan(1e-6);
      }),
      { numRuns: 50 },
    );
  });
  it('cap → ConvergenceError carrying { x, value, gradient }; throwOnMaxIterations: false returns it', () => {
    expect(() => bfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 })).toThrow(ConvergenceError);
    const r = bfgs(rosenbrock, [-1.2, 1], { maxIterations: 3, throwOnMaxIterations: false });
    expect(r.converged).toBe(false);
    expect(r.gradient.length).toBe(2);
  });
  it('validates input', () => {
    expect(() => bfgs(rosenbrock, [Infinity, 0])).toThrow(/x0\[0\]/);
    expect(() => bfgs(rosenbrock, [0, 0], { maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => bfgs(() => Infinity, [0])).toThrow(InvalidInputError);
  });
});
