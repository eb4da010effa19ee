import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConvergenceError, InvalidInputError, levenbergMarquardt } from '@quantforge/core';

// NIST StRD nonlinear regression, Misra1a (lower difficulty), y = b1 (1 - exp(-b2 x)).
// Data and certified values: https://www.itl.nist.gov/div898/strd/nls/data/misra1a.shtml
const MISRA1A_X = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
const MISRA1A_Y = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.4, 75.47, 81.78];
const MISRA1A_B = [2.3894212918e2, 5.5015643181e-4];
const MISRA1A_SSE = 1.2455138894e-1;

function misraResiduals(b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < MISRA1A_X.length; i++) out[i] = b[0]! * (1 - Math.exp(-b[1]! * MISRA1A_X[i]!)) - MISRA1A_Y[i]!;
}
function misraJacobian(b: Float64Array, J: Float64Array[]): void {
  for (let i = 0; i < MISRA1A_X.length; i++) {
    const e = Math.exp(-b[1]! * MISRA1A_X[i]!);
    J[i]![0] = 1 - e;
    J[i]![1] = b[0]! * MISRA1A_X[i]! * e;
  }
}
const rosenbrock = (x: Float64Array, out: Float64Array): void => {
  out[0] = 10 * (x[1]! - x[0]! * x[0]!);
  out[1] = 1 - x[0]!;
};

describe('levenbergMarquardt', () => {
  it('solves Rosenbrock from the classic start (-1.2, 1) to the minimiser (1, 1)', () => {
    for (const acceleration of ['none', 'geodesic'] as const) {
      for (const scaling of ['marquardt', 'none'] as const) {
        const res = levenbergMarquardt(rosenbrock, [-1.2, 1], { residualCount: 2, acceleration, scaling });
        expect(res.converged).toBe(true);
        expect(res.x[0]).toBeCloseTo(1, 10);
        expect(res.x[1]).toBeCloseTo(1, 10);
        expect(res.cost).toBeLessThan(1e-20);
      }
    }
  });

  it('reproduces NIST StRD Misra1a certified values from both starts (analytic and FD Jacobian)', () => {
    for (const start of [[500, 1e-4], [250, 5e-4]]) {
      for (const jacobian of [misraJacobian, undefined]) {
        const res = levenbergMarquardt(misraResiduals, start, { residualCount: 14, jacobian });
        expect(res.converged).toBe(true);
        // NIST asks for agreement to ~6 significant digits at least; we get more.
        expect(Math.abs(res.x[0]! - MISRA1A_B[0]!) / MISRA1A_B[0]!).toBeLessThan(jacobian ? 1e-9 : 1e-7);
        expect(Math.abs(res.x[1]! - MISRA1A_B[1]!) / MISRA1A_B[1]!).toBeLessThan(jacobian ? 1e-9 : 1e-7);
        expect(Math.abs(2 * res.cost - MISRA1A_SSE) / MISRA1A_SSE).toBeLessThan(1e-9);
        expect(res.residualNorm).toBeCloseTo(Math.sqrt(MISRA1A_SSE), 9);
      }
    }
  });

  it('solves a linear least-squares problem to its normal-equation solution (derived by hand)', () => {
    // Fit y = c0 + c1 t to (0,1), (1,3), (2,4), (3,4): normal equations give c1 = 1, c0 = 1.5.
    const t = [0, 1, 2, 3];
    const y = [1, 3, 4, 4];
    const res = levenbergMarquardt(
      (c, out) => {
        for (let i = 0; i < 4; i++) out[i] = c[0]! + c[1]! * t[i]! - y[i]!;
      },
      [0, 0],
      { residualCount: 4 },
    );
    expect(res.x[0]).toBeCloseTo(1.5, 10); // tolerance 1e-12 on the step and gradient tests
    expect(res.x[1]).toBeCloseTo(1, 10);
    // residuals -0.5, 0.5, 0.5, -0.5 → SSE = 1.
    expect(res.cost).toBeCloseTo(0.5, 12);
  });

  it('law: random overdetermined linear systems reach the QR solution (gradient Aᵀr ≈ 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 18, maxLength: 18 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (a, b) => {
          // 6 × 3 matrix A, well-conditioned by adding 3·I to the top block.
          const A = [0, 1, 2, 3, 4, 5].map((i) => [0, 1, 2].map((j) => a[3 * i + j]! + (i === j ? 6 : 0)));
          const res = levenbergMarquardt(
            (x, out) => {
              for (let i = 0; i < 6; i++) out[i] = A[i]![0]! * x[0]! + A[i]![1]! * x[1]! + A[i]![2]! * x[2]! - b[i]!;
            },
            [0, 0, 0],
            { residualCount: 6 },
          );
          for (let j = 0; j < 3; j++) {
            let g = 0;
            for (let i = 0; i < 6; i++) g += A[i]![j]! * res.residuals[i]!;
            expect(Math.abs(g)).toBeLessThan(1e-7);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('respects box constraints: Rosenbrock with x0 ≤ 0.5 stops on the bound', () => {
    // With x0 fixed at 0.5 the best x1 is 0.25 (zeroes the first residual).
    const res = levenbergMarquardt(rosenbrock, [-1.2, 1], { residualCount: 2, upper: [0.5, Infinity] });
    expect(res.x[0]).toBe(0.5);
    expect(res.x[1]).toBeCloseTo(0.25, 9);
    expect(res.cost).toBeCloseTo(0.125, 12);
  });

  it('an exact fit stops with reason "cost" and a start already optimal stays put', () => {
    const res = levenbergMarquardt((x, out) => { out[0] = x[0]! - 2; }, [2], { residualCount: 1 });
    expect(res.x[0]).toBe(2);
    expect(res.reason).toBe('cost');
  });

  it('throws ConvergenceError with the last iterate at the iteration cap, or returns converged:false', () => {
    let err: unknown;
    try {
      levenbergMarquardt(rosenbrock, [-1.2, 1], { residualCount: 2, maxIterations: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConvergenceError);
    expect((err as ConvergenceError).lastIterate).toHaveProperty('x');
    const res = levenbergMarquardt(rosenbrock, [-1.2, 1], { residualCount: 2, maxIterations: 2, throwOnMaxIterations: false });
    expect(res.converged).toBe(false);
    expect(res.reason).toBe('max-iterations');
  });

  it('rejects bad input with InvalidInputError naming the field', () => {
    const f = (x: Float64Array, out: Float64Array): void => { out[0] = x[0]!; };
    expect(() => levenbergMarquardt(f, [], { residualCount: 1 })).toThrow(InvalidInputError);
    expect(() => levenbergMarquardt(f, [NaN], { residualCount: 1 })).toThrow(/x0\[0\]/);
    expect(() => levenbergMarquardt(f, [1], { residualCount: 0 })).toThrow(/residualCount/);
    expect(() => levenbergMarquardt(f, [1], { residualCount: 1, lower: [2], upper: [1] })).toThrow(/lower\[0\]/);
    expect(() => levenbergMarquardt(f, [1], { residualCount: 1, lower: [NaN] })).toThrow(/lower\[0\]/);
    expect(() => levenbergMarquardt(f, [1], { residualCount: 1, tolerance: -1 })).toThrow(/tolerance/);
    expect(() => levenbergMarquardt((_x, out) => { out[0] = NaN; }, [1], { residualCount: 1 })).toThrow(/x0/);
  });

  it('treats a non-finite trial point as a rejected step (keeps the last finite iterate)', () => {
    // r(x) = log(x) - log(2): undefined for x ≤ 0; a full Gauss-Newton step from x = 10 overshoots.
    const res = levenbergMarquardt(
      (x, out) => { out[0] = x[0]! > 0 ? Math.log(x[0]!) - Math.log(2) : NaN; },
      [10],
      { residualCount: 1 },
    );
    expect(res.x[0]).toBeCloseTo(2, 10);
  });
});
