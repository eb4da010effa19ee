import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { calibrateSabr, sabrVol } from '@quantforge/volatility';
import { loadFixture } from '../../../../test-utils/fixture';

interface CalInput {
  forward: number;
  expiry: number;
  beta: number;
  strikes: number[];
  vols: number[];
}
const fixture = loadFixture<CalInput, { rmseMax: number }>(new URL('../fixtures/sabr/calibration.json', import.meta.url));

describe('calibrateSabr (fixture sabr/calibration.json: RMSE ≤ rmseMax)', () => {
  it(`fits all ${fixture.cases.length} noisy smiles with β fixed`, () => {
    const failures: string[] = [];
    for (const c of fixture.cases) {
      const fit = calibrateSabr(c.input);
      // Recompute the RMSE from the returned parameters with the public sabrVol.
      let ss = 0;
      for (let i = 0; i < c.input.strikes.length; i++) {
        const e = sabrVol({ forward: c.input.forward, strike: c.input.strikes[i]!, expiry: c.input.expiry, ...fit }) - c.input.vols[i]!;
        ss += e * e;
      }
      const rmse = Math.sqrt(ss / c.input.strikes.length);
      expect(rmse).toBeCloseTo(fit.rmse, 14);
      expect(fit.beta).toBe(c.input.beta);
      if (!(rmse <= c.expected.rmseMax)) failures.push(`${c.id}: ${rmse} > ${c.expected.rmseMax}`);
    }
    expect(failures).toEqual([]);
  });

  it('recovers exact parameters from noiseless vols, β fixed and β free', () => {
    const truth = { alpha: 0.035, beta: 0.6, rho: -0.35, nu: 0.55 };
    const forward = 0.04;
    const expiry = 3;
    const strikes = [0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06, 0.07];
    const vols = strikes.map((strike) => sabrVol({ forward, strike, expiry, ...truth }));
    const fixed = calibrateSabr({ forward, expiry, strikes, vols, beta: 0.6 });
    expect(fixed.alpha).toBeCloseTo(truth.alpha, 8);
    expect(fixed.rho).toBeCloseTo(truth.rho, 7);
    expect(fixed.nu).toBeCloseTo(truth.nu, 7);
    expect(fixed.rmse).toBeLessThan(1e-10);
    const free = calibrateSabr({ forward, expiry, strikes, vols, weights: 'vega' });
    expect(free.rmse).toBeLessThan(1e-6);
  });

  it('shifted SABR calibration with negative strikes', () => {
    const truth = { alpha: 0.02, beta: 0.5, rho: 0.1, nu: 0.4 };
    const shift = 0.02;
    const forward = -0.001;
    const strikes = [-0.008, -0.005, -0.002, 0, 0.002, 0.005, 0.01];
    const vols = strikes.map((strike) => sabrVol({ forward, strike, expiry: 1, shift, ...truth }));
    const fit = calibrateSabr({ forward, expiry: 1, strikes, vols, beta: 0.5, shift });
    expect(fit.rmse).toBeLessThan(1e-9);
    expect(fit.shift).toBe(shift);
  });

  it('bad input → InvalidInputError naming the field, never NaN parameters', () => {
    const base = { forward: 100, expiry: 1, strikes: [80, 90, 100, 110, 120], vols: [0.3, 0.25, 0.2, 0.22, 0.25], beta: 1 };
    const cases: [Partial<CalInput> & Record<string, unknown>, string][] = [
      [{ strikes: [], vols: [] }, 'strikes'],
      [{ strikes: [80, 100, 90, 110, 120] }, 'strikes[2]'],
      [{ vols: [0.3, -0.25, 0.2, 0.22, 0.25] }, 'vols[1]'],
      [{ vols: [0.3, 0.25] }, 'vols'],
      [{ strikes: [90, 100], vols: [0.2, 0.2] }, 'strikes'],
      [{ expiry: 0 }, 'expiry'],
      [{ weights: [1, 1, 1] }, 'weights'],
      [{ weights: [0, 0, 0, 0, 0] }, 'weights'],
      [{ beta: 2 }, 'beta'],
    ];
    for (const [bad, field] of cases) {
      let err: unknown;
      try {
        calibrateSabr({ ...base, ...bad } as CalInput);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
    // Free β needs 4 quotes.
    expect(() => calibrateSabr({ forward: 100, expiry: 1, strikes: [90, 100, 110], vols: [0.2, 0.2, 0.2] })).toThrow(/at least 4/);
  });
});
