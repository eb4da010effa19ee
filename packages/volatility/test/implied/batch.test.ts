import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchStatus, InvalidInputError } from '@quantforge/core';
import {
  black76ImpliedVol,
  black76ImpliedVolBatch,
  impliedNormalVol,
  impliedNormalVolBatch,
  impliedVol,
  impliedVolBatch,
} from '../../src/index';
import fixture from '../fixtures/iv.json';

type Row = { type: 'call' | 'put'; price: number; spot: number; strike: number; expiry: number; rate: number; dividendYield: number };

function scalarOrNaN(f: () => number): number {
  try {
    return f();
  } catch {
    return Number.NaN;
  }
}

const rows: Row[] = fixture.cases.map((c) => c.input as Row);

describe('impliedVolBatch', () => {
  it('equals the scalar impliedVol bit for bit on every fixture row, with statuses', () => {
    const status = new Uint8Array(rows.length);
    const out = impliedVolBatch(
      {
        type: rows.map((r) => r.type),
        price: Float64Array.from(rows, (r) => r.price),
        spot: Float64Array.from(rows, (r) => r.spot),
        strike: rows.map((r) => r.strike),
        expiry: Float64Array.from(rows, (r) => r.expiry),
        rate: Float64Array.from(rows, (r) => r.rate),
        dividendYield: Float64Array.from(rows, (r) => r.dividendYield),
      },
      { status },
    );
    fixture.cases.forEach((c, i) => {
      expect(Object.is(out[i], scalarOrNaN(() => impliedVol(rows[i])))).toBe(true);
      if ('error' in c.expected) {
        expect(out[i]).toBeNaN();
        const reason = (c.info as { reason: string }).reason;
        expect(status[i]).toBe(reason.startsWith('above') ? BatchStatus.AboveUpperBound : BatchStatus.BelowLowerBound);
      } else {
        expect(status[i]).toBe(BatchStatus.Ok);
      }
    });
  });

  it('equals the scalar function bit for bit on random rows (fast-check)', () => {
    const row = fc.record({
      type: fc.constantFrom<'call' | 'put'>('call', 'put'),
      spot: fc.double({ min: 1, max: 1000, noNaN: true }),
      strike: fc.double({ min: 1, max: 1000, noNaN: true }),
      expiry: fc.double({ min: 1 / 365, max: 5, noNaN: true }),
      rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
      dividendYield: fc.double({ min: 0, max: 0.05, noNaN: true }),
      frac: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rs) => {
        // Prices spread across [intrinsic, upper bound].
        const inputs = rs.map(({ frac, ...r }) => {
          const ds = r.spot * Math.exp(-r.dividendYield * r.expiry);
          const dk = r.strike * Math.exp(-r.rate * r.expiry);
          const lower = Math.max((r.type === 'call' ? 1 : -1) * (ds - dk), 0);
          const upper = r.type === 'call' ? ds : dk;
          return { ...r, price: lower + frac * (upper - lower) };
        });
        const out = impliedVolBatch({
          type: inputs.map((r) => r.type),
          price: inputs.map((r) => r.price),
          spot: inputs.map((r) => r.spot),
          strike: inputs.map((r) => r.strike),
          expiry: inputs.map((r) => r.expiry),
          rate: inputs.map((r) => r.rate),
          dividendYield: inputs.map((r) => r.dividendYield),
        });
        inputs.forEach((r, i) => expect(Object.is(out[i], scalarOrNaN(() => impliedVol(r)))).toBe(true));
      }),
      { numRuns: 200, seed: 99 },
    );
  });

  it('bad rows give NaN and a status; the rest of the batch is computed', () => {
    const price = [10.45, Number.NaN, 10.45, 10.45, 10.45, 10.45, -1, 0.5, 200, 20];
    const spot = [100, 100, -100, 100, 100, 100, 100, 100, 100, 100];
    const strike = [100, 100, 100, 0, 100, 100, 100, 80, 100, 80];
    const expiry = [1, 1, 1, 1, -1, 0, 1, 1, 1, 1];
    const type = new Int8Array([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]); // 0 = unknown type
    const status = new Uint8Array(price.length);
    const out = impliedVolBatch({ type, price, spot, strike, expiry, rate: 0.05 }, { status });
    expect(Array.from(status)).toEqual([
      BatchStatus.Ok,
      BatchStatus.InvalidInput, // NaN price
      BatchStatus.InvalidInput, // spot < 0
      BatchStatus.InvalidInput, // strike 0
      BatchStatus.InvalidInput, // expiry < 0
      BatchStatus.InvalidInput, // expiry 0: vol undetermined
      BatchStatus.BelowLowerBound, // negative price
      BatchStatus.BelowLowerBound, // below intrinsic
      BatchStatus.AboveUpperBound, // above spot
      BatchStatus.InvalidInput, // unknown type
    ]);
    expect(Number.isFinite(out[0])).toBe(true);
    expect(Object.is(out[0], impliedVol({ type: 'call', price: 10.45, spot: 100, strike: 100, expiry: 1, rate: 0.05 }))).toBe(true);
    for (let i = 1; i < price.length; i++) expect(out[i]).toBeNaN();
  });

  it('broadcasts scalars, writes into `out`, and rejects shape mismatches up front', () => {
    const out = new Float64Array(3);
    const res = impliedVolBatch({ type: 'put', price: [5, 6, 7], spot: 100, strike: 100, expiry: 1, rate: 0.01 }, { out });
    expect(res).toBe(out);
    expect(Object.is(out[1], impliedVol({ type: 'put', price: 6, spot: 100, strike: 100, expiry: 1, rate: 0.01 }))).toBe(true);
    expect(() => impliedVolBatch({ type: 'put', price: [5, 6], spot: [100, 100, 100], strike: 100, expiry: 1, rate: 0 })).toThrow(InvalidInputError);
    expect(() => impliedVolBatch({ type: 'put', price: [5, 6], spot: 100, strike: 100, expiry: 1, rate: 0 }, { out: new Float64Array(1) })).toThrow(
      InvalidInputError,
    );
  });
});

describe('black76ImpliedVolBatch and impliedNormalVolBatch', () => {
  it('equal their scalar functions bit for bit', () => {
    const type: ('call' | 'put')[] = ['call', 'put', 'call', 'put', 'call'];
    const price = [4, 3, 0.01, 50, -1];
    const forward = [100, 100, 100, 100, 100];
    const strike = [100, 98, 150, 140, 90];
    const expiry = [1, 0.5, 0.25, 2, 1];
    const status = new Uint8Array(5);
    const out = black76ImpliedVolBatch({ type, price, forward, strike, expiry, rate: 0.02 }, { status });
    for (let i = 0; i < 5; i++) {
      const s = scalarOrNaN(() => black76ImpliedVol({ type: type[i], price: price[i], forward: forward[i], strike: strike[i], expiry: expiry[i], rate: 0.02 }));
      expect(Object.is(out[i], s)).toBe(true);
    }
    expect(status[4]).toBe(BatchStatus.BelowLowerBound);

    const nf = [0.01, -0.005, 0.02, 0.0, 0.03];
    const nk = [0.012, -0.004, 0.0, 0.0, 0.01];
    const np = [0.002, 0.003, 0.021, 0.004, 0.001];
    const nout = impliedNormalVolBatch({ type, price: np, forward: nf, strike: nk, expiry, rate: 0.02 }, { status });
    for (let i = 0; i < 5; i++) {
      const s = scalarOrNaN(() => impliedNormalVol({ type: type[i], price: np[i], forward: nf[i], strike: nk[i], expiry: expiry[i], rate: 0.02 }));
      expect(Object.is(nout[i], s)).toBe(true);
    }
    expect(status[4]).toBe(BatchStatus.BelowLowerBound); // call with F - K = 0.02 priced at 0.001
  });
});
