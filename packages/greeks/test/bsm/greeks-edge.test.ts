import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '@quantforge/core';
import { bsGreeks, BS_GREEK_NAMES } from '@quantforge/greeks';
import type { BsGreeks, BsGreeksInput } from '@quantforge/greeks';

const base: BsGreeksInput = { type: 'call', spot: 100, strike: 95, expiry: 0.5, rate: 0.03, dividendYield: 0.01, vol: 0.2 };

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).field;
  }
  return undefined;
}

describe('bsGreeks: invalid input throws InvalidInputError naming the field', () => {
  const bad: Array<[keyof BsGreeksInput, unknown]> = [];
  for (const field of ['spot', 'strike', 'vol'] as const) {
    for (const v of [Number.NaN, Infinity, -Infinity, 0, -1, '100', undefined]) bad.push([field, v]);
  }
  for (const v of [Number.NaN, Infinity, -Infinity, -1e-9, null]) bad.push(['expiry', v]);
  for (const v of [Number.NaN, Infinity, -Infinity, '0.03']) bad.push(['rate', v]);
  for (const v of [Number.NaN, Infinity, -Infinity, null]) bad.push(['dividendYield', v]);
  for (const v of ['straddle', 'Call', undefined, 1]) bad.push(['type', v]);

  it.each(bad.map(([f, v]) => [f, String(v), v] as const))('%s = %s', (field, _label, value) => {
    expect(fieldOf(() => bsGreeks({ ...base, [field]: value } as BsGreeksInput))).toBe(field);
  });

  it('a missing input object is rejected', () => {
    expect(fieldOf(() => bsGreeks(null as unknown as BsGreeksInput))).toBe('input');
  });

  it('dividendYield defaults to 0', () => {
    const noQ: BsGreeksInput = { ...base };
    delete noQ.dividendYield;
    expect(bsGreeks(noQ)).toEqual(bsGreeks({ ...base, dividendYield: 0 }));
  });
});

describe('bsGreeks: expiry = 0 (expired option)', () => {
  const zeroExcept = (g: BsGreeks, keep: string[]) => {
    for (const k of BS_GREEK_NAMES) if (!keep.includes(k)) expect(g[k], k).toBe(0);
  };
  it.each([
    ['call', 110, 100, 10, 1],
    ['call', 90, 100, 0, 0],
    ['call', 100, 100, 0, 0.5],
    ['put', 90, 100, 10, -1],
    ['put', 110, 100, 0, 0],
    ['put', 100, 100, 0, -0.5],
  ] as const)('%s S=%d K=%d: price %d, delta %d', (type, spot, strike, price, delta) => {
    const g = bsGreeks({ ...base, type, spot, strike, expiry: 0 });
    expect(g.price).toBe(price);
    expect(g.delta).toBe(delta);
    expect(g.dualDelta).toBe(0 - delta);
    zeroExcept(g, ['price', 'delta', 'dualDelta']);
  });

  it('is the T -> 0+ limit of price, delta and dualDelta away from the strike', () => {
    for (const type of ['call', 'put'] as const) {
      for (const spot of [80, 120]) {
        const g0 = bsGreeks({ ...base, type, spot, strike: 100, expiry: 0 });
        const gt = bsGreeks({ ...base, type, spot, strike: 100, expiry: 1e-10 });
        expect(gt.price).toBeCloseTo(g0.price, 7);
        expect(gt.delta).toBeCloseTo(g0.delta, 9);
        expect(gt.dualDelta).toBeCloseTo(g0.dualDelta, 9);
      }
      // at the money N(w·d1) -> 1/2
      const atm = bsGreeks({ ...base, type, spot: 100, strike: 100, expiry: 1e-14 });
      expect(atm.delta).toBeCloseTo(type === 'call' ? 0.5 : -0.5, 6);
    }
  });
});

describe('bsGreeks: extreme valid inputs give finite numbers', () => {
  const corners: BsGreeksInput[] = [];
  for (const type of ['call', 'put'] as const)
    for (const spot of [1e-6, 1, 100, 1e6])
      for (const strike of [1e-6, 1, 100, 1e6])
        for (const expiry of [1e-6, 1 / 365, 1, 50])
          for (const vol of [1e-4, 0.2, 5])
            for (const rate of [-0.05, 0, 0.2])
              corners.push({ type, spot, strike, expiry, rate, dividendYield: 0.03, vol });

  it(`every output is finite on ${corners.length} corner inputs (vol 1e-4..5, T 1e-6..50, S, K 1e-6..1e6)`, () => {
    for (const x of corners) {
      const g = bsGreeks(x);
      for (const k of BS_GREEK_NAMES) {
        if (!Number.isFinite(g[k])) throw new Error(`${k} = ${g[k]} at ${JSON.stringify(x)}`);
      }
      expect(g.price).toBeGreaterThanOrEqual(0);
    }
  });

  it('density underflow makes the higher greeks exactly 0, not NaN', () => {
    const g = bsGreeks({ type: 'call', spot: 1e6, strike: 1e-6, expiry: 0.01, rate: 0.01, vol: 0.01 });
    expect(g.gamma).toBe(0);
    expect(g.vega).toBe(0);
    expect(g.ultima).toBe(0);
    expect(g.delta).toBe(1);
  });

  it('never NaN on a wide log-uniform domain', () => {
    const logU = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom<'call' | 'put'>('call', 'put'),
          spot: logU(-8, 8),
          strike: logU(-8, 8),
          expiry: fc.oneof(fc.constant(0), logU(-12, 2)),
          rate: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          dividendYield: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          vol: logU(-6, 1),
        }),
        (x) => {
          const g = bsGreeks(x);
          for (const k of BS_GREEK_NAMES) if (Number.isNaN(g[k])) throw new Error(`${k} is NaN at ${JSON.stringify(x)}`);
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });
});
