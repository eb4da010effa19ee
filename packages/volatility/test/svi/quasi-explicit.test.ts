import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reducedSviFit, reducedSviFitFloored } from '../../src/svi/quasi-explicit';

const K = Float64Array.from({ length: 25 }, (_, i) => -0.6 + i * 0.05);
const ONES = new Float64Array(25).fill(1);

function sseOf(a: number, d: number, c: number, m: number, s: number, w: Float64Array): number {
  let e = 0;
  for (let i = 0; i < K.length; i++) {
    const y = (K[i]! - m) / s;
    e += (a + d * y + c * Math.sqrt(y * y + 1) - w[i]!) ** 2;
  }
  return e;
}

const smile = fc.record({
  a: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  b: fc.double({ min: 0, max: 1.5, noNaN: true }),
  rho: fc.double({ min: -0.95, max: 0.95, noNaN: true }),
  m: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
  sigma: fc.double({ min: 0.02, max: 1, noNaN: true }),
  fm: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  fs: fc.double({ min: 0.01, max: 1.5, noNaN: true }),
});

function data(p: { a: number; b: number; rho: number; m: number; sigma: number }): Float64Array {
  return Float64Array.from(K, (k, i) => p.a + p.b * (p.rho * (k - p.m) + Math.sqrt((k - p.m) ** 2 + p.sigma ** 2)) + 0.002 * Math.sin(7 * i));
}

describe('reduced (quasi-explicit) SVI fit with wing-slope floors', () => {
  it('law: with zero floors it is the same convex QP as the diamond form (same feasible set)', () => {
    fc.assert(
      fc.property(smile, (p) => {
        const w = data(p);
        const r0 = reducedSviFit(K, w, ONES, p.fm, p.fs);
        const r1 = reducedSviFitFloored(K, w, ONES, p.fm, p.fs, 0, 0);
        expect(Math.abs(r1.sse - r0.sse)).toBeLessThanOrEqual(1e-10 * Math.max(r0.sse, 1e-12));
        expect(r1.sse).toBeCloseTo(sseOf(r1.a, r1.d, r1.c, p.fm, p.fs, w), 12);
      }),
      { numRuns: 200 },
    );
  });

  it('law: the floored optimum is feasible, no better than the unfloored one, and beats feasible random points', () => {
    fc.assert(
      fc.property(
        smile,
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -0.1, max: 0.1, noNaN: true })), {
          minLength: 5,
          maxLength: 5,
        }),
        (p, fL, fR, probes) => {
          const w = data(p);
          const s = p.fs;
          const r = reducedSviFitFloored(K, w, ONES, p.fm, s, fL, fR);
          const u = r.c - r.d;
          const v = r.c + r.d;
          expect(u).toBeGreaterThanOrEqual(fL * s - 1e-14 * s);
          expect(v).toBeGreaterThanOrEqual(fR * s - 1e-14 * s);
          expect(Math.max(u, v)).toBeLessThanOrEqual(2 * s * (1 + 1e-12));
          expect(r.sse).toBeGreaterThanOrEqual(reducedSviFit(K, w, ONES, p.fm, s).sse * (1 - 1e-10) - 1e-15);
          for (const [pu, pv, pa] of probes) {
            const U = (fL + pu * (2 - fL)) * s;
            const V = (fR + pv * (2 - fR)) * s;
            expect(r.sse).toBeLessThanOrEqual(sseOf(r.a + pa, (V - U) / 2, (U + V) / 2, p.fm, s, w) * (1 + 1e-10) + 1e-15);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
