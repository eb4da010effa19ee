/**
 * Local cubic (4-point Lagrange, Newton form) interpolation on a non-uniform grid, with its first
 * and second derivatives: used to read the price, delta and gamma at the spot and to evaluate
 * V(S - D) across a cash dividend. Errors O(h^4) in the value, O(h^3) and O(h^2) in the first
 * and second derivatives where the function is smooth.
 */

/**
 * First index j of the 4-node stencil x[j..j+3] around t: x[j+1] <= t < x[j+2] where possible,
 * clamped to [0, n-4]. Binary search; `n >= 4`.
 */
export function stencilStart(x: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= t) lo = mid;
    else hi = mid;
  }
  const j = lo - 1;
  return j < 0 ? 0 : j > n - 4 ? n - 4 : j;
}

/** Value of the cubic through (x[j..j+3], v[j..j+3]) at t. */
export function cubicValue(x: Float64Array, v: Float64Array, j: number, t: number): number {
  const z0 = x[j], z1 = x[j + 1], z2 = x[j + 2], z3 = x[j + 3];
  const f01 = (v[j + 1] - v[j]) / (z1 - z0);
  const f12 = (v[j + 2] - v[j + 1]) / (z2 - z1);
  const f23 = (v[j + 3] - v[j + 2]) / (z3 - z2);
  const f012 = (f12 - f01) / (z2 - z0);
  const f123 = (f23 - f12) / (z3 - z1);
  const f0123 = (f123 - f012) / (z3 - z0);
  const d0 = t - z0, d1 = t - z1, d2 = t - z2;
  return v[j] + d0 * (f01 + d1 * (f012 + d2 * f0123));
}

/** Value, first and second derivative of the cubic through (x[j..j+3], v[j..j+3]) at t, into out[0..2]. */
export function cubicDerivatives(x: Float64Array, v: Float64Array, j: number, t: number, out: Float64Array): void {
  const z0 = x[j], z1 = x[j + 1], z2 = x[j + 2], z3 = x[j + 3];
  const f01 = (v[j + 1] - v[j]) / (z1 - z0);
  const f12 = (v[j + 2] - v[j + 1]) / (z2 - z1);
  const f23 = (v[j + 3] - v[j + 2]) / (z3 - z2);
  const f012 = (f12 - f01) / (z2 - z0);
  const f123 = (f23 - f12) / (z3 - z1);
  const f0123 = (f123 - f012) / (z3 - z0);
  const d0 = t - z0, d1 = t - z1, d2 = t - z2;
  out[0] = v[j] + d0 * (f01 + d1 * (f012 + d2 * f0123));
  out[1] = f01 + f012 * (d0 + d1) + f0123 * (d1 * d2 + d0 * d2 + d0 * d1);
  out[2] = 2 * f012 + 2 * f0123 * (d0 + d1 + d2);
}
