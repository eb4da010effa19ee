/**
 * Laws every European pricer must obey, checked with fast-check over wide random inputs:
 * put-call parity, the no-arbitrage bounds, monotonicity in vol, monotonicity and convexity in
 * strike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bachelierPrice, black76Price, bsPrice } from '@quantforge/pricing';

const arbBs = fc.record({
  spot: fc.double({ min: 1, max: 1000, noNaN: true }),
  moneyness: fc.double({ min: 0.3, max: 3, noNaN: true }),
  expiry: fc.double({ min: 1 / 365, max: 10, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.1, noNaN: true }),
  vol: fc.double({ min: 0.01, max: 2, noNaN: true }),
});

describe('Black-Scholes-Merton laws', () => {
  it('put-call parity: C - P = S e^{-qT} - K e^{-rT}', () => {
    fc.assert(
      fc.property(arbBs, ({ spot, moneyness, expiry, rate, dividendYield, vol }) => {
        const strike = spot * moneyness;
        const base = { spot, strike, expiry, rate, dividendYield, vol };
        const call = bsPrice({ type: 'call', ...base });
        const put = bsPrice({ type: 'put', ...base });
        const forwardValue = spot * Math.exp(-dividendYield * expiry) - strike * Math.exp(-rate * expiry);
        // Both prices carry a few ulps of their own size; the bound scales with the larger one.
        expect(Math.abs(call - put - forwardValue)).toBeLessThanOrEqual(1e-13 * Math.max(spot, strike));
      }),
    );
  });

  it('bounds: max(w(Se^{-qT} - Ke^{-rT}), 0) <= price <= Se^{-qT} (call) / Ke^{-rT} (put)', () => {
    fc.assert(
      fc.property(arbBs, fc.constantFrom('call' as const, 'put' as const), (p, type) => {
        const strike = p.spot * p.moneyness;
        const price = bsPrice({ type, ...p, strike });
        const ds = p.spot * Math.exp(-p.dividendYield * p.expiry);
        const dk = strike * Math.exp(-p.rate * p.expiry);
        const w = type === 'call' ? 1 : -1;
        const slack = 1e-13 * Math.max(ds, dk);
        expect(price).toBeGreaterThanOrEqual(Math.max(w * (ds - dk), 0) - slack);
        expect(price).toBeLessThanOrEqual((type === 'call' ? ds : dk) + slack);
      }),
    );
  });

  it('increases with vol', () => {
    fc.assert(
      fc.property(arbBs, fc.constantFrom('call' as const, 'put' as const), fc.double({ min: 1.01, max: 2, noNaN: true }), (p, type, factor) => {
        const strike = p.spot * p.moneyness;
        const low = bsPrice({ type, ...p, strike });
        const high = bsPrice({ type, ...p, strike, vol: p.vol * factor });
        // Where vega underflows (deep in the money, tiny vol·√T) both prices are the discounted
        // intrinsic value, computed by cancellation of terms of size max(S, K): allow their rounding.
        expect(high).toBeGreaterThanOrEqual(low - 1e-14 * Math.max(p.spot, strike));
      }),
    );
  });

  it('call decreases and put increases in strike; both convex in strike', () => {
    fc.assert(
      fc.property(arbBs, fc.constantFrom('call' as const, 'put' as const), fc.double({ min: 0.001, max: 0.2, noNaN: true }), (p, type, step) => {
        const k = p.spot * p.moneyness;
        const h = k * step;
        const [lo, mid, hi] = [k - h, k, k + h].map((strike) => bsPrice({ type, ...p, strike }));
        const slack = 1e-12 * p.spot;
        if (type === 'call') expect(hi).toBeLessThanOrEqual(mid + slack);
        else expect(hi).toBeGreaterThanOrEqual(mid - slack);
        // Convexity: the price at the middle strike lies below the chord.
        expect(mid).toBeLessThanOrEqual((lo + hi) / 2 + slack);
      }),
    );
  });
});

describe('Black-76 and Bachelier laws', () => {
  it('Black-76 equals BSM with q = r on the forward (spot = forward, dividendYield = rate)', () => {
    fc.assert(
      fc.property(arbBs, fc.constantFrom('call' as const, 'put' as const), (p, type) => {
        const strike = p.spot * p.moneyness;
        const b76 = black76Price({ type, forward: p.spot, strike, expiry: p.expiry, rate: p.rate, vol: p.vol });
        const bs = bsPrice({ type, spot: p.spot, strike, expiry: p.expiry, rate: p.rate, dividendYield: p.rate, vol: p.vol });
        expect(Math.abs(b76 - bs)).toBeLessThanOrEqual(1e-13 * Math.max(p.spot, strike));
      }),
    );
  });

  it('Bachelier put-call parity C - P = D (F - K), also for negative forwards', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 1 / 365, max: 30, noNaN: true }),
        fc.double({ min: -0.02, max: 0.1, noNaN: true }),
        fc.double({ min: 0.001, max: 3, noNaN: true }),
        (forward, strike, expiry, rate, vol) => {
          const base = { forward, strike, expiry, rate, vol };
          const call = bachelierPrice({ type: 'call', ...base });
          const put = bachelierPrice({ type: 'put', ...base });
          const scale = Math.max(Math.abs(forward), Math.abs(strike), vol * Math.sqrt(expiry));
          expect(Math.abs(call - put - Math.exp(-rate * expiry) * (forward - strike))).toBeLessThanOrEqual(1e-13 * scale);
        },
      ),
    );
  });

  it('Bachelier price is increasing in vol and convex in strike', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (moneyness, vol, h) => {
          const base = { type: 'call' as const, forward: 1, expiry: 1, rate: 0.01 };
          const p = (strike: number, v = vol) => bachelierPrice({ ...base, strike, vol: v });
          const k = 1 + moneyness;
          // Rounding slack: a few ulps of the largest term, |F - K| <= 3.
          expect(p(k, vol * 1.5)).toBeGreaterThanOrEqual(p(k) - 1e-14);
          expect(p(k)).toBeLessThanOrEqual((p(k - h) + p(k + h)) / 2 + 1e-14);
        },
      ),
    );
  });
});
