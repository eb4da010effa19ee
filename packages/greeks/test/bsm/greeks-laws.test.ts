import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bsGreeks } from '@quantforge/greeks';
import type { BsGreeks, BsGreeksInput } from '@quantforge/greeks';
import { fdUnits, richardson } from '../fd';

type Var = 'spot' | 'strike' | 'vol' | 'expiry' | 'rate' | 'dividendYield';
/** [greek, parent, variable, sign]: greek = sign · d(parent)/d(variable). */
const RELATIONS: ReadonlyArray<readonly [keyof BsGreeks, keyof BsGreeks, Var, 1 | -1]> = [
  ['delta', 'price', 'spot', 1],
  ['gamma', 'delta', 'spot', 1],
  ['speed', 'gamma', 'spot', 1],
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
  ['phi', 'price', 'dividendYield', 1],
  ['dualDelta', 'price', 'strike', 1],
  ['dualGamma', 'dualDelta', 'strike', 1],
];

/**
 * A well-conditioned domain: T 0.05–3 y, vol 5–90%, moderate r and q, and a strike within
 * 2.5 standard deviations of the spot (K = S·e^{z·σ√T}, |z| <= 2.5), so no greek is a
 * vanishing tail value whose finite difference is dominated by truncation error.
 */
const wellConditioned = fc
  .record({
    type: fc.constantFrom<'call' | 'put'>('call', 'put'),
    spot: fc.double({ min: 50, max: 150, noNaN: true }),
    z: fc.double({ min: -2.5, max: 2.5, noNaN: true }),
    expiry: fc.double({ min: 0.05, max: 3, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.08, noNaN: true }),
    dividendYield: fc.double({ min: 0, max: 0.06, noNaN: true }),
    vol: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  })
  .map(({ z, ...r }): BsGreeksInput => ({ ...r, strike: r.spot * Math.exp(z * r.vol * Math.sqrt(r.expiry)) }));

function step(v: Var, x: BsGreeksInput): { h: number; scale: number } {
  switch (v) {
    case 'spot':
    case 'strike':
      // a step small against the price distribution's width S·σ√T
      return { h: 1e-2 * x.vol * Math.sqrt(x.expiry) * x[v], scale: x[v] };
    case 'vol':
    case 'expiry':
      return { h: 1e-3 * x[v], scale: x[v] };
    default:
      // rates enter as r·T: a 1e-4 bump, derivative scale ~ T·parent
      return { h: 1e-4, scale: 1 / Math.max(x.expiry, 1) };
  }
}

const REL = 1e-6; // observed agreement ~2e-8 on this domain

describe('bsGreeks: each greek is the finite difference of its parent', () => {
  for (const [greek, parent, v, sign] of RELATIONS) {
    it(`${greek} = ${sign < 0 ? '-' : ''}d${parent}/d${v}`, () => {
      fc.assert(
        fc.property(wellConditioned, (x) => {
          const { h, scale } = step(v, x);
          const f = (y: number) => bsGreeks({ ...x, [v]: y })[parent];
          const fd = sign * richardson(f, x[v] as number, h);
          const g = bsGreeks(x);
          const units = fdUnits(fd, g[greek], g[parent], scale, REL);
          expect(units, `${greek}: analytic ${g[greek]}, fd ${fd}`).toBeLessThanOrEqual(1);
        }),
        { numRuns: 200, seed: 20240611 },
      );
    });
  }
});

describe('bsGreeks: put-call parity', () => {
  const rel = (a: number, b: number, scale = 0) => Math.abs(a - b) / (Math.abs(a) + Math.abs(b) + scale + 1e-300);
  it('delta_c - delta_p = e^{-qT}, dualDelta_c - dualDelta_p = -e^{-rT}, and the rest', () => {
    fc.assert(
      fc.property(wellConditioned, (x) => {
        const c = bsGreeks({ ...x, type: 'call' });
        const p = bsGreeks({ ...x, type: 'put' });
        const q = x.dividendYield ?? 0;
        const dq = Math.exp(-q * x.expiry);
        const dr = Math.exp(-x.rate * x.expiry);
        const S = x.spot;
        const K = x.strike;
        const T = x.expiry;
        expect(Math.abs(c.delta - p.delta - dq), 'delta').toBeLessThan(1e-15 * 4);
        expect(Math.abs(c.dualDelta - p.dualDelta + dr), 'dualDelta').toBeLessThan(1e-15 * 4);
        expect(rel(c.price - p.price, S * dq - K * dr, S * dq + K * dr), 'price').toBeLessThan(1e-14);
        expect(rel(c.rho - p.rho, T * K * dr, Math.abs(c.rho) + Math.abs(p.rho)), 'rho').toBeLessThan(1e-14);
        expect(rel(c.phi - p.phi, -T * S * dq, Math.abs(c.phi) + Math.abs(p.phi)), 'phi').toBeLessThan(1e-14);
        expect(rel(c.theta - p.theta, q * S * dq - x.rate * K * dr, Math.abs(c.theta) + Math.abs(p.theta)), 'theta').toBeLessThan(1e-14);
        expect(Math.abs(c.charm - p.charm - q * dq), 'charm').toBeLessThan(1e-15 * (1 + Math.abs(c.charm) + Math.abs(p.charm)));
        // Derivatives of order >= 2 in S, vol (and their time derivatives) do not see the
        // linear parity term: equal for call and put.
        for (const k of ['gamma', 'vega', 'vanna', 'volga', 'speed', 'zomma', 'ultima', 'color', 'veta', 'dualGamma'] as const) {
          expect(rel(c[k], p[k]), k).toBeLessThan(1e-14);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
