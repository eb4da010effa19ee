import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '@quantforge/core';
import { black76Price } from '@quantforge/pricing';
import { black76Greeks, bsGreeks, BLACK76_GREEK_NAMES } from '@quantforge/greeks';
import type { Black76Greeks, Black76GreeksInput } from '@quantforge/greeks';
import { fdUnits, richardson } from '../fd';
import { greeksFixture, toleranceUnits } from '../helpers';

/** Forward within 2.5 standard deviations of the strike, T 0.05–3 y, vol 5–90%. */
const wellConditioned = fc
  .record({
    type: fc.constantFrom<'call' | 'put'>('call', 'put'),
    forward: fc.double({ min: 50, max: 150, noNaN: true }),
    z: fc.double({ min: -2.5, max: 2.5, noNaN: true }),
    expiry: fc.double({ min: 0.05, max: 3, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.08, noNaN: true }),
    vol: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  })
  .map(({ z, ...r }): Black76GreeksInput => ({ ...r, strike: r.forward * Math.exp(z * r.vol * Math.sqrt(r.expiry)) }));

type Var = 'forward' | 'strike' | 'vol' | 'expiry' | 'rate';
const RELATIONS: ReadonlyArray<readonly [keyof Black76Greeks, keyof Black76Greeks, Var, 1 | -1]> = [
  ['delta', 'price', 'forward', 1],
  ['gamma', 'delta', 'forward', 1],
  ['speed', 'gamma', 'forward', 1],
  ['vega', 'price', 'vol', 1],
  ['vanna', 'delta', 'vol', 1],
  ['volga', 'vega', 'vol', 1],
  ['zomma', 'gamma', 'vol', 1],
  ['ultima', 'volga', 'vol', 1],
  ['theta', 'price', 'expiry', -1],
  ['charm', 'delta', 'expiry', -1],
  ['color', 'gamma', 'expiry', -1],
  ['veta', 'vega', 'expiry', -1],
  ['rho', 'price', 'rate', 1],
  ['dualDelta', 'price', 'strike', 1],
  ['dualGamma', 'dualDelta', 'strike', 1],
];

function step(v: Var, x: Black76GreeksInput): { h: number; scale: number } {
  if (v === 'forward' || v === 'strike') return { h: 1e-2 * x.vol * Math.sqrt(x.expiry) * x[v], scale: x[v] };
  if (v === 'vol' || v === 'expiry') return { h: 1e-3 * x[v], scale: x[v] };
  return { h: 1e-4, scale: 1 / Math.max(x.expiry, 1) };
}

describe('black76Greeks', () => {
  it('has exactly the documented outputs (no phi)', () => {
    const g = black76Greeks({ type: 'call', forward: 100, strike: 100, expiry: 1, rate: 0.02, vol: 0.3 });
    expect(Object.keys(g).sort()).toEqual([...BLACK76_GREEK_NAMES].sort());
  });

  for (const [greek, parent, v, sign] of RELATIONS) {
    it(`${greek} = ${sign < 0 ? '-' : ''}d${parent}/d${v} (forward held fixed)`, () => {
      fc.assert(
        fc.property(wellConditioned, (x) => {
          const { h, scale } = step(v, x);
          const f = (y: number) => black76Greeks({ ...x, [v]: y })[parent];
          const fd = sign * richardson(f, x[v] as number, h);
          const g = black76Greeks(x);
          expect(fdUnits(fd, g[greek], g[parent], scale, 1e-6), `${greek}: ${g[greek]} vs fd ${fd}`).toBeLessThanOrEqual(1);
        }),
        { numRuns: 150, seed: 99 },
      );
    });
  }

  it('equals bsGreeks with spot = forward and dividendYield = rate (bit for bit), except rho = -T·V', () => {
    fc.assert(
      fc.property(wellConditioned, (x) => {
        const b = black76Greeks(x);
        const s = bsGreeks({ type: x.type, spot: x.forward, strike: x.strike, expiry: x.expiry, rate: x.rate, dividendYield: x.rate, vol: x.vol });
        for (const k of BLACK76_GREEK_NAMES) if (k !== 'rho') expect(Object.is(b[k], s[k]), k).toBe(true);
        expect(b.rho).toBe(-x.expiry * b.price);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('price agrees with @quantforge/pricing black76Price within the fixture tolerance', () => {
    fc.assert(
      fc.property(wellConditioned, (x) => {
        expect(toleranceUnits(black76Greeks(x).price, black76Price(x), greeksFixture.tolerance)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('expiry = 0: undiscounted intrinsic, payoff delta, other greeks 0', () => {
    const g = black76Greeks({ type: 'put', forward: 90, strike: 100, expiry: 0, rate: 0.05, vol: 0.3 });
    expect(g.price).toBe(10);
    expect(g.delta).toBe(-1);
    expect(g.dualDelta).toBe(1);
    for (const k of BLACK76_GREEK_NAMES) if (!['price', 'delta', 'dualDelta'].includes(k)) expect(g[k], k).toBe(0);
  });

  it.each([
    ['forward', Number.NaN],
    ['forward', 0],
    ['strike', -1],
    ['vol', Infinity],
    ['expiry', -1],
    ['rate', Number.NaN],
    ['type', 'future'],
  ] as const)('%s = %s throws InvalidInputError naming the field', (field, value) => {
    const x = { type: 'call', forward: 100, strike: 100, expiry: 1, rate: 0.02, vol: 0.3, [field]: value } as Black76GreeksInput;
    expect(() => black76Greeks(x)).toThrow(InvalidInputError);
    try {
      black76Greeks(x);
    } catch (e) {
      expect((e as InvalidInputError).field).toBe(field);
    }
  });
});
