import { describe, expect, it } from 'vitest';
import { InvalidInputError, createRng } from '@quantforge/core';
import { bootstrapSviConfidence, calibrateSabr, compareFits, sabrVol, sviTotalVariance } from '@quantforge/volatility';

const truth = { a: 0.03, b: 0.25, rho: -0.5, m: 0.05, sigma: 0.3 };
const k = Array.from({ length: 15 }, (_, i) => -0.7 + i * 0.1);

describe('bootstrapSviConfidence', () => {
  const rng = createRng(7);
  const w = Array.from(sviTotalVariance(k, truth), (v) => v + 0.002 * (rng.nextFloat() - 0.5));

  it('is reproducible by seed, and intervals bracket the estimates', () => {
    const a = bootstrapSviConfidence({ k, w }, { samples: 40, seed: 3, expiry: 0.5 });
    const b = bootstrapSviConfidence({ k, w }, { samples: 40, seed: 3, expiry: 0.5 });
    expect(a).toEqual(b);
    expect(a.samples + a.failed).toBe(40);
    for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) {
      const iv = a.parameters[key];
      expect(iv.lower).toBeLessThanOrEqual(iv.upper);
      expect(iv.standardError).toBeGreaterThan(0);
      expect(Number.isFinite(iv.estimate)).toBe(true);
    }
    a.totalVariance.forEach((iv) => {
      expect(iv.lower).toBeLessThanOrEqual(iv.upper);
      // The fitted curve lies inside its band up to the percentile-interval bias (1e-3 in w here).
      expect(iv.estimate).toBeGreaterThanOrEqual(iv.lower - 1e-3);
      expect(iv.estimate).toBeLessThanOrEqual(iv.upper + 1e-3);
    });
    expect(a.vol).toHaveLength(21);
    const c = bootstrapSviConfidence({ k, w }, { samples: 40, seed: 4 });
    expect(c.parameters.a.lower).not.toBe(a.parameters.a.lower);
  });

  it('the total-variance band narrows to zero on noiseless quotes (residual bootstrap)', () => {
    const exact = bootstrapSviConfidence({ k, w: sviTotalVariance(k, truth) }, { samples: 20, method: 'residuals' });
    for (const iv of exact.totalVariance) expect(iv.upper - iv.lower).toBeLessThan(1e-6);
  });

  it('bad options → InvalidInputError', () => {
    expect(() => bootstrapSviConfidence({ k, w }, { samples: 5 })).toThrow(/samples/);
    expect(() => bootstrapSviConfidence({ k, w }, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapSviConfidence({ k, w }, { method: 'jackknife' as 'pairs' })).toThrow(/method/);
    expect(() => bootstrapSviConfidence({ k: [], w: [] })).toThrow(InvalidInputError);
  });
});

describe('compareFits', () => {
  it('reports parameter drift and the curve change between two SVI fits', () => {
    const later = { ...truth, a: 0.033, rho: -0.45 };
    const cmp = compareFits(truth, later, { expiry: 0.5 });
    expect(cmp.parameters.a!.change).toBeCloseTo(0.003, 15);
    expect(cmp.parameters.a!.relativeChange).toBeCloseTo(0.1, 14);
    expect(cmp.parameters.rho!.relativeChange).toBeCloseTo(0.1, 14);
    expect(cmp.parameters.b!.change).toBe(0);
    expect(cmp.totalVariance!.maxAbsChange).toBeGreaterThan(0.003 - 1e-12);
    expect(cmp.vol!.maxAbsChange).toBeGreaterThan(0);
  });

  it('works for SABR fits (parameter drift only) and rejects unrelated objects', () => {
    const strikes = [80, 90, 100, 110, 120];
    const p = { alpha: 2, beta: 0.5, rho: -0.3, nu: 0.5 };
    const vols = strikes.map((strike) => sabrVol({ forward: 100, strike, expiry: 1, ...p }));
    const fit = calibrateSabr({ forward: 100, expiry: 1, strikes, vols, beta: 0.5 });
    const cmp = compareFits(p, fit);
    expect(Object.keys(cmp.parameters).sort()).toEqual(['alpha', 'beta', 'nu', 'rho']);
    expect(Math.abs(cmp.parameters.nu!.change)).toBeLessThan(1e-6);
    expect(cmp.totalVariance).toBeUndefined();
    expect(() => compareFits({ x: 1 }, { y: 2 })).toThrow(InvalidInputError);
    expect(() => compareFits({ x: 1 }, { x: NaN })).toThrow(/current.x/);
  });
});
