/** Greeks P&L explain converges to the full Black-Scholes revaluation as the moves shrink. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { bsGreeks } from '@quantforge/greeks';
import { bsPrice } from '@quantforge/pricing';
import { greeksPnlExplain, type ExplainPosition } from '@quantforge/portfolio';

const book = [
  { type: 'call' as const, strike: 100, expiry: 0.5, quantity: 10 },
  { type: 'put' as const, strike: 95, expiry: 0.25, quantity: -7 },
  { type: 'call' as const, strike: 110, expiry: 1.0, quantity: 4 },
];
const base = { spot: 100, vol: 0.22, rate: 0.03, dividendYield: 0.01 };
const move = { spot: 3, vol: 0.02, time: 5 / 365, rate: 0.002 };

function revalue(h: number, secondOrder: boolean) {
  const m = { spot: move.spot * h, vol: move.vol * h, time: move.time * h, rate: move.rate * h };
  let actual = 0;
  const positions: ExplainPosition[] = book.map((o) => {
    const start = { ...base, type: o.type, strike: o.strike, expiry: o.expiry };
    const g = bsGreeks(start);
    const end = { ...start, spot: base.spot + m.spot, vol: base.vol + m.vol, rate: base.rate + m.rate, expiry: o.expiry - m.time };
    const pnl = o.quantity * (bsPrice(end) - bsPrice(start));
    actual += pnl;
    const greeks = secondOrder ? g : { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho };
    return { quantity: o.quantity, greeks, actualPnl: pnl };
  });
  return { actual, explain: greeksPnlExplain({ positions, moves: m, actualPnl: actual }) };
}

describe('greeksPnlExplain', () => {
  it('unexplained / actual → 0 at first order (delta, gamma, vega, theta, rho) and faster with vanna/volga', () => {
    const rel = (h: number, so: boolean) => {
      const { actual, explain } = revalue(h, so);
      return Math.abs(explain.unexplained ?? Number.NaN) / Math.abs(actual);
    };
    const hs = [1, 0.5, 0.25, 0.125, 0.0625];
    const first = hs.map((h) => rel(h, false));
    const second = hs.map((h) => rel(h, true));
    for (let i = 1; i < hs.length; i++) {
      // unexplained is O(h²) while the P&L is O(h): the ratio halves (about) with h
      expect(first[i]).toBeLessThan(first[i - 1] * 0.6);
      expect(second[i]).toBeLessThan(first[i]);
    }
    expect(first[hs.length - 1]).toBeLessThan(0.01);
    expect(second[hs.length - 1]).toBeLessThan(0.002);
  });

  it('terms add up to explained, positions add up to the book, per-position unexplained', () => {
    const { explain, actual } = revalue(1, true);
    const sum = explain.delta + explain.gamma + explain.vega + explain.theta + explain.rho + explain.vanna + explain.volga;
    expect(explain.explained).toBeCloseTo(sum, 12);
    expect(explain.positions.reduce((a, p) => a + p.explained, 0)).toBeCloseTo(explain.explained, 12);
    expect(explain.positions.reduce((a, p) => a + (p.unexplained ?? 0), 0)).toBeCloseTo(actual - explain.explained, 12);
  });

  it('delta-only book is exactly linear; per-position moves override the book moves', () => {
    const r = greeksPnlExplain({
      positions: [
        { quantity: 2, greeks: { delta: 0.5 } },
        { quantity: 1, greeks: { delta: 1 }, moves: { spot: 10 } },
      ],
      moves: { spot: 1 },
    });
    expect(r.delta).toBe(11);
    expect(r.unexplained).toBeNull();
  });

  it('bad input names the field', () => {
    expect(() => greeksPnlExplain({ positions: [{ quantity: Number.NaN, greeks: { delta: 1 } }] })).toThrow(/positions\[0\]\.quantity/);
    expect(() => greeksPnlExplain({ positions: [{ quantity: 1, greeks: { delta: 1, gamma: Number.POSITIVE_INFINITY } }] })).toThrow(/greeks\.gamma/);
    expect(() => greeksPnlExplain({ positions: [{ quantity: 1, greeks: { delta: 1 } }], moves: { vol: Number.NaN } })).toThrow(/moves\.vol/);
    expect(() => greeksPnlExplain({ positions: 'x' as unknown as ExplainPosition[] })).toThrow(InvalidInputError);
  });
});
