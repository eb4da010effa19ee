import { describe, expect, it } from 'vitest';
import { InfeasibleError, InvalidInputError, NoSolutionError } from '@quantforge/core';
import { loadEuStockMarkets, logReturns } from '@quantforge/datasets';
import {
  bookGreeks,
  historicalReplay,
  historicalScenario,
  proposeRecovery,
  reverseStressTest,
  spotVolLadder,
  STANDARD_SCENARIOS,
  stressTest,
  worstWindows,
} from '@quantforge/risk';
import type { Book, Position } from '@quantforge/risk';
import { market, optionBook } from '../montecarlo/helpers';

const book: Book = { positions: optionBook, market };

describe('worstWindows', () => {
  it('finds the worst non-overlapping windows (brute force on real data)', () => {
    const dax = logReturns(loadEuStockMarkets().columns.DAX);
    const w = worstWindows(dax, 5, 3);
    expect(w).toHaveLength(3);
    const sums = Array.from({ length: dax.length - 4 }, (_, i) => dax.slice(i, i + 5).reduce((a, b) => a + b, 0));
    const min = Math.min(...sums);
    expect(Math.log1p(w[0].totalReturn)).toBeCloseTo(min, 12);
    expect(w[0].totalReturn).toBeLessThanOrEqual(w[1].totalReturn);
    expect(w[1].totalReturn).toBeLessThanOrEqual(w[2].totalReturn);
    for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) expect(w[a].end < w[b].start || w[b].end < w[a].start).toBe(true);
  });

  it('simple returns compound', () => {
    const w = worstWindows([0.1, -0.5, -0.5, 0.2], 2, 1, { compounding: 'simple' });
    expect(w[0]).toMatchObject({ start: 1, end: 2 });
    expect(w[0].totalReturn).toBeCloseTo(-0.75, 14);
  });

  it('bad input names the NaN index', () => {
    expect(() => worstWindows([0.1, NaN, 0.2], 2, 1)).toThrow(/returns\[1\]/);
    expect(() => worstWindows([0.1, 0.2], 3, 1)).toThrow(/window/);
    expect(() => worstWindows([0.1, 0.2], 1, 0)).toThrow(/count/);
    expect(() => worstWindows([], 1, 1)).toThrow(/returns/);
  });
});

describe('historical scenarios', () => {
  it('a named historical scenario applies each underlying’s window move', () => {
    const returns = { AAA: [0.01, -0.05, -0.02], BBB: [0, 0.01, 0.02], CCC: [0, 0, 0] };
    const s = historicalScenario({ name: 'test', returns, start: 1, end: 2 });
    expect((s.spot as Record<string, number>).AAA).toBeCloseTo(Math.expm1(-0.07), 14);
    const [r] = stressTest(book, s);
    expect(r.name).toBe('test');
    expect(r.byUnderlying.CCC).toBeCloseTo(0, 12);
  });

  it('replay ranks windows by book P&L', () => {
    const returns = { AAA: [0.01, -0.05, -0.02, 0.03], BBB: [0, 0.01, 0.02, -0.01], CCC: [0.01, -0.01, 0, 0] };
    const r = historicalReplay(book, { returns, window: 2, count: 2 });
    const all = [0, 1, 2].map((start) => stressTest(book, historicalScenario({ name: '', returns, start, end: start + 1 }))[0].pnl);
    expect(r[0].pnl).toBeCloseTo(Math.min(...all), 10);
  });
});

describe('stressTest and ladders', () => {
  it('P&L by position sums to the total, zero shock gives zero', () => {
    const res = stressTest(book, [...STANDARD_SCENARIOS, { name: 'none' }]);
    for (const r of res) {
      const s = Object.values(r.byPosition).reduce((a, b) => a + b, 0);
      expect(s).toBeCloseTo(r.pnl, 8);
    }
    expect(res[res.length - 1].pnl).toBe(0);
  });

  it('spot×vol ladder agrees with stressTest and with delta/gamma for small moves', () => {
    const l = spotVolLadder(book, { spotShocks: [-0.001, 0, 0.001], volShocks: [0, 0.05] });
    expect(l.pnl[1][0]).toBe(0);
    expect(l.pnl[0][1]).toBeCloseTo(stressTest(book, { spot: -0.001, vol: 0.05 })[0].pnl, 8);
    const g = bookGreeks(book.positions, market);
    let dg = 0;
    for (const p of g.positions) {
      const S = market[p.underlying].spot;
      dg += p.delta * 0.001 * S + 0.5 * p.gamma * (0.001 * S) ** 2;
    }
    expect(Math.abs(l.pnl[2][0] - dg)).toBeLessThan(1e-3 * Math.abs(dg));
  });

  it('single-underlying ladder leaves the others alone', () => {
    const l = spotVolLadder(book, { spotShocks: [-0.1], volShocks: [0], underlying: 'BBB' });
    expect(l.pnl[0][0]).toBeCloseTo(stressTest(book, { spot: { BBB: -0.1 } })[0].byUnderlying.BBB, 8);
  });

  it('bad input', () => {
    expect(() => stressTest(book, [])).toThrow(/shocks/);
    expect(() => stressTest(book, { spot: -2 })).toThrow(/spot/);
    expect(() => spotVolLadder(book, { spotShocks: [], volShocks: [0] })).toThrow(/spotShocks/);
    expect(() => spotVolLadder(book, { spotShocks: [0], volShocks: [NaN] })).toThrow(/volShocks\[0\]/);
    expect(() => spotVolLadder(book, { spotShocks: [0], volShocks: [0], underlying: 'ZZZ' })).toThrow(/underlying/);
  });
});

describe('reverseStressTest', () => {
  const linear: Book = { positions: [{ id: 's', kind: 'linear', underlying: 'AAA', quantity: 100 }], market };

  it('finds the exact shock for a linear book (loss = 100·100·x)', () => {
    const r = reverseStressTest(linear, { factors: [{ underlying: 'AAA', kind: 'spot' }], directions: [[-1]], targetLoss: 1500 });
    expect(r.best.scale).toBeCloseTo(0.15, 10);
    expect(r.best.loss).toBeCloseTo(1500, 6);
  });

  it('picks the smallest shock among directions; Mahalanobis with a covariance', () => {
    const two: Book = {
      positions: [
        { id: 'a', kind: 'linear', underlying: 'AAA', quantity: 100 },
        { id: 'b', kind: 'linear', underlying: 'BBB', quantity: 200 },
      ],
      market,
    };
    const factors = [
      { underlying: 'AAA', kind: 'spot' as const },
      { underlying: 'BBB', kind: 'spot' as const },
    ];
    const dirs = [[-1, 0], [0, -1], [-Math.SQRT1_2, -Math.SQRT1_2]];
    // Dollar exposures 10,000 each: Euclidean-smallest is the diagonal (loss per unit norm √2·10⁴).
    const e = reverseStressTest(two, { factors, directions: dirs, targetLoss: 1000 });
    expect(e.best.direction[0]).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(e.best.size).toBeCloseTo(1000 / (Math.SQRT2 * 1e4), 9);
    // With a covariance where BBB moves are 10× cheaper, the BBB-only direction wins.
    const cov = [[0.01, 0], [0, 1]];
    const m = reverseStressTest(two, { factors, directions: dirs, targetLoss: 1000, covariance: cov });
    expect(m.best.direction[1]).toBe(-1);
    // Most-likely search (no directions): for a linear book x* ∝ Σδ, size = loss/√(δᵀΣδ).
    const ml = reverseStressTest(two, { factors, targetLoss: 1000, covariance: cov });
    const delta = [1e4, 1e4];
    const sd = Math.sqrt(cov[0][0] * delta[0] ** 2 + cov[1][1] * delta[1] ** 2);
    expect(ml.best.size).toBeCloseTo(1000 / sd, 6);
    expect(ml.best.shock[0] / ml.best.shock[1]).toBeCloseTo(0.01, 6);
  });

  it('works on the option book in full revaluation (spot and vol factors)', () => {
    const r = reverseStressTest(book, {
      factors: [
        { underlying: 'AAA', kind: 'spot' },
        { underlying: 'AAA', kind: 'vol' },
      ],
      directions: [[-1, 0.5]],
      targetLoss: 500,
    });
    expect(r.best.found).toBe(true);
    const check = stressTest(book, { spot: { AAA: r.best.shock[0] }, vol: { AAA: r.best.shock[1] } })[0].pnl;
    expect(-check).toBeCloseTo(500, 5);
  });

  it('throws NoSolutionError when the loss is out of reach, typed errors for bad input', () => {
    expect(() => reverseStressTest(linear, { factors: [{ underlying: 'AAA', kind: 'spot' }], directions: [[1]], targetLoss: 10 })).toThrow(NoSolutionError);
    expect(() => reverseStressTest(linear, { factors: [{ underlying: 'AAA', kind: 'spot' }], targetLoss: 10 })).toThrow(/directions/);
    expect(() => reverseStressTest(linear, { factors: [{ underlying: 'AAA', kind: 'spot' }], directions: [[0]], targetLoss: 10 })).toThrow(/zeros/);
    expect(() => reverseStressTest(linear, { factors: [{ underlying: 'AAA', kind: 'spot' }], directions: [[1, 2]], targetLoss: 10 })).toThrow(/directions\[0\]/);
    expect(() => reverseStressTest(linear, { factors: [{ underlying: 'AAA', kind: 'spot' }], directions: [[-1]], targetLoss: -1 })).toThrow(InvalidInputError);
  });
});

describe('proposeRecovery', () => {
  const positions: Position[] = [
    { id: 'a', kind: 'linear', underlying: 'AAA', quantity: 1000 },
    { id: 'b', kind: 'linear', underlying: 'BBB', quantity: 1000 },
    { id: 'c', kind: 'option', underlying: 'AAA', type: 'call', strike: 100, expiry: 0.5, quantity: 500 },
  ];
  const b: Book = { positions, market };

  it('reduces positions until every limit holds', () => {
    const limits = [
      { id: 'dd-AAA', metric: 'dollarDelta' as const, scope: { kind: 'underlying' as const, name: 'AAA' }, max: 80000 },
      { id: 'var', metric: 'var' as const, max: 3000 },
    ];
    const riskModel = { factors: ['AAA', 'BBB', 'CCC'], covariance: [[0.04, 0.018, 0.01], [0.018, 0.09, 0.0225], [0.01, 0.0225, 0.0625]] };
    const p = proposeRecovery(b, { limits, riskModel });
    expect(p.before['dd-AAA']).toBeGreaterThan(80000);
    expect(Math.abs(p.after['dd-AAA'])).toBeLessThanOrEqual(80000);
    expect(p.after.var).toBeLessThanOrEqual(3000);
    for (const r of p.reductions) expect(Math.abs(r.toQuantity)).toBeLessThan(Math.abs(r.fromQuantity));
    expect(p.steps).toBeGreaterThan(0);
  });

  it('no reduction needed when inside limits; typed errors otherwise', () => {
    const ok = proposeRecovery(b, { limits: [{ id: 'n', metric: 'notional', max: 1e9 }] });
    expect(ok.reductions).toHaveLength(0);
    expect(() => proposeRecovery(b, { limits: [{ id: 'v', metric: 'value', max: 1e9 }, { id: 'x', metric: 'notional', max: -1 }] })).toThrow(InvalidInputError);
    const short: Book = { positions: [{ id: 's', kind: 'linear', underlying: 'AAA', quantity: -10 }], market };
    expect(() => proposeRecovery(short, { limits: [{ id: 'v', metric: 'value', max: 0 }, { id: 'n', metric: 'notional', max: 0 }], step: 0.5 })).not.toThrow();
    expect(() => proposeRecovery(b, { limits: [{ id: 'v', metric: 'var', max: 1 }] })).toThrow(/riskModel/);
    // A step cap too small to get inside the limit ends in a typed InfeasibleError.
    expect(() => proposeRecovery(b, { limits: [{ id: 'n', metric: 'notional', max: 1000 }], step: 0.01, maxSteps: 3 })).toThrow(InfeasibleError);
  });
});
