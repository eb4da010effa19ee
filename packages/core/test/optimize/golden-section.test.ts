import { describe, expect, it } from 'vitest';
import { goldenSectionMinimize } from '@quantforge/core';

describe('goldenSectionMinimize', () => {
  it('finds the minimum of (x − 0.3)² on [−2, 2] to the requested tolerance (derivation: x* = 0.3, f* = 0)', () => {
    const r = goldenSectionMinimize((x) => (x - 0.3) ** 2, -2, 2, { maxIterations: 200, tolerance: 1e-12 });
    expect(Math.abs(r.x - 0.3)).toBeLessThan(1e-11);
    expect(r.value).toBeLessThan(1e-22);
  });
  it('shrinks the bracket by 0.618 per iteration: 40 iterations leave |x − x*| ≤ 4·0.618^40', () => {
    const r = goldenSectionMinimize((x) => Math.abs(x - 1.7), 0, 4, { maxIterations: 40 });
    expect(Math.abs(r.x - 1.7)).toBeLessThanOrEqual(4 * 0.6180339887498949 ** 40);
  });
  it('stopBelow ends the search at the first value below the level', () => {
    let calls = 0;
    const r = goldenSectionMinimize((x) => { calls++; return x * x - 0.25; }, -1, 1, { maxIterations: 40, stopBelow: 0 });
    expect(r.value).toBeLessThan(0);
    expect(calls).toBe(2); // both first interior points (±0.236) are already below 0
  });
});
