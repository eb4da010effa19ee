import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, normInv, normPdf } from '@quantforge/core';
import { acerbiSzekelyTest, baselTrafficLight, christoffersenTest, historicalVaR, kupiecTest, rollingVarBacktest } from '@quantforge/risk';
import { buildSeries } from '../var/series';

describe('Kupiec / Christoffersen', () => {
  it('zero exceptions: LR_pof = −2n ln(1 − p) (derivation)', () => {
    const k = kupiecTest(new Array(250).fill(0), { p: 0.01 });
    expect(k.lr).toBeCloseTo(-2 * 250 * Math.log(0.99), 12);
    expect(k.exceptions).toBe(0);
  });
  it('x = np exactly gives LR_pof = 0, p-value 1', () => {
    const I = Array.from({ length: 100 }, (_, i) => (i % 20 === 0 ? 1 : 0));
    const k = kupiecTest(I, { p: 0.05 });
    expect(k.lr).toBe(0);
    expect(k.pValue).toBe(1);
  });
  it('booleans and 0/1 agree; LR_cc = LR_pof + LR_ind; LRs >= 0', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 400 }), fc.constantFrom(0.01, 0.05), (b, p) => {
        const c1 = christoffersenTest(b, { p });
        const c2 = christoffersenTest(b.map(Number), { p });
        expect(c1).toEqual(c2);
        expect(c1.lrCc).toBeCloseTo(c1.lrPof + c1.lrInd, 12);
        expect(c1.lrInd).toBeGreaterThanOrEqual(0);
        expect(c1.n00 + c1.n01 + c1.n10 + c1.n11).toBe(b.length - 1);
      }),
    );
  });
  it('bad input names the element', () => {
    expect(() => kupiecTest([0, 1, 2], { p: 0.01 })).toThrow(/exceptions\[2\]/);
    expect(() => kupiecTest([], { p: 0.01 })).toThrow(/empty/);
    expect(() => christoffersenTest([0, 1], { p: 1 })).toThrow(/'p'/);
  });
});

describe('Basel traffic light (250 days, 99%)', () => {
  it('zones and plus factors of the Basel (1996) table', () => {
    const expected: [number, string, number][] = [
      [0, 'green', 0], [4, 'green', 0], [5, 'yellow', 0.4], [6, 'yellow', 0.5], [7, 'yellow', 0.65],
      [8, 'yellow', 0.75], [9, 'yellow', 0.85], [10, 'red', 1], [15, 'red', 1],
    ];
    for (const [x, zone, plus] of expected) {
      const r = baselTrafficLight(x, { n: 250 });
      expect(r.zone, `x=${x}`).toBe(zone);
      expect(r.plusFactor).toBe(plus);
      expect(r.multiplier).toBe(3 + plus);
    }
    // P(X ≤ 4) = 0.8922 (Basel table: 89.22%), P(X ≤ 9) = 0.9999 rounded (99.99%).
    expect(baselTrafficLight(4, { n: 250 }).cumulativeProbability).toBeCloseTo(0.8922, 4);
  });
  it('accepts an exception series; bad counts rejected', () => {
    const I = new Array(250).fill(0);
    I[3] = I[50] = I[99] = I[100] = I[200] = 1;
    expect(baselTrafficLight(I).zone).toBe('yellow');
    expect(() => baselTrafficLight(3)).toThrow(/'n'/);
    expect(() => baselTrafficLight(300, { n: 250 })).toThrow(/exceptions/);
  });
});

describe('Acerbi-Székely Z2', () => {
  const n = 500;
  const alpha = 0.025;
  const z = normInv(1 - alpha);
  const es1 = normPdf(z) / alpha;
  it('data from the model: Z2 near 0 and p-value not small; seeded runs reproduce', () => {
    const rng = createRng(123);
    const r = Array.from({ length: n }, () => rng.nextNormal());
    const a = acerbiSzekelyTest(r, { var: z, es: es1, p: alpha, nSimulations: 2000, seed: 5 });
    const b = acerbiSzekelyTest(r, { var: z, es: es1, p: alpha, nSimulations: 2000, seed: 5 });
    expect(a).toEqual(b);
    expect(a.pValue).toBeGreaterThan(0.01);
  });
  it('volatility twice the model: Z2 strongly negative, p-value ≈ 0', () => {
    const rng = createRng(321);
    const r = Array.from({ length: n }, () => 2 * rng.nextNormal());
    const a = acerbiSzekelyTest(r, { var: z, es: es1, p: alpha, nSimulations: 2000, seed: 5 });
    expect(a.z2).toBeLessThan(-1);
    expect(a.pValue).toBeLessThan(0.01);
  });
  it('Z2 definition: 1 − Σ L_t I_t/(T α ES_t) (hand computation)', () => {
    const r = [-3, 0, 0, -1, 0, 0, 0, 0, 0, 0];
    const a = acerbiSzekelyTest(r, { var: 2, es: 3, p: 0.1, nSimulations: 100 });
    expect(a.z2).toBeCloseTo(1 - 3 / (10 * 0.1 * 3), 14);
    expect(a.exceptions).toBe(1);
  });
  it('bad input', () => {
    expect(() => acerbiSzekelyTest([0.1], { var: 2, es: 1, p: 0.1 })).toThrow(/es\[0\]/);
    expect(() => acerbiSzekelyTest([0.1, NaN], { var: 2, es: 3, p: 0.1 })).toThrow(/returns\[1\]/);
    expect(() => acerbiSzekelyTest([0.1], { var: [1, 2], es: 3, p: 0.1 })).toThrow(/var/);
    expect(() => acerbiSzekelyTest([0.1], { var: 1, es: 3, p: 0.1, distribution: 't', dof: 1 })).toThrow(/dof/);
  });
});

describe('rolling VaR backtest', () => {
  const x = buildSeries('eustock:DAX');
  it('historical model: the exception series matches a manual walk-forward', () => {
    const bt = rollingVarBacktest(x, 'historical', { window: 500, confidence: 0.99 });
    let k = 0;
    for (let t = 500; t < x.length; t += 97) {
      const v = historicalVaR(x.subarray(t - 500, t), { confidence: 0.99 });
      expect(bt.var[t - 500]).toBe(v);
      expect(bt.exceptions[t - 500]).toBe(-x[t] > v ? 1 : 0);
      k++;
    }
    expect(k).toBeGreaterThan(5);
    expect(bt.nExceptions).toBe(bt.exceptions.reduce((s, v) => s + v, 0));
    expect(bt.kupiec.n).toBe(x.length - 500);
    expect(bt.es).toBeDefined();
  });
  it('any model function works; a bad model output names t', () => {
    const bt = rollingVarBacktest(x, (w) => 10 * Math.max(...w.map(Math.abs)), { window: 100, confidence: 0.99 });
    expect(bt.nExceptions).toBe(0);
    expect(() => rollingVarBacktest(x, () => NaN, { window: 100, confidence: 0.99 })).toThrow(/model\(t=100\)/);
    expect(() => rollingVarBacktest(x, 'historical', { window: x.length, confidence: 0.99 })).toThrow(/window/);
  });
});
