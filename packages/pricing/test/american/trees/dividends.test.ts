/** Discrete cash dividends on trees: the escrowed-dividend model (escrowed-dividends.ts). */
import { InvalidInputError } from '@quantforge/core';
import { describe, expect, it } from 'vitest';
import { bsPrice } from '../../../src/european/black-scholes';
import { americanParams } from '../../../src/american/params';
import { treeEngine } from '../../../src/american/trees/tree-engine';
import type { AmericanInput, TreeMethod } from '../../../src/american/types';

const METHODS: TreeMethod[] = ['crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial'];
const run = (input: AmericanInput, method: TreeMethod, steps = 1000) => treeEngine(americanParams(input), { steps }, method, false);

describe.each(METHODS)('%s with cash dividends', (method) => {
  it('r = 0: a put is never exercised early, so it is the European put on S − D (exact in the escrowed model)', () => {
    const input: AmericanInput = { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0, vol: 0.3, dividends: [{ time: 0.25, amount: 2 }, { time: 0.75, amount: 3 }] };
    const european = bsPrice({ type: 'put', spot: 95, strike: 100, expiry: 1, rate: 0, vol: 0.3 });
    expect(Math.abs(run(input, method).price - european)).toBeLessThan((0.2 * 100 * 0.3) / 1000);
  });

  it('a call exercised before a large dividend: at least European and Black pseudo-American values', () => {
    const div = { time: 0.5, amount: 10 };
    const input: AmericanInput = { type: 'call', spot: 100, strike: 80, expiry: 1, rate: 0.05, vol: 0.2, dividends: [div] };
    const pv0 = div.amount * Math.exp(-0.05 * div.time);
    const european = bsPrice({ type: 'call', spot: 100 - pv0, strike: 80, expiry: 1, rate: 0.05, vol: 0.2 });
    // Exercising just before the dividend: a call on x expiring at 0.5 with strike K − D(0.5−) = 70.
    const beforeDividend = bsPrice({ type: 'call', spot: 100 - pv0, strike: 70, expiry: 0.5, rate: 0.05, vol: 0.2 });
    const r = run(input, method);
    const tol = (0.2 * 80 * 0.2) / 1000;
    expect(beforeDividend).toBeGreaterThan(european);
    expect(r.price).toBeGreaterThan(beforeDividend - tol);
    // ...and the dividend is worth something: below the call with no dividend.
    expect(r.price).toBeLessThan(run({ ...input, dividends: [] }, method).price);
  });

  it('a vanishing dividend converges to the no-dividend price', () => {
    const base: AmericanInput = { type: 'put', spot: 100, strike: 105, expiry: 1, rate: 0.04, vol: 0.25 };
    const a = run(base, method, 200).price;
    const b = run({ ...base, dividends: [{ time: 0.5, amount: 1e-9 }] }, method, 200).price;
    expect(Math.abs(a - b)).toBeLessThan(1e-8);
  });

  it('a dividend at time 0 is paid at once (the spot is cum-dividend)', () => {
    const base: AmericanInput = { type: 'put', spot: 100, strike: 105, expiry: 1, rate: 0.04, vol: 0.25 };
    const a = run({ ...base, dividends: [{ time: 0, amount: 5 }] }, method, 200);
    const b = run({ ...base, spot: 95 }, method, 200);
    // Exercise at t = 0 pays K − S (cum); later the tree is the same as from spot 95.
    expect(a.price).toBeGreaterThanOrEqual(5 - 1e-12);
    expect(a.price).toBeCloseTo(Math.max(b.price, 5), 10);
  });

  it('dividends worth more than the spot are rejected', () => {
    const input: AmericanInput = { type: 'put', spot: 10, strike: 10, expiry: 1, rate: 0.01, vol: 0.2, dividends: [{ time: 0.5, amount: 11 }] };
    expect(() => run(input, method)).toThrow(InvalidInputError);
    try {
      run(input, method);
    } catch (e) {
      expect((e as InvalidInputError).field).toBe('dividends');
    }
  });
});
