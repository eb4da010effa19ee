/** Batch forms agree with the scalar forms bit for bit and flag bad rows instead of throwing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchStatus, InvalidInputError } from '@quantforge/core';
import { bachelierPrice, bachelierPriceBatch, black76Price, black76PriceBatch, bsPrice, bsPriceBatch } from '@quantforge/pricing';

const row = fc.record({
  type: fc.constantFrom('call' as const, 'put' as const),
  spot: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
  strike: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
  expiry: fc.double({ min: 0, max: 30, noNaN: true }),
  rate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
  dividendYield: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
  vol: fc.double({ min: 1e-3, max: 4, noNaN: true }),
});

const column = <K extends string>(rows: Record<K, number>[], key: K) => Float64Array.from(rows.map((r) => r[key]));

describe('bsPriceBatch', () => {
  it('equals bsPrice bit for bit', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), (rows) => {
        const out = bsPriceBatch({
          type: rows.map((r) => r.type),
          spot: column(rows, 'spot'),
          strike: column(rows, 'strike'),
          expiry: column(rows, 'expiry'),
          rate: column(rows, 'rate'),
          dividendYield: column(rows, 'dividendYield'),
          vol: column(rows, 'vol'),
        });
        rows.forEach((r, i) => expect(Object.is(out[i], bsPrice(r))).toBe(true));
      }),
    );
  });

  it('Black-76 and Bachelier batches equal their scalar forms bit for bit', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const input = {
          type: Int8Array.from(rows.map((r) => (r.type === 'call' ? 1 : -1))),
          forward: column(rows, 'spot'),
          strike: column(rows, 'strike'),
          expiry: column(rows, 'expiry'),
          rate: column(rows, 'rate'),
          vol: column(rows, 'vol'),
        };
        const b76 = black76PriceBatch(input);
        const bach = bachelierPriceBatch(input);
        rows.forEach((r, i) => {
          const scalar = { type: r.type, forward: r.spot, strike: r.strike, expiry: r.expiry, rate: r.rate, vol: r.vol };
          expect(Object.is(b76[i], black76Price(scalar))).toBe(true);
          expect(Object.is(bach[i], bachelierPrice(scalar))).toBe(true);
        });
      }),
    );
  });

  it('broadcasts scalars, writes into a caller buffer and flags bad rows without throwing', () => {
    const strike = Float64Array.from([90, Number.NaN, 100, -5, 110]);
    const out = new Float64Array(5);
    const status = new Uint8Array(5);
    const result = bsPriceBatch({ type: 'put', spot: 100, strike, expiry: 0.5, rate: 0.03, vol: 0.2 }, { out, status });
    expect(result).toBe(out);
    expect(Array.from(status)).toEqual([BatchStatus.Ok, BatchStatus.InvalidInput, BatchStatus.Ok, BatchStatus.InvalidInput, BatchStatus.Ok]);
    expect(Number.isNaN(out[1]) && Number.isNaN(out[3])).toBe(true);
    expect(out[2]).toBe(bsPrice({ type: 'put', spot: 100, strike: 100, expiry: 0.5, rate: 0.03, vol: 0.2 }));
  });

  it('flags an unknown type per row', () => {
    const status = new Uint8Array(2);
    const out = bsPriceBatch({ type: ['call', 'straddle' as 'call'], spot: 100, strike: 100, expiry: 1, rate: 0, vol: 0.2 }, { status });
    expect(status[1]).toBe(BatchStatus.InvalidInput);
    expect(Number.isNaN(out[1])).toBe(true);
  });

  it('throws up front on mismatched column lengths or a short out buffer', () => {
    expect(() => bsPriceBatch({ type: 'call', spot: new Float64Array(3), strike: new Float64Array(2), expiry: 1, rate: 0, vol: 0.2 })).toThrow(InvalidInputError);
    expect(() => bsPriceBatch({ type: 'call', spot: new Float64Array(3), strike: 1, expiry: 1, rate: 0, vol: 0.2 }, { out: new Float64Array(2) })).toThrow(/'out'/);
  });
});
