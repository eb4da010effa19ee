import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, NoSolutionError, createRng } from '@quantforge/core';
import { black76Price } from '@quantforge/pricing';
import { VolSurface, black76ImpliedVol, calibrateSvi, sviTotalVariance } from '@quantforge/volatility';

const s1 = { a: 0.01, b: 0.1, rho: -0.5, m: 0.0, sigma: 0.2 };
const s2 = { a: 0.02, b: 0.12, rho: -0.5, m: 0.0, sigma: 0.25 };
const slices = [
  { expiry: 0.5, params: s1 },
  { expiry: 1, params: s2 },
];

describe('VolSurface from SVI slices', () => {
  const surface = VolSurface.fromSviSlices(slices, { spot: 100, rate: 0.03, dividendYield: 0.01 });

  it('reproduces each slice at its expiry and interpolates total variance linearly at fixed k', () => {
    for (const k of [-1, -0.2, 0, 0.3]) {
      expect(surface.totalVariance(k, 0.5)).toBeCloseTo(sviTotalVariance(k, s1), 15);
      expect(surface.totalVariance(k, 1)).toBeCloseTo(sviTotalVariance(k, s2), 15);
      expect(surface.totalVariance(k, 0.75)).toBeCloseTo(0.5 * sviTotalVariance(k, s1) + 0.5 * sviTotalVariance(k, s2), 15);
      // Extrapolation in time: constant implied vol at fixed k.
      expect(surface.totalVariance(k, 0.25)).toBeCloseTo(0.5 * sviTotalVariance(k, s1), 15);
      expect(surface.totalVariance(k, 3)).toBeCloseTo(3 * sviTotalVariance(k, s2), 14);
    }
    // impliedVol uses k = ln(K/F(T)), F = S e^{(r-q)T}.
    const F = 100 * Math.exp(0.02 * 0.5);
    expect(surface.impliedVol(110, 0.5)).toBeCloseTo(Math.sqrt(sviTotalVariance(Math.log(110 / F), s1) / 0.5), 15);
    expect(surface.forward(0.5)).toBeCloseTo(F, 12);
  });

  it('local vol matches Gatheral’s formula with finite-difference derivatives, and is flat for a flat surface', () => {
    const t = 0.7;
    for (const K of [70, 95, 100, 108, 130]) {
      const k = Math.log(K / surface.forward(t));
      const h = 1e-4;
      const w = surface.totalVariance(k, t);
      const wk = (surface.totalVariance(k + h, t) - surface.totalVariance(k - h, t)) / (2 * h);
      const wkk = (surface.totalVariance(k + h, t) - 2 * w + surface.totalVariance(k - h, t)) / (h * h);
      const wT = (surface.totalVariance(k, t + h) - surface.totalVariance(k, t - h)) / (2 * h);
      const g = (1 - (k * wk) / (2 * w)) ** 2 - (wk * wk / 4) * (1 / w + 0.25) + wkk / 2;
      expect(surface.localVol(K, t)).toBeCloseTo(Math.sqrt(wT / g), 5);
    }
    // w = σ²T (b = 0 slices with a = σ²T): local vol = σ everywhere.
    const flat = VolSurface.fromSviSlices(
      [
        { expiry: 1, params: { a: 0.04, b: 0, rho: 0, m: 0, sigma: 0.1 } },
        { expiry: 2, params: { a: 0.08, b: 0, rho: 0, m: 0, sigma: 0.1 } },
      ],
      100,
    );
    for (const t of [0.3, 1, 1.5, 4]) for (const K of [50, 100, 200]) expect(flat.localVol(K, t)).toBeCloseTo(0.2, 14);
  });

  it('arbitrageReport flags calendar arbitrage and local vol refuses it', () => {
    expect(surface.arbitrageReport().arbitrageFree).toBe(true);
    const crossing = VolSurface.fromSviSlices(
      [
        { expiry: 1, params: s2 },
        { expiry: 2, params: { ...s2, rho: -0.9 } },
      ],
      100,
    );
    const report = crossing.arbitrageReport();
    expect(report.arbitrageFree).toBe(false);
    expect(report.calendar.some((c) => c.hasArbitrage)).toBe(true);
    expect(() => crossing.localVol(150, 1.5)).toThrow(NoSolutionError);
  });

  it('bad input → typed errors', () => {
    expect(() => VolSurface.fromSviSlices([], 100)).toThrow(InvalidInputError);
    expect(() => VolSurface.fromSviSlices([slices[1]!, slices[0]!], 100)).toThrow(/expiry/);
    expect(() => VolSurface.fromSviSlices(slices, -1)).toThrow(/forward/);
    expect(() => surface.impliedVol(0, 1)).toThrow(/strike/);
    expect(() => surface.impliedVol(100, 0)).toThrow(/expiry/);
    expect(() => surface.totalVariance(NaN, 1)).toThrow(/'k'/);
    expect(() => VolSurface.fromSsvi({ rho: 0, phi: { type: 'heston', lambda: 1 }, expiries: [1, 2], thetas: [0.05, 0.04] }, 100)).toThrow(/thetas\[1\]/);
    const neg = VolSurface.fromSviSlices([{ expiry: 1, params: { a: -0.5, b: 0.1, rho: 0, m: 0, sigma: 0.1 } }], 100);
    expect(() => neg.impliedVol(100, 1)).toThrow(NoSolutionError);
  });
});

describe('law: local vol is positive wherever an SVI-slice surface is arbitrage-free', () => {
  it('random calendar-ordered SVI slices: arbitrage-free report ⇒ localVol > 0 on the checked grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.8, max: 0.5, noNaN: true }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.09, noNaN: true }),
        (rho, eta, v) => {
          // SSVI-type raw slices at θ = v·T (Gatheral-Jacquier §4), φ = η/√θ.
          const slices = [0.25, 0.5, 1, 2].map((t) => {
            const theta = v * t;
            const phi = eta / Math.sqrt(theta);
            return { expiry: t, params: { a: (theta * (1 - rho * rho)) / 2, b: (theta * phi) / 2, rho, m: -rho / phi, sigma: Math.sqrt(1 - rho * rho) / phi } };
          });
          const surface = VolSurface.fromSviSlices(slices, 100);
          const report = surface.arbitrageReport({ kMin: -1.5, kMax: 1.5, points: 61, between: 2, extraExpiries: [0.1, 3] });
          fc.pre(report.arbitrageFree);
          for (const t of [0.1, 0.25, 0.4, 0.75, 1.3, 2, 3]) {
            for (const K of [30, 60, 85, 100, 120, 180, 300]) {
              if (Math.abs(Math.log(K / 100)) > 1.5) continue;
              expect(surface.localVol(K, t)).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('law: the surface reprices its input quotes within their bid-ask', () => {
  it('synthetic chains around an arbitrage-free SVI surface, fitted slice by slice with 1/spread² weights', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: -0.8, max: -0.1, noNaN: true }), (seed, rho) => {
        const rng = createRng(seed);
        const spot = 100;
        const rate = 0.02;
        const forward = (t: number): number => spot * Math.exp(rate * t);
        const expiries = [0.25, 0.5, 1];
        const strikes = Array.from({ length: 15 }, (_, i) => 80 + i * 3);
        const fitted = [];
        const quotes: { K: number; t: number; bid: number; ask: number; type: 'call' | 'put' }[] = [];
        for (const t of expiries) {
          // Truth: an SSVI-type slice (arbitrage-free), θ = 0.04 t.
          const theta = 0.04 * t * (1 + 0.1 * t);
          const phi = 1.5 / Math.sqrt(theta) * 0.3;
          const truth = { a: (theta * (1 - rho * rho)) / 2, b: (theta * phi) / 2, rho, m: -rho / phi, sigma: Math.sqrt(1 - rho * rho) / phi };
          const F = forward(t);
          const ks: number[] = [];
          const ws: number[] = [];
          const weights: number[] = [];
          for (const K of strikes) {
            const k = Math.log(K / F);
            const vol = Math.sqrt(sviTotalVariance(k, truth) / t);
            const type = K < F ? 'put' : 'call';
            const mid = black76Price({ type, forward: F, strike: K, expiry: t, rate, vol });
            if (mid < 0.05) continue; // not quoted
            const half = Math.max(0.02, 0.03 * mid);
            // Quoted mid jittered inside the spread.
            const quoted = mid + 0.2 * half * (2 * rng.nextFloat() - 1);
            const bid = quoted - half;
            const ask = quoted + half;
            quotes.push({ K, t, bid, ask, type });
            const iv = black76ImpliedVol({ type, price: quoted, forward: F, strike: K, expiry: t, rate });
            // Spread in total-variance units: Δw ≈ 2σ√T·Δσ, Δσ = half/vega.
            const vega = Math.exp(-rate * t) * F * Math.sqrt(t) * Math.exp(-0.5 * ((Math.log(F / K) + 0.5 * iv * iv * t) / (iv * Math.sqrt(t))) ** 2) / Math.sqrt(2 * Math.PI);
            const halfW = 2 * iv * t * (half / vega);
            ks.push(k);
            ws.push(iv * iv * t);
            weights.push(1 / (halfW * halfW));
          }
          fitted.push({ expiry: t, params: calibrateSvi({ k: ks, w: ws, weights }) });
        }
        const surface = VolSurface.fromSviSlices(fitted, forward);
        for (const q of quotes) {
          const vol = surface.impliedVol(q.K, q.t);
          const price = black76Price({ type: q.type, forward: forward(q.t), strike: q.K, expiry: q.t, rate, vol });
          expect(price).toBeGreaterThanOrEqual(q.bid);
          expect(price).toBeLessThanOrEqual(q.ask);
        }
      }),
      { numRuns: 8 },
    );
  });
});
