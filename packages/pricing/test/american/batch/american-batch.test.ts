/** americanPriceBatch: the fixed-point engine over struct-of-arrays rows, warm-started per (type, T, r, q). */
import { describe, expect, it } from 'vitest';
import { BatchStatus } from '@quantforge/core';
import { americanPrice, americanPriceBatch } from '@quantforge/pricing';

type Row = { type: 'call' | 'put'; spot: number; strike: number; expiry: number; rate: number; dividendYield: number; vol: number };

/** A chain as benchmarks/lib/american-inputs.mjs builds it (smile σ = 0.22 + 0.3 ln(K/S)² - 0.05 ln(K/S)). */
function chain(expiries: number[], strikes: number[]): Row[] {
  const rows: Row[] = [];
  for (const expiry of expiries) {
    for (const strike of strikes) {
      const m = Math.log(strike / 100);
      const vol = 0.22 + 0.3 * m * m - 0.05 * m;
      for (const type of ['call', 'put'] as const) rows.push({ type, spot: 100, strike, expiry, rate: 0.04, dividendYield: 0.02, vol });
    }
  }
  return rows;
}

function columns(rows: Row[]) {
  return {
    type: rows.map((r) => r.type),
    spot: Float64Array.from(rows, (r) => r.spot),
    strike: Float64Array.from(rows, (r) => r.strike),
    expiry: Float64Array.from(rows, (r) => r.expiry),
    rate: Float64Array.from(rows, (r) => r.rate),
    dividendYield: Float64Array.from(rows, (r) => r.dividendYield),
    vol: Float64Array.from(rows, (r) => r.vol),
  };
}

const KEYS = ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const;

describe('americanPriceBatch', () => {
  const rows = chain([30 / 365, 0.5, 2], [70, 82, 94, 100, 106, 118, 130, 146]);
  const batch = americanPriceBatch(columns(rows));

  it('agrees with americanPrice row by row (price 5e-6, delta/gamma 1e-6, theta 1e-4, vega/rho 5e-4) and with the high-precision price', () => {
    const tol = { price: 5e-6, delta: 1e-6, gamma: 1e-6, theta: 1e-4, vega: 5e-4, rho: 5e-4 };
    rows.forEach((row, i) => {
      const s = americanPrice(row);
      for (const k of KEYS) expect(Math.abs(batch[k][i]! - s[k]), `${k} ${JSON.stringify(row)}`).toBeLessThan(tol[k]);
      // The batch sits at the converged fixed point: as near the reference as the cold engine.
      const hp = americanPrice(row, { scheme: 'high-precision' }).price;
      expect(Math.abs(batch.price[i]! - hp)).toBeLessThan(2e-6 + Math.abs(s.price - hp));
    });
  });

  it('the first (lowest-vol) row of each group is a cold start: americanPrice to rounding', () => {
    const i = rows.findIndex((r) => r.type === 'put' && r.expiry === 0.5 && r.strike === 106); // the smile minimum near the money
    const j = rows.findIndex((r) => r.type === 'put' && r.expiry === 0.5 && r.strike === 100);
    const lowest = rows[i]!.vol < rows[j]!.vol ? i : j;
    const s = americanPrice(rows[lowest]!);
    for (const k of KEYS) expect(batch[k][lowest]).toBeCloseTo(s[k], 10);
  });

  it('bad rows give NaN and BatchStatus.InvalidInput without throwing; special rows go through americanPrice', () => {
    const bad: Row[] = [
      { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0, vol: 0.2 },
      { type: 'put', spot: -1, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0, vol: 0.2 },
      { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0, vol: Number.NaN },
      { type: 'put', spot: 100, strike: 100, expiry: 0, rate: 0.05, dividendYield: 0, vol: 0.2 }, // expiry 0
      { type: 'put', spot: 100, strike: 110, expiry: 1, rate: -0.01, dividendYield: 0, vol: 0.2 }, // European put
      { type: 'call', spot: 100, strike: 90, expiry: 1, rate: 0.03, dividendYield: 0, vol: 0.3 }, // no early exercise
      { type: 'put', spot: 100, strike: 100, expiry: 1, rate: -0.01, dividendYield: -0.02, vol: 0.2 }, // double boundary
      { type: 'put', spot: 60, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0, vol: 0.2 }, // exercised at once
    ];
    const status = new Uint8Array(bad.length);
    const out = americanPriceBatch(columns(bad), { status });
    expect(Array.from(status)).toEqual([0, 1, 1, 0, 0, 0, 1, 0].map((c) => (c === 0 ? BatchStatus.Ok : BatchStatus.InvalidInput)));
    for (const i of [1, 2, 6]) for (const k of KEYS) expect(out[k][i]).toBeNaN();
    for (const i of [0, 3, 4, 5, 7]) {
      const s = americanPrice(bad[i]!);
      for (const k of KEYS) expect(out[k][i]).toBeCloseTo(s[k], 9);
    }
    expect(out.price[7]).toBe(40);
    expect(out.delta[7]).toBe(-1);
  });

  it('broadcasts scalar columns and writes into the caller buffers', () => {
    const strikes = Float64Array.from([90, 95, 100, 105, 110]);
    const vols = Float64Array.from([0.24, 0.22, 0.2, 0.21, 0.23]);
    const price = new Float64Array(5);
    const res = americanPriceBatch({ type: 'put', spot: 100, strike: strikes, expiry: 0.5, rate: 0.04, dividendYield: 0.02, vol: vols }, { out: { price } });
    expect(res.price).toBe(price);
    strikes.forEach((K, i) => expect(Math.abs(price[i]! - americanPrice({ type: 'put', spot: 100, strike: K, expiry: 0.5, rate: 0.04, dividendYield: 0.02, vol: vols[i]! }).price)).toBeLessThan(5e-6));
    expect(americanPriceBatch({ type: 'put', spot: new Float64Array(0), strike: 100, expiry: 1, rate: 0, vol: 0.2 }).price.length).toBe(0);
    expect(() => americanPriceBatch({ type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0, vol: 0.2 }, { scheme: 'fast' as never })).toThrow(/options\.scheme/);
  });
});
