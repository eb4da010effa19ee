/** The exercise boundary read off the trees. */
import { describe, expect, it } from 'vitest';
import { americanParams } from '../../../src/american/params';
import { treeEngine } from '../../../src/american/trees/tree-engine';
import type { AmericanInput, ExerciseBoundary, TreeMethod } from '../../../src/american/types';

const METHODS: TreeMethod[] = ['crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial'];
const put: AmericanInput = { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.06, vol: 0.2 };

function boundaryOf(input: AmericanInput, method: TreeMethod, steps: number): ExerciseBoundary {
  const b = treeEngine(americanParams(input), { steps }, method, true).boundary;
  if (b === undefined) throw new Error('no boundary');
  return b;
}

describe.each(METHODS)('%s exercise boundary', (method) => {
  it('is only computed when asked, and does not change the price', () => {
    const p = americanParams(put);
    const a = treeEngine(p, { steps: 300 }, method, false);
    const b = treeEngine(p, { steps: 300 }, method, true);
    expect(a.boundary).toBeUndefined();
    expect(b.boundary).toBeDefined();
    expect(b.price).toBe(a.price);
    expect(b.delta).toBe(a.delta);
  });

  it('put: τ increasing in (0, T], B(τ) in (0, K), decreasing in τ up to the node spacing, B(0+) -> K', () => {
    const n = 1000;
    const { time, spot } = boundaryOf(put, method, n);
    expect(time.length).toBeGreaterThan(n / 2);
    const spacing = 0.2 * Math.sqrt(1 / n) * 100; // one node step in spot near K
    for (let i = 0; i < time.length; i++) {
      expect(time[i]).toBeGreaterThan(0);
      expect(time[i]).toBeLessThanOrEqual(1 + 1e-12);
      expect(spot[i]).toBeGreaterThan(0);
      expect(spot[i]).toBeLessThan(100);
      if (i > 0) {
        expect(time[i]).toBeGreaterThan(time[i - 1]);
        expect(spot[i]).toBeLessThan(spot[i - 1] + spacing);
      }
    }
    // Near expiry the put boundary tends to K (q = 0); with one step left it is within a few node steps.
    expect(100 - spot[0]).toBeLessThan(3 * spacing);
    // At τ = T = 1 (r = 6%, σ = 20%) the put boundary is about 0.86 K.
    expect(spot[spot.length - 1]).toBeGreaterThan(80);
    expect(spot[spot.length - 1]).toBeLessThan(92);
  });

  it('call with q > r: the boundary is above K and increasing in τ; a call with q = 0 has none', () => {
    const call: AmericanInput = { type: 'call', spot: 100, strike: 100, expiry: 1, rate: 0.02, dividendYield: 0.08, vol: 0.25 };
    const { time, spot } = boundaryOf(call, method, 500);
    expect(time.length).toBeGreaterThan(100);
    const spacing = 0.25 * Math.sqrt(1 / 500) * 150;
    for (let i = 1; i < spot.length; i++) {
      expect(spot[i]).toBeGreaterThan(100);
      expect(spot[i]).toBeGreaterThan(spot[i - 1] - spacing);
    }
    const none = boundaryOf({ ...call, dividendYield: 0 }, method, 200);
    expect(none.time.length).toBe(0);
  });

  it('agrees across trees to within a few node spacings at τ = T/2', () => {
    const at = (m: TreeMethod) => {
      const b = boundaryOf(put, m, 1000);
      let best = 0;
      for (let i = 0; i < b.time.length; i++) if (Math.abs(b.time[i] - 0.5) < Math.abs(b.time[best] - 0.5)) best = i;
      return b.spot[best];
    };
    expect(Math.abs(at(method) - at('crr'))).toBeLessThan(2 * 0.2 * Math.sqrt(1 / 1000) * 100);
  });
});
