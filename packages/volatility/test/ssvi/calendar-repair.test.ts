import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { repairSviSurface, sviButterflyArbitrage, sviCalendarArbitrage, sviTotalVariance } from '@quantforge/volatility';

const s1 = { a: 0.01, b: 0.1, rho: -0.5, m: 0.0, sigma: 0.2 };
const s2 = { a: 0.02, b: 0.12, rho: -0.5, m: 0.0, sigma: 0.25 };

describe('sviCalendarArbitrage', () => {
  it('finds crossing slices and where they cross', () => {
    const ok = sviCalendarArbitrage([
      { expiry: 0.5, params: s1 },
      { expiry: 1, params: s2 },
    ]);
    expect(ok.hasArbitrage).toBe(false);
    // s3 is above s2 on the left wing and below it on the right: arbitrage at k > 0.
    const s3 = { a: 0.02, b: 0.12, rho: -0.9, m: 0.0, sigma: 0.25 };
    const bad = sviCalendarArbitrage([
      { expiry: 1, params: s2 },
      { expiry: 2, params: s3 },
    ]);
    expect(bad.hasArbitrage).toBe(true);
    expect(bad.pairs[0]!.at).toBeGreaterThan(0);
    // At the reported k the later slice is below the earlier one.
    expect(sviTotalVariance(bad.pairs[0]!.at, s3)).toBeLessThan(sviTotalVariance(bad.pairs[0]!.at, s2));
  });

  it('rejects unsorted expiries and bad parameters', () => {
    expect(() => sviCalendarArbitrage([])).toThrow(InvalidInputError);
    expect(() =>
      sviCalendarArbitrage([
        { expiry: 1, params: s1 },
        { expiry: 1, params: s2 },
      ]),
    ).toThrow(/slices\[1\].expiry/);
    expect(() => sviCalendarArbitrage([{ expiry: 1, params: { ...s1, sigma: -1 } }])).toThrow(/sigma/);
  });
});

describe('repairSviSurface', () => {
  it('leaves an arbitrage-free surface unchanged', () => {
    const out = repairSviSurface([
      { expiry: 0.5, params: s1 },
      { expiry: 1, params: s2 },
    ]);
    expect(out.map((s) => s.changed)).toEqual([false, false]);
    expect(out[1]!.params).toEqual(s2);
  });

  it('removes butterfly and calendar arbitrage with a small change in total variance', () => {
    // Slice 0 has butterfly arbitrage (svi.json case svi-000); slice 2 crosses slice 1.
    const bf = { a: -0.0146189, b: 0.465834, rho: -0.0288402, m: 0.421552, sigma: 0.272049 };
    const mid = { a: 0.1, b: 0.5, rho: -0.03, m: 0.42, sigma: 0.35 };
    const crossing = { a: 0.11, b: 0.5, rho: -0.4, m: 0.42, sigma: 0.35 };
    expect(sviButterflyArbitrage(mid).hasArbitrage).toBe(false);
    const slices = [
      { expiry: 0.5, params: bf },
      { expiry: 1, params: mid },
      { expiry: 1.5, params: crossing },
    ];
    expect(sviButterflyArbitrage(bf).hasArbitrage).toBe(true);
    expect(sviCalendarArbitrage(slices.slice(1)).hasArbitrage).toBe(true);
    const out = repairSviSurface(slices);
    expect(out.map((s) => s.changed)).toEqual([true, false, true]);
    for (const s of out) {
      expect(sviButterflyArbitrage(s.params).hasArbitrage).toBe(false);
      expect(s.params.b * (1 + Math.abs(s.params.rho))).toBeLessThanOrEqual(2 + 1e-12);
    }
    expect(sviCalendarArbitrage(out).hasArbitrage).toBe(false);
    // "Small": the repaired slices stay within a few variance points of the originals on [-2, 2].
    expect(out[0]!.rmsChange).toBeLessThan(0.01);
    // Smallest change: the RMS change is not larger than that of a trivially arbitrage-free
    // alternative for slice 2 — the earlier slice raised by the largest crossing gap.
    const k = Array.from({ length: 81 }, (_, i) => -2 + i * 0.05);
    const gap = Math.max(...k.map((x) => sviTotalVariance(x, out[1]!.params) - sviTotalVariance(x, crossing)));
    const alt = { ...out[1]!.params, a: out[1]!.params.a + Math.max(gap, 0) };
    const altRms = Math.sqrt(k.reduce((s, x) => s + (sviTotalVariance(x, alt) - sviTotalVariance(x, crossing)) ** 2, 0) / k.length);
    expect(out[2]!.rmsChange).toBeLessThanOrEqual(altRms);
  });
});
