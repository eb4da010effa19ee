import { describe, expect, it } from 'vitest';
import {
  andersonDarlingKSample,
  chiSquareTest,
  binCounts,
  energyDistance,
  innerEdges,
  jensenShannon,
  ksTest,
  psi,
  wasserstein1,
  type KsMethod,
} from '@quantforge/drift';
import { loadFixture, toleranceFor, toleranceRatio, type Fixture } from '../../../test-utils/fixture';

interface Input {
  reference: number[];
  current: number[];
  ksMethod: KsMethod;
}
interface Expected {
  ks: { statistic: number; pValue: number };
  wasserstein1: number;
  energy: number;
  andersonDarling: number;
  psi: number;
  jensenShannon: number;
  chi2: { statistic: number; pValue: number; dof: number };
}

function evaluate(i: Input): Record<string, number> {
  const ks = ksTest(i.reference, i.current, { method: i.ksMethod });
  const sorted = Float64Array.from(i.reference).sort();
  const edges = innerEdges(sorted);
  const chi = chiSquareTest(binCounts(i.reference, edges), binCounts(i.current, edges));
  return {
    'ks.statistic': ks.statistic,
    'ks.pValue': ks.pValue,
    wasserstein1: wasserstein1(i.reference, i.current),
    energy: energyDistance(i.reference, i.current),
    andersonDarling: andersonDarlingKSample([i.reference, i.current]).statistic,
    psi: psi(i.reference, i.current),
    jensenShannon: jensenShannon(i.reference, i.current),
    'chi2.statistic': chi.statistic,
    'chi2.pValue': chi.pValue,
    'chi2.dof': chi.dof,
  };
}

function flatten(e: Expected): Record<string, number> {
  return {
    'ks.statistic': e.ks.statistic,
    'ks.pValue': e.ks.pValue,
    wasserstein1: e.wasserstein1,
    energy: e.energy,
    andersonDarling: e.andersonDarling,
    psi: e.psi,
    jensenShannon: e.jensenShannon,
    'chi2.statistic': e.chi2.statistic,
    'chi2.pValue': e.chi2.pValue,
    'chi2.dof': e.chi2.dof,
  };
}

for (const file of ['tests.json', 'tests_large.json']) {
  const fx: Fixture<Input, Expected> = loadFixture<Input, Expected>(new URL(`./fixtures/${file}`, import.meta.url));
  describe(`${fx.name} (${fx.source})`, () => {
    const worst: Record<string, { r: number; id: string }> = {};
    for (const c of fx.cases) {
      it(`${c.id} (${c.input.reference.length} vs ${c.input.current.length}, ${c.input.ksMethod})`, () => {
        const got = evaluate(c.input);
        const exp = flatten(c.expected);
        for (const [k, v] of Object.entries(exp)) {
          if (k === 'chi2.dof') {
            expect(got[k], `${c.id} ${k}`).toBe(v);
            continue;
          }
          const tol = toleranceFor(fx as Fixture<unknown, unknown>, k.split('.')[0]);
          const r = toleranceRatio(got[k], v, tol);
          if (!worst[k] || r > worst[k].r) worst[k] = { r, id: c.id };
          expect(r, `${c.id} ${k}: got ${got[k]}, expected ${v}`).toBeLessThanOrEqual(1);
        }
      });
    }
    it('worst error per field (in units of the tolerance)', () => {
      console.log(file, Object.entries(worst).map(([k, v]) => `${k} ${v.r.toExponential(2)} (${v.id})`).join('; '));
    });
  });
}
