import { describe, expect, it } from 'vitest';
import { quantile } from '@quantforge/core';
import { blockMaxima, fitGev, fitGpd, potES, potVaR } from '@quantforge/risk';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { buildSeries } from '../var/series';

interface In {
  kind: 'gpd' | 'gev';
  series: string;
  thresholdQuantile?: number;
  blockSize?: number;
}
const fx = loadFixture<In, Record<string, number>>(new URL('../fixtures/evt.json', import.meta.url));

function losses(series: string): Float64Array {
  return buildSeries(series).map((r) => -r);
}

describe(`risk/evt.json: ${fx.cases.length} cases (scipy genpareto / R evd) on the real series`, () => {
  const worst: Record<string, number> = {};
  for (const c of fx.cases) {
    it(c.id, () => {
      const L = losses(c.input.series);
      const got: Record<string, number> = {};
      if (c.input.kind === 'gpd') {
        const u = quantile(L, (c.input.thresholdQuantile as number));
        const fit = fitGpd(L, { threshold: u });
        Object.assign(got, {
          threshold: u,
          nExceedances: fit.nExceedances,
          xi: fit.xi,
          beta: fit.beta,
          var99: potVaR(L, { threshold: u, confidence: 0.99, fit }),
          es99: potES(L, { threshold: u, confidence: 0.99, fit }),
        });
      } else {
        const bm = blockMaxima(L, (c.input.blockSize as number));
        const fit = fitGev(bm);
        Object.assign(got, { nBlocks: bm.length, loc: fit.loc, scale: fit.scale, shape: fit.shape });
      }
      for (const [k, exp] of Object.entries(c.expected)) {
        if (k === 'nExceedances' || k === 'nBlocks') {
          expect(got[k], k).toBe(exp);
          continue;
        }
        const r = toleranceRatio(got[k], exp, toleranceFor(fx, k));
        worst[k] = Math.max(worst[k] ?? 0, r);
        expect(r, `${k}: got ${got[k]}, expected ${exp}`).toBeLessThanOrEqual(1);
      }
    });
  }
  it('reports the worst error per field (in units of the tolerance)', () => {
    console.info('evt.json worst/tolerance:', JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, +v.toPrecision(3)]))));
  });
});
