import { describe, expect, it } from 'vitest';
import { mean, standardDeviation, skewness, excessKurtosis } from '@quantforge/core';
import { fitStudentT, historicalES, historicalVaR, parametricES, parametricVaR } from '@quantforge/risk';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { buildSeries } from './series';

type Exp = Record<string, number>;
const fx = loadFixture<{ series: string; confidence: number }, Exp>(new URL('../fixtures/var.json', import.meta.url));

describe(`risk/var.json: ${fx.cases.length} cases (numpy/scipy) on the real series`, () => {
  const worst: Record<string, { ratio: number; id: string }> = {};
  for (const c of fx.cases) {
    it(c.id, () => {
      const x = buildSeries(c.input.series);
      const conf = c.input.confidence;
      const got: Exp = {
        n: x.length,
        mean: mean(x),
        std: standardDeviation(x, 1),
        skewness: skewness(x),
        excessKurtosis: excessKurtosis(x),
        historicalVaR: historicalVaR(x, { confidence: conf }),
        historicalES: historicalES(x, { confidence: conf }),
        normalVaR: parametricVaR(x, { confidence: conf, distribution: 'normal' }),
        normalES: parametricES(x, { confidence: conf, distribution: 'normal' }),
        cornishFisherVaR: parametricVaR(x, { confidence: conf, distribution: 'cornish-fisher' }),
      };
      if ('tDof' in c.expected) {
        const f = fitStudentT(x);
        got.tDof = f.dof;
        got.tLoc = f.loc;
        got.tScale = f.scale;
        got.tVaR = parametricVaR(x, { confidence: conf, distribution: 't', tFit: f });
        got.tES = parametricES(x, { confidence: conf, distribution: 't', tFit: f });
      }
      for (const [k, exp] of Object.entries(c.expected)) {
        if (k === 'n') {
          expect(got.n).toBe(exp);
          continue;
        }
        const r = toleranceRatio(got[k], exp, toleranceFor(fx, k));
        if (!(worst[k]?.ratio >= r)) worst[k] = { ratio: r, id: c.id };
        expect(r, `${k}: got ${got[k]}, expected ${exp}`).toBeLessThanOrEqual(1);
      }
    });
  }
  it('reports the worst error per field (in units of the tolerance)', () => {
    console.info('var.json worst/tolerance:', JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, +v.ratio.toPrecision(3)]))));
  });
  it('lpp:LMI (t fields omitted in the fixture): the t fit runs to a very large dof (normal limit)', () => {
    const f = fitStudentT(buildSeries('lpp:LMI'));
    expect(f.dof).toBeGreaterThan(100);
  });
});
