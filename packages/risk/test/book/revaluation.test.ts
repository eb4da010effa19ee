/** Book valuation and full revaluation against scipy (fixtures/book-revaluation.json). */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { bsGreeks } from '@quantforge/greeks';
import { americanPrice } from '@quantforge/pricing';
import { applyShock, bookGreeks, bookValue, positionGreeks, positionValue, stressTest } from '@quantforge/risk';
import type { Book, MarketShock, Position } from '@quantforge/risk';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';

interface RevalFixture {
  book: Book;
}
const fixture = loadFixture<{ shock: MarketShock }, { baseValue: number; pnl: number }>(new URL('../fixtures/book-revaluation.json', import.meta.url));
const book = (fixture as unknown as RevalFixture).book;

describe('book revaluation: scipy reference', () => {
  let worst = 0;
  for (const c of fixture.cases) {
    it(c.id, () => {
      const [r] = stressTest(book, c.input.shock);
      const tol = toleranceFor(fixture, 'pnl');
      for (const [got, exp] of [
        [r.baseValue, c.expected.baseValue],
        [r.pnl, c.expected.pnl],
      ]) {
        const ratio = toleranceRatio(got, exp, tol);
        worst = Math.max(worst, ratio);
        expect(ratio, `got ${got}, expected ${exp}`).toBeLessThanOrEqual(1);
      }
    });
  }
  it('worst error within tolerance', () => {
    console.log(`book-revaluation worst error / tolerance: ${worst.toExponential(3)}`);
    expect(worst).toBeLessThanOrEqual(1);
  });
});

describe('positions and greeks', () => {
  const market = { X: { spot: 100, vol: 0.25, rate: 0.02, dividendYield: 0.01 } };
  const call: Position = { id: 'c', kind: 'option', underlying: 'X', type: 'call', strike: 110, expiry: 0.5, quantity: -3, multiplier: 100, book: 'desk' };
  const stock: Position = { id: 's', kind: 'linear', underlying: 'X', quantity: 50 };
  const amer: Position = { id: 'a', kind: 'option', underlying: 'X', type: 'put', strike: 100, expiry: 1, quantity: 2, exercise: 'american' };

  it('position greeks are the BSM greeks × quantity × multiplier', () => {
    const g = bsGreeks({ type: 'call', spot: 100, strike: 110, expiry: 0.5, rate: 0.02, dividendYield: 0.01, vol: 0.25 });
    const r = positionGreeks(call, market);
    expect(r.value).toBeCloseTo(-300 * g.price, 10);
    expect(r.delta).toBeCloseTo(-300 * g.delta, 10);
    expect(r.gamma).toBeCloseTo(-300 * g.gamma, 12);
    expect(r.vega).toBeCloseTo(-300 * g.vega, 10);
    expect(r.dollarDelta).toBeCloseTo(-300 * g.delta * 100, 8);
    expect(r.notional).toBe(30000);
    expect(r.book).toBe('desk');
  });

  it('American positions use americanPrice (default Bjerksund-Stensland)', () => {
    const a = americanPrice({ type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.02, dividendYield: 0.01, vol: 0.25 }, { method: 'bjerksund-stensland' });
    expect(positionValue(amer, market)).toBeCloseTo(2 * a.price, 12);
    expect(positionGreeks(amer, market).delta).toBeCloseTo(2 * a.delta, 12);
  });

  it('book aggregates sum the positions per underlying, per book and in total', () => {
    const b = bookGreeks([call, stock, amer], market);
    expect(b.total.value).toBeCloseTo(b.positions.reduce((a, r) => a + r.value, 0), 10);
    expect(b.byUnderlying.X.delta).toBeCloseTo(b.total.delta, 12);
    expect(b.byBook.desk.delta).toBeCloseTo(b.positions[0].delta, 12);
    expect(b.byBook.default.delta).toBeCloseTo(b.positions[1].delta + b.positions[2].delta, 12);
    expect(bookValue([call, stock, amer], market)).toBeCloseTo(b.total.value, 10);
  });

  it('applyShock moves spot relatively, vol and rate additively, floors vol', () => {
    const m = applyShock(market, { spot: -0.1, vol: { X: -1 }, rate: 0.01 });
    expect(m.X.spot).toBeCloseTo(90, 12);
    expect(m.X.vol).toBe(1e-4);
    expect(m.X.rate).toBeCloseTo(0.03, 15);
  });

  it('bad input names the field', () => {
    expect(() => positionValue({ ...call, strike: -1 }, market)).toThrow(/strike/);
    expect(() => positionValue({ ...call, quantity: Infinity }, market)).toThrow(/quantity/);
    expect(() => positionValue({ ...call, underlying: 'Y' }, market)).toThrow(/market data/);
    expect(() => bookGreeks([call, call], market)).toThrow(/duplicates/);
    expect(() => bookGreeks([call], { X: { spot: 100, vol: NaN, rate: 0 } })).toThrow(/vol/);
    expect(() => positionValue({ ...call, kind: 'swap' } as unknown as Position, market)).toThrow(InvalidInputError);
    expect(() => applyShock(market, { spot: -1 })).toThrow(/spot/);
    expect(() => applyShock(market, { vol: NaN })).toThrow(/vol/);
  });

  it('expired options are worth their intrinsic value', () => {
    const expired: Position = { ...call, expiry: 0, strike: 90 };
    expect(positionValue(expired, market)).toBeCloseTo(-300 * 10, 10);
  });
});
