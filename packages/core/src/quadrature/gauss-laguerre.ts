import { InvalidInputError } from '../errors/errors';
import { requireInteger } from '../validation/validate';
import type { QuadratureRule } from './gauss-legendre';

const MAX_LAGUERRE = 256;

/** Output of {@link laguerrePair}: L_n(z)/e^s, L_{n−1}(z)/e^s and the log-scale s. */
const LAG = new Float64Array(3);

/**
 * L_n(z) and L_{n−1}(z) by the three-term recurrence j·L_j = (2j − 1 − z)L_{j−1} − (j − 1)L_{j−2},
 * rescaled whenever they grow past 1e100 (the log of the common scale kept), into LAG.
 */
function laguerrePair(n: number, z: number): void {
  let p1 = 1;
  let p2 = 0;
  let logScale = 0;
  for (let j = 1; j <= n; j++) {
    const p3 = p2;
    p2 = p1;
    p1 = ((2 * j - 1 - z) * p2 - (j - 1) * p3) / j;
    const m = Math.abs(p1);
    if (m > 1e100) {
      p1 /= m;
      p2 /= m;
      logScale += Math.log(m);
    }
  }
  LAG[0] = p1;
  LAG[1] = p2;
  LAG[2] = logScale;
}

const laguerreCache = new Map<number, QuadratureRule>();

/**
 * Nodes and weights of the n-point Gauss-Laguerre rule: ∫₀^∞ e^{-x} f(x) dx ≈ Σ wᵢ f(xᵢ), exact
 * for polynomials of degree ≤ 2n-1. Newton iteration on the Laguerre recurrence from the
 * Numerical Recipes (§4.6) initial guesses, with the recurrence rescaled to avoid overflow;
 * weights wᵢ = xᵢ / ((n+1)² L_{n+1}(xᵢ)²) computed in logs, so the tiny weights of the far
 * nodes keep their relative accuracy (they underflow to 0 past ~1e-308). Σwᵢ = 1 to ~5e-13 up
 * to n = 128 and ~2e-12 at n = 256 (rounding in the recurrence). 1 ≤ n ≤ 256; cached.
 */
export function gaussLaguerreNodes(n: number): QuadratureRule {
  requireInteger('n', n, 1);
  if (n > MAX_LAGUERRE) throw new InvalidInputError('n', `must be <= ${MAX_LAGUERRE}`, n);
  const hit = laguerreCache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0) z = 3 / (1 + 2.4 * n);
    else if (i === 1) z += 15 / (1 + 2.5 * n);
    else {
      const ai = i - 1;
      z += ((1 + 2.55 * ai) / (1.9 * ai)) * (z - nodes[i - 2]!);
    }
    for (let iter = 0; iter < 100; iter++) {
      laguerrePair(n, z);
      const p1 = LAG[0]!;
      const p2 = LAG[1]!;
      const pp = (n * (p1 - p2)) / z; // L'_n(z) (same scale)
      const dz = p1 / pp;
      z -= dz;
      if (Math.abs(dz) <= 1e-15 * Math.max(1, z)) break;
    }
    // recompute at the converged node; w = z / ((n+1) L_{n+1}(z))² with L_{n+1} = ((2n+1-z)Lₙ - n L_{n-1})/(n+1)
    laguerrePair(n, z);
    const p1 = LAG[0]!;
    const p2 = LAG[1]!;
    const logScale = LAG[2]!;
    const lNext = (2 * n + 1 - z) * p1 - n * p2; // (n+1) L_{n+1}(z), same scale
    nodes[i] = z;
    weights[i] = Math.exp(Math.log(z) - 2 * (Math.log(Math.abs(lNext)) + logScale));
  }
  const rule = { nodes, weights };
  laguerreCache.set(n, rule);
  return rule;
}
