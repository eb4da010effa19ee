import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, createRng } from '@quantforge/core';
import { calibrateSvi, sviButterflyArbitrage, sviTotalVariance } from '@quantforge/volatility';
import { loadFixture } from '../../../../test-utils/fixture';

const fixture = loadFixture<{ k: number[]; w: number[] }, { rmseMax: number }>(new URL('../fixtures/svi/calibration.json', import.meta.url));

function rmseOf(p: { a: number; b: number; rho: number; m: number; sigma: number }, k: ArrayLike<number>, w: ArrayLike<number>): number {
  const fit = sviTotalVariance(k, p);
  let s = 0;
  for (let i = 0; i < k.length; i++) s += (fit[i]! - w[i]!) ** 2;
  return Math.sqrt(s / k.length);
}

function checkConstraints(p: { a: number; b: number; rho: number; m: number; sigma: number }): void {
  expect(p.b).toBeGreaterThanOrEqual(0);
  expect(Math.abs(p.rho)).toBeLessThan(1);
  expect(p.sigma).toBeGreaterThan(0);
  expect(p.b * (1 + Math.abs(p.rho))).toBeLessThanOrEqual(2 + 1e-12);
  expect(sviButterflyArbitrage(p).hasArbitrage).toBe(false);
}

describe('calibrateSvi (fixture svi/calibration.json: RMSE ≤ rmseMax)', () => {
  it(`fits all ${fixture.cases.length} noisy slices within rmseMax, arbitrage-free`, () => {
    const failures: string[] = [];
    for (const c of fixture.cases) {
      const fit = calibrateSvi(c.input);
      const rmse = rmseOf(fit, c.input.k, c.input.w);
      expect(rmse).toBeCloseTo(fit.rmse, 14);
      if (!(rmse <= c.expected.rmseMax)) failures.push(`${c.id}: ${rmse} > ${c.expected.rmseMax}`);
      checkConstraints(fit);
    }
    expect(failures).toEqual([]);
  });

  it('recovers an exact arbitrage-free slice from noiseless data', () => {
    const truth = { a: 0.03, b: 0.25, rho: -0.5, m: 0.05, sigma: 0.3 };
    const k = Array.from({ length: 21 }, (_, i) => -1 + i * 0.1);
    const fit = calibrateSvi({ k, w: sviTotalVariance(k, truth) });
    expect(fit.rmse).toBeLessThan(1e-8);
    checkConstraints(fit);
  });

  it('wide moneyness windows (volsurf-rs #96): SPX-like skews over ±10–20 % … ±60 % never degenerate', () => {
    // Short-dated equity skews with steep puts; 25 strikes over windows of increasing width.
    const rng = createRng(20240601);
    let fits = 0;
    for (const half of [0.1, 0.15, 0.2, 0.4, 0.6]) {
      for (const t of [0.05, 0.25, 1]) {
        const truth = { a: 0.01 * t, b: 0.12 * Math.sqrt(t), rho: -0.7, m: 0.02, sigma: 0.08 * Math.sqrt(t) };
        const k = Array.from({ length: 25 }, (_, i) => -half + (i * (1.5 * half)) / 24);
        const clean = sviTotalVariance(k, truth);
        const noisy = Array.from(clean, (v) => v * (1 + 0.005 * (rng.nextFloat() - 0.5)));
        const fit = calibrateSvi({ k, w: noisy });
        checkConstraints(fit);
        expect(fit.sigma).toBeGreaterThan(1e-4);
        // Within the noise: relative error of w at most ~0.5 % (uniform noise ±0.25 %).
        for (let i = 0; i < k.length; i++) expect(Math.abs(sviTotalVariance(k[i]!, fit) / clean[i]! - 1)).toBeLessThan(0.005);
        fits++;
      }
    }
    expect(fits).toBe(15);
  });

  it('a slice with butterfly arbitrage in the quotes is fitted by an arbitrage-free slice', () => {
    // svi-000 of svi.json has minG < 0: fit its w on [-2, 2].
    const bad = { a: -0.0146189, b: 0.465834, rho: -0.0288402, m: 0.421552, sigma: 0.272049 };
    expect(sviButterflyArbitrage(bad).hasArbitrage).toBe(true);
    const k = Array.from({ length: 25 }, (_, i) => -2 + i / 6);
    const fit = calibrateSvi({ k, w: sviTotalVariance(k, bad) });
    checkConstraints(fit);
  });

  it('law: noiseless arbitrage-free slices are refitted to within 1e-6 RMSE', () => {
    fc.assert(
      fc.property(
        fc.record({
          a: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
          b: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
          rho: fc.double({ min: -0.8, max: 0.5, noNaN: true }),
          m: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
          sigma: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        }),
        (p) => {
          fc.pre(!sviButterflyArbitrage(p, { kMin: -3, kMax: 3, points: 601 }).hasArbitrage);
          const k = Array.from({ length: 15 }, (_, i) => -0.8 + i * 0.1);
          const w = sviTotalVariance(k, p);
          const fit = calibrateSvi({ k, w });
          expect(fit.rmse).toBeLessThan(1e-6);
          checkConstraints(fit);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('bad input → InvalidInputError naming the field (never NaN parameters)', () => {
    const k = [-0.2, -0.1, 0, 0.1, 0.2];
    const w = [0.05, 0.045, 0.04, 0.042, 0.046];
    const cases: [{ k: number[]; w: number[]; weights?: number[] }, string][] = [
      [{ k: [], w: [] }, 'k'],
      [{ k: [-0.2, 0, -0.1, 0.1, 0.2], w }, 'k[2]'],
      [{ k: [-0.2, -0.1, -0.1, 0.1, 0.2], w }, 'k[2]'],
      [{ k, w: [0.05, -0.045, 0.04, 0.042, 0.046] }, 'w[1]'],
      [{ k, w: [0.05, 0.045, 0, 0.042, 0.046] }, 'w[2]'],
      [{ k, w: [0.05, 0.045] }, 'w'],
      [{ k: [0, 0.1, 0.2, 0.3], w: [0.04, 0.04, 0.04, 0.04] }, 'k'],
      [{ k, w, weights: [1, 1, 1, 1, 0] }, 'weights'],
      [{ k, w, weights: [1, 1, 1, 1, -1] }, 'weights[4]'],
      [{ k: [-0.2, -0.1, NaN, 0.1, 0.2], w }, 'k[2]'],
    ];
    for (const [input, field] of cases) {
      let err: unknown;
      try {
        calibrateSvi(input);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
  });
});
