import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '@quantforge/core';
import { black76Price } from '@quantforge/pricing';
import { impliedNormalVol, sabrNormalVol, sabrVol } from '@quantforge/volatility';
import { loadFixture, toleranceFor, toleranceRatio, withinTolerance } from '../../../../test-utils/fixture';

interface HaganInput {
  strike: number;
  forward: number;
  expiry: number;
  alpha: number;
  beta: number;
  nu: number;
  rho: number;
}
const fixture = loadFixture<HaganInput, { vol: number }>(new URL('../fixtures/sabr/hagan.json', import.meta.url));
const tol = toleranceFor(fixture, 'vol');

describe('sabrVol (fixture sabr/hagan.json, QuantLib 1.29 sabrVolatility)', () => {
  it(`matches all ${fixture.cases.length} cases at abs ${tol.abs} / rel ${tol.rel}`, () => {
    let worst = 0;
    const failures: string[] = [];
    for (const c of fixture.cases) {
      const got = sabrVol(c.input);
      worst = Math.max(worst, toleranceRatio(got, c.expected.vol, tol));
      if (!withinTolerance(got, c.expected.vol, tol)) failures.push(`${c.id}: ${got} vs ${c.expected.vol}`);
    }
    expect(failures).toEqual([]);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('shifted SABR equals the unshifted formula at F + s, K + s', () => {
    const base = { forward: -0.002, strike: 0.001, expiry: 2, alpha: 0.01, beta: 0.5, rho: -0.2, nu: 0.4 };
    const shifted = sabrVol({ ...base, shift: 0.03 });
    expect(Math.abs(shifted / sabrVol({ ...base, forward: 0.028, strike: 0.031 }) - 1)).toBeLessThan(1e-13);
    expect(() => sabrVol(base)).toThrow(/forward/);
  });

  it('K = F uses z/x = 1 and equals the ATM limit of nearby strikes', () => {
    const p = { forward: 100, expiry: 1, alpha: 2, beta: 0.5, rho: -0.3, nu: 0.6 };
    const atm = sabrVol({ ...p, strike: 100 });
    // ATM closed form (Hagan 2.18): α/F^(1-β) (1 + T((1-β)²α²/(24F^(2-2β)) + ρβνα/(4F^(1-β)) + (2-3ρ²)ν²/24)).
    // = 0.2·(1 + 1/2400 - 0.0045 + 0.02595) = 0.204373333… (40-digit mpmath).
    expect(Math.abs(atm - 0.2043733333333333333)).toBeLessThan(1e-15);
    // Hagan's ATM skew dσ/dln K = -σ(1-β)/2 + ρν/4·(…) is below 1 in size here, so |Δσ| ≤ |Δln K|.
    for (const eps of [1e-13, 1e-10, 1e-7]) {
      expect(Math.abs(sabrVol({ ...p, strike: 100 * (1 + eps) }) - atm)).toBeLessThan(eps + 1e-15);
    }
  });

  it('law: the vol is smooth across the small-z switch (z² = 10ε): second differences stay tiny', () => {
    // Near the switch the log branch loses ~ε/z ≈ 5e-9 relative to cancellation (as in QuantLib).
    fc.assert(
      fc.property(fc.double({ min: -0.9, max: 0.9, noNaN: true }), fc.double({ min: 0.1, max: 1.5, noNaN: true }), (rho, nu) => {
        const p = { forward: 0.03, expiry: 1, alpha: 0.03, beta: 0.5, rho, nu };
        const v = [1e-9, 2e-8, 4e-8, 6e-8, 8e-8, 1.2e-7].map((e) => sabrVol({ ...p, strike: 0.03 * (1 + e) }));
        for (let i = 1; i + 1 < v.length; i++) expect(Math.abs(v[i + 1]! - v[i]!)).toBeLessThan(1e-7);
        expect(Math.abs(v[2]! - 2 * v[3]! + v[4]!)).toBeLessThan(1e-8);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects bad parameters with InvalidInputError naming the field', () => {
    const p = { forward: 100, strike: 100, expiry: 1, alpha: 2, beta: 0.5, rho: -0.3, nu: 0.6 };
    const cases: [Partial<HaganInput>, string][] = [
      [{ alpha: 0 }, 'alpha'],
      [{ beta: 1.1 }, 'beta'],
      [{ rho: 1 }, 'rho'],
      [{ rho: NaN }, 'rho'],
      [{ nu: -0.1 }, 'nu'],
      [{ expiry: -1 }, 'expiry'],
      [{ strike: 0 }, 'strike'],
      [{ forward: Infinity }, 'forward'],
    ];
    for (const [bad, field] of cases) {
      let err: unknown;
      try {
        sabrVol({ ...p, ...bad });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
  });
});

describe('sabrNormalVol (Hagan 2002 eq. A.69a)', () => {
  it('β = 0, ν = 0 is the Bachelier model: σ_N = α exactly at every strike', () => {
    for (const strike of [0.01, 0.02, 0.03, 0.05]) {
      expect(sabrNormalVol({ forward: 0.03, strike, expiry: 5, alpha: 0.008, beta: 0, rho: 0.3, nu: 0 })).toBeCloseTo(0.008, 15);
    }
  });

  it('agrees with the normal vol implied from the lognormal SABR price to the order of the expansion', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.8, max: 1.25, noNaN: true }),
        fc.double({ min: -0.6, max: 0.6, noNaN: true }),
        fc.constantFrom(0, 0.5, 1),
        (m, rho, beta) => {
          const forward = 0.03;
          const strike = forward * m;
          const expiry = 0.5;
          const atmLogVol = 0.25;
          const alpha = atmLogVol * Math.pow(forward, 1 - beta);
          const p = { forward, strike, expiry, alpha, beta, rho, nu: 0.3 };
          const vol = sabrVol(p);
          const price = black76Price({ type: 'call', forward, strike, expiry, rate: 0, vol });
          const implied = impliedNormalVol({ type: 'call', price, forward, strike, expiry, rate: 0 });
          // Both forms are O(T·ε²) asymptotics of the same model: 0.5% relative agreement here.
          expect(Math.abs(sabrNormalVol(p) / implied - 1)).toBeLessThan(5e-3);
        },
      ),
      { numRuns: 40 },
    );
  });
});
