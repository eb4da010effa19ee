import { describe, expect, it } from 'vitest';
import {
  VolSurface,
  bootstrapSviConfidence,
  buildVolSurface,
  calibrateSabr,
  calibrateSsvi,
  calibrateSvi,
  compareFits,
  repairSviSurface,
  sabrVol,
  sviButterflyArbitrage,
  sviTotalVariance,
} from '@quantforge/volatility';

// The example of docs/guides/vol-surfaces.md, kept runnable.
describe('docs/guides/vol-surfaces.md example', () => {
  it('runs and gives the stated results', () => {
    // SABR: Hagan's lognormal vol exactly as QuantLib, and a calibration with β fixed.
    const vol = sabrVol({ forward: 0.03, strike: 0.035, expiry: 2, alpha: 0.02, beta: 0.5, rho: -0.3, nu: 0.4 });
    expect(vol).toBeCloseTo(0.109595716729, 11); // @quantlib/ql sabrVolatility gives the same
    const strikes = [0.02, 0.025, 0.03, 0.035, 0.04];
    const vols = strikes.map((strike) => sabrVol({ forward: 0.03, strike, expiry: 2, alpha: 0.02, beta: 0.5, rho: -0.3, nu: 0.4 }));
    const sabr = calibrateSabr({ forward: 0.03, expiry: 2, strikes, vols, beta: 0.5 });
    expect(sabr.rho).toBeCloseTo(-0.3, 6);
    expect(sabr.rmse).toBeLessThan(1e-10);

    // SVI: one slice, arbitrage-free.
    const k = Array.from({ length: 25 }, (_, i) => -1.2 + i / 12);
    const w = sviTotalVariance(k, { a: 0.04, b: 0.2, rho: -0.6, m: 0.05, sigma: 0.25 });
    const slice = calibrateSvi({ k, w });
    expect(slice.rmse).toBeLessThan(1e-8);
    expect(sviButterflyArbitrage(slice).hasArbitrage).toBe(false);

    // SSVI over all expiries, a surface, local vol, arbitrage report.
    const slices = [0.25, 0.5, 1, 2].map((t) => ({ expiry: t, k, w: Array.from(w, (v) => v * t) }));
    const ssvi = calibrateSsvi({ slices });
    const surface = VolSurface.fromSsvi(ssvi, { spot: 100, rate: 0.03 });
    expect(surface.arbitrageReport().arbitrageFree).toBe(true);
    expect(surface.impliedVol(95, 0.75)).toBeGreaterThan(0);
    expect(surface.localVol(95, 0.75)).toBeGreaterThan(0);

    // Quotes → surface in one call.
    const built = buildVolSurface(slices, { forward: { spot: 100, rate: 0.03 } });
    expect(built.surface.impliedVol(95, 0.75)).toBeGreaterThan(0);
    expect(built.rmse).toBeLessThanOrEqual(calibrateSsvi({ slices, method: 'atm' }).rmse * (1 + 1e-12));
    const sviBuilt = buildVolSurface(slices, { method: 'svi' });
    expect(sviBuilt.calendarArbitrage).toBe(false);
    expect(sviBuilt.surface.arbitrageReport().arbitrageFree).toBe(true);

    // Confidence intervals, drift, repair.
    const ci = bootstrapSviConfidence({ k, w }, { samples: 20, seed: 7 });
    expect(ci.parameters.rho.lower).toBeLessThanOrEqual(ci.parameters.rho.upper);
    expect(compareFits(slice, { ...slice, a: slice.a + 0.001 }).largestDrift).toBe('a');
    const fixed = repairSviSurface([{ expiry: 1, params: { a: -0.0146189, b: 0.465834, rho: -0.0288402, m: 0.421552, sigma: 0.272049 } }]);
    expect(fixed[0]!.changed).toBe(true);
    expect(sviButterflyArbitrage(fixed[0]!.params).hasArbitrage).toBe(false);
  });
});
