import { InvalidInputError } from '../errors/errors';
import { requireFinite, requireInteger } from '../validation/validate';

/** Nodes and weights of an n-point Gauss rule. */
export interface QuadratureRule {
  /** Abscissae, ascending. */
  nodes: Float64Array;
  /** Weights, aligned with `nodes`. */
  weights: Float64Array;
}

const MAX_LEGENDRE = 4096;
const legendreCache = new Map<number, QuadratureRule>();

/**
 * Nodes and weights of the n-point Gauss-Legendre rule on [-1, 1] (exact for polynomials of
 * degree ≤ 2n-1). Newton iteration on the Legendre three-term recurrence from the Tricomi
 * initial guess cos(π(i-¼)/(n+½)), weights 2 / ((1-x²) P'ₙ(x)²); nodes and weights are accurate
 * to a few ulps. Rules are cached per n (1 ≤ n ≤ 4096); do not mutate the returned arrays.
 */
export function gaussLegendreNodes(n: number): QuadratureRule {
  requireInteger('n', n, 1);
  if (n > MAX_LEGENDRE) throw new InvalidInputError('n', `must be <= ${MAX_LEGENDRE}`, n);
  const hit = legendreCache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16 * Math.max(1, Math.abs(x))) {
        // one more evaluation of the derivative at the converged node
        let q0 = 1;
        let q1 = x;
        for (let k = 2; k <= n; k++) {
          const q2 = ((2 * k - 1) * x * q1 - (k - 1) * q0) / k;
          q0 = q1;
          q1 = q2;
        }
        dp = n === 1 ? 1 : (n * (x * q1 - q0)) / (x * x - 1);
        break;
      }
    }
    if (n % 2 === 1 && i === half - 1) x = 0;
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n === 1) {
    nodes[0] = 0;
    weights[0] = 2;
  }
  const rule = { nodes, weights };
  legendreCache.set(n, rule);
  return rule;
}

/**
 * ∫ₐᵇ f(x) dx by the n-point Gauss-Legendre rule (exact for polynomials of degree ≤ 2n-1; for
 * smooth f the error falls geometrically in n). Throws InvalidInputError when a bound is not
 * finite or f returns a non-finite value.
 */
export function gaussLegendre(f: (x: number) => number, a: number, b: number, n: number): number {
  if (typeof f !== 'function') throw new InvalidInputError('f', 'must be a function', f);
  requireFinite('a', a);
  requireFinite('b', b);
  const { nodes, weights } = gaussLegendreNodes(n);
  const h = 0.5 * (b - a);
  const m = 0.5 * (a + b);
  let s = 0;
  for (let i = 0; i < nodes.length; i++) {
    const y = f(m + h * nodes[i]!);
    if (!Number.isFinite(y)) throw new InvalidInputError('f', 'returned a non-finite value', y);
    s += weights[i]! * y;
  }
  return s * h;
}
