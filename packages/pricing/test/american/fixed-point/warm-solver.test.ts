/** The warm-started fixed-point solver behind americanImpliedVol and americanPriceBatch. */
import { describe, expect, it } from 'vitest';
import { americanPrice, fixedPointImpliedVol } from '@quantforge/pricing';
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

  it('a fast-scheme boundary seeds the accurate preset (QD+ below the fast scheme first node)', () => {
    const fast = new WarmFixedPointPut(100, 80, 0.05, 0, 0.25, 'fast');
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
});
