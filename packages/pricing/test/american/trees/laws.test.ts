/** Laws of American prices on trees (fast-check), at a CI size of 100 steps and the default options. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsPrice } from '../../../src/european/black-scholes';
import { americanParams } from '../../../src/american/params';
import { treeEngine } from '../../../src/american/trees/tree-engine';
import type { AmericanInput, TreeMethod } from '../../../src/american/types';

const N = 100;
const methods = fc.constantFrom<TreeMethod>('crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial');
const arb = fc.record({
  type: fc.constantFrom('call' as const, 'put' as const),
  spot: fc.double({ min: 20, max: 300, noNaN: true }),
  moneyness: fc.double({ min: 0.6, max: 1.6, noNaN: true }),
  expiry: fc.double({ min: 0.02, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.12, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.1, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
});
const toInput = (a: { type: 'call' | 'put'; spot: number; moneyness: number; expiry: number; rate: number; dividendYield: number; vol: number }): AmericanInput => ({
  type: a.type,
  spot: a.spot,
  strike: a.spot * a.moneyness,
  expiry: a.expiry,
  rate: a.rate,
  dividendYield: a.dividendYield,
  vol: a.vol,
});
/**
 * Tree error scale K·(σ√T + |r − q|T)/n: the measured constant on qdfp.json (ranges as above) is
 * <= 0.19 for K·σ·√T/n; the drift term covers low-vol, high-carry cases where the step's drift
 * dominates its spread.
 */
const tol = (i: AmericanInput) =>
  (0.6 * i.strike * (i.vol * Math.sqrt(i.expiry) + Math.abs(i.rate - (i.dividendYield ?? 0)) * i.expiry)) / N + 1e-12 * i.strike;

describe('tree laws', () => {
  it('American >= European (Black-Scholes), up to the tree error; and >= intrinsic exactly', () => {
    fc.assert(
      fc.property(arb, methods, (a, method) => {
        const input = toInput(a);
        const r = treeEngine(americanParams(input), { steps: N }, method, false);
        expect(r.price).toBeGreaterThanOrEqual(bsPrice(input) - tol(input));
        expect(r.price).toBeGreaterThanOrEqual(Math.max((input.type === 'call' ? 1 : -1) * (input.spot - input.strike), 0) - 1e-12 * input.strike);
      }),
      { numRuns: 100 },
    );
  });

  it('a call without dividends at r >= 0 is the European call (within the tree error)', () => {
    fc.assert(
      fc.property(arb, methods, (a, method) => {
        const input = { ...toInput(a), type: 'call' as const, dividendYield: 0, rate: Math.abs(a.rate) };
        const r = treeEngine(americanParams(input), { steps: N }, method, false);
        expect(Math.abs(r.price - bsPrice(input))).toBeLessThanOrEqual(tol(input));
      }),
      { numRuns: 100 },
    );
  });

  // Jarrow-Rudd and Trigeorgis match log-moments, so the stock is a martingale only to O(dt²):
  // a deep in-the-money delta can exceed 1 by ~1e-9. (The default Richardson's extrapolated
  // greeks are projected onto these bounds by the engine; see tree-engine.ts, withinBounds.)
  it('delta within [−1, 0] (put) or [0, 1] (call) and gamma >= 0, up to O(dt²)', () => {
    fc.assert(
      fc.property(arb, methods, (a, method) => {
        const input = toInput(a);
        const r = treeEngine(americanParams(input), { steps: N }, method, false);
        const w = input.type === 'call' ? 1 : -1;
        expect(w * r.delta).toBeGreaterThanOrEqual(-1e-6);
        expect(w * r.delta).toBeLessThanOrEqual(1 + 1e-6);
        expect(r.gamma).toBeGreaterThanOrEqual(-1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('CRR price is monotone in spot (the lattice does not depend on spot)', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 1.001, max: 1.5, noNaN: true }), (a, bump) => {
        const low = toInput(a);
        const high = { ...low, spot: low.spot * bump };
        const w = low.type === 'call' ? 1 : -1;
        const pl = treeEngine(americanParams(low), { steps: N }, 'crr', false).price;
        const ph = treeEngine(americanParams(high), { steps: N }, 'crr', false).price;
        expect(w * (ph - pl)).toBeGreaterThanOrEqual(-1e-12 * low.strike);
      }),
      { numRuns: 100 },
    );
  });
});
