import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, createRng } from '@quantforge/core';
import {
  VolSurface,
  calibrateSsvi,
  ssviConditions,
  ssviPhi,
  ssviSliceToRaw,
  ssviTotalVariance,
  sviButterflyArbitrage,
  sviTotalVariance,
} from '@quantforge/volatility';
import type { SsviPhi } from '@quantforge/volatility';

const K_GRID = Array.from({ length: 17 }, (_, i) => -0.8 + i * 0.1);

function synthetic(rho: number, phi: SsviPhi, expiries: number[], atmVol: number, noise: number, seed: number) {
  const rng = createRng(seed);
  return expiries.map((t) => {
    const theta = atmVol * atmVol * t * (1 + 0.2 * t);
    const w = Array.from(ssviTotalVariance(K_GRID, theta, { rho, phi }), (v) => v * (1 + noise * (rng.nextFloat() - 0.5)));
    return { expiry: t, k: K_GRID, w };
  });
}

describe('SSVI φ functions and conditions (Gatheral-Jacquier 2014 §4)', () => {
  it('Heston-like φ: series and closed form agree, limit 1/2 at θ → 0; power-law φ closed form', () => {
    const heston = { type: 'heston', lambda: 2 } as const;
    // φ(θ) = (1/(λθ))(1 - (1 - e^{-λθ})/(λθ)) evaluated directly where it is well conditioned.
    for (const theta of [0.06, 0.2, 1, 5]) {
      const x = 2 * theta;
      expect(ssviPhi(heston, theta)).toBeCloseTo((1 / x) * (1 - (1 - Math.exp(-x)) / x) * 2, 13);
    }
    expect(ssviPhi(heston, 1e-12)).toBeCloseTo(1, 10); // λ·ψ(0) = 2·½
    expect(Math.abs(ssviPhi(heston, 0.0499999) - ssviPhi(heston, 0.0500001))).toBeLessThan(1e-6);
    expect(ssviPhi({ type: 'power-law', eta: 1.2, gamma: 0.4 }, 0.3)).toBeCloseTo(1.2 * 0.3 ** -0.4 * 1.3 ** -0.6, 14);
    expect(() => ssviPhi({ type: 'heston', lambda: 0 }, 1)).toThrow(/lambda/);
    expect(() => ssviPhi(heston, 0)).toThrow(/theta/);
  });

  it('an SSVI slice equals its raw-SVI form', () => {
    const params = { rho: -0.4, phi: { type: 'power-law', eta: 1, gamma: 0.3 } as SsviPhi };
    const raw = ssviSliceToRaw(0.09, params);
    for (const k of [-1, -0.3, 0, 0.4, 1]) expect(sviTotalVariance(k, raw)).toBeCloseTo(ssviTotalVariance(k, 0.09, params), 14);
    expect(ssviTotalVariance(0, 0.09, params)).toBeCloseTo(0.09, 15); // w(0) = θ
  });

  it('law: fitted SSVI surfaces (both φ) pass butterfly and calendar checks on a dense grid, and local vol is positive', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.8, max: 0.3, noNaN: true }),
        fc.constantFrom<'heston' | 'power-law'>('heston', 'power-law'),
        fc.double({ min: 0.12, max: 0.45, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (rho, kind, atmVol, seed) => {
          const truth: SsviPhi = kind === 'heston' ? { type: 'heston', lambda: 1.5 } : { type: 'power-law', eta: 0.8, gamma: 0.4 };
          const slices = synthetic(rho, truth, [0.1, 0.25, 0.5, 1, 2], atmVol, 0.02, seed);
          const fit = calibrateSsvi({ slices, phi: kind });
          expect(ssviConditions(fit.thetas, fit)).toMatchObject({ butterfly: true, calendar: true });
          const surface = VolSurface.fromSsvi(fit, 100);
          const report = surface.arbitrageReport({ kMin: -3, kMax: 3, points: 601, between: 3 });
          expect(report.arbitrageFree).toBe(true);
          for (const t of [0.05, 0.1, 0.3, 0.77, 1.5, 3]) {
            for (const K of [40, 70, 90, 100, 115, 150, 250]) {
              const lv = surface.localVol(K, t);
              expect(lv).toBeGreaterThan(0);
              expect(Number.isFinite(lv)).toBe(true);
            }
          }
          // Every slice of the fitted surface is also a butterfly-free raw SVI (dense 6001-point check).
          for (const th of fit.thetas) expect(sviButterflyArbitrage(ssviSliceToRaw(th, fit)).hasArbitrage).toBe(false);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('recovers a noiseless SSVI surface', () => {
    const truth: SsviPhi = { type: 'power-law', eta: 0.7, gamma: 0.35 };
    const slices = synthetic(-0.55, truth, [0.1, 0.5, 1, 2], 0.2, 0, 1);
    const fit = calibrateSsvi({ slices });
    expect(fit.rmse).toBeLessThan(1e-9);
    expect(fit.rho).toBeCloseTo(-0.55, 6);
    expect(fit.phi).toMatchObject({ type: 'power-law' });
    if (fit.phi.type === 'power-law') {
      expect(fit.phi.eta).toBeCloseTo(0.7, 6);
      expect(fit.phi.gamma).toBeCloseTo(0.35, 6);
    }
  });

  it('bad input → InvalidInputError naming the field', () => {
    const good = synthetic(-0.5, { type: 'heston', lambda: 1 }, [0.5, 1], 0.2, 0, 2);
    const cases: [unknown, string][] = [
      [{ slices: [] }, 'slices'],
      [{ slices: [good[1], good[0]] }, 'slices[1].expiry'],
      [{ slices: [{ ...good[0], k: [0, 0.1], w: [0.02, 0.02] }] }, 'slices[0].k'],
      [{ slices: [{ ...good[0], w: good[0]!.w.map((v, i) => (i === 3 ? -v : v)) }] }, 'slices[0].w[3]'],
      [{ slices: [{ ...good[0], k: [...K_GRID].reverse() }] }, 'slices[0].k[1]'],
      [{ slices: good, phi: 'cubic' }, 'phi'],
    ];
    for (const [input, field] of cases) {
      let err: unknown;
      try {
        calibrateSsvi(input as Parameters<typeof calibrateSsvi>[0]);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
  });
});
