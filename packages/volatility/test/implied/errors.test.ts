import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError } from '@quantforge/core';
import { black76ImpliedVol, impliedNormalVol, impliedVol } from '../../src/index';

const base = { type: 'call' as const, price: 10, spot: 100, strike: 100, expiry: 1, rate: 0.03, dividendYield: 0.01 };

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

function expectInvalid(f: () => unknown, field: string): void {
  const e = thrown(f);
  expect(e).toBeInstanceOf(InvalidInputError);
  expect((e as InvalidInputError).field).toBe(field);
}

function expectNoSolution(f: () => unknown, code: string, mentions?: number): NoSolutionError {
  const e = thrown(f);
  expect(e).toBeInstanceOf(NoSolutionError);
  expect((e as NoSolutionError).code).toBe(code);
  if (mentions !== undefined) expect((e as NoSolutionError).message).toContain(String(mentions));
  return e as NoSolutionError;
}

describe('impliedVol: bad input throws InvalidInputError naming the field', () => {
  const bad: [string, unknown][] = [
    ['price', Number.NaN],
    ['price', Infinity],
    ['spot', 0],
    ['spot', -1],
    ['spot', Number.NaN],
    ['spot', -Infinity],
    ['strike', 0],
    ['strike', Infinity],
    ['expiry', -1e-9],
    ['expiry', Infinity],
    ['rate', Number.NaN],
    ['dividendYield', Infinity],
    ['type', 'straddle'],
    ['type', undefined],
  ];
  it.each(bad)('%s = %s', (field, value) => {
    expectInvalid(() => impliedVol({ ...base, [field]: value } as never), field);
  });
  it('a non-object input', () => {
    expectInvalid(() => impliedVol(null as never), 'input');
  });
});

describe('impliedVol: no-arbitrage bounds', () => {
  const S = 100;
  const K = 80;
  const T = 0.75;
  const r = 0.04;
  const q = 0.02;
  const discountedSpot = S * Math.exp(-q * T);
  const discountedStrike = K * Math.exp(-r * T);
  const callLower = Math.max(discountedSpot - discountedStrike, 0);
  const putUpper = discountedStrike;
  const args = { spot: S, strike: K, expiry: T, rate: r, dividendYield: q };

  it('below intrinsic → below-intrinsic, the message names the bound', () => {
    expectNoSolution(() => impliedVol({ type: 'call', price: callLower * 0.999, ...args }), 'below-intrinsic', callLower);
  });
  it('negative price → negative-price', () => {
    expectNoSolution(() => impliedVol({ type: 'put', price: -0.01, ...args }), 'negative-price');
  });
  it('at or above S e^{-qT} (call) / K e^{-rT} (put) → above-upper-bound, the message names the bound', () => {
    expectNoSolution(() => impliedVol({ type: 'call', price: discountedSpot, ...args }), 'above-upper-bound', discountedSpot);
    expectNoSolution(() => impliedVol({ type: 'call', price: discountedSpot * 1.01, ...args }), 'above-upper-bound', discountedSpot);
    expectNoSolution(() => impliedVol({ type: 'put', price: putUpper * 1.001, ...args }), 'above-upper-bound', putUpper);
  });
  it('just inside the bounds still solves', () => {
    expect(impliedVol({ type: 'call', price: discountedSpot * (1 - 1e-6), ...args })).toBeGreaterThan(1);
    expect(impliedVol({ type: 'put', price: 1e-6, ...args })).toBeGreaterThan(0);
  });
  it('a price exactly at the intrinsic value returns vol 0 (documented convention)', () => {
    expect(impliedVol({ type: 'put', price: 0, ...args })).toBe(0); // out of the money: intrinsic 0
    // r = q = 0: forward = spot, so S - K is the exact forward intrinsic value.
    expect(impliedVol({ type: 'call', price: S - K, spot: S, strike: K, expiry: T, rate: 0 })).toBe(0);
  });
  it('expiry 0: undetermined inside the bounds, bound errors outside', () => {
    expectNoSolution(() => impliedVol({ type: 'call', price: 20, spot: S, strike: K, expiry: 0, rate: r }), 'zero-expiry');
    expectNoSolution(() => impliedVol({ type: 'call', price: 25, spot: S, strike: K, expiry: 0, rate: r }), 'zero-expiry');
    expectNoSolution(() => impliedVol({ type: 'call', price: 19, spot: S, strike: K, expiry: 0, rate: r }), 'below-intrinsic');
    expectNoSolution(() => impliedVol({ type: 'call', price: 100, spot: S, strike: K, expiry: 0, rate: r }), 'above-upper-bound');
  });
});

describe('black76ImpliedVol: validation and bounds', () => {
  const b = { type: 'put' as const, price: 5, forward: 100, strike: 105, expiry: 1, rate: 0.05 };
  it.each([
    ['forward', 0],
    ['forward', -5],
    ['strike', Number.NaN],
    ['expiry', -1],
    ['rate', Infinity],
    ['price', Number.NaN],
    ['type', 'Call'],
  ] as [string, unknown][])('%s = %s → InvalidInputError', (field, value) => {
    expectInvalid(() => black76ImpliedVol({ ...b, [field]: value } as never), field);
  });
  it('bounds are the discounted Black bounds', () => {
    const df = Math.exp(-0.05);
    expectNoSolution(() => black76ImpliedVol({ ...b, price: df * 5 * 0.99 }), 'below-intrinsic', df * 5);
    expectNoSolution(() => black76ImpliedVol({ ...b, price: df * 105 }), 'above-upper-bound', df * 105);
    expectNoSolution(() => black76ImpliedVol({ ...b, price: -1 }), 'negative-price');
  });
});

describe('impliedNormalVol: validation and bounds', () => {
  const n = { type: 'call' as const, price: 0.004, forward: -0.002, strike: -0.001, expiry: 2, rate: 0.01 };
  it('accepts negative forwards and strikes', () => {
    expect(impliedNormalVol(n)).toBeGreaterThan(0);
  });
  it.each([
    ['forward', Number.NaN],
    ['strike', -Infinity],
    ['expiry', -1],
    ['price', Number.NaN],
    ['type', 1],
  ] as [string, unknown][])('%s = %s → InvalidInputError', (field, value) => {
    expectInvalid(() => impliedNormalVol({ ...n, [field]: value } as never), field);
  });
  it('below intrinsic, negative price, zero expiry; no upper bound', () => {
    const df = Math.exp(-0.02);
    const itm = { ...n, forward: 0.01, strike: 0 };
    expectNoSolution(() => impliedNormalVol({ ...itm, price: df * 0.01 * 0.9 }), 'below-intrinsic', df * 0.01);
    expectNoSolution(() => impliedNormalVol({ ...n, price: -1e-9 }), 'negative-price');
    expectNoSolution(() => impliedNormalVol({ ...n, expiry: 0 }), 'zero-expiry');
    expect(impliedNormalVol({ ...n, price: 1e6 })).toBeGreaterThan(1e6);
    expect(impliedNormalVol({ ...itm, rate: 0, price: 0.01 })).toBe(0); // exactly at intrinsic
  });
});
