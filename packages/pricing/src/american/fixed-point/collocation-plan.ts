import type { FixedRule } from './quadrature';

/**
 * Precomputed tables of the fixed-point engine for one scheme (node count and fixed quadrature
 * rules): everything that depends only on the collocation nodes and the quadrature nodes, not on
 * the option. With τ_i = T (1 + z_i)²/4 at the Chebyshev nodes z_i and a quadrature point at
 * m = τ_i μ_j (time to go from u = τ_i - m to τ_i), the boundary is needed at u, whose
 * interpolation variable is z = 2 sqrt(u/T) - 1 = (1 + z_i) sqrt(1 - μ_j) - 1: independent of T.
 * So the barycentric interpolation weights from the node values y_k to every quadrature point of
 * every node are one fixed matrix per scheme, and a fixed-point sweep is a matrix-vector product
 * plus the integrand (no interpolation divisions, no logarithm: ln(b/B(u)) = sqrt(Y(u)) - sqrt(y_i)
 * as ln(B/x_max) = -sqrt(y)). The premium's quadrature points are likewise fixed in z / sqrt(T).
 *
 * Substitutions (the 'theta' forms are ours; QuantLib uses the 'y'/'u' forms):
 *  - FP-A 'y': m = τ(1+y)²/4 (ALO/QuantLib): removes the 1/sqrt(m) of the kernels at m -> 0, but
 *    the interpolant is a polynomial in sqrt(u) = sqrt(τ(1-y)(3+y)/4): a square-root endpoint
 *    singularity at y = 1 that only tanh-sinh handles well.
 *  - FP-A 'theta': sqrt(m) = sqrt(τ) cos θ, sqrt(u) = sqrt(τ) sin θ, θ in [0, π/2]: the kernel
 *    weight becomes 2 sqrt(τ) sin θ dθ and the interpolant a polynomial in sin θ: the integrand is
 *    analytic at both ends, so Gauss-Legendre converges geometrically.
 *  - FP-B 'u' (QuantLib) and 'cos' (u = τ(1 - cos φ)/2).
 *  - Premium 'z' (QuantLib: z = sqrt(t) in [0, sqrt T]) and 'theta' (sqrt(t) = sqrt(T) cos θ,
 *    sqrt(T - t) = sqrt(T) sin θ: the interpolant is a polynomial in sin θ).
 */

const EPSILON = 2.220446049250313e-16;

export type FpAForm = 'y' | 'theta';
export type FpBForm = 'u' | 'cos';
export type PremiumForm = 'z' | 'theta';

/** Quadrature points of one fixed-point equation, shared by every collocation node. */
export interface FpPoints {
  /** Number of points J. */
  count: number;
  /** μ_j = m/τ. */
  mu: Float64Array;
  /** sqrt(1 - μ_j) = sqrt(u/τ). */
  s1: Float64Array;
  /** Weight of the terms scaled by τ (FP-A: the Φ(d₊) term; FP-B: both integrals). */
  g1: Float64Array;
  /** Weight of the terms scaled by sqrt(τ)/σ (FP-A kernels φ/sqrt(m)); 0 for FP-B. */
  g2: Float64Array;
  /** 1 where m rounds to 0 (the integrand's limit is used). */
  edge: Uint8Array;
  /** Interpolation rows: rows[(i-1)·J·size + j·size + k] = weight of y_k in y(z_ij), i = 1..n. */
  rows: Float64Array;
}

/**
 * Quadrature points of the premium integral over s = sqrt(t/T) in [0, 1]. With `power` 4 (the
 * quartic collocation variable z = 2 (τ/T)^{1/4} - 1) the interpolation points and the 'theta'
 * substitution change accordingly; likewise for the fixed-point points.
 */
export interface PremiumPoints {
  count: number;
  /** s_j = sqrt(t/T). */
  s: Float64Array;
  /** Weight in s (the integrand is written in z = sqrt(T) s, so multiply by sqrt(T)). */
  w: Float64Array;
  /** Interpolation rows at z = 2 sqrt(1 - s²) - 1, size entries each. */
  rows: Float64Array;
}

/** Chebyshev points of the second kind, ascending (as ChebyshevInterpolation). */
export function chebyshevNodes(size: number): Float64Array {
  const z = new Float64Array(size);
  for (let i = 0; i < size; i++) z[i] = size === 1 ? 0 : -Math.cos((i * Math.PI) / (size - 1));
  return z;
}

/** Barycentric weights of the values at `nodes` for the interpolant at z, written into out[off..off+size). */
function barycentricRow(nodes: Float64Array, z: number, out: Float64Array, off: number): void {
  const size = nodes.length;
  let den = 0;
  for (let k = 0; k < size; k++) {
    const d = z - nodes[k]!;
    if (d === 0) {
      for (let l = 0; l < size; l++) out[off + l] = l === k ? 1 : 0;
      return;
    }
    const c = ((k % 2 === 0 ? 1 : -1) * (k === 0 || k === size - 1 ? 0.5 : 1)) / d;
    out[off + k] = c;
    den += c;
  }
  for (let k = 0; k < size; k++) out[off + k]! /= den;
}

function unitRow(size: number, k: number, out: Float64Array, off: number): void {
  for (let l = 0; l < size; l++) out[off + l] = l === k ? 1 : 0;
}

/** The FP-A points ('y' or 'theta' substitution) of a rule on [-1, 1], for n collocation nodes. */
export function fpAPoints(rule: FixedRule, n: number, form: FpAForm, power: 2 | 4 = 2): FpPoints {
  const J = rule.x.length;
  const mu = new Float64Array(J);
  const s1 = new Float64Array(J);
  const g1 = new Float64Array(J);
  const g2 = new Float64Array(J);
  const edge = new Uint8Array(J);
  for (let j = 0; j < J; j++) {
    const x = rule.x[j]!;
    const w = rule.w[j]!;
    if (form === 'y') {
      mu[j] = 0.25 * (1 + x) * (1 + x);
      const su = Math.sqrt(0.25 * (1 - x) * (3 + x));
      s1[j] = power === 2 ? su : Math.sqrt(su);
      g1[j] = 0.5 * (1 + x) * w;
      g2[j] = w;
      edge[j] = x <= 5 * EPSILON - 1 ? 1 : 0;
    } else if (power === 4) {
      // u = τ sin⁴φ, m = τ cos²φ (1 + sin²φ): dm = 4τ sin³φ cos φ dφ, dm/sqrt(m) = 4 sqrt(τ) sin³φ / sqrt(1 + sin²φ) dφ.
      const ph = 0.25 * Math.PI * (1 + x);
      const c = Math.cos(ph);
      const sn = Math.sin(ph);
      const s3 = sn * sn * sn;
      mu[j] = c * c * (1 + sn * sn);
      s1[j] = sn;
      g1[j] = Math.PI * s3 * c * w;
      g2[j] = (Math.PI * s3 * w) / Math.sqrt(1 + sn * sn);
      edge[j] = c <= 2.5 * EPSILON ? 1 : 0;
    } else {
      const th = 0.25 * Math.PI * (1 + x);
      const c = Math.cos(th);
      const s = Math.sin(th);
      mu[j] = c * c;
      s1[j] = s;
      g1[j] = 0.5 * Math.PI * c * s * w;
      g2[j] = 0.5 * Math.PI * s * w;
      edge[j] = c <= 2.5 * EPSILON ? 1 : 0;
    }
  }
  return { count: J, mu, s1, g1, g2, edge, rows: rowsFor(n, J, s1, edge) };
}

/** The FP-B points ('u': u = τ(1+x)/2 as QuantLib; 'cos': u = τ(1 - cos φ)/2, φ = π(1+x)/2). */
export function fpBPoints(rule: FixedRule, n: number, form: FpBForm, power: 2 | 4 = 2): FpPoints {
  const J = rule.x.length;
  const mu = new Float64Array(J);
  const s1 = new Float64Array(J);
  const g1 = new Float64Array(J);
  const edge = new Uint8Array(J);
  for (let j = 0; j < J; j++) {
    const x = rule.x[j]!;
    const w = rule.w[j]!;
    if (form === 'u') {
      mu[j] = 0.5 * (1 - x);
      s1[j] = Math.sqrt(0.5 * (1 + x));
      g1[j] = 0.5 * w;
    } else {
      const ph = 0.5 * Math.PI * (1 + x);
      mu[j] = 0.5 * (1 + Math.cos(ph));
      s1[j] = Math.sin(0.5 * ph);
      g1[j] = 0.25 * Math.PI * Math.sin(ph) * w;
    }
    if (power === 4) s1[j] = Math.sqrt(s1[j]!);
    edge[j] = mu[j]! <= 5 * EPSILON ? 1 : 0;
  }
  return { count: J, mu, s1, g1, g2: new Float64Array(J), edge, rows: rowsFor(n, J, s1, edge) };
}

function rowsFor(n: number, J: number, s1: Float64Array, edge: Uint8Array): Float64Array {
  const size = n + 1;
  const nodes = chebyshevNodes(size);
  const rows = new Float64Array(n * J * size);
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < J; j++) {
      const off = ((i - 1) * J + j) * size;
      // m -> 0: the boundary at u = τ_i itself.
      if (edge[j] === 1 || s1[j] === 1) unitRow(size, i, rows, off);
      else barycentricRow(nodes, (1 + nodes[i]!) * s1[j]! - 1, rows, off);
    }
  }
  return rows;
}

/** The premium points of a rule on [-1, 1] ('z': s = (1+x)/2; 'theta': s = cos(π(1+x)/4)). */
export function premiumPoints(rule: FixedRule, n: number, form: PremiumForm, power: 2 | 4 = 2): PremiumPoints {
  const J = rule.x.length;
  const size = n + 1;
  const nodes = chebyshevNodes(size);
  const s = new Float64Array(J);
  const w = new Float64Array(J);
  const rows = new Float64Array(J * size);
  for (let j = 0; j < J; j++) {
    const x = rule.x[j]!;
    let zi: number;
    if (form === 'z') {
      s[j] = 0.5 * (1 + x);
      w[j] = 0.5 * rule.w[j]!;
      const f = Math.sqrt(Math.max(0, 1 - s[j]! * s[j]!));
      zi = 2 * (power === 2 ? f : Math.sqrt(f)) - 1;
    } else if (power === 4) {
      // T - t = T sin⁴θ: s = sqrt(t/T) = cos θ sqrt(1 + sin²θ), |ds/dθ| = 2 sin³θ / sqrt(1 + sin²θ).
      const th = 0.25 * Math.PI * (1 + x);
      const sn = Math.sin(th);
      const q = Math.sqrt(1 + sn * sn);
      s[j] = Math.cos(th) * q;
      w[j] = (0.5 * Math.PI * sn * sn * sn * rule.w[j]!) / q;
      zi = 2 * sn - 1;
    } else {
      const th = 0.25 * Math.PI * (1 + x);
      s[j] = Math.cos(th);
      w[j] = 0.25 * Math.PI * Math.sin(th) * rule.w[j]!;
      zi = 2 * Math.sin(th) - 1;
    }
    if (s[j] === 0) unitRow(size, n, rows, j * size);
    else barycentricRow(nodes, zi, rows, j * size);
  }
  return { count: J, s, w, rows };
}
