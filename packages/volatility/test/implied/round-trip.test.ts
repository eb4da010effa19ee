import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bachelierPrice, black76Price, bsPrice } from '@quantforge/pricing';
import { black76ImpliedVol, impliedNormalVol, impliedVol } from '../../src/index';

/**
 * Round trips vol → price → implied vol. The attainable relative accuracy of an implied vol is
 * about κ·(price error) with κ = m/(vega·vol) the relative condition number (Jäckel 2016,
 * "attainable accuracy"); m is the price for an out-of-the-money option, where a double-precision
 * price is good to a few ulps of itself, and max(S e^{-qT}, K e^{-rT}) in the money, where any
 * double-precision price (and the put-call parity Let's Be Rational uses) is good to a few ulps of
 * the larger term only. Where κ·ε ≤ 1e-14 (a 1e-12 relative vol change moves the price by ≥ 100
 * ulps) we demand 1e-12; elsewhere 1e-12 + 64·κ·ε, and rows with κ·ε > 1e-4 (price ≈ a bound to
 * within 4 digits of vol information) are skipped.
 */
const EPS = Number.EPSILON;
const LN_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function tolerance(kappa: number): number {
  return kappa * EPS <= 1e-14 ? 1e-12 : 1e-12 + 64 * kappa * EPS;
}

const type = fc.constantFrom<'call' | 'put'>('call', 'put');
/** One-day expiries and up to 10 years. */
const expiry = fc.oneof(fc.constant(1 / 365), fc.double({ min: 1 / 365, max: 10, noNaN: true }));
/** Standard deviations from the forward: deep out of (and into) the money. */
const z = fc.double({ min: -9, max: 9, noNaN: true });

describe('BSM round trip (bsPrice → impliedVol)', () => {
  it('recovers the vol for calls and puts over a wide domain', () => {
    fc.assert(
      fc.property(
        type,
        fc.double({ min: Math.log(0.5), max: Math.log(5000), noNaN: true }),
        z,
        fc.double({ min: 0.02, max: 3, noNaN: true }),
        expiry,
        fc.double({ min: -0.02, max: 0.12, noNaN: true }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        (t, lnSpot, zz, vol, T, rate, q) => {
          const spot = Math.exp(lnSpot);
          const stdDev = vol * Math.sqrt(T);
          const strike = spot * Math.exp((rate - q) * T - zz * stdDev);
          const price = bsPrice({ type: t, spot, strike, expiry: T, rate, dividendYield: q, vol });
          const d1 = (Math.log(spot / strike) + (rate - q) * T) / stdDev + 0.5 * stdDev;
          const lnVega = Math.log(spot) - q * T + 0.5 * Math.log(T) - 0.5 * d1 * d1 - LN_SQRT_TWO_PI;
          const upper = t === 'call' ? spot * Math.exp(-q * T) : strike * Math.exp(-rate * T);
          const intrinsic = Math.max((t === 'call' ? 1 : -1) * (spot * Math.exp(-q * T) - strike * Math.exp(-rate * T)), 0);
          fc.pre(price > 1e-300 && price < upper && price > intrinsic);
          const itm = zz * (t === 'call' ? 1 : -1) > 0;
          const m = itm ? Math.max(spot * Math.exp(-q * T), strike * Math.exp(-rate * T)) : price;
          const kappa = Math.exp(Math.log(m) - lnVega - Math.log(vol));
          fc.pre(kappa * EPS <= 1e-4);
          const implied = impliedVol({ type: t, price, spot, strike, expiry: T, rate, dividendYield: q });
          expect(Math.abs(implied - vol) / vol).toBeLessThanOrEqual(tolerance(kappa));
        },
      ),
      { numRuns: 3000, seed: 20240617 },
    );
  });

  it('one-day expiries, deep out of the money, low vol', () => {
    fc.assert(
      fc.property(type, fc.double({ min: 5, max: 9, noNaN: true }), fc.double({ min: 0.02, max: 0.2, noNaN: true }), (t, zz, vol) => {
        const spot = 100;
        const T = 1 / 365;
        const strike = spot * Math.exp((t === 'call' ? 1 : -1) * zz * vol * Math.sqrt(T)); // out of the money
        const price = bsPrice({ type: t, spot, strike, expiry: T, rate: 0.03, vol });
        fc.pre(price > 0);
        const implied = impliedVol({ type: t, price, spot, strike, expiry: T, rate: 0.03 });
        // Deep out of the money κ ≈ 1/z² < 1: fully conditioned.
        expect(Math.abs(implied - vol) / vol).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('Black-76 round trip (black76Price → black76ImpliedVol)', () => {
  it('recovers the vol', () => {
    fc.assert(
      fc.property(type, fc.double({ min: 0.5, max: 5000, noNaN: true }), z, fc.double({ min: 0.02, max: 3, noNaN: true }), expiry, fc.double({ min: -0.02, max: 0.12, noNaN: true }), (t, forward, zz, vol, T, rate) => {
        const stdDev = vol * Math.sqrt(T);
        const strike = forward * Math.exp(-zz * stdDev);
        const price = black76Price({ type: t, forward, strike, expiry: T, rate, vol });
        const d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
        const lnVega = Math.log(forward) - rate * T + 0.5 * Math.log(T) - 0.5 * d1 * d1 - LN_SQRT_TWO_PI;
        const df = Math.exp(-rate * T);
        const upper = df * (t === 'call' ? forward : strike);
        const intrinsic = df * Math.max((t === 'call' ? 1 : -1) * (forward - strike), 0);
        fc.pre(price > 1e-300 && price < upper && price > intrinsic);
        const itm = zz * (t === 'call' ? 1 : -1) > 0;
        const kappa = Math.exp(Math.log(itm ? df * Math.max(forward, strike) : price) - lnVega - Math.log(vol));
        fc.pre(kappa * EPS <= 1e-4);
        const implied = black76ImpliedVol({ type: t, price, forward, strike, expiry: T, rate });
        expect(Math.abs(implied - vol) / vol).toBeLessThanOrEqual(tolerance(kappa));
      }),
      { numRuns: 3000, seed: 1976 },
    );
  });
});

describe('Bachelier round trip (bachelierPrice → impliedNormalVol)', () => {
  it('recovers the normal vol, including negative forwards and strikes', () => {
    fc.assert(
      fc.property(
        type,
        fc.double({ min: -0.05, max: 0.1, noNaN: true }),
        z,
        fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
        expiry,
        fc.double({ min: -0.02, max: 0.12, noNaN: true }),
        (t, forward, zz, vol, T, rate) => {
          const stdDev = vol * Math.sqrt(T);
          const strike = forward - zz * stdDev;
          const price = bachelierPrice({ type: t, forward, strike, expiry: T, rate, vol });
          const d = (forward - strike) / stdDev;
          const df = Math.exp(-rate * T);
          const vega = df * Math.sqrt(T) * Math.exp(-0.5 * d * d - LN_SQRT_TWO_PI);
          const intrinsic = df * Math.max((t === 'call' ? 1 : -1) * (forward - strike), 0);
          fc.pre(price > intrinsic && vega > 0);
          const itm = zz * (t === 'call' ? 1 : -1) > 0;
          const kappa = (itm ? price + df * Math.max(Math.abs(forward), Math.abs(strike)) : price) / (vega * vol);
          fc.pre(kappa * EPS <= 1e-4);
          const implied = impliedNormalVol({ type: t, price, forward, strike, expiry: T, rate });
          expect(Math.abs(implied - vol) / vol).toBeLessThanOrEqual(tolerance(kappa));
        },
      ),
      { numRuns: 3000, seed: 2017 },
    );
  });

  it('at the money: σ = price·e^{rT}·√(2π)/√T', () => {
    const price = bachelierPrice({ type: 'call', forward: 0.02, strike: 0.02, expiry: 2, rate: 0.01, vol: 0.0075 });
    expect(impliedNormalVol({ type: 'call', price, forward: 0.02, strike: 0.02, expiry: 2, rate: 0.01 })).toBeCloseTo(0.0075, 15);
  });
});
