import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { black76Greeks, bsGreeks, deskScaleFactor, toDeskGreeks, BS_GREEK_NAMES } from '@quantforge/greeks';

const x = { type: 'put', spot: 100, strike: 95, expiry: 0.5, rate: 0.03, dividendYield: 0.01, vol: 0.2 } as const;

describe('toDeskGreeks', () => {
  it('scales by the documented factors (365 days by default)', () => {
    const g = bsGreeks(x);
    const d = toDeskGreeks(g);
    expect(d.theta).toBe(g.theta / 365);
    expect(d.charm).toBe(g.charm / 365);
    expect(d.color).toBe(g.color / 365);
    expect(d.vega).toBe(g.vega * 0.01);
    expect(d.vanna).toBe(g.vanna * 0.01);
    expect(d.zomma).toBe(g.zomma * 0.01);
    expect(d.rho).toBe(g.rho * 0.01);
    expect(d.phi).toBe(g.phi * 0.01);
    expect(d.volga).toBe(g.volga * 1e-4);
    expect(d.ultima).toBe(g.ultima * 1e-6);
    expect(d.veta).toBe(g.veta * (0.01 / 365));
    for (const k of ['price', 'delta', 'gamma', 'speed', 'dualDelta', 'dualGamma'] as const) expect(d[k]).toBe(g[k]);
    expect(g).toEqual(bsGreeks(x)); // input untouched
  });

  it('per-day theta ≈ the one-day change in value; per-point vega ≈ a 1-vol-point bump', () => {
    const d = toDeskGreeks(bsGreeks(x));
    const oneDay = bsGreeks({ ...x, expiry: x.expiry - 1 / 365 }).price - bsGreeks(x).price;
    expect(d.theta).toBeCloseTo(oneDay, 4);
    const onePoint = bsGreeks({ ...x, vol: x.vol + 0.01 }).price - bsGreeks(x).price;
    expect(Math.abs(d.vega - onePoint)).toBeLessThan(Math.abs(0.5 * d.volga) + 1e-4);
  });

  it('honours daysPerYear and works on Black-76 results', () => {
    const g = black76Greeks({ type: 'call', forward: 100, strike: 100, expiry: 1, rate: 0.02, vol: 0.3 });
    const d = toDeskGreeks(g, { daysPerYear: 252 });
    expect(d.theta).toBe(g.theta / 252);
    expect('phi' in d).toBe(false);
  });

  it('validates daysPerYear and greek names', () => {
    expect(() => toDeskGreeks(bsGreeks(x), { daysPerYear: 0 })).toThrow(InvalidInputError);
    expect(() => deskScaleFactor('bogus' as 'delta')).toThrow(InvalidInputError);
    for (const k of BS_GREEK_NAMES) expect(deskScaleFactor(k)).toBeGreaterThan(0);
  });
});
