import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, createRng } from '@quantforge/core';
import {
  buildVolSurface,
  calibrateSsvi,
  calibrateSvi,
  ssviConditions,
  ssviTotalVariance,
  sviButterflyArbitrage,
  sviCalendarArbitrage,
  sviTotalVariance,
} from '@quantforge/volatility';
import type { SsviPhi } from '@quantforge/volatility';
import { loadFixture } from '../../../../test-utils/fixture';

const fixture = loadFixture<{ k: number[]; w: number[] }, { rmseMax: number }>(new URL('../fixtures/svi/calibration.json', import.meta.url));

/** The benchmark's chain: 20 expiries × 25 quotes of an SSVI surface with ±0.5 % multiplicative noise. */
function chain(seed: number, rho = -0.6, phi: SsviPhi = { type: 'power-law', eta: 0.9, gamma: 0.4 }, noise = 0.01, nT = 20) {
  const rng = createRng(seed);
  const k = Array.from({ length: 25 }, (_, i) => -0.6 + i * 0.05);
  return Array.from({ length: nT }, (_, j) => {
    const t = 0.05 + j * 0.15;
    const w = Array.from(ssviTotalVariance(k, 0.04 * t * (1 + 0.1 * t), { rho, phi }), (v) => v * (1 + noise * (rng.nextFloat() - 0.5)));
    return { expiry: t, k, w };
  });
}

function rmseOfSurface(surface: { totalVariance(k: number, t: number): number }, slices: { expiry: number; k: number[]; w: number[] }[]): number {
  let ss = 0;
  let n = 0;
  for (const s of slices) {
    for (let i = 0; i < s.k.length; i++) {
      ss += (surface.totalVariance(s.k[i]!, s.expiry) - s.w[i]!) ** 2;
      n++;
    }
  }
  return Math.sqrt(ss / n);
}

describe('calibrateSsvi({ method: "atm" }): θ read from the quotes, ρ and φ fitted', () => {
  it('recovers a noiseless SSVI surface exactly when a quote sits at k = 0 (θ read there)', () => {
    for (const phi of [{ type: 'power-law', eta: 0.7, gamma: 0.35 }, { type: 'heston', lambda: 1.8 }] as SsviPhi[]) {
      const k = Array.from({ length: 17 }, (_, i) => (i - 8) / 10); // k[8] = 0 exactly
      const thetas = [0.01, 0.03, 0.05, 0.1];
      const slices = thetas.map((th, j) => ({ expiry: 0.25 * (j + 1), k, w: Array.from(ssviTotalVariance(k, th, { rho: -0.55, phi })) }));
      const fit = calibrateSsvi({ slices, phi: phi.type, method: 'atm' });
      expect(fit.method).toBe('atm');
      for (let j = 0; j < thetas.length; j++) expect(fit.thetas[j]).toBe(slices[j]!.w[8]);
      expect(fit.rmse).toBeLessThan(1e-9);
      expect(fit.rho).toBeCloseTo(-0.55, 6);
    }
  });

  it('θ by local quadratic least squares is exact for quadratic smiles without a quote at 0', () => {
    const k = [-0.45, -0.3, -0.15, 0.05, 0.2, 0.35, 0.5];
    const slices = [0.02, 0.05].map((c0, j) => ({ expiry: j + 1, k, w: k.map((x) => c0 - 0.01 * x + 0.05 * x * x) }));
    const fit = calibrateSsvi({ slices, method: 'atm' });
    expect(fit.thetas[0]).toBeCloseTo(0.02, 15);
    expect(fit.thetas[1]).toBeCloseTo(0.05, 15);
  });

  it('θ is made non-decreasing and the surface is arbitrage-free (GJ Theorems 4.1-4.2)', () => {
    const k = Array.from({ length: 9 }, (_, i) => -0.4 + i * 0.1);
    // ATM variance falls from the 2nd to the 3rd slice: θ must be lifted to stay non-decreasing.
    const slices = [0.04, 0.05, 0.045, 0.08].map((th, j) => ({ expiry: 0.5 * (j + 1), k, w: k.map((x) => th + 0.02 * x * x - 0.01 * x) }));
    const fit = calibrateSsvi({ slices, method: 'atm' });
    for (let j = 1; j < 4; j++) expect(fit.thetas[j]!).toBeGreaterThanOrEqual(fit.thetas[j - 1]!);
    expect(ssviConditions(fit.thetas, fit)).toMatchObject({ butterfly: true, calendar: true });
  });

  it('polish (structured joint LM) reaches the dense joint optimum on the benchmark chain, both φ', () => {
    const slices = chain(12345);
    for (const phi of ['power-law', 'heston'] as const) {
      const joint = calibrateSsvi({ slices, phi });
      const fast = calibrateSsvi({ slices, phi, method: 'atm', polish: true });
      expect(fast.rmse).toBeLessThanOrEqual(joint.rmse * (1 + 1e-6));
      expect(fast.rho).toBeCloseTo(joint.rho, 4);
      for (let i = 0; i < 20; i++) expect(fast.thetas[i]!).toBeCloseTo(joint.thetas[i]!, 6);
      for (let i = 1; i < 20; i++) expect(fast.thetas[i]!).toBeGreaterThanOrEqual(fast.thetas[i - 1]!);
    }
  });

  it('law: ATM + polish on random noisy SSVI chains (both φ, ±2 % noise, few expiries) converges, stays arbitrage-free and below the ATM cost', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.85, max: 0.4, noNaN: true }),
        fc.constantFrom<'heston' | 'power-law'>('heston', 'power-law'),
        fc.double({ min: 0.2, max: 1.5, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 1e6 }),
        (rho, kind, shape, nT, seed) => {
          const phi: SsviPhi = kind === 'heston' ? { type: 'heston', lambda: 1 + 3 * shape } : { type: 'power-law', eta: shape, gamma: 0.3 };
          const slices = chain(seed, rho, phi, 0.04, nT);
          const atm = calibrateSsvi({ slices, phi: kind, method: 'atm' });
          const fit = calibrateSsvi({ slices, phi: kind, method: 'atm', polish: true });
          expect(fit.rmse).toBeLessThanOrEqual(atm.rmse * (1 + 1e-12));
          expect(ssviConditions(fit.thetas, fit)).toMatchObject({ butterfly: true, calendar: true });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('polish: the joint refinement from the ATM fit never raises the cost', () => {
    for (const seed of [1, 2, 3]) {
      const slices = chain(seed, -0.5, { type: 'power-law', eta: 0.9, gamma: 0.4 }, 0.02, 8);
      const atm = calibrateSsvi({ slices, method: 'atm' });
      const polished = calibrateSsvi({ slices, method: 'atm', polish: true });
      expect(polished.rmse).toBeLessThanOrEqual(atm.rmse * (1 + 1e-12));
      expect(ssviConditions(polished.thetas, polished)).toMatchObject({ butterfly: true, calendar: true });
    }
  });

  it('bad method / polish → InvalidInputError naming the field', () => {
    const slices = chain(1, -0.5, { type: 'heston', lambda: 1 }, 0, 2);
    expect(() => calibrateSsvi({ slices, method: 'fast' as 'atm' })).toThrow(expect.objectContaining({ field: 'method' }) as Error);
    expect(() => calibrateSsvi({ slices, method: 'atm', polish: 1 as unknown as boolean })).toThrow(expect.objectContaining({ field: 'polish' }) as Error);
  });
});

describe('calibrateSvi options: warmStart and minWingSlopes', () => {
  it(`fixture svi/calibration.json: every case warm-started from the previous case's fit stays within rmseMax and arbitrage-free`, () => {
    let prev: ReturnType<typeof calibrateSvi> | undefined;
    const failures: string[] = [];
    for (const c of fixture.cases) {
      const fit = calibrateSvi(c.input, prev ? { warmStart: prev } : {});
      if (!(fit.rmse <= c.expected.rmseMax)) failures.push(`${c.id}: ${fit.rmse} > ${c.expected.rmseMax}`);
      expect(sviButterflyArbitrage(fit).hasArbitrage).toBe(false);
      expect(fit.b * (1 + Math.abs(fit.rho))).toBeLessThanOrEqual(2 + 1e-12);
      prev = fit;
    }
    expect(failures).toEqual([]);
  });

  it('warm start from the true parameters of a noiseless slice recovers them', () => {
    const truth = { a: 0.03, b: 0.25, rho: -0.5, m: 0.05, sigma: 0.3 };
    const k = Array.from({ length: 21 }, (_, i) => -1 + i * 0.1);
    const fit = calibrateSvi({ k, w: sviTotalVariance(k, truth) }, { warmStart: { ...truth, m: 0.1, sigma: 0.25 } });
    expect(fit.rmse).toBeLessThan(1e-8);
  });

  it('law: fits with wing-slope floors respect them and stay butterfly-free', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.7, max: 0.3, noNaN: true }),
        fc.double({ min: 0.1, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (rho, b, left, right) => {
          const truth = { a: 0.02, b, rho, m: 0, sigma: 0.2 };
          const k = Array.from({ length: 15 }, (_, i) => -0.7 + i * 0.1);
          const fit = calibrateSvi({ k, w: sviTotalVariance(k, truth) }, { minWingSlopes: { left, right } });
          expect(fit.b * (1 - fit.rho)).toBeGreaterThanOrEqual(left - 1e-12);
          expect(fit.b * (1 + fit.rho)).toBeGreaterThanOrEqual(right - 1e-12);
          expect(sviButterflyArbitrage(fit).hasArbitrage).toBe(false);
          // Floors below the truth's slopes are inactive: the noiseless slice is recovered.
          if (left <= b * (1 - rho) && right <= b * (1 + rho)) expect(fit.rmse).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('bad options → InvalidInputError naming the field', () => {
    const k = [-0.2, -0.1, 0, 0.1, 0.2];
    const w = [0.05, 0.045, 0.04, 0.042, 0.046];
    const good = { a: 0.04, b: 0.1, rho: -0.3, m: 0, sigma: 0.1 };
    const cases: [object, string][] = [
      [{ warmStart: { ...good, rho: 1 } }, 'warmStart.rho'],
      [{ warmStart: { ...good, sigma: 0 } }, 'warmStart.sigma'],
      [{ warmStart: { ...good, a: NaN } }, 'warmStart.a'],
      [{ minWingSlopes: { left: 2.5, right: 0 } }, 'minWingSlopes.left'],
      [{ minWingSlopes: { left: 0, right: -1 } }, 'minWingSlopes.right'],
    ];
    for (const [opts, field] of cases) {
      let err: unknown;
      try {
        calibrateSvi({ k, w }, opts);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
  });
});

describe('buildVolSurface: quotes → VolSurface in one call', () => {
  const slices = chain(12345);

  it("method 'ssvi' (default): arbitrage-free surface reproducing the quotes to the noise level", () => {
    const built = buildVolSurface(slices, { forward: 100 });
    expect(built.method).toBe('ssvi');
    expect(built.ssvi!.method).toBe('atm');
    // Default polish: the joint refinement; without it, the read θ (never a lower RMSE).
    expect(buildVolSurface(slices, { polish: false }).rmse).toBeGreaterThanOrEqual(built.rmse * (1 - 1e-12));
    expect(ssviConditions(built.ssvi!.thetas, built.ssvi!)).toMatchObject({ butterfly: true, calendar: true });
    expect(built.surface.arbitrageReport().arbitrageFree).toBe(true);
    expect(rmseOfSurface(built.surface, slices)).toBeCloseTo(built.rmse, 14);
    // Noise is uniform ±0.5 % of w ≤ 0.2: the fit cannot be worse than the noise by much.
    expect(built.rmse).toBeLessThan(1e-3);
    const joint = buildVolSurface(slices, { ssviFit: 'joint' });
    expect(joint.ssvi!.method).toBe('joint');
  });

  it("method 'svi': butterfly-free slices, no calendar arbitrage (wing floors), surface reproduces the fits", () => {
    const built = buildVolSurface(slices, { method: 'svi', forward: 100 });
    expect(built.svi).toHaveLength(20);
    expect(built.calendarArbitrage).toBe(false);
    expect(sviCalendarArbitrage(built.sviSlices!).hasArbitrage).toBe(false);
    for (const s of built.sviSlices!) expect(sviButterflyArbitrage(s.params).hasArbitrage).toBe(false);
    expect(built.surface.arbitrageReport({ between: 1 }).arbitrageFree).toBe(true);
    expect(rmseOfSurface(built.surface, slices)).toBeCloseTo(built.rmse, 14);
    // Consecutive slices: wing slopes non-decreasing.
    const f = built.sviSlices!.map((s) => s.params);
    for (let i = 1; i < f.length; i++) {
      expect(f[i]!.b * (1 - f[i]!.rho)).toBeGreaterThanOrEqual(f[i - 1]!.b * (1 - f[i - 1]!.rho) - 1e-12);
      expect(f[i]!.b * (1 + f[i]!.rho)).toBeGreaterThanOrEqual(f[i - 1]!.b * (1 + f[i - 1]!.rho) - 1e-12);
    }
  });

  it("calendar: 'check' keeps independent fits and reports crossing wings; 'repair' removes them", () => {
    const checked = buildVolSurface(slices, { method: 'svi', calendar: 'check', warmStart: false });
    expect(checked.calendarArbitrage).toBe(sviCalendarArbitrage(checked.sviSlices!).hasArbitrage);
    for (let i = 0; i < slices.length; i++) expect(checked.svi![i]!.rmse).toBeCloseTo(calibrateSvi(slices[i]!).rmse, 15);
  });

  it('tiny inputs: one expiry (SSVI with 3 quotes, SVI with 5), k = -0 accepted as ATM', () => {
    const k = [-0.2, -0, 0.2];
    // 3 quotes: ρ, η, γ with θ read (the joint polish would need 4 for its 4 parameters).
    const one = buildVolSurface([{ expiry: 0.5, k, w: [0.025, 0.02, 0.022] }], { polish: false });
    expect(one.ssvi!.thetas[0]).toBe(0.02);
    expect(one.surface.arbitrageReport().arbitrageFree).toBe(true);
    expect(() => buildVolSurface([{ expiry: 0.5, k, w: [0.025, 0.02, 0.022] }])).toThrow(expect.objectContaining({ field: 'slices' }) as Error);
    const four = buildVolSurface([{ expiry: 0.5, k: [...k, 0.3], w: [0.025, 0.02, 0.022, 0.026] }]);
    expect(four.surface.arbitrageReport().arbitrageFree).toBe(true);
    const k5 = [-0.2, -0.1, 0, 0.1, 0.2];
    const svi = buildVolSurface([{ expiry: 0.5, k: k5, w: [0.026, 0.022, 0.02, 0.021, 0.023] }], { method: 'svi' });
    expect(svi.svi).toHaveLength(1);
    expect(svi.calendarArbitrage).toBe(false);
    expect(sviButterflyArbitrage(svi.sviSlices![0]!.params).hasArbitrage).toBe(false);
  });

  it('bad input → InvalidInputError naming the field', () => {
    const bad = slices.slice(0, 3).map((s) => ({ ...s, w: [...s.w] }));
    bad[1]!.w[3] = -1;
    const cases: [unknown, unknown, string][] = [
      [[], {}, 'slices'],
      [slices, { method: 'cubic' }, 'method'],
      [slices, { calendar: 'ignore' }, 'calendar'],
      [slices, { ssviFit: 'x' }, 'ssviFit'],
      [slices, { warmStart: 'yes' }, 'warmStart'],
      [bad, { method: 'svi' }, 'slices[1].w[3]'],
      [bad, { method: 'ssvi' }, 'slices[1].w[3]'],
      [[slices[1], slices[0]], { method: 'svi' }, 'slices[1].expiry'],
      [[{ ...slices[0]!, k: slices[0]!.k.map((x, i) => (i === 4 ? NaN : x)) }], { method: 'svi' }, 'slices[0].k[4]'],
      [[{ ...slices[0]!, k: slices[0]!.k.map((x, i) => (i === 4 ? Infinity : x)) }], {}, 'slices[0].k[4]'],
      [[{ ...slices[0]!, expiry: 0 }], { method: 'svi' }, 'slices[0].expiry'],
      [slices, null, 'options'],
    ];
    for (const [s, o, field] of cases) {
      let err: unknown;
      try {
        buildVolSurface(s as typeof slices, o as object);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
  });
});
