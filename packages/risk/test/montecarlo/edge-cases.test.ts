import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError } from '@quantforge/core';
import { monteCarloVaR, resolveCovariance, sampleGamma, simulateFactorShocks, squareRootFactor, summarisePnl } from '@quantforge/risk';
import type { Position } from '@quantforge/risk';
import { market } from './helpers';

describe('summarisePnl', () => {
  it('type-7 VaR and tail-mean ES on a known sample', () => {
    const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
    const s = summarisePnl(pnl, 0.95);
    expect(s.var).toBeCloseTo(1 + 0.95 * 99, 12); // 95.05
    expect(s.es).toBeCloseTo(98, 12); // mean of 96..100
    expect(s.min).toBe(-100);
    expect(s.max).toBe(-1);
    expect(s.quantiles.p50).toBeCloseTo(-50.5, 12);
    expect(s.mean).toBeCloseTo(-50.5, 12);
  });

  it('a zero book has zero VaR, ES and standard errors (no NaN)', () => {
    const s = summarisePnl(new Float64Array(10), 0.99);
    expect(s).toMatchObject({ var: 0, es: 0, stdDev: 0 });
    expect(s.standardError.var).toBe(0);
    expect(s.standardError.es).toBe(0);
  });

  it('rejects non-finite P&L naming the index, tiny samples and bad confidence', () => {
    expect(() => summarisePnl([1, Infinity, 2], 0.9)).toThrow(/pnl\[1\]/);
    expect(() => summarisePnl([1], 0.9)).toThrow(/scenarios/);
    expect(() => summarisePnl([1, 2], NaN)).toThrow(/confidence/);
  });
});

describe('scenario generation', () => {
  it('Gamma sampler has the right mean (shape ≥ 1 and < 1)', () => {
    const rng = createRng(1);
    for (const shape of [0.5, 2.5]) {
      let s = 0;
      const n = 20000;
      for (let i = 0; i < n; i++) s += sampleGamma(rng, shape);
      expect(Math.abs(s / n - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
    }
  });

  it('a singular PSD covariance (perfect correlation) is factored by its eigenvectors', () => {
    const r = resolveCovariance({ correlation: [[1, 1], [1, 1]], vols: [0.2, 0.2] }, 2);
    expect(r.repaired).toBe(false);
    const sims = simulateFactorShocks({ factor: r.factor, scenarios: 100, horizon: 1, seed: 3 });
    for (let s = 0; s < 100; s++) expect(sims.returns[2 * s]).toBeCloseTo(sims.returns[2 * s + 1], 12);
  });

  it('the simulated covariance matches the input (normal)', () => {
    const cov = [[0.04, 0.01], [0.01, 0.09]];
    const n = 50000;
    const { returns } = simulateFactorShocks({ factor: squareRootFactor(cov), scenarios: n, horizon: 1, seed: 5 });
    let c01 = 0;
    let c11 = 0;
    for (let s = 0; s < n; s++) {
      c01 += returns[2 * s] * returns[2 * s + 1];
      c11 += returns[2 * s + 1] ** 2;
    }
    expect(Math.abs(c01 / n - 0.01)).toBeLessThan(0.0015);
    expect(Math.abs(c11 / n - 0.09)).toBeLessThan(0.003);
  });
});

describe('monteCarloVaR edge cases', () => {
  const common = { market, covariance: [[0.04]], scenarios: 100, horizon: 1 / 252, confidence: 0.99, seed: 1 };
  it('empty book, zero quantity, −0 quantity', () => {
    expect(() => monteCarloVaR({ ...common, positions: [] })).toThrow(/at least one position/);
    const zero: Position[] = [{ id: 'z', kind: 'linear', underlying: 'AAA', quantity: -0 }];
    const r = monteCarloVaR({ ...common, positions: zero });
    expect(r.var).toBe(0);
    expect(r.es).toBe(0);
  });
  it('infinite or NaN horizon and confidence are rejected; a 1-scenario run is rejected', () => {
    const pos: Position[] = [{ id: 'a', kind: 'linear', underlying: 'AAA', quantity: 1 }];
    expect(() => monteCarloVaR({ ...common, positions: pos, horizon: Infinity })).toThrow(InvalidInputError);
    expect(() => monteCarloVaR({ ...common, positions: pos, confidence: NaN })).toThrow(/confidence/);
    expect(() => monteCarloVaR({ ...common, positions: pos, scenarios: 2.5 })).toThrow(/scenarios/);
    expect(() => monteCarloVaR({ ...common, positions: pos, revaluation: 'exact' as never })).toThrow(/revaluation/);
    expect(() => monteCarloVaR({ ...common, positions: pos, covariance: [[-0.04]] })).toThrow(/variance/);
    expect(() => monteCarloVaR({ ...common, positions: pos, covariance: undefined })).toThrow(/covariance/);
    expect(() => monteCarloVaR({ ...common, positions: pos, volShocks: { stdDev: [0.1, 0.2] } })).toThrow(/volShocks/);
  });
  it('expired options and ageing past expiry revalue at intrinsic value', () => {
    const pos: Position[] = [{ id: 'c', kind: 'option', underlying: 'AAA', type: 'call', strike: 90, expiry: 0.001, quantity: 1 }];
    const r = monteCarloVaR({ ...common, positions: pos, horizon: 0.01, ageing: true, keepPnl: true });
    expect(r.pnl!.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('monteCarloPnl slices', () => {
  it('slices of the scenarios concatenate to the full run (bit for bit), for workers', async () => {
    const { monteCarloPnl } = await import('@quantforge/risk');
    const { optionBook, covariance } = await import('./helpers');
    const common = { positions: optionBook, market, factors: ['AAA', 'BBB', 'CCC'], covariance, scenarios: 300, horizon: 1 / 252, seed: 12 };
    const full = monteCarloVaR({ ...common, confidence: 0.99, keepPnl: true });
    const a = monteCarloPnl({ ...common, start: 0, end: 120 });
    const b = monteCarloPnl({ ...common, start: 120 });
    const joined = new Float64Array(300);
    joined.set(a.pnl, 0);
    joined.set(b.pnl, 120);
    expect([...joined]).toEqual([...full.pnl!]);
    expect(summarisePnl(joined, 0.99).var).toBe(full.var);
    expect(() => monteCarloPnl({ ...common, start: 300 })).toThrow(/range|end/);
    expect(() => monteCarloPnl({ ...common, start: 10, end: 5 })).toThrow(/end/);
  });
});
