import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError } from '@quantforge/core';
import { bsPrice, calibrateHeston, hestonPrice } from '@quantforge/pricing';
import type { HestonQuote } from '@quantforge/pricing';

const market = { spot: 100, rate: 0.02, dividendYield: 0.01 };
const truth = { v0: 0.03, kappa: 1.8, theta: 0.05, sigma: 0.6, rho: -0.65 };
const expiries = [0.25, 1, 2];
const strikes = [80, 90, 95, 100, 105, 110, 125];

function quotes(asVols: boolean): HestonQuote[] {
  const out: HestonQuote[] = [];
  for (const expiry of expiries) {
    const F = market.spot * Math.exp((market.rate - market.dividendYield) * expiry);
    for (const strike of strikes) {
      const type = strike >= F ? 'call' : 'put';
      const price = hestonPrice({ ...market, ...truth, type, strike, expiry });
      if (!asVols) out.push({ strike, expiry, type, price });
      else {
        // implied vol by bisection on bsPrice (derivation of the vol quote from the model price)
        let lo = 1e-4;
        let hi = 3;
        for (let i = 0; i < 200; i++) {
          const mid = 0.5 * (lo + hi);
          if (bsPrice({ ...market, type, strike, expiry, vol: mid }) > price) hi = mid;
          else lo = mid;
        }
        out.push({ strike, expiry, vol: 0.5 * (lo + hi) });
      }
    }
  }
  return out;
}

describe('calibrateHeston', () => {
  it('recovers the parameters that generated the prices (vega-weighted)', () => {
    const r = calibrateHeston({ ...market, quotes: quotes(false) });
    expect(r.rmse).toBeLessThan(1e-7);
    expect(Math.abs(r.v0 - truth.v0)).toBeLessThan(1e-4);
    expect(Math.abs(r.kappa - truth.kappa)).toBeLessThan(1e-2);
    expect(Math.abs(r.theta - truth.theta)).toBeLessThan(1e-3);
    expect(Math.abs(r.sigma - truth.sigma)).toBeLessThan(1e-2);
    expect(Math.abs(r.rho - truth.rho)).toBeLessThan(1e-3);
    expect(r.fellerRatio).toBeCloseTo((2 * r.kappa * r.theta) / r.sigma ** 2, 12);
  });

  it('fits implied-vol quotes from a given start', () => {
    const r = calibrateHeston({ ...market, quotes: quotes(true), initial: { v0: 0.04, kappa: 1, theta: 0.04, sigma: 0.4, rho: -0.3 } });
    expect(r.rmse).toBeLessThan(1e-6);
    expect(Math.abs(r.rho - truth.rho)).toBeLessThan(1e-2);
  });

  it('bad input', () => {
    const qs = quotes(false);
    expect(() => calibrateHeston({ ...market, quotes: qs.slice(0, 3) })).toThrow(NoSolutionError);
    expect(() => calibrateHeston({ ...market, quotes: [...qs.slice(0, 5), { strike: -1, expiry: 1, vol: 0.2 }] })).toThrow(InvalidInputError);
    expect(() => calibrateHeston({ ...market, quotes: [...qs.slice(0, 5), { strike: 100, expiry: 1, price: -1, type: 'call' }] })).toThrow(InvalidInputError);
    expect(() => calibrateHeston({ ...market, quotes: 'x' as never })).toThrow(InvalidInputError);
    expect(() => calibrateHeston({ ...market, spot: NaN, quotes: qs })).toThrow(InvalidInputError);
  });
});
