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

/** @internal Weighted moments Σ W·{1, y, z, w} products for fixed (m, σ). */
interface Moments {
  s1: number;
  sy: number;
  sz: number;
  sw: number;
  syy: number;
  szz: number;
  syz: number;
  syw: number;
  szw: number;
  sww: number;
}

/** @internal Best (a, d, c) for fixed (m, σ) and its weighted SSE. */
export interface ReducedFit {
  a: number;
  d: number;
  c: number;
  sse: number;
}

function moments(k: ArrayLike<number>, w: ArrayLike<number>, W: ArrayLike<number>, m: number, sigma: number): Moments {
  const M: Moments = { s1: 0, sy: 0, sz: 0, sw: 0, syy: 0, szz: 0, syz: 0, syw: 0, szw: 0, sww: 0 };
  for (let i = 0; i < k.length; i++) {
    const wi = W[i]!;
    if (wi === 0) continue;
    const y = (k[i]! - m) / sigma;
    const z = Math.sqrt(y * y + 1);
    const v = w[i]!;
    M.s1 += wi;
    M.sy += wi * y;
    M.sz += wi * z;
    M.sw += wi * v;
    M.syy += wi * y * y;
    M.szz += wi * z * z;
    M.syz += wi * y * z;
    M.syw += wi * y * v;
    M.szw += wi * z * v;
    M.sww += wi * v * v;
  }
  return M;
}

/** Σ W (a + d y + c z - w)² from the moments. */
function sse(M: Moments, a: number, d: number, c: number): number {
  return (
    M.sww +
    a * a * M.s1 +
    d * d * M.syy +
    c * c * M.szz +
    2 * (a * d * M.sy + a * c * M.sz + d * c * M.syz) -
    2 * (a * M.sw + d * M.syw + c * M.szw)
  );
}

/** Solves the symmetric 3×3 system [[p,q,r],[q,s,t],[r,t,u]]·x = (b0,b1,b2) by Cramer's rule. */
function solve3(p: number, q: number, r: number, s: number, t: number, u: number, b0: number, b1: number, b2: number): [number, number, number] | undefined {
  const c00 = s * u - t * t;
  const c01 = r * t - q * u;
  const c02 = q * t - r * s;
  const det = p * c00 + q * c01 + r * c02;
  if (!(Math.abs(det) > 1e-300)) return undefined;
  const c11 = p * u - r * r;
  const c12 = q * r - p * t;
  const c22 = p * s - q * q;
  return [(c00 * b0 + c01 * b1 + c02 * b2) / det, (c01 * b0 + c11 * b1 + c12 * b2) / det, (c02 * b0 + c12 * b1 + c22 * b2) / det];
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
  const M = moments(k, w, W, m, sigma);
  const tol = 1e-12 * sigma;
  let bA = M.sw / M.s1;
  let bD = 0;
  let bC = 0;
  let bS = Infinity;
  const feasible = (d: number, c: number): boolean => c >= -tol && Math.abs(d) <= c + tol && c + Math.abs(d) <= 2 * sigma + tol;
  // Unconstrained optimum.
  const x = solve3(M.s1, M.sy, M.sz, M.syy, M.syz, M.szz, M.sw, M.syw, M.szw);
  if (x && feasible(x[1], x[2])) {
    bS = sse(M, x[0], x[1], x[2]);
    bA = x[0];
    bD = x[1];
    bC = x[2];
  }
  // Edges: w ≈ a + c(αy + z) + β₀y, a 2-variable LS in (a, c) with c clamped to the edge.
  for (let e = 0; e < 4; e++) {
    const alpha = EDGE_ALPHA[e]!;
    const beta0 = EDGE_BETA[e]! * sigma;
    const su = alpha * M.sy + M.sz;
    const suu = alpha * alpha * M.syy + 2 * alpha * M.syz + M.szz;
    const st = M.sw - beta0 * M.sy;
    const sut = alpha * M.syw + M.szw - beta0 * (alpha * M.syy + M.syz);
    const det = M.s1 * suu - su * su;
    if (!(Math.abs(det) > 1e-300)) continue;
    let c = (M.s1 * sut - su * st) / det;
    c = Math.min(Math.max(c, EDGE_LO[e]! * sigma), EDGE_HI[e]! * sigma);
    const a = (st - c * su) / M.s1;
    const d = alpha * c + beta0;
    const s = sse(M, a, d, c);
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
    const a = (M.sw - d * M.sy - c * M.sz) / M.s1;
    const s = sse(M, a, d, c);
    if (s < bS) {
      bS = s;
      bA = a;
      bD = d;
      bC = c;
    }
  }
  return { a: bA, d: bD, c: bC, sse: bS };
}
