import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError, brent, normCdf } from '@quantforge/core';
import { atmVol, butterfly25, detectStaticArbitrage, processOptionChain, riskReversal25, skewSlope, smileAtDelta, termStructure } from '@quantforge/volatility';
import type { ChainSlice } from '@quantforge/volatility';
import { syntheticChain } from '../chain/synthetic';

/** A slice whose total variance is linear in k, σ(k)² = s0² + c·k, so interpolation is exact. */
function linearVarianceSlice(s0: number, c: number, T = 0.5, F = 100) {
  const ks = Array.from({ length: 41 }, (_, i) => -0.6 + 0.03 * i);
  return {
    forward: F,
    timeToExpiry: T,
    quotes: ks.map((k) => ({ type: (k < 0 ? 'put' : 'call') as 'put' | 'call', strike: F * Math.exp(k), iv: Math.sqrt(s0 * s0 + c * k) })),
  };
}

/** Exact delta point of the model smile by Brent on N(d1(k)) = target. */
function exactDeltaVol(s0: number, c: number, T: number, target: number): number {
  const vol = (k: number): number => Math.sqrt(s0 * s0 + c * k);
  const f = (k: number): number => {
    const sd = vol(k) * Math.sqrt(T);
    return normCdf(-k / sd + sd / 2) - target;
  };
  return vol(brent(f, -0.55, 0.55, { xTol: 1e-15 }).root);
}

describe('smile metrics', () => {
  it('atmVol, 25-delta RR and BF on an exactly interpolable smile (derivation by root finding)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 0.4, noNaN: true }), fc.double({ min: -0.05, max: 0.01, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), (s0, c, T) => {
        const sl = linearVarianceSlice(s0, c, T);
        expect(Math.abs(atmVol(sl) - s0)).toBeLessThan(1e-14);
        const vc = exactDeltaVol(s0, c, T, 0.25);
        const vp = exactDeltaVol(s0, c, T, 0.75);
        expect(Math.abs(riskReversal25(sl) - (vc - vp))).toBeLessThan(1e-10);
        expect(Math.abs(butterfly25(sl) - (0.5 * (vc + vp) - s0))).toBeLessThan(1e-10);
        const p = smileAtDelta(sl, -0.25);
        expect(Math.abs(p.vol - vp)).toBeLessThan(1e-10);
        expect(p.strike).toBeLessThan(100);
      }),
      { numRuns: 30 },
    );
  });

  it('flat smile: RR = BF = 0 and skew slope 0; linear smile: slope recovered exactly', () => {
    const flat = linearVarianceSlice(0.2, 0);
    expect(Math.abs(riskReversal25(flat))).toBeLessThan(1e-14);
    expect(Math.abs(butterfly25(flat))).toBeLessThan(1e-14);
    expect(Math.abs(skewSlope(flat))).toBeLessThan(1e-13);
    const lin = { ...flat, quotes: flat.quotes.map((q) => ({ ...q, iv: 0.2 - 0.15 * Math.log(q.strike / 100) })) };
    expect(Math.abs(skewSlope(lin) + 0.15)).toBeLessThan(1e-12);
    expect(Math.abs(skewSlope(lin, { window: 3 }) + 0.15)).toBeLessThan(1e-12);
  });

  it('errors: too few quotes, forward not bracketed, delta out of range, bad options', () => {
    expect(() => atmVol({ forward: 100, timeToExpiry: 1, quotes: [{ type: 'call', strike: 110, iv: 0.2 }] })).toThrow(NoSolutionError);
    expect(() => atmVol({ forward: 100, timeToExpiry: 1, quotes: [] })).toThrow(NoSolutionError);
    expect(() =>
      atmVol({ forward: 100, timeToExpiry: 1, quotes: [{ type: 'call', strike: 110, iv: 0.2 }, { type: 'call', strike: 120, iv: 0.2 }] }),
    ).toThrow(NoSolutionError);
    const narrow = { forward: 100, timeToExpiry: 1, quotes: [{ type: 'put' as const, strike: 99, iv: 0.2 }, { type: 'call' as const, strike: 101, iv: 0.2 }] };
    expect(() => riskReversal25(narrow)).toThrow(NoSolutionError);
    expect(() => atmVol({ forward: -1, timeToExpiry: 1, quotes: [] })).toThrow(InvalidInputError);
    expect(() => atmVol({ forward: 100, timeToExpiry: 1, quotes: [{ type: 'call', strike: 110, iv: NaN }] })).toThrow(InvalidInputError);
    expect(() => smileAtDelta(narrow, 1.5)).toThrow(InvalidInputError);
    expect(() => skewSlope(narrow, { window: 0 })).toThrow(InvalidInputError);
  });

  it('term structure: ATM total variance and forward vols', () => {
    const a = { ...linearVarianceSlice(0.2, 0, 0.25), expiry: 'A' };
    const b = { ...linearVarianceSlice(0.25, 0, 1), expiry: 'B' };
    const c = { ...linearVarianceSlice(0.1, 0, 2), expiry: 'C' }; // total variance falls: no forward vol
    const bad = { forward: 100, timeToExpiry: 3, expiry: 'D', quotes: [] };
    const t = termStructure([b, bad, c, a]);
    expect(t.points.map((p) => p.expiry)).toEqual(['A', 'B', 'C']);
    expect(t.skipped.map((s) => s.expiry)).toEqual(['D']);
    expect(Math.abs(t.points[1]!.forwardVol! - Math.sqrt((0.0625 - 0.01) / 0.75))).toBeLessThan(1e-14);
    expect(t.points[0]!.forwardVol).toBeUndefined();
    expect(t.points[2]!.forwardVol).toBeUndefined();
  });
});

describe('detectStaticArbitrage on raw quotes', () => {
  const { rows, spec } = syntheticChain();
  const chain = processOptionChain(rows, { asOf: spec.asOf });

  it('finds nothing in an arbitrage-free model chain (bid-ask and mid)', () => {
    expect(detectStaticArbitrage(chain.slices)).toEqual([]);
    expect(detectStaticArbitrage(chain.slices, { prices: 'mid', tolerance: 1e-12, varianceTolerance: 1e-12 })).toEqual([]);
  });

  const tweak = (f: (s: ChainSlice) => ChainSlice, i = 2): ChainSlice[] => chain.slices.map((s, j) => (j === i ? f(s) : s));

  it('call-spread monotonicity violation names both quotes', () => {
    const slices = tweak((s) => {
      const a = s.quotes.find((q) => q.type === 'call' && q.strike === 100)!;
      return { ...s, quotes: s.quotes.map((q) => (q.type === 'call' && q.strike === 103 ? { ...q, bid: a.ask + 0.5, ask: a.ask + 0.6, mid: a.ask + 0.55 } : q)) };
    });
    const v = detectStaticArbitrage(slices).filter((x) => x.kind === 'call-spread');
    expect(v.length).toBe(1);
    expect(v[0]!.quotes.map((q) => [q.strike, q.side])).toEqual([
      [100, 'ask'],
      [103, 'bid'],
    ]);
    expect(v[0]!.amount).toBeCloseTo(0.5, 12);
  });

  it('butterfly convexity violation', () => {
    const slices = tweak((s) => {
      const p97 = s.quotes.find((q) => q.type === 'put' && q.strike === 97)!;
      const p103 = s.quotes.find((q) => q.type === 'put' && q.strike === 103)!;
      const wing = 0.5 * (p97.ask + p103.ask);
      return { ...s, quotes: s.quotes.map((q) => (q.type === 'put' && q.strike === 100 ? { ...q, bid: wing + 0.05, ask: wing + 0.1, mid: wing + 0.075 } : q)) };
    });
    const v = detectStaticArbitrage(slices).filter((x) => x.kind === 'butterfly');
    expect(v.length).toBe(1);
    expect(v[0]!.quotes.map((q) => q.strike)).toEqual([97, 100, 103]);
    expect(v[0]!.amount).toBeCloseTo(0.05, 10);
  });

  it('spread bound violation (call spread dearer than its maximum payoff)', () => {
    const slices = tweak((s) => {
      const c103 = s.quotes.find((q) => q.type === 'call' && q.strike === 103)!;
      return { ...s, quotes: s.quotes.map((q) => (q.type === 'call' && q.strike === 100 ? { ...q, bid: c103.ask + 3.5, ask: c103.ask + 3.6, mid: c103.ask + 3.55 } : q)) };
    });
    const v = detectStaticArbitrage(slices, { prices: 'bid-ask' }).filter((x) => x.kind === 'spread-bound');
    expect(v.length).toBe(1);
    expect(v[0]!.quotes.map((q) => q.strike)).toEqual([100, 103]);
  });

  it('calendar violation in total variance', () => {
    const s1 = chain.slices[1]!;
    const s2 = chain.slices[2]!;
    // scale the later expiry's vols below the earlier's total variance
    const f = Math.sqrt(s1.timeToExpiry / s2.timeToExpiry) * 0.9;
    const low = { ...s2, quotes: s2.quotes.map((q) => ({ ...q, iv: q.iv * f, ivAsk: q.iv * f, ivBid: q.iv * f })) };
    const v = detectStaticArbitrage([s1, low]).filter((x) => x.kind === 'calendar');
    expect(v.length).toBeGreaterThan(0);
    expect(v[0]!.quotes[0]!.expiry).toBe(s1.expiry);
    expect(v[0]!.quotes[1]!.expiry).toBe(s2.expiry);
  });

  it('bad input', () => {
    expect(detectStaticArbitrage([])).toEqual([]);
    expect(() => detectStaticArbitrage('x' as never)).toThrow(InvalidInputError);
    expect(() => detectStaticArbitrage([{ ...chain.slices[0]!, forward: NaN }])).toThrow(InvalidInputError);
    expect(() => detectStaticArbitrage(chain.slices, { tolerance: -1 })).toThrow(InvalidInputError);
  });
});

describe('metrics on a processed synthetic chain', () => {
  const { rows, spec } = syntheticChain();
  const chain = processOptionChain(rows, { asOf: spec.asOf });
  it('ATM vol close to the model ATM vol (interpolation error O(Δk²)) and negative RR for a put skew', () => {
    for (const s of chain.slices) {
      const model = spec.atm(s.timeToExpiry);
      expect(Math.abs(atmVol(s) - model)).toBeLessThan(2e-3);
      try {
        expect(riskReversal25(s)).toBeLessThan(0);
      } catch (e) {
        expect(e).toBeInstanceOf(NoSolutionError); // short expiries: 25Δ may fall outside the strikes
      }
    }
  });
});
