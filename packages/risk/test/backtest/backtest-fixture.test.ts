import { describe, expect, it } from 'vitest';
import { christoffersenTest, kupiecTest } from '@quantforge/risk';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';

const fx = loadFixture<{ exceptions: number[]; p: number }, Record<string, number>>(new URL('../fixtures/backtest.json', import.meta.url));

describe(`risk/backtest.json: ${fx.cases.length} Kupiec/Christoffersen cases (mpmath 30 digits)`, () => {
  const worst: Record<string, number> = {};
  for (const c of fx.cases) {
    it(c.id, () => {
      const k = kupiecTest(c.input.exceptions, { p: c.input.p });
      const ch = christoffersenTest(c.input.exceptions, { p: c.input.p });
      const got: Record<string, number> = { lrPof: k.lr, pValuePof: k.pValue, lrInd: ch.lrInd, pValueInd: ch.pValueInd, lrCc: ch.lrCc, pValueCc: ch.pValueCc };
      for (const [key, exp] of Object.entries(c.expected)) {
        const r = toleranceRatio(got[key], exp, toleranceFor(fx, key));
        worst[key] = Math.max(worst[key] ?? 0, r);
        expect(r, `${key}: got ${got[key]}, expected ${exp}`).toBeLessThanOrEqual(1);
      }
      const info = c.info as Record<string, number>;
      expect([ch.n00, ch.n01, ch.n10, ch.n11]).toEqual([info.n00, info.n01, info.n10, info.n11]);
    });
  }
  it('reports the worst error per field (in units of the tolerance)', () => {
    console.info('backtest.json worst/tolerance:', JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, +v.toPrecision(3)]))));
  });
});
