/**
 * The FD building blocks: the fused θ-step Thomas solver (with and without the Brennan-Schwartz
 * projection, both elimination orders) against PSOR and the residual, the sinh mesh, the cubic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cubicDerivatives, stencilStart } from '../../../src/american/fd/cubic';
import { concentratedMesh } from '../../../src/american/fd/mesh';
import { psorRelaxation, psorSolve } from '../../../src/american/fd/psor';
import { thetaRhs, thetaStepDown, thetaStepUp } from '../../../src/american/fd/thomas';

/** A random diffusion-like operator: la, lc >= 0, lb = -(la + lc) - r (M-matrix after I - θΔτ L). */
function operator(n: number, seed: number) {
  let u = seed;
  const rnd = () => ((u = (u * 1103515245 + 12345) % 2147483648) / 2147483648);
  const la = new Float64Array(n), lb = new Float64Array(n), lc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    la[i] = i > 0 ? 50 * rnd() : 0;
    lc[i] = i < n - 1 ? 50 * rnd() : 0;
    lb[i] = -(la[i] + lc[i]) - 0.05;
  }
  const v = Float64Array.from({ length: n }, () => rnd());
  return { la, lb, lc, v };
}

describe('thetaStep (Thomas)', () => {
  it('both orders solve (I - a L) x = (I + b L) v to round-off', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
      const { la, lb, lc, v } = operator(n, seed);
      const d = new Float64Array(n);
      thetaRhs(la, lb, lc, 0.01, v, n, d);
      for (const step of [thetaStepDown, thetaStepUp]) {
        const x = Float64Array.from(v);
        step(la, lb, lc, 0.01, 0.01, x, n, null, new Float64Array(n), new Float64Array(n));
        for (let i = 0; i < n; i++) {
          const ax = x[i] - 0.01 * ((i > 0 ? la[i] * x[i - 1] : 0) + lb[i] * x[i] + (i < n - 1 ? lc[i] * x[i + 1] : 0));
          expect(Math.abs(ax - d[i])).toBeLessThan(1e-12);
        }
      }
    }));
  });
  it('Brennan-Schwartz equals PSOR for a put-like obstacle (exercise region at the low end)', () => {
    const n = 80;
    // Diffusion with a drift and a strong discount (r = 2), so the linear part of the obstacle
    // binds on one interval at the low end — the case Brennan-Schwartz solves exactly.
    const la = Float64Array.from({ length: n }, (_x, i) => (i > 0 ? 20 : 0));
    const lc = Float64Array.from({ length: n }, (_x, i) => (i < n - 1 ? 30 : 0));
    const lb = Float64Array.from(la, (a, i) => -(a + lc[i]) - 2);
    const g = Float64Array.from({ length: n }, (_x, i) => Math.max(1 - i / 30, 0));
    const v = Float64Array.from(g, (x, i) => x + 0.01 * Math.max(i - 20, 0));
    const bs = Float64Array.from(v);
    thetaStepUp(la, lb, lc, 0.02, 0, bs, n, g, new Float64Array(n), new Float64Array(n));
    const lo = Float64Array.from(la, (a) => -0.02 * a), di = Float64Array.from(lb, (b) => 1 - 0.02 * b), up = Float64Array.from(lc, (c) => -0.02 * c);
    const ps = Float64Array.from(v);
    psorSolve(lo, di, up, v, ps, n, g, psorRelaxation(lo, di, up, n), 1e-15, 10_000);
    for (let i = 0; i < n; i++) expect(Math.abs(bs[i] - ps[i])).toBeLessThan(1e-12);
    expect(bs.some((x, i) => x === g[i] && g[i] > 0)).toBe(true);
  });
});

describe('mesh and cubic', () => {
  it('sinh mesh: exact ends, increasing, densest near the center', () => {
    const x = new Float64Array(101);
    concentratedMesh(-2, 3, 0.5, 101, x);
    expect(x[0]).toBe(-2);
    expect(x[100]).toBe(3);
    let minH = Infinity, at = 0;
    for (let i = 1; i < 101; i++) {
      expect(x[i]).toBeGreaterThan(x[i - 1]);
      if (x[i] - x[i - 1] < minH) { minH = x[i] - x[i - 1]; at = x[i]; }
    }
    expect(Math.abs(at - 0.5)).toBeLessThan(0.1);
    expect(minH).toBeLessThan(0.05 / 2);
  });
  it('the cubic reproduces cubics with their derivatives', () => {
    const x = Float64Array.from([0, 0.3, 0.7, 1.2, 2, 2.1]);
    const f = (t: number) => 1 - 2 * t + 0.5 * t * t - 0.25 * t * t * t;
    const v = Float64Array.from(x, f);
    const out = new Float64Array(3);
    for (const t of [0.1, 0.9, 1.7, 2.05]) {
      cubicDerivatives(x, v, stencilStart(x, 6, t), t, out);
      expect(out[0]).toBeCloseTo(f(t), 12);
      expect(out[1]).toBeCloseTo(-2 + t - 0.75 * t * t, 11);
      expect(out[2]).toBeCloseTo(1 - 1.5 * t, 10);
    }
  });
});
