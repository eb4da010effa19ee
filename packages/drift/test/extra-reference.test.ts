import { describe, expect, it } from 'vitest';
import { andersonDarlingKSample, cramerVonMises2Sample, gTest, kolmogorovN, ksTest } from '@quantforge/drift';
import { loadFixture, toleranceFor, toleranceRatio, type Fixture } from '../../../test-utils/fixture';

type Any = Record<string, unknown>;
const fx: Fixture<Any, Any> = loadFixture<Any, Any>(new URL('./fixtures/extra-scipy.json', import.meta.url));

function run(input: Any): Record<string, number | number[]> {
  switch (input.kind) {
    case 'kstwo':
      return { sf: kolmogorovN(input.n as number, input.x as number, false), cdf: kolmogorovN(input.n as number, input.x as number, true) };
    case 'ksExact': {
      const r = ksTest(input.a as number[], input.b as number[], { method: 'exact' });
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'cvm': {
      const r = cramerVonMises2Sample(input.a as number[], input.b as number[]);
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'gtest': {
      const r = gTest(input.a as number[], input.b as number[]);
      return { statistic: r.statistic, pValue: r.pValue, dof: r.dof };
    }
    case 'ad3': {
      const r = andersonDarlingKSample(input.samples as number[][]);
      return { statistic: r.statistic, criticalValues: r.criticalValues, pValue: r.pValue };
    }
    default:
      throw new Error(`unknown kind ${String(input.kind)}`);
  }
}

describe(`${fx.name} (${fx.source})`, () => {
  for (const c of fx.cases) {
    it(c.id, () => {
      const got = run(c.input);
      for (const [k, v] of Object.entries(c.expected)) {
        const tol = toleranceFor(fx as Fixture<unknown, unknown>, k);
        const exp = Array.isArray(v) ? (v as number[]) : [v as number];
        const g = Array.isArray(got[k]) ? (got[k] as number[]) : [got[k] as number];
        expect(g.length).toBe(exp.length);
        exp.forEach((e, i) => expect(toleranceRatio(g[i], e, tol), `${c.id} ${k}[${i}]: got ${g[i]} expected ${e}`).toBeLessThanOrEqual(1));
      }
    });
  }
});
