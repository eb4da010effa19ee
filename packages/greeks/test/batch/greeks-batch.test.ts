import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchStatus, InvalidInputError } from '@quantforge/core';
import { black76Greeks, black76GreeksBatch, BLACK76_GREEK_NAMES, bsGreeks, bsGreeksBatch, BS_GREEK_NAMES } from '@quantforge/greeks';
import type { BsGreeksInput } from '@quantforge/greeks';

const logU = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);
const bad = fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0);
/** Mostly valid values over a wide domain, sometimes a bad one. */
const field = (valid: fc.Arbitrary<number>, bads: fc.Arbitrary<number> = bad) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: bads, weight: 1 });
const row = fc.record({
  w: fc.oneof({ arbitrary: fc.constantFrom(1, -1), weight: 12 }, { arbitrary: fc.constantFrom(0, 2), weight: 1 }),
  spot: field(logU(-4, 4)),
  strike: field(logU(-4, 4)),
  expiry: field(fc.oneof(fc.constant(0), logU(-6, 1.7)), fc.constantFrom(Number.NaN, Infinity, -1)),
  rate: field(fc.double({ min: -0.2, max: 0.3, noNaN: true }), fc.constantFrom(Number.NaN, Infinity, -Infinity)),
  dividendYield: field(fc.double({ min: -0.2, max: 0.3, noNaN: true }), fc.constantFrom(Number.NaN, -Infinity)),
  vol: field(logU(-3, 0.7)),
});
type Row = { w: number; spot: number; strike: number; expiry: number; rate: number; dividendYield: number; vol: number };

const col = (rows: Row[], k: keyof Row) => Float64Array.from(rows, (r) => r[k]);
const typeOf = (w: number) => (w === 1 ? 'call' : w === -1 ? 'put' : 'straddle');

describe('bsGreeksBatch', () => {
  it('equals bsGreeks bit for bit on every valid row; bad rows are NaN + InvalidInput', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const n = rows.length;
        const status = new Uint8Array(n).fill(99);
        const out = bsGreeksBatch(
          {
            type: Int8Array.from(rows, (r) => r.w),
            spot: col(rows, 'spot'),
            strike: col(rows, 'strike'),
            expiry: col(rows, 'expiry'),
            rate: col(rows, 'rate'),
            dividendYield: col(rows, 'dividendYield'),
            vol: col(rows, 'vol'),
          },
          { status },
        );
        rows.forEach((r, i) => {
          const input = { ...r, type: typeOf(r.w) } as unknown as BsGreeksInput;
          let scalar: ReturnType<typeof bsGreeks> | undefined;
          try {
            scalar = bsGreeks(input);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidInputError);
          }
          if (scalar === undefined) {
            expect(status[i]).toBe(BatchStatus.InvalidInput);
            for (const k of BS_GREEK_NAMES) expect(out[k][i], k).toBeNaN();
          } else {
            expect(status[i]).toBe(BatchStatus.Ok);
            for (const k of BS_GREEK_NAMES) {
              if (!Object.is(out[k][i], scalar[k])) throw new Error(`${k}[${i}]: batch ${out[k][i]} != scalar ${scalar[k]}`);
            }
          }
        });
      }),
      { numRuns: 300, seed: 123 },
    );
  });

  it('a first-order-only selection (the short kernel path) equals bsGreeks bit for bit', () => {
    const names = ['price', 'delta', 'vega', 'theta', 'rho', 'phi', 'dualDelta'] as const;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const out = bsGreeksBatch(
          {
            type: Int8Array.from(rows, (r) => r.w),
            spot: col(rows, 'spot'),
            strike: col(rows, 'strike'),
            expiry: col(rows, 'expiry'),
            rate: col(rows, 'rate'),
            dividendYield: col(rows, 'dividendYield'),
            vol: col(rows, 'vol'),
          },
          { greeks: [...names] },
        );
        expect(Object.keys(out)).toEqual([...names]);
        rows.forEach((r, i) => {
          let scalar: ReturnType<typeof bsGreeks> | undefined;
          try {
            scalar = bsGreeks({ ...r, type: typeOf(r.w) } as unknown as BsGreeksInput);
          } catch {
            scalar = undefined;
          }
          for (const k of names) {
            const want = scalar === undefined ? Number.NaN : scalar[k];
            if (!Object.is(out[k][i], want)) throw new Error(`${k}[${i}]: batch ${out[k][i]} != scalar ${want}`);
          }
        });
      }),
      { numRuns: 300, seed: 321 },
    );
  });

  it('computes only the requested greeks, writes into preallocated buffers, broadcasts scalars', () => {
    const spot = new Float64Array([90, 100, 110]);
    const delta = new Float64Array(3);
    const res = bsGreeksBatch(
      { type: ['call', 'put', 'call'], spot, strike: 100, expiry: 0.5, rate: 0.03, vol: 0.2 },
      { greeks: ['delta', 'vega'], out: { delta } },
    );
    expect(Object.keys(res)).toEqual(['delta', 'vega']);
    expect(res.delta).toBe(delta);
    for (let i = 0; i < 3; i++) {
      const s = bsGreeks({ type: i === 1 ? 'put' : 'call', spot: spot[i], strike: 100, expiry: 0.5, rate: 0.03, vol: 0.2 });
      expect(res.delta[i]).toBe(s.delta);
      expect(res.vega[i]).toBe(s.vega);
    }
  });

  it('all scalars is a batch of one row; defaults to every greek', () => {
    const res = bsGreeksBatch({ type: 'put', spot: 100, strike: 95, expiry: 1, rate: 0.01, vol: 0.25 });
    expect(Object.keys(res)).toEqual([...BS_GREEK_NAMES]);
    const s = bsGreeks({ type: 'put', spot: 100, strike: 95, expiry: 1, rate: 0.01, vol: 0.25 });
    for (const k of BS_GREEK_NAMES) expect(res[k]).toEqual(new Float64Array([s[k]]));
  });

  it('an output may alias an input column (in place)', () => {
    const spot = new Float64Array([90, 100, 110]);
    const expected = Array.from(spot, (S) => bsGreeks({ type: 'call', spot: S, strike: 100, expiry: 1, rate: 0, vol: 0.2 }).price);
    bsGreeksBatch({ type: 'call', spot, strike: 100, expiry: 1, rate: 0, vol: 0.2 }, { greeks: ['price'], out: { price: spot } });
    expect(Array.from(spot)).toEqual(expected);
  });

  it('throws before writing anything on shape errors only', () => {
    const base = { type: 'call' as const, spot: new Float64Array([100, 101]), strike: 100, expiry: 1, rate: 0, vol: 0.2 };
    const delta = new Float64Array(2).fill(7);
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as InvalidInputError).field;
      }
      return undefined;
    };
    expect(field(() => bsGreeksBatch({ ...base, strike: new Float64Array(3) }))).toBe('strike');
    expect(field(() => bsGreeksBatch(base, { greeks: ['delta', 'nope' as 'delta'] }))).toBe('greeks[1]');
    expect(field(() => bsGreeksBatch(base, { out: { delta, gamma: new Float64Array(1) } }))).toBe('out.gamma');
    expect(field(() => bsGreeksBatch(base, { status: new Uint8Array(1) }))).toBe('status');
    expect(Array.from(delta)).toEqual([7, 7]);
    // a bad value is a bad row, not a throw
    const status = new Uint8Array(2);
    const res = bsGreeksBatch({ ...base, vol: new Float64Array([0.2, -0.2]) }, { status });
    expect(Array.from(status)).toEqual([BatchStatus.Ok, BatchStatus.InvalidInput]);
    expect(res.price[1]).toBeNaN();
  });
});

describe('black76GreeksBatch', () => {
  it('equals black76Greeks bit for bit; bad rows NaN + InvalidInput; no phi output', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const status = new Uint8Array(rows.length);
        const out = black76GreeksBatch(
          {
            type: rows.map((r) => typeOf(r.w)) as Array<'call' | 'put'>,
            forward: col(rows, 'spot'),
            strike: col(rows, 'strike'),
            expiry: col(rows, 'expiry'),
            rate: col(rows, 'rate'),
            vol: col(rows, 'vol'),
          },
          { status },
        );
        expect(Object.keys(out)).toEqual([...BLACK76_GREEK_NAMES]);
        rows.forEach((r, i) => {
          let scalar: ReturnType<typeof black76Greeks> | undefined;
          try {
            scalar = black76Greeks({ type: typeOf(r.w) as 'call', forward: r.spot, strike: r.strike, expiry: r.expiry, rate: r.rate, vol: r.vol });
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidInputError);
          }
          expect(status[i]).toBe(scalar === undefined ? BatchStatus.InvalidInput : BatchStatus.Ok);
          for (const k of BLACK76_GREEK_NAMES) {
            const want = scalar === undefined ? Number.NaN : scalar[k];
            if (!Object.is(out[k][i], want)) throw new Error(`${k}[${i}]: batch ${out[k][i]} != scalar ${want}`);
          }
        });
      }),
      { numRuns: 200, seed: 321 },
    );
  });

  it('rejects phi, which Black-76 does not have', () => {
    expect(() =>
      black76GreeksBatch({ type: 'call', forward: 100, strike: 100, expiry: 1, rate: 0, vol: 0.2 }, { greeks: ['phi' as 'rho'] }),
    ).toThrow(InvalidInputError);
  });
});
