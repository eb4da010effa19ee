/**
 * Projected successive over-relaxation (Cryer 1971) for the linear complementarity problem
 *   A x >= d,  x >= g,  (A x - d)·(x - g) = 0
 * with tridiagonal A (row i: lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1]). Unlike
 * Brennan-Schwartz it does not assume one exercise interval, at the price of iterating.
 *
 * The relaxation is Young's optimum for a consistently ordered matrix, ω = 2 / (1 + √(1 - ρ²)),
 * with the Jacobi spectral radius ρ bounded by Gershgorin (max_i (|lower|+|upper|)/diag): a
 * slight over-estimate of the optimum, the safe side for SOR.
 */
import { ConvergenceError } from '@quantforge/core';

/** Young's relaxation factor for the tridiagonal matrix (ρ bounded by Gershgorin's circles). */
export function psorRelaxation(lower: Float64Array, diag: Float64Array, upper: Float64Array, n: number): number {
  let rho = 0;
  for (let i = 0; i < n; i++) {
    const off = (i > 0 ? Math.abs(lower[i]) : 0) + (i < n - 1 ? Math.abs(upper[i]) : 0);
    const r = off / Math.abs(diag[i]);
    if (r > rho) rho = r;
  }
  if (!(rho < 1)) rho = 1 - 1e-6;
  return 2 / (1 + Math.sqrt(1 - rho * rho));
}

/**
 * Solves the LCP in place: `x` holds the starting guess (the previous time level) and receives
 * the solution. Stops when a sweep moves no value by more than `tol`; throws ConvergenceError
 * after `maxIter` sweeps. Returns the number of sweeps.
 */
export function psorSolve(
  lower: Float64Array, diag: Float64Array, upper: Float64Array, d: Float64Array, x: Float64Array, n: number,
  obstacle: Float64Array, omega: number, tol: number, maxIter: number,
): number {
  for (let it = 1; it <= maxIter; it++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      let r = d[i];
      if (i > 0) r -= lower[i] * x[i - 1];
      if (i < n - 1) r -= upper[i] * x[i + 1];
      const old = x[i];
      let v = old + omega * (r / diag[i] - old);
      if (v < obstacle[i]) v = obstacle[i];
      const dv = Math.abs(v - old);
      if (dv > change) change = dv;
      x[i] = v;
    }
    if (change <= tol) return it;
  }
  throw new ConvergenceError(`PSOR did not converge in ${maxIter} sweeps; use exercise 'brennan-schwartz' or fewer time steps per space step`, maxIter);
}
