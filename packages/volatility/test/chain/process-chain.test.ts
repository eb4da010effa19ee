import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError, normCdf } from '@quantforge/core';
import { impliedForward, processOptionChain, selectStrikeByDelta } from '@quantforge/volatility';
import type { OptionChainRow } from '@quantforge/volatility';
import { smileVol, syntheticChain, yearsBetween } from './synthetic';

describe('processOptionChain on a synthetic Black-76 skew chain', () => {
  const { rows, spec } = syntheticChain();
  const out = processOptionChain(rows, { valuationDate: spec.asOf });

  it('recovers forward and discount per expiry from put-call parity (derivation: F = S e^{(r-q)T}, D = e^{-rT})', () => {
    expect(out.slices.map((s) => s.expiry)).toEqual(spec.expiries);
    for (const s of out.slices) {
      const T = yearsBetween(spec.asOf, s.expiry);
      expect(s.timeToExpiry).toBe(T);
      expect(Math.abs(s.forward / (spec.spot * Math.exp((spec.rate - spec.dividendYield) * T)) - 1)).toBeLessThan(1e-10);
      expect(Math.abs(s.discount / Math.exp(-spec.rate * T) - 1)).toBeLessThan(1e-10);
      expect(Math.abs(s.impliedRate - spec.rate)).toBeLessThan(1e-7);
      expect(s.forwardSource).toBe('parity-regression');
      expect(s.parityPairs).toBe(spec.strikes.length);
      expect(s.parityOutliers).toEqual([]);
    }
  });

  it('mid IVs reproduce the model smile and deltas are forward N(d1)', () => {
    for (const s of out.slices) {
      expect(s.quotes.length + s.dropped.length).toBe(2 * spec.strikes.length);
      for (const q of s.quotes) {
        const T = s.timeToExpiry;
        const F = spec.spot * Math.exp((spec.rate - spec.dividendYield) * T);
        const vol = smileVol(spec, Math.log(q.strike / F), T);
        expect(Math.abs(q.iv - vol)).toBeLessThan(1e-7);
        const sd = q.iv * Math.sqrt(T);
        const d1 = -q.logMoneyness / sd + sd / 2;
        expect(Math.abs(q.delta - (q.type === 'call' ? normCdf(d1) : normCdf(d1) - 1))).toBeLessThan(1e-14);
        expect(q.ivBid === undefined || q.ivBid <= q.iv).toBe(true);
        expect(q.ivAsk === undefined || q.ivAsk >= q.iv).toBe(true);
      }
    }
  });

  it('given a rate, D = e^{-rT} exactly and F is fitted', () => {
    const r = processOptionChain(rows, { asOf: spec.asOf, rate: spec.rate });
    for (const s of r.slices) {
      expect(s.discount).toBe(Math.exp(-spec.rate * s.timeToExpiry));
      expect(s.forwardSource).toBe('parity-given-rate');
      expect(Math.abs(s.forward / (spec.spot * Math.exp((spec.rate - spec.dividendYield) * s.timeToExpiry)) - 1)).toBeLessThan(1e-10);
    }
  });

  it('is robust to a bad parity pair (outlier rejected, forward unchanged)', () => {
    const bad = rows.map((r) => (r.expiry === '2024-03-15' && r.strike === 100 && r.type === 'call' ? { ...r, bid: r.bid! + 3, ask: r.ask! + 3 } : r));
    const s = processOptionChain(bad, { asOf: spec.asOf }).slices.find((x) => x.expiry === '2024-03-15')!;
    expect(s.parityOutliers).toEqual([100]);
    const T = s.timeToExpiry;
    expect(Math.abs(s.forward / (spec.spot * Math.exp((spec.rate - spec.dividendYield) * T)) - 1)).toBeLessThan(1e-9);
  });

  it('selects strikes by delta', () => {
    const s = out.slices[2]!;
    const q = selectStrikeByDelta(s, 0.25);
    expect(q.type).toBe('call');
    for (const o of s.quotes) if (o.type === 'call') expect(Math.abs(q.delta - 0.25)).toBeLessThanOrEqual(Math.abs(o.delta - 0.25));
    expect(selectStrikeByDelta(s, -0.25).type).toBe('put');
    expect(() => selectStrikeByDelta(s, 0)).toThrow(InvalidInputError);
    expect(() => selectStrikeByDelta({ quotes: [] }, 0.5)).toThrow(NoSolutionError);
  });
});

describe('processOptionChain laws', () => {
  it('recovers F = S e^{(r-q)T} and D = e^{-rT} for random markets and smiles', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 20, max: 5000, noNaN: true }),
        fc.double({ min: -0.01, max: 0.08, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0.1, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (spot, rate, dividendYield, atm, skew) => {
          const strikes = Array.from({ length: 15 }, (_, i) => spot * (0.7 + 0.04 * i));
          const { rows } = syntheticChain({ spot, rate, dividendYield, strikes, atm: () => atm, skew, curvature: 0.2, expiries: ['2024-02-16', '2024-09-20'] });
          const out = processOptionChain(rows, { asOf: '2024-01-02' });
          expect(out.slices.length).toBe(2);
          for (const s of out.slices) {
            const T = s.timeToExpiry;
            expect(Math.abs(s.forward / (spot * Math.exp((rate - dividendYield) * T)) - 1)).toBeLessThan(1e-9);
            expect(Math.abs(s.discount / Math.exp(-rate * T) - 1)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('processOptionChain bad input', () => {
  const { rows, spec } = syntheticChain({ expiries: ['2024-02-16'] });
  const base = rows.filter((r) => r.strike >= 85 && r.strike <= 115);
  const asOf = spec.asOf;

  it('drops every bad quote with its reason', () => {
    const call = base.find((r) => r.strike === 100 && r.type === 'call')!;
    const put = base.find((r) => r.strike === 100 && r.type === 'put')!;
    const extra: OptionChainRow[] = [
      { ...call, strike: 101, bid: 5, ask: 4 }, // crossed
      { ...call, strike: 102, bid: -1, ask: 1 }, // negative
      { ...call, strike: 103, bid: 0, ask: 0.5 }, // zero bid
      { ...call, strike: 104, bid: 1, ask: 4 }, // wide
      { ...call, strike: 105, bid: undefined, ask: 1 }, // missing
      { ...call, strike: 106, quoteTime: '2023-12-01T00:00:00Z' }, // stale
      { ...call }, // duplicate of the K = 100 call
      { ...call, strike: -5 }, // invalid
      { ...call, expiry: '2024-13-45' }, // invalid date
      { ...call, expiry: '2023-12-15' }, // expired
      { ...put, strike: 250, bid: 10, ask: 10.2 }, // put far below intrinsic (K e^{-rT} - F ≈ 150)
      { ...call, type: 'straddle' as never }, // invalid type
    ];
    const reasons = ['crossed', 'negative-price', 'zero-bid', 'wide-spread', 'missing-quote', 'stale', 'duplicate', 'invalid-row', 'invalid-row', 'expired', 'no-implied-vol', 'invalid-row'];
    const all = [...base, ...extra];
    const out = processOptionChain(all, { asOf, filters: { staleAfterSeconds: 86_400 } });
    const dropped = [...out.dropped, ...out.slices.flatMap((s) => s.dropped)];
    extra.forEach((_, j) => {
      const d = dropped.find((x) => x.index === base.length + j);
      expect(d?.reason, `extra row ${j}`).toBe(reasons[j]);
      expect(d!.detail.length).toBeGreaterThan(0);
    });
    expect(dropped.length).toBe(extra.length);
    expect(out.slices[0]!.quotes.length).toBe(base.length);
  });

  it('every row is either a quote or dropped, whatever the corruption (law)', () => {
    const corrupt = fc.record({
      i: fc.nat(base.length - 1),
      kind: fc.constantFrom('swap', 'neg', 'nan', 'zero', 'huge', 'strike0', 'none'),
    });
    fc.assert(
      fc.property(fc.array(corrupt, { maxLength: 10 }), (cs) => {
        const rs = base.map((r) => ({ ...r }));
        for (const { i, kind } of cs) {
          const r = rs[i]!;
          if (kind === 'swap') [r.bid, r.ask] = [r.ask, r.bid];
          else if (kind === 'neg') r.bid = -r.bid!;
          else if (kind === 'nan') r.ask = NaN;
          else if (kind === 'zero') r.bid = 0;
          else if (kind === 'huge') r.ask = r.ask! * 1000;
          else if (kind === 'strike0') r.strike = 0;
        }
        const out = processOptionChain(rs, { asOf, rate: spec.rate });
        const seen = [...out.dropped, ...out.slices.flatMap((s) => [...s.quotes, ...s.dropped])].map((x) => x.index).sort((a, b) => a - b);
        expect(seen).toEqual(rs.map((_, i) => i));
        for (const s of out.slices) {
          expect(Number.isFinite(s.forward) && Number.isFinite(s.discount)).toBe(true);
          for (const q of s.quotes) expect(q.iv > 0 && Number.isFinite(q.iv)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('unsorted input gives the same slices as sorted input (law)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }), (shuffled) => {
        const a = processOptionChain(base, { asOf }).slices[0]!;
        const b = processOptionChain(shuffled, { asOf }).slices[0]!;
        expect(Math.abs(a.forward - b.forward)).toBeLessThan(1e-9);
        expect(Math.abs(a.discount - b.discount)).toBeLessThan(1e-12);
        expect(b.quotes.map((q) => [q.type, q.strike])).toEqual(a.quotes.map((q) => [q.type, q.strike]));
      }),
      { numRuns: 20 },
    );
  });

  it('empty chain, missing valuation date, bad options', () => {
    expect(processOptionChain([], { asOf })).toEqual({ asOf, slices: [], dropped: [] });
    expect(() => processOptionChain(base, {})).toThrow(InvalidInputError);
    expect(() => processOptionChain('x' as never, { asOf })).toThrow(InvalidInputError);
    expect(() => processOptionChain(base, { asOf, rate: NaN })).toThrow(InvalidInputError);
    expect(() => processOptionChain(base, { asOf, filters: { maxRelativeSpread: -1 } })).toThrow(InvalidInputError);
    expect(() => processOptionChain(base, { asOf: 'yesterday' })).toThrow(InvalidInputError);
  });

  it('calls only: no forward without a rate; spot-carry with a rate', () => {
    const calls = base.filter((r) => r.type === 'call');
    const a = processOptionChain(calls, { asOf });
    expect(a.slices).toEqual([]);
    expect(a.dropped.every((d) => d.reason === 'no-forward')).toBe(true);
    expect(a.dropped.length).toBe(calls.length);
    const b = processOptionChain(calls, { asOf, rate: spec.rate, dividendYield: spec.dividendYield });
    const s = b.slices[0]!;
    expect(s.forwardSource).toBe('spot-carry');
    expect(Math.abs(s.forward - 100 * Math.exp((spec.rate - spec.dividendYield) * s.timeToExpiry))).toBeLessThan(1e-12);
  });
});

describe('impliedForward', () => {
  it('exact on exact parity, and rejects too few pairs', () => {
    const D = 0.97;
    const F = 101.5;
    const pairs = [90, 100, 110].map((k) => ({ strike: k, callMid: 5 + D * (F - k), putMid: 5 }));
    const r = impliedForward(pairs);
    expect(Math.abs(r.forward - F)).toBeLessThan(1e-12);
    expect(Math.abs(r.discount - D)).toBeLessThan(1e-14);
    expect(() => impliedForward(pairs.slice(0, 1))).toThrow(NoSolutionError);
    expect(impliedForward(pairs.slice(0, 1), { discount: D }).forward).toBeCloseTo(F, 12);
    expect(() => impliedForward([pairs[0]!, pairs[0]!])).toThrow(NoSolutionError);
    expect(() => impliedForward([{ strike: NaN, callMid: 1, putMid: 1 }, pairs[0]!])).toThrow(InvalidInputError);
  });
});
