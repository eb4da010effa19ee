/**
 * The quasi-explicit SVI fit of Zeliade Systems (2009), "Quasi-explicit calibration of Gatheral's
 * SVI model": for fixed (m, σ), with y = (k - m)/σ, raw SVI is linear in (a, d, c),
 *
 *   w = a + d·y + c·√(y² + 1),  c = bσ, d = ρbσ,
 *
 * so the best (a, d, c) is a small convex QP. Here the constraints are b ≥ 0, |ρ| ≤ 1 and the
 * Gatheral-Jacquier/Lee wing bound b(1+|ρ|) ≤ 2, i.e. the diamond |d| ≤ c, c + |d| ≤ 2σ. The QP is
 * solved exactly by enumerating the KKT candidates: the unconstrained optimum, the optimum on each
 * of the four edges, and the four vertices, keeping the best feasible one.
 */

/** @internal Best (a, d, c) for fixed (m, σ) and its weighted SSE. */
export interface ReducedFit {
  a: number;
  d: number;
  c: number;
  sse: number;
}

// Weighted moments Σ W·{1, y, z, w} products for fixed (m, σ) in a reused buffer (the inner loop
// allocates nothing): [s1, sy, sz, sw, syy, szz, syz, syw, szw, sww].
const M = new Float64Array(10);

function moments(k: ArrayLike<number>, w: ArrayLike<number>, W: ArrayLike<number>, m: number, sigma: number): void {
  let s1 = 0;
  let sy = 0;
  let sz = 0;
  let sw = 0;
  let syy = 0;
  let syz = 0;
  let syw = 0;
  let szw = 0;
  let sww = 0;
  for (let i = 0; i < k.length; i++) {
    const wi = W[i]!;
    if (wi === 0) continue;
    const y = (k[i]! - m) / sigma;
    const z = Math.sqrt(y * y + 1);
    const v = w[i]!;
    const wy = wi * y;
    s1 += wi;
    sy += wy;
    sz += wi * z;
    sw += wi * v;
    syy += wy * y;
    syz += wy * z;
    syw += wy * v;
    szw += wi * z * v;
    sww += wi * v * v;
  }
  M[0] = s1;
  M[1] = sy;
  M[2] = sz;
  M[3] = sw;
  M[4] = syy;
  M[5] = syy + s1; // Σ W z² with z² = y² + 1
  M[6] = syz;
  M[7] = syw;
  M[8] = szw;
  M[9] = sww;
}

/** Solution slot of {@link solveSymmetric3} (module scratch: the fits run in inner loops). */
const SOL = new Float64Array(3);

/**
 * Solves the symmetric 3×3 system [[s00, s01, s02], [s01, s11, s12], [s02, s12, s22]] x = r by
 * Cramer's rule (cofactors) into SOL; false when |det| ≤ 1e-300.
 */
function solveSymmetric3(s00: number, s01: number, s02: number, s11: number, s12: number, s22: number, r0: number, r1: number, r2: number): boolean {
  const c00 = s11 * s22 - s12 * s12;
  const c01 = s02 * s12 - s01 * s22;
  const c02 = s01 * s12 - s02 * s11;
  const det = s00 * c00 + s01 * c01 + s02 * c02;
  if (!(Math.abs(det) > 1e-300)) return false;
  const c11 = s00 * s22 - s02 * s02;
  const c12 = s01 * s02 - s00 * s12;
  const c22 = s00 * s11 - s01 * s01;
  SOL[0] = (c00 * r0 + c01 * r1 + c02 * r2) / det;
  SOL[1] = (c01 * r0 + c11 * r1 + c12 * r2) / det;
  SOL[2] = (c02 * r0 + c12 * r1 + c22 * r2) / det;
  return true;
}

/** Σ W (a + d y + c z - w)² from the moments. */
function sse(a: number, d: number, c: number): number {
  return M[9]! + a * a * M[0]! + d * d * M[4]! + c * c * M[5]! + 2 * (a * d * M[1]! + a * c * M[2]! + d * c * M[6]!) - 2 * (a * M[3]! + d * M[7]! + c * M[8]!);
}

// Edges d = αc + β₀ of the feasible diamond, c ∈ [lo, hi] (β₀, lo, hi in units of σ).
const EDGE_ALPHA = [1, -1, -1, 1];
const EDGE_BETA = [0, 0, 2, -2];
const EDGE_LO = [0, 0, 1, 1];
const EDGE_HI = [1, 1, 2, 2];
const VERT_D = [0, 1, -1, 0];
const VERT_C = [0, 1, 1, 2];

/**
 * @internal The exact constrained optimum of (a, d, c) for fixed (m, σ) (see module comment).
 * Weights W ≥ 0.
 */
export function reducedSviFit(k: ArrayLike<number>, w: ArrayLike<number>, W: ArrayLike<number>, m: number, sigma: number): ReducedFit {
  moments(k, w, W, m, sigma);
  const s1 = M[0]!;
  const sy = M[1]!;
  const sz = M[2]!;
  const sw = M[3]!;
  const syy = M[4]!;
  const szz = M[5]!;
  const syz = M[6]!;
  const syw = M[7]!;
  const szw = M[8]!;
  const tol = 1e-12 * sigma;
  let bA = sw / s1;
  let bD = 0;
  let bC = 0;
  let bS = Infinity;
  // Unconstrained optimum: the symmetric 3×3 normal equations.
  if (solveSymmetric3(s1, sy, sz, syy, syz, szz, sw, syw, szw)) {
    const a = SOL[0]!;
    const d = SOL[1]!;
    const c = SOL[2]!;
    if (c >= -tol && Math.abs(d) <= c + tol && c + Math.abs(d) <= 2 * sigma + tol) {
      bS = sse(a, d, c);
      bA = a;
      bD = d;
      bC = c;
    }
  }
  // Edges: w ≈ a + c(αy + z) + β₀y, a 2-variable LS in (a, c) with c clamped to the edge.
  for (let e = 0; e < 4; e++) {
    const alpha = EDGE_ALPHA[e]!;
    const beta0 = EDGE_BETA[e]! * sigma;
    const su = alpha * sy + sz;
    const suu = alpha * alpha * syy + 2 * alpha * syz + szz;
    const st = sw - beta0 * sy;
    const sut = alpha * syw + szw - beta0 * (alpha * syy + syz);
    const det2 = s1 * suu - su * su;
    if (!(Math.abs(det2) > 1e-300)) continue;
    let c = (s1 * sut - su * st) / det2;
    c = Math.min(Math.max(c, EDGE_LO[e]! * sigma), EDGE_HI[e]! * sigma);
    const a = (st - c * su) / s1;
    const d = alpha * c + beta0;
    const s = sse(a, d, c);
    if (s < bS) {
      bS = s;
      bA = a;
      bD = d;
      bC = c;
    }
  }
  // Vertices (already covered by the clamped edges; kept for safety).
  for (let v = 0; v < 4; v++) {
    const d = VERT_D[v]! * sigma;
    const c = VERT_C[v]! * sigma;
    const a = (sw - d * sy - c * sz) / s1;
    const s = sse(a, d, c);
    if (s < bS) {
      bS = s;
      bA = a;
      bD = d;
      bC = c;
    }
  }
  return { a: bA, d: bD, c: bC, sse: bS };
}

/**
 * @internal The same reduced fit with floors on the wing slopes, b(1-ρ) ≥ fL and b(1+ρ) ≥ fR. In
 * u = c - d = b(1-ρ)σ and v = c + d = b(1+ρ)σ the feasible set (the diamond above) is the box
 * [fLσ, 2σ] × [fRσ, 2σ], and w = a + u·(z-y)/2 + v·(z+y)/2; the exact optimum is the interior
 * solution or the best edge solution (the free coordinate clamped), as for any convex QP on a box.
 */
export function reducedSviFitFloored(
  k: ArrayLike<number>,
  w: ArrayLike<number>,
  W: ArrayLike<number>,
  m: number,
  sigma: number,
  fL: number,
  fR: number,
): ReducedFit {
  moments(k, w, W, m, sigma);
  const s1 = M[0]!;
  const sy = M[1]!;
  const sz = M[2]!;
  const sw = M[3]!;
  const syy = M[4]!;
  const szz = M[5]!;
  const syz = M[6]!;
  const syw = M[7]!;
  const szw = M[8]!;
  const sp = (sz - sy) / 2;
  const sq = (sz + sy) / 2;
  const spp = (szz - 2 * syz + syy) / 4;
  const sqq = (szz + 2 * syz + syy) / 4;
  const spq = (szz - syy) / 4;
  const spw = (szw - syw) / 2;
  const sqw = (szw + syw) / 2;
  const uLo = fL * sigma;
  const vLo = fR * sigma;
  const hi = 2 * sigma;
  const tol = 1e-12 * sigma;
  let bA = sw / s1;
  let bU = uLo;
  let bV = vLo;
  let bS = Infinity;
  const offer = (a: number, u: number, v: number): void => {
    const s = sse(a, (v - u) / 2, (u + v) / 2);
    if (s < bS) {
      bS = s;
      bA = a;
      bU = u;
      bV = v;
    }
  };
  // Interior: normal equations in (a, u, v).
  if (solveSymmetric3(s1, sp, sq, spp, spq, sqq, sw, spw, sqw)) {
    const a = SOL[0]!;
    const u = SOL[1]!;
    const v = SOL[2]!;
    if (u >= uLo - tol && u <= hi + tol && v >= vLo - tol && v <= hi + tol) offer(a, Math.min(Math.max(u, uLo), hi), Math.min(Math.max(v, vLo), hi));
  }
  // Edges u = U (v free, clamped) and v = V (u free, clamped).
  const detV = s1 * sqq - sq * sq;
  const detU = s1 * spp - sp * sp;
  for (const U of [uLo, hi]) {
    if (!(Math.abs(detV) > 1e-300)) break;
    const st = sw - U * sp;
    const sqt = sqw - U * spq;
    const v = Math.min(Math.max((s1 * sqt - sq * st) / detV, vLo), hi);
    offer((st - v * sq) / s1, U, v);
  }
  for (const V of [vLo, hi]) {
    if (!(Math.abs(detU) > 1e-300)) break;
    const st = sw - V * sq;
    const spt = spw - V * spq;
    const u = Math.min(Math.max((s1 * spt - sp * st) / detU, uLo), hi);
    offer((st - u * sp) / s1, u, V);
  }
  return { a: bA, d: (bV - bU) / 2, c: (bU + bV) / 2, sse: bS };
}
