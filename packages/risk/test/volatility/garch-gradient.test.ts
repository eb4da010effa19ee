import { describe, expect, it } from 'vitest';
import { objectiveGradient } from '../../src/volatility/garch';
import { buildSeries } from '../var/series';
import { fitGarch } from '@quantforge/risk';

// The analytic gradient is checked against central differences of the same objective, which
// fitGarch's log-likelihood exposes through the fitted value at perturbed parameters.
describe('GARCH analytic gradient', () => {
  const x = buildSeries('dem2gbp');
  let sd = 0;
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  for (const v of x) sd += (v - m) ** 2;
  sd = Math.sqrt(sd / (x.length - 1));
  const y = x.map((v) => v / sd);
  for (const [model, dist, th] of [
    ['garch', 'normal', [0.01, -3, 2, 1.5]],
    ['gjr', 'normal', [0.02, -2.5, 2.2, 1.2, -1]],
    ['garch', 't', [-0.01, -3, 2.5, 1.0, 1.2]],
    ['gjr', 't', [0.0, -2.8, 2.1, 0.8, -0.5, 1.6]],
  ] as const) {
    it(`${model}/${dist}: matches central differences to 1e-6 relative`, async () => {
      const { unpack } = await import('../../src/volatility/garch');
      const gjr = model === 'gjr';
      const tDist = dist === 't';
      const f = (t: Float64Array): number => {
        // −ℓ/n through the public fit path is not available at arbitrary θ; recompute it directly.
        const p = unpack(t, true, gjr, tDist);
        const n = y.length;
        let s2 = 0;
        for (const v of y) s2 += (v - p.mu) ** 2;
        s2 /= n;
        let e2p = s2;
        let hp = s2;
        let negp = 0.5;
        let ll = 0;
        const lb = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);
        for (let i = 0; i < n; i++) {
          const h = p.omega + (p.alpha + (gjr ? p.gamma * negp : 0)) * e2p + p.beta * hp;
          const e = y[i] - p.mu;
          if (tDist) ll += -lb(p.nu / 2, 0.5) - 0.5 * Math.log(p.nu - 2) - 0.5 * Math.log(h) - ((p.nu + 1) / 2) * Math.log1p((e * e) / (h * (p.nu - 2)));
          else ll -= 0.5 * (Math.log(2 * Math.PI) + Math.log(h) + (e * e) / h);
          e2p = e * e;
          hp = h;
          negp = e < 0 ? 1 : 0;
        }
        return -ll / n;
      };
      const t0 = Float64Array.from(th);
      const g = new Float64Array(t0.length);
      objectiveGradient(y, t0, true, gjr, tDist, g);
      for (let i = 0; i < t0.length; i++) {
        const h = 1e-5;
        const a = t0.slice();
        const b = t0.slice();
        a[i] += h;
        b[i] -= h;
        const num = (f(a) - f(b)) / (2 * h);
        expect(Math.abs(g[i] - num), `component ${i}: ${g[i]} vs ${num}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(num)));
      }
    });
  }
  it('the analytic-gradient fit still reproduces fGarch (see garch-fixture) and converges', () => {
    expect(fitGarch(x, { standardErrors: false }).alpha).toBeCloseTo(0.1531339, 3);
  });
});

// Lanczos log-gamma (g = 7, n = 9; ~1e-15) for the independent reference objective.
function lgamma(z: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lgamma(1 - z);
  z -= 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
