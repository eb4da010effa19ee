import { describe, expect, it } from 'vitest';
import { BatchStatus } from '@quantforge/core';
import { bsPrice } from '@quantforge/pricing';
import { impliedNormalVol, impliedVol, impliedVolBatch } from '../src/index';

// The README's example, kept runnable.
describe('README example', () => {
  it('runs and gives the stated results', () => {
    const input = { type: 'put' as const, spot: 100, strike: 95, expiry: 0.5, rate: 0.03, dividendYield: 0.01 };
    const price = bsPrice({ ...input, vol: 0.2 });
    expect(impliedVol({ ...input, price })).toBeCloseTo(0.2, 14);

    const deep = { type: 'call' as const, spot: 100, strike: 110, expiry: 1 / 365, rate: 0.03 };
    expect(Math.abs(impliedVol({ ...deep, price: bsPrice({ ...deep, vol: 0.25 }) }) - 0.25) / 0.25).toBeLessThan(1e-13);

    const status = new Uint8Array(3);
    const vols = impliedVolBatch(
      { type: ['call', 'put', 'call'], price: [10.45, 5.57, -1], spot: 100, strike: 100, expiry: 1, rate: 0.05 },
      { status },
    );
    expect(vols[0]).toBeCloseTo(0.2, 3);
    expect(vols[1]).toBeCloseTo(0.2, 3);
    expect(vols[2]).toBeNaN();
    expect(Array.from(status)).toEqual([BatchStatus.Ok, BatchStatus.Ok, BatchStatus.BelowLowerBound]);

    expect(impliedNormalVol({ type: 'call', price: 0.004, forward: -0.002, strike: -0.001, expiry: 2, rate: 0.01 })).toBeGreaterThan(0);
  });
});
