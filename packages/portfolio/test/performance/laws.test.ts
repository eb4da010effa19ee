/** Laws, streaming/batch agreement and bad input for the performance analytics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import {
  RollingPerformance,
  annualizedReturn,
  annualizedVolatility,
  calmarRatio,
  capm,
  compareWithBenchmark,
  informationRatio,
  maxDrawdown,
  omegaRatio,
  returnsFromPrices,
  rollingBeta,
  rollingSharpe,
  rollingVolatility,
  sharpeRatio,
  sortinoRatio,
  trackingError,
} from '@quantforge/portfolio';

const ret = fc.double({ min: -0.2, max: 0.2, noNaN: true });
const series = (min = 3, max = 60) => fc.array(ret, { minLength: min, maxLength: max });

describe('laws', () => {
  it('streaming RollingPerformance and the batch functions agree exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }).chain((w) => fc.tuple(fc.constant(w), fc.array(fc.tuple(ret, ret), { minLength: w, maxLength: 40 }))),
        ([w, pairs]) => {
          const r = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          const o = { window: w, periodsPerYear: 252, riskFree: 0.01 };
          const roll = new RollingPerformance(o);
          const vol = rollingVolatility(r, o);
          const sh = rollingSharpe(r, o);
          const beta = rollingBeta(r, b, o);
          pairs.forEach(([x, y], i) => {
            const s = roll.update(x, y);
            expect(s.ready).toBe(i >= w - 1);
            if (s.ready) {
              expect(Object.is(s.volatility, vol[i - w + 1])).toBe(true);
              expect(Object.is(s.sharpe, sh[i - w + 1])).toBe(true);
              expect(Object.is(s.beta, beta[i - w + 1])).toBe(true);
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a rolling window equals the full-sample statistic of that window', () => {
    fc.assert(
      fc.property(series(12, 40), (r) => {
        const w = 10;
        const vol = rollingVolatility(r, { window: w });
        for (let k = 0; k + w <= r.length; k++) {
          const v = annualizedVolatility(r.slice(k, k + w));
          expect(Math.abs(vol[k] - v)).toBeLessThanOrEqual(1e-14 + 1e-12 * v);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('Sharpe is invariant to scaling returns (riskFree 0); tracking error is symmetric', () => {
    fc.assert(
      fc.property(series(), fc.double({ min: 0.1, max: 10, noNaN: true }), (r, k) => {
        fc.pre(annualizedVolatility(r) > 1e-6);
        const a = sharpeRatio(r);
        const b = sharpeRatio(r.map((v) => k * v));
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(series(4, 30), series(4, 30), (r, b) => {
        const n = Math.min(r.length, b.length);
        expect(trackingError(r.slice(0, n), b.slice(0, n))).toBe(trackingError(b.slice(0, n), r.slice(0, n)));
      }),
      { numRuns: 50 },
    );
  });

  it('max drawdown lies in [0, 1], the trough is not before the peak, and equals the depth of the drawdown series', () => {
    fc.assert(
      fc.property(series(1, 80), (r) => {
        const d = maxDrawdown(r);
        expect(d.maxDrawdown).toBeGreaterThanOrEqual(0);
        expect(d.maxDrawdown).toBeLessThanOrEqual(1);
        expect(d.troughIndex).toBeGreaterThanOrEqual(d.peakIndex);
        expect(Math.max(...d.drawdowns)).toBe(d.maxDrawdown);
        if (d.recoveryIndex !== null && d.maxDrawdown > 0) expect(d.recoveryIndex).toBeGreaterThan(d.troughIndex);
        expect(d.longestDrawdownDuration).toBeGreaterThanOrEqual(d.duration);
      }),
      { numRuns: 150 },
    );
  });

  it('geometric annualised return compounds back to the total return', () => {
    fc.assert(
      fc.property(series(1, 50), (r) => {
        const g = annualizedReturn(r, { periodsPerYear: r.length });
        const total = r.reduce((w, v) => w * (1 + v), 1) - 1;
        expect(Math.abs(g - total)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(total)));
      }),
      { numRuns: 100 },
    );
  });

  it('prices → simple returns → wealth recovers the prices', () => {
    const p = [100, 101, 99.5, 102, 102, 98];
    const r = returnsFromPrices(p);
    let w = 100;
    r.forEach((x, i) => {
      w *= 1 + x;
      expect(w).toBeCloseTo(p[i + 1], 12);
    });
    const l = returnsFromPrices(p, { method: 'log' });
    l.forEach((x, i) => expect(x).toBeCloseTo(Math.log(p[i + 1] / p[i]), 15));
    expect(returnsFromPrices([[1, 2], [2, 1]])).toEqual([[1, -0.5]]);
    const dd = maxDrawdown(p, { from: 'prices' });
    expect(dd.maxDrawdown).toBeCloseTo(1 - 98 / 102, 15);
    expect(dd.peakIndex).toBe(4);
    expect(dd.troughIndex).toBe(5);
    expect(dd.recovered).toBe(false);
  });

  it('CAPM of a series on itself: beta 1, alpha 0, R² 1; compareWithBenchmark is consistent', () => {
    const m = [0.01, -0.02, 0.015, 0.003, -0.007, 0.012];
    const r = m.map((v) => 0.001 + 1.5 * v);
    const c = capm(r, m);
    expect(c.beta).toBeCloseTo(1.5, 13);
    expect(c.alpha).toBeCloseTo(0.001, 15);
    expect(c.rSquared).toBeCloseTo(1, 12);
    const s = compareWithBenchmark(r, m, { periodsPerYear: 12 });
    expect(s.capm.beta).toBe(c.beta);
    expect(s.trackingError).toBe(trackingError(r, m, { periodsPerYear: 12 }));
    expect(s.informationRatio).toBe(informationRatio(r, m, { periodsPerYear: 12 }));
    expect(s.portfolio.annualizedReturn).toBe(annualizedReturn(r, { periodsPerYear: 12 }));
    expect(s.correlation).toBeCloseTo(1, 12);
    expect(s.periods).toBe(6);
  });
});

describe('edge cases and bad input', () => {
  it('undefined ratios throw or give ±∞ as documented', () => {
    expect(() => sharpeRatio([0.01, 0.01, 0.01])).toThrow(/zero volatility/);
    expect(sortinoRatio([0.01, 0.02])).toBe(Number.POSITIVE_INFINITY);
    expect(() => sortinoRatio([0, 0])).toThrow(/0\/0/);
    expect(omegaRatio([0.01, 0.02])).toBe(Number.POSITIVE_INFINITY);
    expect(() => omegaRatio([0, 0])).toThrow(/0\/0/);
    expect(calmarRatio([0.01, 0.02])).toBe(Number.POSITIVE_INFINITY);
    expect(() => calmarRatio([0, 0])).toThrow(InvalidInputError);
    expect(annualizedReturn([-1, 0.5])).toBe(-1);
    expect(() => annualizedReturn([-1.5, 0.5])).toThrow(/returns\[0\]/);
    expect(maxDrawdown([0.1, 0.1]).maxDrawdown).toBe(0);
    expect(Object.is(annualizedVolatility([-0, 0]), 0)).toBe(true);
  });

  it('NaN, ∞, empty, mismatched lengths and bad options are named', () => {
    expect(() => sharpeRatio([0.01, Number.NaN, 0.02])).toThrow(/returns\[1\]/);
    expect(() => annualizedVolatility([0.01, Number.POSITIVE_INFINITY])).toThrow(/returns\[1\]/);
    expect(() => annualizedReturn([])).toThrow(/at least 1/);
    expect(() => sharpeRatio([0.01])).toThrow(/at least 2/);
    expect(() => trackingError([0.01, 0.02, 0.03], [0.01, 0.02])).toThrow(/benchmark.*align/);
    expect(() => capm([0.01, 0.02, 0.03], [0.01, 0.01, 0.01])).toThrow(/constant/);
    expect(() => sharpeRatio([0.01, 0.02], { periodsPerYear: 0 })).toThrow(/periodsPerYear/);
    expect(() => sharpeRatio([0.01, 0.02], { riskFree: Number.NaN })).toThrow(/riskFree/);
    expect(() => returnsFromPrices([100, 0, 3])).toThrow(/prices\[1\]/);
    expect(() => returnsFromPrices([[1, 2], [2, -1]])).toThrow(/prices\[1\]\[1\]/);
    expect(() => returnsFromPrices([100])).toThrow(/at least 2/);
    expect(() => new RollingPerformance({ window: 1 })).toThrow(/window/);
    expect(() => rollingVolatility([0.1, 0.2], { window: 3 })).toThrow(/at least 3/);
    const roll = new RollingPerformance({ window: 2 });
    roll.update(0.01, 0.02);
    expect(() => roll.update(0.01)).toThrow(/benchmark/);
    expect(() => roll.update(Number.NaN, 0.01)).toThrow(InvalidInputError);
  });
});
