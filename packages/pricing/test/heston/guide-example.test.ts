// The Heston example of docs/guides/heston-and-chains.md, kept runnable.
import { describe, expect, it } from 'vitest';
import { hestonGreeks, hestonPrice } from '@quantforge/pricing';

describe('guide example', () => {
  it('runs', () => {
    const option = {
      type: 'call' as const, spot: 100, strike: 110, expiry: 1, rate: 0.03, dividendYield: 0.01,
      v0: 0.04, kappa: 1.5, theta: 0.05, sigma: 0.8, rho: -0.7,
    };
    const price = hestonPrice(option);
    const g = hestonGreeks(option);
    // QuantLib 1.29 AnalyticHestonEngine(model, 1e-14, 1e6) via benchmarks/cpp/ql_heston.cpp: 2.8996915487321004
    expect(Math.abs(price - 2.8996915487321004)).toBeLessThan(1e-10);
    expect(g.price).toBe(price);
    expect(g.delta).toBeGreaterThan(0);
    expect(g.delta).toBeLessThan(1);
  });
});
