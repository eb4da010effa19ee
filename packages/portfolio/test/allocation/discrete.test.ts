/** Discrete allocation: a hand-derived greedy example, the never-overspend law, and MIP optimality by enumeration. */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { discreteAllocation, discreteAllocationMip, type DiscreteAllocation } from '@quantforge/portfolio';

/** The MIP objective Σ|w_i V − value_i| + leftover, in exact money. */
function objective(a: DiscreteAllocation, weights: number[], total: Decimal): Decimal {
  return a.values.reduce((s, v, i) => s.add(total.mul(weights[i]).sub(v).abs()), a.leftover);
}

describe('discreteAllocation (greedy, largest remainder)', () => {
  it('matches the hand-derived example', () => {
    // targets 500, 300, 200 → floors 5, 9, 28 lots (993 spent, 7 left); shortfalls 0, 3, 4:
    // asset 2 (shortfall 4, price 7 ≤ 7) gets one more share, asset 1 (price 33) does not fit.
    const a = discreteAllocation({ weights: [0.5, 0.3, 0.2], prices: [100, 33, 7], totalValue: 1000 });
    expect(a.shares).toEqual([5, 9, 29]);
    expect(a.spent.toString()).toBe('1000');
    expect(a.leftover.toString()).toBe('0');
    expect(a.values.map(String)).toEqual(['500', '297', '203']);
    expect(a.achievedWeights).toEqual([0.5, 0.297, 0.203]);
  });

  it('money is exact decimal arithmetic (0.1 + 0.2 = 0.3)', () => {
    const a = discreteAllocation({ weights: [0.5, 0.5], prices: ['0.1', '0.2'], totalValue: '0.3' });
    expect(a.spent.add(a.leftover).toString()).toBe('0.3');
    expect(a.spent.lte(new Decimal('0.3'))).toBe(true);
    expect(a.shares).toEqual([1, 1]);
  });

  it('lot sizes: holdings are whole lots', () => {
    const a = discreteAllocation({ weights: [0.6, 0.4], prices: [12.5, 3.2], totalValue: 10_000, lotSizes: [100, 10] });
    expect(a.shares[0] % 100).toBe(0);
    expect(a.shares[1] % 10).toBe(0);
    expect(a.shares).toEqual([400, 1250]);
  });

  it('law: never overspends, shares are non-negative lot multiples, leftover = total − spent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.record({
            w: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            cents: fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: n, maxLength: n }),
            lots: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: n, maxLength: n }),
            totalCents: fc.integer({ min: 1, max: 100_000_000 }),
            cashFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
          }),
        ),
        ({ w, cents, lots, totalCents, cashFraction }) => {
          const s = w.reduce((a, b) => a + b, 0);
          const weights = s > 0 ? w.map((x) => (x / s) * (1 - cashFraction)) : w;
          const total = new Decimal(totalCents).div(100);
          const a = discreteAllocation({ weights, prices: cents.map((c) => new Decimal(c).div(100)), totalValue: total, lotSizes: lots });
          expect(a.spent.lte(total)).toBe(true);
          expect(a.leftover.gte(0)).toBe(true);
          expect(a.spent.add(a.leftover).eq(total)).toBe(true);
          a.shares.forEach((k, i) => {
            expect(Number.isInteger(k) && k >= 0).toBe(true);
            expect(k % lots[i]).toBe(0);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('bad input names the field', () => {
    const ok = { weights: [0.5, 0.5], prices: [10, 20], totalValue: 100 };
    expect(() => discreteAllocation({ ...ok, weights: [-0.1, 0.5] })).toThrow(/weights\[0\].*long only/);
    expect(() => discreteAllocation({ ...ok, weights: [0.7, 0.5] })).toThrow(/sum to at most 1/);
    expect(() => discreteAllocation({ ...ok, weights: [Number.NaN, 0.5] })).toThrow(/weights\[0\]/);
    expect(() => discreteAllocation({ ...ok, prices: [10] })).toThrow(/prices.*2 entries/);
    expect(() => discreteAllocation({ ...ok, prices: [10, 0] })).toThrow(/prices\[1\].*> 0/);
    expect(() => discreteAllocation({ ...ok, prices: [10, 'abc'] })).toThrow(/prices\[1\]/);
    expect(() => discreteAllocation({ ...ok, totalValue: -5 })).toThrow(/totalValue/);
    expect(() => discreteAllocation({ ...ok, lotSizes: [1, 2.5] })).toThrow(/lotSizes\[1\]/);
    expect(() => discreteAllocation({ ...ok, weights: [] })).toThrow(InvalidInputError);
    expect(() => discreteAllocation({ ...ok, method: 'mip' as unknown as 'greedy' })).toThrow(/discreteAllocationMip/);
  });

  it('edge: a price above the budget buys nothing; zero weights buy nothing', () => {
    const a = discreteAllocation({ weights: [0.5, 0.5, 0], prices: [1000, 10, 1], totalValue: 100 });
    expect(a.shares).toEqual([0, 5, 0]);
    expect(a.leftover.toString()).toBe('50');
  });
});

describe('discreteAllocationMip (HiGHS)', () => {
  it('is optimal: equals the brute-force minimum on small problems, never worse than greedy, never overspends', async () => {
    const samples = fc.sample(
      fc.record({
        w: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }),
        prices: fc.array(fc.integer({ min: 7, max: 60 }), { minLength: 3, maxLength: 3 }),
        total: fc.integer({ min: 50, max: 200 }),
      }),
      { numRuns: 8, seed: 7 },
    );
    for (const { w, prices, total } of samples) {
      const s = w.reduce((a, b) => a + b, 0);
      const weights = w.map((x) => x / s);
      const V = new Decimal(total);
      const mip = await discreteAllocationMip({ weights, prices, totalValue: total });
      const greedy = discreteAllocation({ weights, prices, totalValue: total });
      // enumerate every affordable integer portfolio; s·objective is an integer (weights = w/s), so exact
      let best = Infinity;
      for (let a = 0; a * prices[0] <= total; a++) {
        for (let b = 0; a * prices[0] + b * prices[1] <= total; b++) {
          for (let c = 0; a * prices[0] + b * prices[1] + c * prices[2] <= total; c++) {
            const vals = [a * prices[0], b * prices[1], c * prices[2]];
            const obj = s * (total - vals[0] - vals[1] - vals[2]) + vals.reduce((acc, v, i) => acc + Math.abs(w[i] * total - s * v), 0);
            if (obj < best) best = obj;
          }
        }
      }
      const got = objective(mip, weights, V);
      expect(Math.abs(got.toNumber() - best / s)).toBeLessThanOrEqual(1e-9 * total);
      expect(got.lte(objective(greedy, weights, V).add(1e-9))).toBe(true);
      expect(mip.spent.lte(V)).toBe(true);
      expect(mip.method).toBe('mip');
    }
  });

  it('handles lot sizes and decimal prices', async () => {
    const a = await discreteAllocationMip({ weights: [0.6, 0.4], prices: ['12.5', '3.2'], totalValue: '10000', lotSizes: [100, 10] });
    expect(a.spent.lte(10_000)).toBe(true);
    expect(a.shares[0] % 100).toBe(0);
    expect(a.shares[1] % 10).toBe(0);
    expect(a.trackingErrorL1).toBeLessThanOrEqual(discreteAllocation({ weights: [0.6, 0.4], prices: ['12.5', '3.2'], totalValue: '10000', lotSizes: [100, 10] }).trackingErrorL1 + 1e-12);
  });

  it('rejects bad input before loading the solver', async () => {
    await expect(discreteAllocationMip({ weights: [0.5, 0.6], prices: [1, 1], totalValue: 10 })).rejects.toThrow(/sum to at most 1/);
  });
});
