import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, normInv, normPdf, studentTInv } from '@quantforge/core';
import { bsPrice } from '@quantforge/pricing';
import { monteCarloVaR, NotPositiveSemidefiniteError, simulateFactorShocks, squareRootFactor } from '@quantforge/risk';
import type { Position } from '@quantforge/risk';
import { covariance, market, optionBook } from './helpers';

const factors = ['AAA', 'BBB', 'CCC'];

function linearBook(q: number[]): Position[] {
  return q.map((quantity, i) => ({ id: `x${i}`, kind: 'linear' as const, underlying: factors[i], quantity }));
}

describe('monteCarloVaR: laws', () => {
  it('converges to the delta-normal VaR and ES for a linear book (within 4 standard errors)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }).filter((x) => Math.abs(x) > 1), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(0.95, 0.99),
        (q, seed, confidence) => {
          const horizon = 10 / 252;
          const r = monteCarloVaR({ positions: linearBook(q), market, factors, covariance, scenarios: 20000, horizon, confidence, seed, shockType: 'arithmetic' });
          const x = q.map((qi, i) => qi * market[factors[i]].spot);
          let v = 0;
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v += x[i] * covariance[i][j] * x[j];
          const sigma = Math.sqrt(v * horizon);
          const z = normInv(confidence);
          expect(Math.abs(r.var - z * sigma)).toBeLessThan(4 * r.standardError.var);
          expect(Math.abs(r.es - (sigma * normPdf(z)) / (1 - confidence))).toBeLessThan(4 * r.standardError.es);
          expect(r.es).toBeGreaterThanOrEqual(r.var);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('full revaluation and delta-gamma agree as shocks shrink (error O(shock³) vs VaR O(shock))', () => {
    const gaps = [1e-2, 1e-4, 1e-6].map((horizon) => {
      const common = { positions: optionBook, market, factors, covariance, scenarios: 2000, horizon, confidence: 0.99, seed: 11 };
      const full = monteCarloVaR({ ...common, revaluation: 'full' });
      const dg = monteCarloVaR({ ...common, revaluation: 'delta-gamma' });
      return Math.abs(full.var - dg.var) / full.var;
    });
    expect(gaps[1]).toBeLessThan(gaps[0]);
    expect(gaps[2]).toBeLessThan(gaps[1]);
    // Relative gap scales like the shock squared: √h drops 10× per step, so the gap drops ~100×.
    expect(gaps[2]).toBeLessThan(1e-4);
  });

  it('delta-gamma-vega agrees with full revaluation under small spot and vol shocks', () => {
    const common = {
      positions: optionBook,
      market,
      factors,
      covariance,
      scenarios: 2000,
      horizon: 1e-5,
      confidence: 0.99,
      seed: 5,
      volShocks: { stdDev: 0.5, spotCorrelation: -0.5 },
    };
    const full = monteCarloVaR({ ...common, revaluation: 'full' });
    const dgv = monteCarloVaR({ ...common, revaluation: 'delta-gamma-vega' });
    const dg = monteCarloVaR({ ...common, revaluation: 'delta-gamma' });
    expect(Math.abs(full.var - dgv.var) / full.var).toBeLessThan(2e-3);
    // Without the vega term the vol shocks are missed.
    expect(Math.abs(full.var - dg.var)).toBeGreaterThan(Math.abs(full.var - dgv.var));
  });

  it('is reproducible by seed and ES >= VaR, VaR monotone in confidence on the same scenarios', () => {
    const common = { positions: optionBook, market, factors, covariance, scenarios: 3000, horizon: 1 / 252, seed: 3 };
    const a = monteCarloVaR({ ...common, confidence: 0.99 });
    const b = monteCarloVaR({ ...common, confidence: 0.99 });
    const c = monteCarloVaR({ ...common, confidence: 0.95 });
    expect(a.var).toBe(b.var);
    expect(a.es).toBe(b.es);
    expect(a.es).toBeGreaterThanOrEqual(a.var);
    expect(a.var).toBeGreaterThanOrEqual(c.var);
    const d = monteCarloVaR({ ...common, confidence: 0.99, seed: 4 });
    expect(d.var).not.toBe(a.var);
  });

  it('full revaluation of a European equals bsPrice at the simulated spot (scenario by scenario)', () => {
    const pos: Position[] = [{ id: 'c', kind: 'option', underlying: 'AAA', type: 'call', strike: 100, expiry: 0.5, quantity: 3, multiplier: 10 }];
    const cov = [[0.04]];
    const r = monteCarloVaR({ positions: pos, market, covariance: cov, scenarios: 50, horizon: 0.02, confidence: 0.9, seed: 9, keepPnl: true });
    const sims = simulateFactorShocks({ factor: squareRootFactor(cov), scenarios: 50, horizon: 0.02, seed: 9 });
    const m = market.AAA;
    const base = bsPrice({ type: 'call', spot: m.spot, strike: 100, expiry: 0.5, rate: m.rate, dividendYield: m.dividendYield, vol: m.vol });
    for (let s = 0; s < 50; s++) {
      const v = bsPrice({ type: 'call', spot: m.spot * Math.exp(sims.returns[s]), strike: 100, expiry: 0.5, rate: m.rate, dividendYield: m.dividendYield, vol: m.vol });
      expect(r.pnl![s]).toBeCloseTo(30 * (v - base), 10);
    }
    expect(r.baseValue).toBeCloseTo(30 * base, 10);
  });

  it('t scenarios keep the covariance and fatten the tail', () => {
    const pos = linearBook([10, 0, 0]).slice(0, 1);
    const common = { positions: pos, market, covariance: [[0.04]], scenarios: 40000, horizon: 1, confidence: 0.999, seed: 1, shockType: 'arithmetic' as const };
    const t = monteCarloVaR({ ...common, distribution: 't', nu: 4 });
    const n = monteCarloVaR(common);
    // Standard deviation 10 × 100 × 0.2 = 200 in both.
    expect(Math.abs(t.stdDev - 200) / 200).toBeLessThan(0.05);
    expect(Math.abs(n.stdDev - 200) / 200).toBeLessThan(0.02);
    expect(t.var).toBeGreaterThan(n.var);
    // Linear book: the t VaR converges to σ·t_ν⁻¹(p)·√((ν−2)/ν) (covariance-preserving scaling).
    expect(Math.abs(t.var - 200 * studentTInv(0.999, 4) * Math.sqrt(2 / 4))).toBeLessThan(4 * t.standardError.var);
  });

  it('positionPnl sums to the total P&L, American positions are revalued in full', () => {
    const book: Position[] = [...optionBook, { id: 'am', kind: 'option', underlying: 'BBB', type: 'put', strike: 55, expiry: 0.5, quantity: 4, multiplier: 100, exercise: 'american' }];
    const r = monteCarloVaR({ positions: book, market, factors, covariance, scenarios: 200, horizon: 1 / 52, confidence: 0.95, seed: 2, keepPnl: true, keepPositionPnl: true });
    for (let s = 0; s < 200; s += 17) {
      let sum = 0;
      for (const row of r.positionPnl!) sum += row[s];
      expect(sum).toBeCloseTo(r.pnl![s], 8);
    }
    // The American put gains when spot falls.
    const am = r.positionPnl![book.length - 1];
    expect(Number.isFinite(am[0])).toBe(true);
  });

  it('correlation + vols (defaulting to market vols) equals the covariance form', () => {
    const corr = [
      [1, 0.3, 0.2],
      [0.3, 1, 0.3],
      [0.2, 0.3, 1],
    ];
    const vols = factors.map((f) => market[f].vol);
    const cov = corr.map((row, i) => row.map((c, j) => c * vols[i] * vols[j]));
    const common = { positions: optionBook, market, factors, scenarios: 500, horizon: 1 / 252, confidence: 0.99, seed: 8 };
    const a = monteCarloVaR({ ...common, correlation: corr });
    const b = monteCarloVaR({ ...common, covariance: cov });
    expect(a.var).toBeCloseTo(b.var, 8);
  });
});

describe('monteCarloVaR: bad input', () => {
  const nonPsd = [
    [1, 0.9, -0.9],
    [0.9, 1, 0.9],
    [-0.9, 0.9, 1],
  ];
  const common = { positions: optionBook, market, factors, scenarios: 500, horizon: 1 / 252, confidence: 0.99, seed: 1 };

  it('a non-PSD correlation throws a typed error with the offending eigenvalue, or is repaired', () => {
    let err: unknown;
    try {
      monteCarloVaR({ ...common, correlation: nonPsd });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotPositiveSemidefiniteError);
    expect((err as NotPositiveSemidefiniteError).eigenvalue).toBeLessThan(0);
    // Eigenvalues of this matrix: 1 − 0.9·... the smallest is 1 − 1.8 = −0.8.
    expect((err as NotPositiveSemidefiniteError).eigenvalue).toBeCloseTo(-0.8, 10);
    const r = monteCarloVaR({ ...common, correlation: nonPsd, repair: true });
    expect(r.repaired).toBe(true);
    expect(r.var).toBeGreaterThan(0);
  });

  it('mismatched dimensions, NaN entries, bad options', () => {
    expect(() => monteCarloVaR({ ...common, covariance: [[0.04, 0], [0, 0.04]] })).toThrow(/3×3/);
    expect(() => monteCarloVaR({ ...common, covariance: [[0.04, 0, 0], [0, NaN, 0], [0, 0, 0.04]] })).toThrow(InvalidInputError);
    expect(() => monteCarloVaR({ ...common, covariance, confidence: 1 })).toThrow(/confidence/);
    expect(() => monteCarloVaR({ ...common, covariance, confidence: 0 })).toThrow(/confidence/);
    expect(() => monteCarloVaR({ ...common, covariance, scenarios: 1 })).toThrow(/scenarios/);
    expect(() => monteCarloVaR({ ...common, covariance, horizon: 0 })).toThrow(/horizon/);
    expect(() => monteCarloVaR({ ...common, covariance, distribution: 't', nu: 2 })).toThrow(/nu/);
    expect(() => monteCarloVaR({ ...common, covariance, factors: ['AAA', 'BBB'] })).toThrow(/factors/);
    expect(() => monteCarloVaR({ ...common, positions: [{ id: 'a', kind: 'linear', underlying: 'ZZZ', quantity: 1 }] })).toThrow(/market data/);
    expect(() => monteCarloVaR({ ...common, covariance, positions: [{ id: 'a', kind: 'linear', underlying: 'AAA', quantity: NaN }] })).toThrow(/quantity/);
  });
});
