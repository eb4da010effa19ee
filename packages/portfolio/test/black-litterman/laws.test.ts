/** Black-Litterman laws: no views → prior; certain views hold exactly; Idzorek confidence tilts. */
import { describe, expect, it } from 'vitest';
import { blackLitterman, idzorekOmega } from '@quantforge/portfolio';
import { loadFixture } from '../../../../test-utils/fixture';

const fixture = loadFixture<Record<string, number[][] & number[] & number>, Record<string, unknown>>(new URL('../fixtures/opt.json', import.meta.url));
const c = fixture.cases.find((x) => x.id === 'blackLitterman')!.input as unknown as {
  covariance: number[][];
  marketWeights: number[];
  riskAversion: number;
  tau: number;
  P: number[][];
  Q: number[];
};

describe('blackLitterman laws', () => {
  it('views equal to the equilibrium leave the mean at π (to 1e-12 relative)', () => {
    const base = blackLitterman({ ...c });
    const Qeq = c.P.map((row) => row.reduce((s, p, i) => s + p * base.pi[i], 0));
    const r = blackLitterman({ ...c, Q: Qeq });
    r.posteriorMean.forEach((m, i) => expect(Math.abs(m - base.pi[i])).toBeLessThan(1e-12 * Math.abs(base.pi[i])));
  });
  it('confidence 1 makes the view hold exactly in the posterior mean', () => {
    const r = blackLitterman({ ...c, confidences: [1, 1] });
    c.P.forEach((row, k) => expect(Math.abs(row.reduce((s, p, i) => s + p * r.posteriorMean[i], 0) - c.Q[k])).toBeLessThan(1e-12));
  });
  it('confidence 0.5 is the He-Litterman default Ω = diag(PτΣPᵀ)', () => {
    const om = idzorekOmega({ covariance: c.covariance, tau: c.tau, P: c.P, confidences: [0.5, 0.5] });
    const def = blackLitterman({ ...c }).omega;
    expect(Math.abs(om[0][0] - def[0][0])).toBeLessThan(1e-16);
    expect(Math.abs(om[1][1] - def[1][1])).toBeLessThan(1e-16);
  });
  it('rejects omega and confidences together and confidences outside (0, 1]', () => {
    expect(() => blackLitterman({ ...c, omega: [[1, 0], [0, 1]], confidences: [0.5, 0.5] })).toThrow(/either/);
    expect(() => blackLitterman({ ...c, confidences: [0, 0.5] })).toThrow(/confidences\[0\]/);
  });
});
