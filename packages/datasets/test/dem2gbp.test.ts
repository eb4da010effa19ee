import { describe, expect, it } from 'vitest';
import { DATASETS, loadDem2Gbp } from '../src/index';
import { expectSameDoubles, readCsv } from './csv-fixture';

describe('loadDem2Gbp', () => {
  const csv = readCsv('dem2gbp.csv');

  it('has the 1974 rows of the README table', () => {
    expect(csv.rows).toBe(1974);
    expect(loadDem2Gbp().returns.length).toBe(1974);
    expect(DATASETS.dem2gbp.rows).toBe(1974);
  });

  it('first and last values equal the CSV text parsed with Number()', () => {
    const { returns } = loadDem2Gbp();
    expect(returns[0]).toBe(Number(csv.columns['return'][0]));
    expect(returns[0]).toBe(0.12533286);
    expect(returns[1973]).toBe(Number(csv.columns['return'][1973]));
  });

  it('every value round-trips to the CSV double', () => {
    expectSameDoubles(loadDem2Gbp().returns, csv.columns['return'], 'returns');
  });

  it('returns a fresh copy on every call', () => {
    const a = loadDem2Gbp();
    const want = a.returns[0];
    a.returns[0] = 123;
    a.returns.fill(NaN, 1);
    const b = loadDem2Gbp();
    expect(b.returns).not.toBe(a.returns);
    expect(b.returns[0]).toBe(want);
    expectSameDoubles(b.returns, csv.columns['return'], 'returns after mutation');
  });
});
