import { ConvergenceError, gaussLegendreNodes } from '@quantforge/core';

const LO = 16;
const HI = 32;

function gl(f: (u: number) => number, a: number, b: number, n: number): number {
  const { nodes, weights } = gaussLegendreNodes(n);
  const h = 0.5 * (b - a);
  const m = 0.5 * (a + b);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * f(m + h * nodes[i]!);
  return s * h;
}

function panel(f: (u: number) => number, a: number, b: number, tol: number, depth: number): number {
  const g1 = gl(f, a, b, LO);
  const g2 = gl(f, a, b, HI);
  if (Math.abs(g2 - g1) <= tol) return g2;
  if (depth >= 40) {
    throw new ConvergenceError(`Heston integral: panel [${a}, ${b}] did not reach tolerance ${tol}`, depth, g2);
  }
  const m = 0.5 * (a + b);
  return panel(f, a, m, 0.5 * tol, depth + 1) + panel(f, m, b, 0.5 * tol, depth + 1);
}

/**
 * ∫₀ᵁ f on geometrically growing panels [0, s], [s, 2s], [2s, 4s], … (s the integrand's natural
 * scale), each by 32-point Gauss-Legendre accepted when it agrees with the 16-point rule within
 * the panel's share of `tolerance` (so the accepted 32-point value is far more accurate than the
 * test: Gauss-Legendre converges geometrically for these analytic integrands), else bisected.
 * `tailBound(a)`, when given, bounds ∫ₐᵁ |f|; the march stops once it is below 1 % of the
 * tolerance.
 */
export function panelIntegral(
  f: (u: number) => number,
  scale: number,
  U: number,
  tolerance: number,
  tailBound?: (a: number) => number,
): number {
  let total = 0;
  let a = 0;
  let b = Math.min(scale, U);
  const panels = Math.max(1, Math.ceil(Math.log2(U / scale)) + 1);
  const tolPanel = tolerance / panels;
  while (a < U) {
    // the rest [a, U] is negligible: stop (tailBound(a) bounds ∫ₐᵁ |f|)
    if (a > 0 && tailBound !== undefined && tailBound(a) < 0.01 * tolerance) break;
    total += panel(f, a, b, tolPanel, 0);
    a = b;
    b = Math.min(2 * b, U);
  }
  return total;
}
