/** Correlation analysis against numpy/scipy (fixtures/book-correlation.json, scripts/book-fixtures.py). */
import { describe, expect, it } from 'vitest';
import { loadEuStockMarkets, logReturns } from '@quantforge/datasets';
import { conditionalCorrelation, correlationBreakdownTest, ewmaCorrelation, rollingCorrelation, tailDependence } from '@quantforge/risk';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';

const fixture = loadFixture<Record<string, unknown>, Record<string, unknown>>(new URL('../fixtures/book-correlation.json', import.meta.url));
const data = loadEuStockMarkets();
const names = ['DAX', 'SMI', 'CAC', 'FTSE'] as const;
const cols = names.map((n) => logReturns(data.columns[n]));
const T = cols[0].length;
const rows: number[][] = Array.from({ length: T }, (_, t) => cols.map((c) => c[t]));

let worst = 0;
function check(got: number, exp: number, field: string): void {
  const r = toleranceRatio(got, exp, toleranceFor(fixture, field));
  worst = Math.max(worst, r);
  expect(r, `${field}: got ${got}, expected ${exp}`).toBeLessThanOrEqual(1);
}
function checkMatrix(got: number[][], exp: number[][]): void {
  exp.forEach((row, i) => row.forEach((v, j) => check(got[i][j], v, 'matrix')));
}

describe('correlation: numpy/scipy reference', () => {
  it('has the data the fixture was generated from', () => {
    expect(T).toBe(1859);
  });
  const rolling = rollingCorrelation(rows, 250);
  const regimes = conditionalCorrelation(
    rows,
    rows.map((r) => (r[0] < 0 ? 'down' : 'up')),
  );
  for (const c of fixture.cases) {
    it(c.id, () => {
      const input = c.input as Record<string, number | string>;
      const e = c.expected as Record<string, unknown>;
      switch (input.kind) {
        case 'rolling': {
          const w = rolling.find((x) => x.end === input.end)!;
          checkMatrix(w.matrix, e.matrix as number[][]);
          break;
        }
        case 'ewma':
          checkMatrix(ewmaCorrelation(rows, { lambda: input.lambda as number, warmup: input.warmup as number }).matrix, e.matrix as number[][]);
          break;
        case 'conditional': {
          const g = regimes.find((x) => x.label === input.label)!;
          expect(g.count).toBe(e.count);
          checkMatrix(g.matrix, e.matrix as number[][]);
          break;
        }
        case 'tail': {
          const r = tailDependence(cols[input.i as number], cols[input.j as number], { q: input.q as number });
          check(r.lower, e.lower as number, 'lower');
          check(r.upper, e.upper as number, 'upper');
          break;
        }
        case 'breakdown': {
          const split = input.split as number;
          const r = correlationBreakdownTest(rows.slice(0, split), rows.slice(split));
          check(r.jennrich.statistic, e.statistic as number, 'statistic');
          expect(r.jennrich.df).toBe(e.df);
          check(r.jennrich.pValue, e.pValue as number, 'pValue');
          for (const p of e.pairs as { i: number; j: number; z: number; pValue: number }[]) {
            const got = r.pairs.find((x) => x.i === p.i && x.j === p.j)!;
            check(got.z, p.z, 'z');
            check(got.pValue, p.pValue, 'pValue');
          }
          break;
        }
        default:
          throw new Error(`unknown case kind ${String(input.kind)}`);
      }
    });
  }
  it('reports the worst error in tolerance units', () => {
    expect(worst).toBeLessThanOrEqual(1);
    console.log(`book-correlation worst error / tolerance: ${worst.toExponential(3)}`);
  });
});
