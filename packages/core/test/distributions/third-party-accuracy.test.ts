/**
 * Why quantforge has its own normal CDF and quantile: the npm packages a JavaScript user would
 * otherwise pick are measured here against the same 50-digit mpmath fixture as our own
 * functions (test/fixtures/normal.json), and the test asserts that each is worse than our
 * bounds (normCdf 1e-15 relative on [-37, 0], normInv 2e-15 relative). If a release of one of
 * them becomes exact enough, the corresponding assertion fails and this file must be updated.
 *
 * Findings (measured with jstat 1.9.6, simple-statistics 7.12.1):
 * - jStat.normal.cdf = 0.5 * erfc(-x/sqrt2) with an erfc that is good in absolute terms only:
 *   3.9e-11 relative at x = -5, 6.9e-15 at -3, and 0 (relative error 1) at x = -10 (true value
 *   7.6e-24) and below. In the body (|x| <= 1) it is within a few ulps: fine there.
 * - jStat.normal.inv: 1-2 ulps for p in [0.025, 0.975], but 4.6e-10 relative at p = 1e-10,
 *   1.2e-2 at p = 1e-20, and 1.3e-4 at p = 0.499999999999 (cancellation near the median).
 * - simple-statistics cumulativeStdNormalProbability is a 4-decimal table lookup (2.8e-4
 *   relative at x = -1, clamped at 0.001 below x ~ -3.09), and probit is an erfinv
 *   approximation with ~1e-3 relative error that returns -Infinity for p <= ~1e-17.
 */
import { describe, expect, it } from 'vitest';
import jStat from 'jstat';
import { cumulativeStdNormalProbability, probit } from 'simple-statistics';
import { normCdf, normInv } from '../../src/distributions/normal';
import { casesFor, relError } from '../helpers/accuracy';

const cdfCases = casesFor('normCdf').filter((c) => (c.input.x as number) >= -37 && (c.input.x as number) <= 0);
const invCases = casesFor('normInv').filter((c) => c.expected.normInv !== 0);

function maxRel(f: (v: number) => number, cases: typeof cdfCases, key: 'x' | 'p', fn: string) {
  let worst = 0;
  let at = NaN;
  for (const c of cases) {
    const v = c.input[key] as number;
    const e = relError(f(v), c.expected[fn]);
    if (!(e <= worst)) {
      worst = e;
      at = v;
    }
  }
  return { worst, at };
}

describe('third-party normal CDF / quantile accuracy vs mpmath (why we wrote our own)', () => {
  const ours = maxRel(normCdf, cdfCases, 'x', 'normCdf');
  const jcdf = maxRel((x) => jStat.normal.cdf(x, 0, 1), cdfCases, 'x', 'normCdf');
  const sscdf = maxRel(cumulativeStdNormalProbability, cdfCases, 'x', 'normCdf');
  const oursInv = maxRel(normInv, invCases, 'p', 'normInv');
  const jinv = maxRel((p) => jStat.normal.inv(p, 0, 1), invCases, 'p', 'normInv');
  const ssinv = maxRel(probit, invCases, 'p', 'normInv');

  it('prints the comparison table', () => {
    const row = (r: { worst: number; at: number }) => ({ maxRelError: r.worst, at: r.at });
    console.table({
      'quantforge normCdf': row(ours),
      'jStat.normal.cdf': row(jcdf),
      'ss.cumulativeStdNormalProbability': row(sscdf),
      'quantforge normInv': row(oursInv),
      'jStat.normal.inv': row(jinv),
      'ss.probit': row(ssinv),
    });
    expect(ours.worst).toBeLessThanOrEqual(1e-15);
    expect(oursInv.worst).toBeLessThanOrEqual(2e-15);
  });

  it('jStat.normal.cdf loses relative precision in the lower tail and underflows to 0 early', () => {
    const at = (x: number) => relError(jStat.normal.cdf(x, 0, 1), normCdf(x));
    expect(at(-5)).toBeGreaterThan(1e-12); // measured ~4e-11
    expect(jStat.normal.cdf(-10, 0, 1)).toBe(0); // true value 7.6e-24
    expect(jStat.normal.cdf(-37, 0, 1)).toBe(0); // true value 5.7e-300
    expect(jcdf.worst).toBe(1);
    // in the body it is fine: within 1e-15 at x = -1
    expect(at(-1)).toBeLessThanOrEqual(1e-15);
  });

  it('jStat.normal.inv is exact enough in the body but not in the tails or next to the median', () => {
    const at = (p: number) => relError(jStat.normal.inv(p, 0, 1), normInv(p));
    expect(at(0.1)).toBeLessThanOrEqual(2e-15);
    expect(at(1e-10)).toBeGreaterThan(1e-11); // measured 4.6e-10
    expect(at(1e-20)).toBeGreaterThan(1e-3); // measured 1.2e-2
    expect(at(0.499999999999)).toBeGreaterThan(1e-6); // measured 1.3e-4
    expect(jinv.worst).toBeGreaterThan(2e-15);
  });

  it('simple-statistics: a 4-decimal table for the CDF and a ~1e-3 probit', () => {
    expect(relError(cumulativeStdNormalProbability(-1), normCdf(-1))).toBeGreaterThan(1e-4);
    expect(cumulativeStdNormalProbability(-5)).toBe(0.001); // true value 2.9e-7
    expect(sscdf.worst).toBeGreaterThan(1);
    expect(relError(probit(0.975), normInv(0.975))).toBeGreaterThan(1e-3);
    expect(probit(1e-20)).toBe(-Infinity); // true value -9.26
    expect(ssinv.worst).toBeGreaterThan(1e-3);
  });
});
