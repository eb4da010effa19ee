import { describe, expect, it } from 'vitest';
import { normInv } from '@quantforge/core';
import { computeRiskSnapshot, monteCarloVaR, parametricBookVaR, resolveRiskModel } from '@quantforge/risk';
import { covariance, market, optionBook } from '../montecarlo/helpers';

describe('parametric book VaR', () => {
  it('single factor: delta-normal z|δ|σ√h, delta-gamma −½Γσ²h + z√(δ²σ²h + ½Γ²σ⁴h²)', () => {
    const dn = resolveRiskModel({ factors: ['A'], covariance: [[0.04]], horizon: 0.25, confidence: 0.99 });
    const dg = resolveRiskModel({ factors: ['A'], covariance: [[0.04]], horizon: 0.25, confidence: 0.99, method: 'delta-gamma' });
    const z = normInv(0.99);
    const s2 = 0.04 * 0.25;
    expect(parametricBookVaR(dn, [-100], [50])).toBeCloseTo(z * 100 * Math.sqrt(s2), 12);
    expect(parametricBookVaR(dg, [-100], [50])).toBeCloseTo(-0.5 * 50 * s2 + z * Math.sqrt(100 ** 2 * s2 + 0.5 * 50 ** 2 * s2 ** 2), 12);
  });

  it('delta-gamma moments match a Monte Carlo of the same quadratic P&L (arithmetic shocks)', () => {
    const factors = ['AAA', 'BBB', 'CCC'];
    const horizon = 10 / 252;
    const model = resolveRiskModel({ factors, covariance, horizon, method: 'delta-gamma' });
    const snap = computeRiskSnapshot(optionBook, market);
    const dd = factors.map((f) => snap.byUnderlying[f]?.dollarDelta ?? 0);
    const gg = factors.map((f) => snap.byUnderlying[f]?.dollarGamma ?? 0);
    const S = model.cov;
    let mean = 0;
    let v = 0;
    for (let i = 0; i < 3; i++) {
      mean += 0.5 * gg[i] * S[i][i];
      for (let j = 0; j < 3; j++) v += dd[i] * S[i][j] * dd[j] + 0.5 * gg[i] * S[i][j] * gg[j] * S[j][i];
    }
    const mc = monteCarloVaR({ positions: optionBook, market, factors, covariance, scenarios: 40000, horizon, confidence: 0.99, seed: 4, revaluation: 'delta-gamma', shockType: 'arithmetic' });
    const n = 40000;
    expect(Math.abs(mc.mean - mean)).toBeLessThan((4 * Math.sqrt(v)) / Math.sqrt(n));
    expect(Math.abs(mc.stdDev - Math.sqrt(v)) / Math.sqrt(v)).toBeLessThan(0.02);
    // The moment-matched VaR itself is only an approximation of that P&L's quantile (it ignores the
    // skew: 12% off on this gamma-heavy book at 10 days), which is why the MC fast path exists.
    expect(parametricBookVaR(model, dd, gg)).toBeCloseTo(-mean + model.z * Math.sqrt(v), 8);
  });
});
