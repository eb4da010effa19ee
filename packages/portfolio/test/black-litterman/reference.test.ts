/** opt.json case blackLitterman (He & Litterman 1999 seven-country example, numpy closed forms). */
import { describe, expect, it } from 'vitest';
import { blackLitterman } from '@quantforge/portfolio';
import { loadFixture, toleranceFor, toleranceRatio, type Fixture } from '../../../../test-utils/fixture';

interface In {
  covariance: number[][];
  marketWeights: number[];
  riskAversion: number;
  tau: number;
  P: number[][];
  Q: number[];
  Omega: number[][];
}
const fixture = loadFixture<In, Record<string, unknown>>(new URL('../fixtures/opt.json', import.meta.url));

function worst(f: Fixture<unknown, unknown>, field: string, got: unknown, exp: unknown): number {
  const tol = toleranceFor(f, field);
  if (typeof exp === 'number') return toleranceRatio(got as number, exp, tol);
  return Math.max(...(exp as unknown[]).map((e, i) => worst(f, field, (got as unknown[])[i], e)));
}

describe('opt.json blackLitterman', () => {
  const c = fixture.cases.find((x) => x.id === 'blackLitterman')!;
  const { covariance, marketWeights, riskAversion, tau, P, Q, Omega } = c.input;
  for (const variant of ['default omega', 'given omega'] as const) {
    it(`${variant}: pi, posteriorMean, posteriorCovariance, weights within the field tolerances`, () => {
      const r = blackLitterman({ covariance, marketWeights, riskAversion, tau, P, Q, omega: variant === 'given omega' ? Omega : undefined });
      for (const field of ['pi', 'posteriorMean', 'posteriorCovariance', 'weights'] as const) {
        const ratio = worst(fixture, field, r[field], c.expected[field]);
        console.log(variant, field, 'worst error / tolerance', ratio.toExponential(2));
        expect(ratio).toBeLessThanOrEqual(1);
      }
      const om = r.omega;
      for (let k = 0; k < 2; k++) expect(Math.abs(om[k][k] - Omega[k][k])).toBeLessThanOrEqual(1e-15);
    });
  }
});
