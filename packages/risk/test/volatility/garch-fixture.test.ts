import { describe, expect, it } from 'vitest';
import { fitGarch } from '@quantforge/risk';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { buildSeries } from '../var/series';

const fx = loadFixture<{ series: string }, Record<string, number>>(new URL('../fixtures/garch.json', import.meta.url));

describe(`risk/garch.json: GARCH(1,1) normal vs R fGarch (${fx.cases.length} cases, rel ${fx.tolerance.rel})`, () => {
  for (const c of fx.cases) {
    it(c.id, () => {
      const fit = fitGarch(buildSeries(c.input.series), { model: 'garch', dist: 'normal' });
      const got = fit as unknown as Record<string, number>;
      const ratios: Record<string, number> = {};
      for (const [k, exp] of Object.entries(c.expected)) {
        ratios[k] = toleranceRatio(got[k], exp, toleranceFor(fx, k));
        expect(ratios[k], `${k}: got ${got[k]}, expected ${exp}`).toBeLessThanOrEqual(1);
      }
      // Our optimum is at least as good as fGarch's (same likelihood definition).
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(c.expected.logLikelihood - 1e-6);
      console.info(c.id, 'error/tolerance', JSON.stringify(Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, +v.toPrecision(3)]))));
    });
  }
});
