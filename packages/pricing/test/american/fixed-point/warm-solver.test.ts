/** The warm-started fixed-point solver behind americanImpliedVol and americanPriceBatch. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { americanPrice, fixedPointImpliedVol } from '@quantforge/pricing';
import { luFactor, luSolveColumn } from '../../../src/american/fixed-point/lu';
import { WarmFixedPointPut } from '../../../src/american/fixed-point/warm-solver';

describe('WarmFixedPointPut', () => {
  // Put coordinates; FP-B (r - q >= 0.001, 9 quartic nodes) and FP-A (q >= r, 16 sqrt nodes).
  it.each([
    ['FP-B', 100, 100, 0.05, 0.01, 1],
    ['FP-A', 100, 95, 0.02, 0.04, 0.5],
  ] as const)('%s: a cold evaluation is the engine; warm ones along the vol tangent converge to the same fixed point', (_n, S, K, r, q, T) => {
    const s = new WarmFixedPointPut(S, K, r, q, T, 'accurate');
    const put = { type: 'put', spot: S, strike: K, expiry: T, rate: r, dividendYield: q } as const;
    const cold = s.evaluate(0.25, true, 0, 0, true);
    const engine = americanPrice({ ...put, vol: 0.25 });
    expect(cold.price).toBeCloseTo(engine.price, 12);
    expect(cold.vega).toBeCloseTo(engine.vega, 9);
    for (const vol of [0.26, 0.3, 0.22]) {
      s.evaluate(vol, false, 3, 0, true);
      for (let k = 0; k < 10 && s.residual() > 1e-10; k++) s.evaluate(vol, false, 2, 0, true);
      const g = s.greeks!;
      const e = americanPrice({ ...put, vol });
      const hp = americanPrice({ ...put, vol }, { scheme: 'high-precision' });
      // The engine stops after its preset's sweeps; the warm solve sits at the converged fixed point.
      expect(Math.abs(g.price - e.price)).toBeLessThan(2e-6);
      expect(Math.abs(g.price - hp.price)).toBeLessThan(2e-6);
      expect(g.delta).toBeCloseTo(e.delta, 6);
      expect(g.vega).toBeCloseTo(e.vega, 3);
      expect(g.dr).toBeCloseTo(e.rho, 3);
    }
  });

  it("the implied vol's stage-1 boundary ('iv-seed', QuantLib's fastScheme) seeds the accurate preset (QD+ below its first node)", () => {
    const fast = new WarmFixedPointPut(100, 80, 0.05, 0, 0.25, 'iv-seed');
    fast.evaluate(0.3, true, 2, 1, false);
    const acc = new WarmFixedPointPut(100, 80, 0.05, 0, 0.25, 'accurate');
    acc.seedFrom(fast);
    const v = acc.evaluate(0.3, false, 5, 1, true);
    expect(Math.abs(v.price - americanPrice({ type: 'put', spot: 100, strike: 80, expiry: 0.25, rate: 0.05, vol: 0.3 }).price)).toBeLessThan(1e-6);
  });
});

describe('fixedPointImpliedVol', () => {
  it('recovers the vol of a fixed-point price (calls and puts) and returns NaN for the fast scheme (left to the caller)', () => {
    for (const [w, type] of [[-1, 'put'], [1, 'call']] as const) {
      const x = { type, spot: 100, strike: 105, expiry: 0.75, rate: 0.03, dividendYield: 0.05, vol: 0.31 } as const;
      const { price, vega } = americanPrice(x);
      const vol = fixedPointImpliedVol(w, price, 100, 105, 0.75, 0.03, 0.05, 0.4, 1e-10);
      expect(Math.abs(vol - x.vol)).toBeLessThan(2e-6 / vega);
      expect(Number.isNaN(fixedPointImpliedVol(w, price, 100, 105, 0.75, 0.03, 0.05, 0.4, 1e-10, 'fast'))).toBe(true);
    }
  });

  it.each([
    // FP-B quotes whose first quartic node is so steep that the plain-sweep residual stays ~1e-3 at
    // the fixed point (short ATM put, r 8 %) or whose chord step used to jump to a spurious boundary
    // (deep in-the-money put): the root is found, within the engine's own error at the true vol.
    ['short ATM put, r 8 %', 100, 100, 0.2493150684931507, 0.08, 0, 0.15],
    ['deep ITM put', 100, 120, 1, 0.07, 0.02, 0.2],
  ] as const)('%s: recovers the vol of the high-precision price within the accurate engine error', (_n, S, K, T, r, q, vol) => {
    const x = { type: 'put', spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol } as const;
    const hp = americanPrice(x, { scheme: 'high-precision' }).price;
    const { price, vega } = americanPrice(x);
    const euro = fixedPointImpliedVol(-1, hp, S, K, T, r, q, vol * 1.3, 1e-10);
    // |σ̂ - σ| <= (engine error at σ + the 'accurate' preset's documented accuracy 1e-6) / vega.
    expect(Math.abs(euro - vol)).toBeLessThan((Math.abs(price - hp) + 1e-6) / vega);
  });
});

/** The preset's fixed point at `vol`, by plain sweeps until they stop moving the boundary. */
function convergedPrice(s: WarmFixedPointPut, vol: number): number {
  let v = s.evaluate(vol, true, 0, 0, false);
  for (let k = 0; k < 60 && s.residual() > 1e-13; k++) v = s.evaluate(vol, false, 1, 0, false);
  return v.price;
}

describe('WarmFixedPointPut boundary Newton and chord steps', () => {
  it.each([
    ['FP-B', 100, 100, 0.05, 0.01, 1],
    ['FP-A', 100, 95, 0.02, 0.04, 0.5],
    ['FP-A near carry', 100, 110, 0.0305, 0.03, 2],
  ] as const)('%s: Newton on y converges quadratically to the fixed point of the plain sweeps; chord steps to the same point', (_n, S, K, r, q, T) => {
    const ref = new WarmFixedPointPut(S, K, r, q, T, 'accurate');
    const target = convergedPrice(ref, 0.3);
    const s = new WarmFixedPointPut(S, K, r, q, T, 'accurate');
    const residuals: number[] = [];
    let v = s.evaluateNewton(0.3, 1); // from QD+
    residuals.push(s.residual());
    for (let k = 0; k < 3; k++) {
      v = s.evaluateNewton(0.3, 0);
      residuals.push(s.residual());
    }
    // Quadratic: each residual at most a modest multiple of the square of the previous (once small).
    expect(residuals[2]!).toBeLessThan(Math.max(1e-12, 50 * residuals[1]! ** 2));
    expect(Math.abs(v.price - target)).toBeLessThan(1e-10);
    // Its vega is the implicit-function vega of the engine at the converged fixed point.
    expect(v.vega).toBeCloseTo(americanPrice({ type: 'put', spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol: 0.3 }).vega, 3);
    // verifyBoundary: from a boundary one Newton update short, the first-order price change its chord
    // update predicts closes most of the gap to the fixed point's price.
    const u = new WarmFixedPointPut(S, K, r, q, T, 'accurate');
    const first = u.evaluateNewton(0.3, 1);
    const gap = target - first.price;
    const pcv = u.verifyBoundary();
    expect(Math.abs(gap - pcv)).toBeLessThanOrEqual(0.3 * Math.abs(gap) + 1e-12);
    // Chord steps at a nearby vol (stored factors, moved along the tangent).
    const target2 = convergedPrice(ref, 0.305);
    let c = s.evaluateChord(0.305);
    for (let k = 0; k < 3; k++) c = s.evaluateChord(0.305);
    expect(Math.abs(c.price - target2)).toBeLessThan(1e-9);
    expect(c.vega).toBeCloseTo(americanPrice({ type: 'put', spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol: 0.305 }).vega, 2);
  });

  it('reset() re-targets a solver exactly as a new instance (across regimes and presets)', () => {
    const s = new WarmFixedPointPut(100, 100, 0.05, 0.01, 1, 'accurate');
    s.evaluateNewton(0.25, 1);
    for (const [S, K, r, q, T] of [
      [100, 95, 0.02, 0.04, 0.5],
      [90, 100, 0.07, 0.0, 2],
      [100, 100, 0.0, 0.0, 1],
    ] as const) {
      s.reset(S, K, r, q, T);
      const fresh = new WarmFixedPointPut(S, K, r, q, T, 'accurate');
      expect(s.european).toBe(fresh.european);
      expect(s.evaluateNewton(0.3, 1)).toEqual(fresh.evaluateNewton(0.3, 1));
      expect(s.evaluateChord(0.31)).toEqual(fresh.evaluateChord(0.31));
    }
  });
});

describe('luFactor / luSolveColumn', () => {
  it('solves A x = b for random well-conditioned systems (law: A x̂ reproduces b)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 144 + 24, maxLength: 144 + 24 }), (n, r) => {
        const A = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = r[i * 12 + j]! + (i === j ? 2 * n : 0);
        const x = Float64Array.from({ length: n }, (_, i) => r[144 + i]!);
        const B = new Float64Array(n * 2);
        for (let i = 0; i < n; i++) {
          let b = 0;
          for (let j = 0; j < n; j++) b += A[i * n + j]! * x[j]!;
          B[i * 2 + 1] = b;
        }
        const LU = Float64Array.from(A);
        const piv = new Int32Array(n);
        expect(luFactor(LU, n, piv)).toBe(true);
        luSolveColumn(LU, n, piv, B, 2, 1);
        for (let i = 0; i < n; i++) expect(Math.abs(B[i * 2 + 1]! - x[i]!)).toBeLessThan(1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it('pivots (zero leading entry) and reports a singular matrix', () => {
    const A = Float64Array.from([0, 1, 1, 0]);
    const piv = new Int32Array(2);
    expect(luFactor(A, 2, piv)).toBe(true);
    const B = Float64Array.from([3, 5]);
    luSolveColumn(A, 2, piv, B, 1, 0);
    expect(Array.from(B)).toEqual([5, 3]);
    expect(luFactor(Float64Array.from([1, 2, 2, 4]), 2, new Int32Array(2))).toBe(false);
    expect(luFactor(Float64Array.from([Number.NaN, 0, 0, 1]), 2, new Int32Array(2))).toBe(false);
  });
});

describe('fixedPointImpliedVol solver pool', () => {
  it('is pure from the caller: the same quote gives the same vol whatever was solved before', () => {
    const quotes = [
      [-1, 100, 100, 1, 0.05, 0.01, 0.25],
      [1, 100, 105, 0.75, 0.03, 0.05, 0.31],
      [-1, 90, 100, 2, 0.0005, 0.0, 0.2],
      [-1, 100, 120, 1, 0.07, 0.02, 0.2],
    ] as const;
    const solve = ([w, S, K, T, r, q, vol]: (typeof quotes)[number]): number => {
      const type = w === 1 ? 'call' : 'put';
      const { price } = americanPrice({ type, spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol });
      return fixedPointImpliedVol(w, price, S, K, T, r, q, 0.5, 1e-10);
    };
    const first = quotes.map(solve);
    const reversed = [...quotes].reverse().map(solve).reverse();
    expect(reversed).toEqual(first);
    for (let i = 0; i < quotes.length; i++) {
      const { vega } = americanPrice({ type: quotes[i]![0] === 1 ? 'call' : 'put', spot: quotes[i]![1], strike: quotes[i]![2], expiry: quotes[i]![3], rate: quotes[i]![4], dividendYield: quotes[i]![5], vol: quotes[i]![6] });
      expect(Math.abs(first[i]! - quotes[i]![6])).toBeLessThan(1e-6 / vega);
    }
  });
});
