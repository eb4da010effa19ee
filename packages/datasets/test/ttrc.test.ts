import { describe, expect, it } from 'vitest';
import { DATASETS, loadTtrc, type TtrcData } from '../src/index';
import { expectSameDoubles, expectStrictlyIncreasing, isCalendarDate, readCsv } from './csv-fixture';

const FIELDS = [
  ['open', 'Open'],
  ['high', 'High'],
  ['low', 'Low'],
  ['close', 'Close'],
  ['volume', 'Volume'],
] as const satisfies readonly (readonly [keyof Omit<TtrcData, 'dates'>, string])[];

describe('loadTtrc', () => {
  const csv = readCsv('ttrc.csv');

  it('has the 5550 rows and the columns of the README table', () => {
    expect(csv.rows).toBe(5550);
    expect(csv.header).toEqual(['Date', 'Open', 'High', 'Low', 'Close', 'Volume']);
    const d = loadTtrc();
    expect(d.dates.length).toBe(5550);
    for (const [k] of FIELDS) {
      expect(d[k]).toBeInstanceOf(Float64Array);
      expect(d[k].length).toBe(5550);
    }
    expect(DATASETS.ttrc.rows).toBe(5550);
    expect(DATASETS.ttrc.columns).toEqual(csv.header);
  });

  it('first and last values equal the CSV text parsed with Number()', () => {
    const d = loadTtrc();
    expect(d.dates[0]).toBe('1985-01-02');
    expect(d.dates[5549]).toBe('2006-12-29');
    for (const [k, col] of FIELDS) {
      expect(d[k][0]).toBe(Number(csv.columns[col][0]));
      expect(d[k][5549]).toBe(Number(csv.columns[col][5549]));
    }
    expect([d.open[0], d.high[0], d.low[0], d.close[0], d.volume[0]]).toEqual([3.18, 3.18, 3.08, 3.08, 1870906]);
  });

  it('every value round-trips to the CSV double', () => {
    const d = loadTtrc();
    expect(d.dates).toEqual(csv.columns['Date']);
    for (const [k, col] of FIELDS) expectSameDoubles(d[k], csv.columns[col], k);
  });

  it('dates are ISO calendar dates, strictly increasing', () => {
    const { dates } = loadTtrc();
    for (const s of dates) if (!isCalendarDate(s)) expect.fail(`not an ISO date: ${s}`);
    expectStrictlyIncreasing(dates, 'dates');
  });

  it('OHLC bars are consistent: low <= open, close <= high; volume is a whole number >= 0', () => {
    const d = loadTtrc();
    for (let i = 0; i < d.dates.length; i++) {
      const ok =
        d.low[i] <= d.open[i] &&
        d.low[i] <= d.close[i] &&
        d.open[i] <= d.high[i] &&
        d.close[i] <= d.high[i] &&
        Number.isInteger(d.volume[i]) &&
        d.volume[i] >= 0;
      if (!ok) expect.fail(`bar ${i} (${d.dates[i]}) is inconsistent`);
    }
  });

  it('returns fresh copies on every call', () => {
    const a = loadTtrc();
    a.dates.reverse();
    for (const [k] of FIELDS) a[k].fill(0);
    const b = loadTtrc();
    expect(b.dates).toEqual(csv.columns['Date']);
    for (const [k, col] of FIELDS) {
      expect(b[k]).not.toBe(a[k]);
      expectSameDoubles(b[k], csv.columns[col], k);
    }
  });
});
