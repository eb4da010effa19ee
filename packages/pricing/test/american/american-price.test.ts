/**
 * The americanPrice contract across every method: the default method against QuantLib 1.29's
 * QdFpAmericanEngine (fixture qdfp.json, tolerance 1e-6), the laws every American price obeys
 * (fast-check), greeks against finite differences of the price, and the limits with defined
 * answers (expiry 0, spot 0) and bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { americanExerciseBoundary, americanPrice, bsPrice } from '@quantforge/pricing';
import type { AmericanInput, AmericanMethod, BsInput } from '@quantforge/pricing';
import { loadFixture, toleranceFor, withinTolerance } from '../../../../test-utils/fixture';

const qdfp = loadFixture<BsInput, { price: number; delta: number; gamma: number }>(new URL('../fixtures/american/qdfp.json', import.meta.url));

describe(`default method (fixed-point) vs ${qdfp.name}: ${qdfp.source.slice(0, 80)}...`, () => {
  const tol = toleranceFor(qdfp, 'price');
  it.each(qdfp.cases.map((c) => [c.id, c] as const))('%s price within 1e-6', (_id, c) => {
    const got = americanPrice(c.input).price;
    expect(withinTolerance(got, c.expected.price, tol), `got ${got}, expected ${c.expected.price}`).toBe(true);
  });
});

// Cheap settings per method so every law runs on every method within the suite's time budget.
const CHEAP: Record<AmericanMethod, object> = {
  'fixed-point': {},
  qdplus: {},
  crr: { steps: 200 },
  jr: { steps: 200 },
  tian: { steps: 200 },
  trigeorgis: { steps: 200 },
  'leisen-reimer': { steps: 101 },
  joshi: { steps: 101 },
  trinomial: { steps: 200 },
  fd: { timeSteps: 100, spaceSteps: 100 },
  lsm: { paths: 4000, timeSteps: 20 },
  baw: {},
  'bjerksund-stensland': {},
};
const METHODS = Object.keys(CHEAP) as AmericanMethod[];

const arbInput = fc.record({
  type: fc.constantFrom('call' as const, 'put' as const),
  spot: fc.double({ min: 70, max: 130, noNaN: true }),
  strike: fc.constant(100),
  expiry: fc.double({ min: 0.1, max: 2, noNaN: true }),
  rate: fc.double({ min: 0, max: 0.08, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.08, noNaN: true }),
  vol: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
});

/**
 * The error each method is allowed at its cheap settings, per input: the trees' first-order error
 * measured at <= 0.19 K σ √T / steps (their own convergence test), FD's documented ~1e-3 at
 * 100 x 100, LSM's 4 standard errors plus its discrete-exercise bias, the fixed-point 'accurate'
 * scheme's 1e-6 and the approximations' published few-cents accuracy.
 */
function allowedError(method: AmericanMethod, input: BsInput, stdError = 0): number {
  const scale = input.strike * input.vol * Math.sqrt(input.expiry);
  switch (method) {
    case 'fixed-point':
      return 1e-6;
    case 'qdplus':
    case 'baw':
    case 'bjerksund-stensland':
      return 0.1;
    case 'fd':
      return 2e-3 * Math.max(1, scale / 10);
    case 'lsm':
      return 4 * stdError + 0.05;
    case 'leisen-reimer':
    case 'joshi':
      return (0.25 * scale) / 101;
    default:
      return (0.25 * scale) / 200;
  }
}

describe.each(METHODS)('%s: laws', (method) => {
  const options = { method, ...CHEAP[method] };
  const numRuns = method === 'lsm' ? 8 : 30;
  it('American >= European (up to the method error)', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = americanPrice(input, options);
        if (method === 'bjerksund-stensland') {
          // A flat exercise boundary is one feasible policy: the formula is a lower bound that can
          // fall below the European value (QuantLib's σ = 10 check: 94.895 < 95.12), never below
          // the exercise value.
          expect(r.price).toBeGreaterThanOrEqual(Math.max((input.type === 'call' ? 1 : -1) * (input.spot - input.strike), 0) - 1e-12);
        } else {
          expect(r.price).toBeGreaterThanOrEqual(bsPrice(input) - allowedError(method, input, r.stdError));
        }
      }),
      { numRuns },
    );
  });
  it('a call without dividends is the European call', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const call = { ...input, type: 'call' as const, dividendYield: 0 };
        const r = americanPrice(call, options);
        expect(Math.abs(r.price - bsPrice(call))).toBeLessThanOrEqual(allowedError(method, call, r.stdError));
      }),
      { numRuns },
    );
  });
  it('returns finite price and greeks with the method name', () => {
    const r = americanPrice({ type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0.01, vol: 0.25 }, options);
    expect(r.method).toBe(method);
    for (const k of ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const) expect(Number.isFinite(r[k])).toBe(true);
  });
});

describe('fixed-point: monotonicity and greeks', () => {
  it('put price rises with strike, vol and expiry and falls with spot', () => {
    fc.assert(
      fc.property(arbInput, fc.double({ min: 1.01, max: 1.3, noNaN: true }), (input, f) => {
        const put = { ...input, type: 'put' as const };
        const p = americanPrice(put).price;
        const eps = 1e-9;
        expect(americanPrice({ ...put, strike: put.strike * f }).price).toBeGreaterThanOrEqual(p - eps);
        expect(americanPrice({ ...put, vol: put.vol * f }).price).toBeGreaterThanOrEqual(p - eps);
        expect(americanPrice({ ...put, expiry: put.expiry * f }).price).toBeGreaterThanOrEqual(p - eps);
        expect(americanPrice({ ...put, spot: put.spot * f }).price).toBeLessThanOrEqual(p + eps);
      }),
      { numRuns: 50 },
    );
  });

  it('delta, gamma, theta, vega, rho agree with central differences of the price', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = americanPrice(input);
        const price = (patch: Partial<AmericanInput>) => americanPrice({ ...input, ...patch }).price;
        const hS = 1e-3 * input.spot;
        const fdDelta = (price({ spot: input.spot + hS }) - price({ spot: input.spot - hS })) / (2 * hS);
        const fdGamma = (price({ spot: input.spot + hS }) - 2 * r.price + price({ spot: input.spot - hS })) / (hS * hS);
        const hT = 1e-4;
        const fdTheta = -(price({ expiry: input.expiry + hT }) - price({ expiry: input.expiry - hT })) / (2 * hT);
        const hV = 1e-4;
        const fdVega = (price({ vol: input.vol + hV }) - price({ vol: input.vol - hV })) / (2 * hV);
        const hR = 1e-4;
        const fdRho = (price({ rate: input.rate + hR }) - price({ rate: input.rate - hR })) / (2 * hR);
        // Truncation of the differences (h² terms) and the engine's own ~1e-10 noise divided by h.
        expect(Math.abs(r.delta - fdDelta)).toBeLessThan(1e-4);
        expect(Math.abs(r.gamma - fdGamma)).toBeLessThan(1e-3);
        expect(Math.abs(r.theta - fdTheta)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fdTheta)));
        expect(Math.abs(r.vega - fdVega)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fdVega)));
        expect(Math.abs(r.rho - fdRho)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fdRho)));
      }),
      { numRuns: 25 },
    );
  });

  it('the put exercise boundary rises toward the strike as time to expiry falls', () => {
    const b = americanExerciseBoundary({ type: 'put', spot: 100, strike: 100, expiry: 2, rate: 0.06, dividendYield: 0.01, vol: 0.3 });
    expect(b.time.length).toBeGreaterThan(2);
    for (let i = 1; i < b.time.length; i++) {
      expect(b.time[i]).toBeGreaterThan(b.time[i - 1]);
      expect(b.spot[i]).toBeLessThanOrEqual(b.spot[i - 1] + 1e-9);
    }
    expect(b.spot[0]).toBeLessThanOrEqual(100);
  });
});

describe('limits with defined answers and bad input', () => {
  const put = { type: 'put' as const, spot: 90, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0, vol: 0.2 };
  it.each(METHODS)('%s: expiry 0 gives intrinsic value, spot 0 gives K for a put and 0 for a call', (method) => {
    expect(americanPrice({ ...put, expiry: 0 }, { method }).price).toBe(10);
    expect(americanPrice({ ...put, spot: 0 }, { method }).price).toBe(100);
    expect(americanPrice({ ...put, type: 'call', spot: 0 }, { method }).price).toBe(0);
  });
  it('a deep in-the-money put is exercised at once: price = intrinsic', () => {
    const deep = { ...put, spot: 20 };
    expect(Math.abs(americanPrice(deep).price - 80)).toBeLessThan(1e-9);
  });
  it.each([
    ['spot', -1], ['strike', 0], ['vol', 0], ['expiry', -1], ['rate', Number.NaN], ['type', 'straddle'],
  ] as const)('%s = %s throws InvalidInputError naming it', (field, value) => {
    try {
      americanPrice({ ...put, [field]: value } as AmericanInput);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).field).toBe(field);
    }
  });
  it('an unknown method and cash dividends on an engine without them are rejected', () => {
    expect(() => americanPrice(put, { method: 'magic' as AmericanMethod })).toThrow(/options.method/);
    expect(() => americanPrice({ ...put, dividends: [{ time: 0.5, amount: 1 }] }, { method: 'baw' })).toThrow(/dividends/);
    expect(() => americanPrice({ ...put, dividends: [{ time: 0.5, amount: -1 }] }, { method: 'fd' })).toThrow(/dividends\[0\]\.amount/);
  });
});

describe('lsm: pathwise vega and rho (no bump-and-refit)', () => {
  it('agree with the fixed-point engine within Monte Carlo error on the ALO example put', () => {
    const input = { type: 'put' as const, spot: 100, strike: 95, expiry: 1, rate: 0.075, dividendYield: 0.05, vol: 0.25 };
    const exact = americanPrice(input);
    const mc = americanPrice(input, { method: 'lsm', paths: 20000, timeSteps: 50 });
    // Pathwise estimators at 20k paths: standard errors ~0.7 (vega) and ~0.3 (rho), plus the
    // Bermudan (50 dates) bias; 4 % bounds both by a wide margin while a bump-and-refit vega
    // (policy noise / 2.5e-5) was off by 45 %.
    expect(Math.abs(mc.vega - exact.vega) / exact.vega).toBeLessThan(0.04);
    expect(Math.abs(mc.rho - exact.rho) / Math.abs(exact.rho)).toBeLessThan(0.04);
  });
});
