import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsPrice, hestonCharacteristicFunction, hestonGreeks, hestonPrice } from '@quantforge/pricing';
import type { HestonInput } from '@quantforge/pricing';
import { InvalidInputError } from '@quantforge/core';

const arbInput = fc.record({
  type: fc.constantFrom<'call' | 'put'>('call', 'put'),
  spot: fc.double({ min: 50, max: 150, noNaN: true }),
  moneyness: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
  expiry: fc.double({ min: 0.05, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.08, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.05, noNaN: true }),
  v0: fc.double({ min: 0.005, max: 0.25, noNaN: true }),
  kappa: fc.double({ min: 0.1, max: 6, noNaN: true }),
  theta: fc.double({ min: 0.005, max: 0.25, noNaN: true }),
  sigma: fc.double({ min: 0.05, max: 2, noNaN: true }),
  rho: fc.double({ min: -0.95, max: 0.5, noNaN: true }),
});
const toInput = (a: { moneyness: number } & Omit<HestonInput, 'strike'>): HestonInput => {
  const { moneyness, ...rest } = a;
  return { ...rest, strike: a.spot * Math.exp(moneyness) };
};
const deterministicVol = (i: HestonInput): number => {
  const T = i.expiry;
  const w = i.theta * T + ((i.v0 - i.theta) * (1 - Math.exp(-i.kappa * T))) / i.kappa;
  return Math.sqrt(w / T);
};

describe('hestonPrice laws', () => {
  it('put-call parity: C - P = S e^{-qT} - K e^{-rT}', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const i = toInput(a);
        const c = hestonPrice({ ...i, type: 'call' });
        const p = hestonPrice({ ...i, type: 'put' });
        const parity = i.spot * Math.exp(-(i.dividendYield ?? 0) * i.expiry) - i.strike * Math.exp(-i.rate * i.expiry);
        expect(Math.abs(c - p - parity)).toBeLessThan(1e-9 * (i.spot + i.strike));
      }),
      { numRuns: 60 },
    );
  });

  it('price bounds: intrinsic of the forward ≤ price ≤ S e^{-qT} (call) / K e^{-rT} (put)', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const i = toInput(a);
        const v = hestonPrice(i);
        const dq = Math.exp(-(i.dividendYield ?? 0) * i.expiry);
        const dr = Math.exp(-i.rate * i.expiry);
        const w = i.type === 'call' ? 1 : -1;
        expect(v).toBeGreaterThanOrEqual(Math.max(w * (i.spot * dq - i.strike * dr), 0) - 1e-12);
        expect(v).toBeLessThanOrEqual((i.type === 'call' ? i.spot * dq : i.strike * dr) + 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('monotone in strike (calls decrease, puts increase) and convex', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const i = toInput(a);
        const h = 0.02 * i.strike;
        const lo = hestonPrice({ ...i, strike: i.strike - h });
        const mid = hestonPrice(i);
        const hi = hestonPrice({ ...i, strike: i.strike + h });
        const eps = 1e-10 * (i.spot + i.strike);
        if (i.type === 'call') expect(hi).toBeLessThanOrEqual(mid + eps);
        else expect(hi).toBeGreaterThanOrEqual(mid - eps);
        expect(lo + hi - 2 * mid).toBeGreaterThanOrEqual(-eps);
      }),
      { numRuns: 40 },
    );
  });

  it('σ → 0 converges to Black-Scholes with the deterministic variance (σ = 0 exact)', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const i = toInput(a);
        const vol = deterministicVol(i);
        const bs = bsPrice({ type: i.type, spot: i.spot, strike: i.strike, expiry: i.expiry, rate: i.rate, dividendYield: i.dividendYield, vol });
        expect(Math.abs(hestonPrice({ ...i, sigma: 0 }) - bs)).toBeLessThan(1e-12 * (i.spot + i.strike));
        // O(σ) deviation: at σ = 1e-6 the difference is far below 1e-6 of the price scale
        expect(Math.abs(hestonPrice({ ...i, sigma: 1e-6 }) - bs)).toBeLessThan(1e-6 * (i.spot + i.strike));
      }),
      { numRuns: 40 },
    );
  });

  it('greeks agree with central finite differences of the price', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const i = { ...toInput(a), expiry: Math.max(a.expiry, 0.2) };
        const g = hestonGreeks(i);
        expect(Math.abs(g.price - hestonPrice(i))).toBeLessThan(1e-13 * (i.spot + i.strike));
        const fd = (field: 'spot' | 'v0' | 'expiry' | 'rate' | 'dividendYield', h: number): number =>
          (hestonPrice({ ...i, [field]: (i[field] ?? 0) + h }) - hestonPrice({ ...i, [field]: (i[field] ?? 0) - h })) / (2 * h);
        const hs = 1e-4 * i.spot;
        const scale = i.spot + i.strike;
        expect(Math.abs(g.delta - fd('spot', 1e-5 * i.spot))).toBeLessThan(1e-6);
        const gammaFd =
          (hestonPrice({ ...i, spot: i.spot + hs }) - 2 * g.price + hestonPrice({ ...i, spot: i.spot - hs })) / (hs * hs);
        expect(Math.abs(g.gamma - gammaFd)).toBeLessThan(1e-4 * (1 + Math.abs(g.gamma)));
        expect(Math.abs(g.vega - fd('v0', 1e-5))).toBeLessThan(1e-5 * scale);
        expect(Math.abs(g.theta + fd('expiry', 1e-5))).toBeLessThan(1e-6 * scale);
        expect(Math.abs(g.rho - fd('rate', 1e-6))).toBeLessThan(1e-6 * scale);
        expect(Math.abs(g.phi - fd('dividendYield', 1e-6))).toBeLessThan(1e-6 * scale);
      }),
      { numRuns: 25 },
    );
  });
});

describe('hestonPrice edge cases', () => {
  const base: HestonInput = { type: 'call', spot: 100, strike: 100, expiry: 1, rate: 0.02, dividendYield: 0.01, v0: 0.04, kappa: 1.5, theta: 0.04, sigma: 0.5, rho: -0.7 };

  it('expiry 0 gives intrinsic', () => {
    expect(hestonPrice({ ...base, strike: 90, expiry: 0 })).toBe(10);
    expect(hestonPrice({ ...base, type: 'put', strike: 90, expiry: 0 })).toBe(0);
  });

  it('zero variance everywhere gives the discounted intrinsic of the forward', () => {
    const v = hestonPrice({ ...base, v0: 0, theta: 0, strike: 90 });
    const F = 100 * Math.exp(0.01);
    expect(Math.abs(v - Math.exp(-0.02) * (F - 90))).toBeLessThan(1e-12);
  });

  it('Feller-violating, large κ, short and long expiry, deep OTM all price finitely within bounds', () => {
    const cases: Partial<HestonInput>[] = [
      { sigma: 2, kappa: 0.1, theta: 0.01 },
      { kappa: 50, sigma: 1 },
      { expiry: 1 / 365 },
      { expiry: 30 },
      { strike: 300, expiry: 0.1 },
      { strike: 20, type: 'put', expiry: 0.1 },
      { sigma: 1e-9 },
      { kappa: 0 },
    ];
    for (const c of cases) {
      const v = hestonPrice({ ...base, ...c });
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('large κ tends to Black-Scholes at vol √θ', () => {
    const i = { ...base, v0: 0.09, theta: 0.04, kappa: 500, sigma: 0.3 };
    const bs = bsPrice({ type: 'call', spot: 100, strike: 100, expiry: 1, rate: 0.02, dividendYield: 0.01, vol: deterministicVol(i) });
    expect(Math.abs(hestonPrice(i) - bs)).toBeLessThan(2e-3);
  });

  it('rejects bad input with the field named', () => {
    const bad: [Partial<HestonInput> | Record<string, unknown>, string][] = [
      [{ spot: -1 }, 'spot'],
      [{ strike: 0 }, 'strike'],
      [{ expiry: -1 }, 'expiry'],
      [{ v0: NaN }, 'v0'],
      [{ kappa: -1 }, 'kappa'],
      [{ theta: Infinity }, 'theta'],
      [{ sigma: -0.1 }, 'sigma'],
      [{ rho: 1 }, 'rho'],
      [{ rho: -1.5 }, 'rho'],
      [{ type: 'straddle' }, 'type'],
      [{ dividendYield: NaN }, 'dividendYield'],
    ];
    for (const [patch, field] of bad) {
      let err: unknown;
      try {
        hestonPrice({ ...base, ...patch } as HestonInput);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
  });
});

describe('hestonCharacteristicFunction', () => {
  const p = { v0: 0.04, kappa: 1.5, theta: 0.05, sigma: 0.6, rho: -0.6, expiry: 2 };
  it('φ(0) = 1 and φ(-i) = 1 (martingale)', () => {
    const a = hestonCharacteristicFunction({ ...p, u: 0 });
    expect(Math.abs(a.re - 1)).toBeLessThan(1e-15);
    expect(Math.abs(a.im)).toBeLessThan(1e-15);
    const b = hestonCharacteristicFunction({ ...p, u: { re: 0, im: -1 } });
    expect(Math.abs(b.re - 1)).toBeLessThan(1e-14);
    expect(Math.abs(b.im)).toBeLessThan(1e-14);
  });
  it('|φ(u)| ≤ 1 and φ(-u) = conj φ(u) for real u', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 200, noNaN: true }), (u) => {
        const a = hestonCharacteristicFunction({ ...p, u });
        const b = hestonCharacteristicFunction({ ...p, u: -u });
        expect(Math.hypot(a.re, a.im)).toBeLessThanOrEqual(1 + 1e-14);
        expect(Math.abs(a.re - b.re)).toBeLessThan(1e-14);
        expect(Math.abs(a.im + b.im)).toBeLessThan(1e-14);
      }),
      { numRuns: 100 },
    );
  });
  it('σ = 0 gives the Gaussian CF with the deterministic variance', () => {
    const u = 1.7;
    const w = p.theta * p.expiry + ((p.v0 - p.theta) * (1 - Math.exp(-p.kappa * p.expiry))) / p.kappa;
    const a = hestonCharacteristicFunction({ ...p, sigma: 0, u });
    // E[e^{iuX}], X ~ N(-w/2, w): exp(-iuw/2 - u²w/2)
    const m = Math.exp(-0.5 * u * u * w);
    expect(Math.abs(a.re - m * Math.cos(-0.5 * u * w))).toBeLessThan(1e-15);
    expect(Math.abs(a.im - m * Math.sin(-0.5 * u * w))).toBeLessThan(1e-15);
  });
  it('rejects bad u', () => {
    expect(() => hestonCharacteristicFunction({ ...p, u: NaN })).toThrow(InvalidInputError);
    expect(() => hestonCharacteristicFunction({ ...p, u: 'x' as never })).toThrow(InvalidInputError);
  });
});
