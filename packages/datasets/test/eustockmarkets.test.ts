import { describe, expect, it } from 'vitest';
import { DATASETS, EU_STOCK_INDICES, loadEuStockMarkets, logReturns } from '../src/index';
import { expectSameDoubles, expectStrictlyIncreasing, readCsv } from './csv-fixture';

describe('loadEuStockMarkets', () => {
  const csv = readCsv('eustockmarkets.csv');

  it('has the 1860 rows and the columns of the README table', () => {
    expect(csv.rows).toBe(1860);
    expect(csv.header).toEqual(['t', ...EU_STOCK_INDICES]);
    const d = loadEuStockMarkets();
    expect(d.time).toBeInstanceOf(Float64Array);
    expect(d.time.length).toBe(1860);
    expect(Object.keys(d.columns)).toEqual([...EU_STOCK_INDICES]);
    for (const c of EU_STOCK_INDICES) expect(d.columns[c].length).toBe(1860);
    expect(DATASETS.eustockmarkets.rows).toBe(1860);
    expect(DATASETS.eustockmarkets.columns).toEqual(csv.header);
  });

  it('first and last values equal the CSV text parsed with Number()', () => {
    const d = loadEuStockMarkets();
    expect(d.time[0]).toBe(Number(csv.columns['t'][0]));
    expect(d.time[0]).toBe(1991.49615384615);
    expect(d.time[1859]).toBe(1998.64615384615);
    expect(d.columns.DAX[0]).toBe(1628.75);
    expect(d.columns.FTSE[1859]).toBe(5455);
    for (const c of EU_STOCK_INDICES) {
      expect(d.columns[c][0]).toBe(Number(csv.columns[c][0]));
      expect(d.columns[c][1859]).toBe(Number(csv.columns[c][1859]));
    }
  });

  it('every value round-trips to the CSV double', () => {
    const d = loadEuStockMarkets();
    expectSameDoubles(d.time, csv.columns['t'], 't');
    for (const c of EU_STOCK_INDICES) expectSameDoubles(d.columns[c], csv.columns[c], c);
  });

  it('time is strictly increasing in steps of 1/260 (R ts, frequency 260)', () => {
    const { time } = loadEuStockMarkets();
    expectStrictlyIncreasing(time, 'time');
    // Written with 15 significant digits, so each value is within 1e-11 of start + i/260.
    for (let i = 0; i < time.length; i++) expect(Math.abs(time[i] - (time[0] + i / 260))).toBeLessThan(1e-10);
  });

  it('prices are positive and give 1859 log returns per index equal to Math.log ratios', () => {
    const d = loadEuStockMarkets();
    for (const c of EU_STOCK_INDICES) {
      const p = d.columns[c];
      for (let i = 0; i < p.length; i++) expect(p[i]).toBeGreaterThan(0);
      const r = logReturns(p);
      expect(r.length).toBe(1859);
      for (let t = 1; t < p.length; t++) {
        if (!Object.is(r[t - 1], Math.log(p[t] / p[t - 1]))) expect.fail(`${c} log return ${t - 1}`);
      }
    }
    expect(logReturns(d.columns.DAX)[0]).toBe(Math.log(1613.63 / 1628.75));
  });

  it('returns fresh copies on every call', () => {
    const a = loadEuStockMarkets();
    a.time.fill(0);
    for (const c of EU_STOCK_INDICES) a.columns[c].fill(-1);
    const b = loadEuStockMarkets();
    expect(b.time).not.toBe(a.time);
    expectSameDoubles(b.time, csv.columns['t'], 't');
    for (const c of EU_STOCK_INDICES) expectSameDoubles(b.columns[c], csv.columns[c], c);
  });
});
