/**
 * The finite-difference American engine (src/american/fd): accuracy against QuantLib 1.29's
 * QdFpAmericanEngine (qdfp.json, literature.json), the ALO example, convergence, the laws,
 * cash dividends, edge cases and option validation.
 *
 * Documented tolerances (measured worst case over the file in brackets):
 *  - default 200x200 (Richardson in space): price 1e-3 [2.8e-4], delta 1e-3 [2.7e-4],
 *    gamma 5e-4 [1.9e-4];
 *  - 800x800: price 1e-4 [5.4e-6], delta 2e-5 [3.9e-6], gamma 3e-5 [1.2e-5].
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { americanPrice, bsPrice } from '@quantforge/pricing';
import type { AmericanInput, AmericanOptions, BsInput } from '@quantforge/pricing';
import { fdEngine } from '../../../src/american/fd/fd-engine';
import { americanParams } from '../../../src/american/params';
import { loadFixture } from '../../../../../test-utils/fixture';

type Expected = { price: number; delta: number; gamma: number };
const qdfp = loadFixture<BsInput, Expected>(new URL('../../fixtures/american/qdfp.json', import.meta.url));
const literature = loadFixture<BsInput, Expected>(new URL('../../fixtures/american/literature.json', import.meta.url));

const fd = (input: AmericanInput, o: AmericanOptions = {}, boundary = false) => fdEngine(americanParams(input), o, boundary);
function boundaryOf(input: AmericanInput, o: AmericanOptions) {
  const b = fd(input, o, true).boundary;
  if (b === undefined) throw new Error('no boundary');
  return b;
}
function caseById(id: string) {
  const c = qdfp.cases.find((k) => k.id === id);
  if (c === undefined) throw new Error(id);
  return c;
}

function worst(cases: typeof qdfp.cases, o: AmericanOptions) {
  let price = 0, delta = 0, gamma = 0;
  for (const c of cases) {
    const r = fd(c.input, o);
    price = Math.max(price, Math.abs(r.price - c.expected.price));
    delta = Math.max(delta, Math.abs(r.delta - c.expected.delta));
    gamma = Math.max(gamma, Math.abs(r.gamma - c.expected.gamma));
  }
  return { price, delta, gamma };
}

describe('fd vs QuantLib QdFpAmericanEngine fixtures', () => {
  it(`${qdfp.name}: all ${qdfp.cases.length} cases at the default 200x200`, () => {
    const e = worst(qdfp.cases, {});
    console.info(`fd 200x200 vs ${qdfp.name}: worst price ${e.price.toExponential(2)}, delta ${e.delta.toExponential(2)}, gamma ${e.gamma.toExponential(2)}`);
    expect(e.price).toBeLessThan(1e-3);
    expect(e.delta).toBeLessThan(1e-3);
    expect(e.gamma).toBeLessThan(5e-4);
  });
  it(`${literature.name}: all ${literature.cases.length} cases at the default 200x200`, () => {
    const e = worst(literature.cases, {});
    expect(e.price).toBeLessThan(1e-3);
    expect(e.delta).toBeLessThan(1e-3);
    expect(e.gamma).toBeLessThan(2e-3);
  });
  it(`${qdfp.name}: every 5th case at 800x800 within 1e-4`, () => {
    const e = worst(qdfp.cases.filter((_c, i) => i % 5 === 0), { timeSteps: 800, spaceSteps: 800 });
    expect(e.price).toBeLessThan(1e-4);
    expect(e.delta).toBeLessThan(2e-5);
    expect(e.gamma).toBeLessThan(3e-5);
  });
  it('ALO example put (S=100 K=95 r=7.5% q=5% σ=25% T=1): European + premium 0.2386475283369327 (QuantLib FP-A)', () => {
    const input: BsInput = { type: 'put', spot: 100, strike: 95, expiry: 1, rate: 0.075, dividendYield: 0.05, vol: 0.25 };
    const exact = bsPrice(input) + 0.2386475283369327;
    expect(Math.abs(fd(input).price - exact)).toBeLessThan(1e-4);
    expect(Math.abs(fd(input, { timeSteps: 1000, spaceSteps: 1000 }).price - exact)).toBeLessThan(1e-5);
  });
});

describe('convergence', () => {
  // High-vol, long-dated cases are the hardest for the grid (it spans ±5.6 σ√T).
  const hard = ['american-064', 'american-024', 'american-026'].map(caseById);
  it('plain Crank-Nicolson + Rannacher: error falls ~4x per doubling of both grids (second order)', () => {
    const err = [50, 100, 200, 400].map((n) => Math.max(...hard.map((c) => Math.abs(fd(c.input, { timeSteps: n, spaceSteps: n, richardson: false }).price - c.expected.price))));
    for (let k = 1; k < err.length; k++) expect(err[k - 1] / err[k]).toBeGreaterThan(3);
  });
  it('with Richardson in space the error is far smaller and still falls', () => {
    const err = [100, 200, 400].map((n) => Math.max(...hard.map((c) => Math.abs(fd(c.input, { timeSteps: n, spaceSteps: n }).price - c.expected.price))));
    const plain = Math.max(...hard.map((c) => Math.abs(fd(c.input, { richardson: false }).price - c.expected.price)));
    expect(err[1]).toBeLessThan(plain / 5);
    expect(err[2]).toBeLessThan(err[0]);
  });
});

describe('laws', () => {
  const arb = fc.record({
    type: fc.constantFrom('call' as const, 'put' as const),
    spot: fc.double({ min: 70, max: 130, noNaN: true }),
    strike: fc.double({ min: 80, max: 120, noNaN: true }),
    expiry: fc.double({ min: 0.05, max: 2, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.08, noNaN: true }),
    dividendYield: fc.double({ min: 0, max: 0.08, noNaN: true }),
    vol: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
  });
  it('American >= European (less the grid error 1e-3) and >= intrinsic', () => {
    fc.assert(fc.property(arb, (input) => {
      const r = fd(input, { timeSteps: 100, spaceSteps: 100 });
      expect(r.price).toBeGreaterThanOrEqual(bsPrice(input) - 2e-3);
      expect(r.price).toBeGreaterThanOrEqual(Math.max(input.type === 'call' ? input.spot - input.strike : input.strike - input.spot, 0));
    }), { numRuns: 40 });
  });
  it('a call without dividends (q = 0, r >= 0) is the European call', () => {
    fc.assert(fc.property(arb, (input) => {
      const call = { ...input, type: 'call' as const, dividendYield: 0, rate: Math.abs(input.rate) };
      expect(Math.abs(fd(call).price - bsPrice(call))).toBeLessThan(1e-3);
    }), { numRuns: 25 });
  });
  it('PSOR and Brennan-Schwartz solve the same problem', () => {
    for (const c of qdfp.cases.slice(0, 12)) {
      const a = fd(c.input, { exercise: 'psor', timeSteps: 100, spaceSteps: 100 });
      const b = fd(c.input, { timeSteps: 100, spaceSteps: 100 });
      expect(Math.abs(a.price - b.price)).toBeLessThan(1e-8);
      expect(Math.abs(a.delta - b.delta)).toBeLessThan(1e-7);
    }
  });
  it('delta, gamma and theta agree with finite differences of the price', () => {
    const input: BsInput = { type: 'put', spot: 100, strike: 105, expiry: 1, rate: 0.05, dividendYield: 0.01, vol: 0.3 };
    const o = { timeSteps: 400, spaceSteps: 400 };
    const r = fd(input, o);
    const at = (d: Partial<BsInput>) => fd({ ...input, ...d }, o).price;
    expect(Math.abs(r.delta - (at({ spot: 100.01 }) - at({ spot: 99.99 })) / 0.02)).toBeLessThan(1e-4);
    expect(Math.abs(r.gamma - (at({ spot: 100.5 }) - 2 * r.price + at({ spot: 99.5 })) / 0.25)).toBeLessThan(2e-4);
    // theta = dV/dt as calendar time passes = -dV/d(expiry)
    expect(Math.abs(r.theta + (at({ expiry: 1.001 }) - at({ expiry: 0.999 })) / 0.002)).toBeLessThan(1e-3);
  });
});

describe('exercise boundary', () => {
  const input: BsInput = { type: 'put', spot: 100, strike: 120, expiry: 5, rate: 0.1, dividendYield: 0.03, vol: 0.25 };
  const b = boundaryOf(input, { timeSteps: 400, spaceSteps: 400 });
  const interp = (t: number) => {
    let j = 1;
    while (b.time[j] < t) j++;
    return b.spot[j - 1] + ((b.spot[j] - b.spot[j - 1]) * (t - b.time[j - 1])) / (b.time[j] - b.time[j - 1]);
  };
  it('time to expiry increasing, one value per step, ending at the expiry', () => {
    expect(b.time.length).toBe(400);
    for (let k = 1; k < b.time.length; k++) expect(b.time[k]).toBeGreaterThan(b.time[k - 1]);
    expect(b.time[b.time.length - 1]).toBe(5);
  });
  it('a put boundary lies below the strike and falls with time to expiry (up to grid noise)', () => {
    for (let k = 1; k < b.spot.length; k++) {
      expect(b.spot[k]).toBeLessThanOrEqual(120);
      expect(b.spot[k]).toBeLessThanOrEqual(b.spot[k - 1] + 0.05);
    }
  });
  it('close to the QD+ boundary quoted by QuantLib (B(4.9)=87.7696, B(0.1)=106.2589; QD+ is itself approximate)', () => {
    expect(Math.abs(interp(4.9) - 87.76960949965387)).toBeLessThan(0.5);
    expect(Math.abs(interp(0.1) - 106.2588964442338)).toBeLessThan(0.5);
  });
  it('a call without dividends is never exercised (boundary +Infinity)', () => {
    const c = boundaryOf({ ...input, type: 'call', dividendYield: 0 }, { timeSteps: 50, spaceSteps: 50 });
    expect(c.spot.every((s) => s === Infinity)).toBe(true);
  });
});

describe('cash dividends', () => {
  const call: AmericanInput = { type: 'call', spot: 100, strike: 90, expiry: 1, rate: 0.05, vol: 0.2, dividends: [{ time: 0.99, amount: 8 }] };
  it('a call with a large dividend just before expiry is exercised before it', () => {
    const r = fd(call);
    const bd = boundaryOf(call, {});
    const pv = 8 * Math.exp(-0.05 * 0.99);
    // Exercise just before the dividend is a strategy: worth at least the European call to t_d on the cum-dividend share.
    const toExDate = bsPrice({ type: 'call', spot: 100, strike: 90, expiry: 0.99, rate: 0.05, vol: 0.2 });
    expect(r.price).toBeGreaterThan(bsPrice({ type: 'call', spot: 100 - pv, strike: 90, expiry: 1, rate: 0.05, vol: 0.2 }) + 5);
    expect(r.price).toBeGreaterThanOrEqual(toExDate - 1e-3);
    // The boundary is finite only at the step just before the dividend (τ = 0.01).
    const finite = [...bd.time].filter((_t, k) => Number.isFinite(bd.spot[k]));
    expect(finite.length).toBeGreaterThan(0);
    expect(finite.every((t) => Math.abs(t - 0.01) < 1e-9)).toBe(true);
  });
  it('a put with two dividends: default grid vs 1000x1000, PSOR, and above the put without dividends', () => {
    const put: AmericanInput = { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, vol: 0.3, dividends: [{ time: 0.25, amount: 2 }, { time: 0.75, amount: 2 }] };
    const r = fd(put).price;
    expect(Math.abs(r - fd(put, { timeSteps: 1000, spaceSteps: 1000 }).price)).toBeLessThan(1e-4);
    expect(Math.abs(r - fd(put, { exercise: 'psor' }).price)).toBeLessThan(1e-8);
    expect(r).toBeGreaterThan(fd({ ...put, dividends: [] }).price + 1);
  });
  it('a dividend larger than the spot leaves a worthless share: the put is worth the strike', () => {
    const r = fd({ type: 'put', spot: 10, strike: 50, expiry: 1, rate: 0.05, vol: 0.2, dividends: [{ time: 0, amount: 20 }] });
    expect(r.price).toBeCloseTo(50, 6);
  });
});

describe('edge cases', () => {
  it('tiny vol (1e-4): the deterministic value max_t e^{-rt} payoff(S e^{(r-q)t})', () => {
    for (const [type, strike] of [['put', 95], ['put', 110], ['call', 95], ['call', 105]] as const) {
      const input: BsInput = { type, spot: 100, strike, expiry: 1, rate: 0.05, dividendYield: 0.02, vol: 1e-4 };
      let best = 0;
      for (let k = 0; k <= 10_000; k++) {
        const t = k / 10_000;
        const s = 100 * Math.exp(0.03 * t);
        best = Math.max(best, Math.exp(-0.05 * t) * Math.max(type === 'call' ? s - strike : strike - s, 0));
      }
      const r = fd(input);
      expect(Number.isFinite(r.delta) && Number.isFinite(r.gamma) && Number.isFinite(r.theta)).toBe(true);
      expect(Math.abs(r.price - best)).toBeLessThan(1e-3);
    }
  });
  it('30-year expiry: finite, converging (default within 1e-2 of 2000x2000)', () => {
    const input: BsInput = { type: 'put', spot: 100, strike: 100, expiry: 30, rate: 0.05, dividendYield: 0.01, vol: 0.3 };
    const fine = fd(input, { timeSteps: 2000, spaceSteps: 2000 }).price;
    expect(Math.abs(fd(input).price - fine)).toBeLessThan(1e-2);
    expect(Math.abs(fd(input, { timeSteps: 1000, spaceSteps: 1000 }).price - fine)).toBeLessThan(5e-4);
    expect(fine).toBeGreaterThan(bsPrice(input));
  });
  it('negative rate, no yield: the put is never exercised early, American = European', () => {
    const input: BsInput = { type: 'put', spot: 100, strike: 100, expiry: 1, rate: -0.01, vol: 0.2 };
    expect(Math.abs(fd(input).price - bsPrice(input))).toBeLessThan(1e-4);
    expect(Math.abs(fd(input, { exercise: 'psor' }).price - bsPrice(input))).toBeLessThan(1e-4);
  });
  it('deep ITM put: exactly the intrinsic value, delta -1, gamma 0, theta 0', () => {
    expect(fd({ type: 'put', spot: 50, strike: 100, expiry: 1, rate: 0.05, vol: 0.2 })).toEqual({ price: 50, delta: -1, gamma: 0, theta: 0 });
  });
  it('high vol (σ = 3) and extreme moneyness give finite prices', () => {
    for (const spot of [1, 100, 10_000]) {
      const r = fd({ type: 'put', spot, strike: 100, expiry: 2, rate: 0.03, vol: 3 });
      expect(Number.isFinite(r.price) && Number.isFinite(r.delta) && Number.isFinite(r.gamma)).toBe(true);
      expect(r.price).toBeGreaterThanOrEqual(Math.max(100 - spot, 0));
      expect(r.price).toBeLessThanOrEqual(100);
    }
  });
});

describe('options', () => {
  const input: BsInput = { type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, vol: 0.2 };
  it.each([
    [{ timeSteps: 9 }, 'options.timeSteps', '>= 10'],
    [{ timeSteps: 10.5 }, 'options.timeSteps', 'integer'],
    [{ spaceSteps: 19 }, 'options.spaceSteps', '>= 20'],
    [{ dampingSteps: -1 }, 'options.dampingSteps', '>= 0'],
    [{ exercise: 'lcp' as 'psor' }, 'options.exercise', 'psor'],
  ])('%o -> InvalidInputError(%s)', (o, field, reason) => {
    try {
      fd(input, o);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).field).toBe(field);
      expect((e as InvalidInputError).reason).toContain(reason);
    }
  });
  it('the minimum grid works; damping 0 (pure Crank-Nicolson) still prices', () => {
    expect(Number.isFinite(fd(input, { timeSteps: 10, spaceSteps: 20 }).price)).toBe(true);
    expect(Math.abs(fd(input, { dampingSteps: 0 }).price - fd(input).price)).toBeLessThan(1e-3);
  });
  it("through americanPrice({ method: 'fd' }): all greeks, vega and rho by bumps of the same grid", () => {
    const r = americanPrice(input, { method: 'fd' });
    const ref = americanPrice(input);
    expect(r.method).toBe('fd');
    expect(Math.abs(r.price - ref.price)).toBeLessThan(1e-3);
    expect(Math.abs(r.vega - ref.vega)).toBeLessThan(1e-2);
    expect(Math.abs(r.rho - ref.rho)).toBeLessThan(1e-2);
  });
});
