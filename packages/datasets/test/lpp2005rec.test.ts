import { describe, expect, it } from 'vitest';
import { DATASETS, LPP2005REC_COLUMNS, loadLpp2005Rec } from '../src/index';
import { expectSameDoubles, expectStrictlyIncreasing, isCalendarDate, readCsv } from './csv-fixture';

describe('loadLpp2005Rec', () => {
  const csv = readCsv('lpp2005rec.csv');

  it('has the 377 rows and the columns of the README table', () => {
    expect(csv.rows).toBe(377);
    expect(csv.header).toEqual(['date', ...LPP2005REC_COLUMNS]);
    const d = loadLpp2005Rec();
    expect(d.dates.length).toBe(377);
    expect(Object.keys(d.columns)).toEqual([...LPP2005REC_COLUMNS]);
    for (const c of LPP2005REC_COLUMNS) {
      expect(d.columns[c]).toBeInstanceOf(Float64Array);
      expect(d.columns[c].length).toBe(377);
    }
  });

  it('first and last values equal the CSV text parsed with Number()', () => {
    const d = loadLpp2005Rec();
    expect(d.dates[0]).toBe('2005-11-01');
    expect(d.dates[376]).toBe('2007-04-11');
    for (const c of LPP2005REC_COLUMNS) {
      expect(d.columns[c][0]).toBe(Number(csv.columns[c][0]));
      expect(d.columns[c][376]).toBe(Number(csv.columns[c][376]));
    }
    expect(d.columns.SBI[0]).toBe(-0.000612745);
    expect(d.columns.LPP60[376]).toBe(-0.00089045);
  });

  it('every value round-trips to the CSV double', () => {
    const d = loadLpp2005Rec();
    expect(d.dates).toEqual(csv.columns['date']);
    for (const c of LPP2005REC_COLUMNS) expectSameDoubles(d.columns[c], csv.columns[c], c);
  });

  it('dates are ISO calendar dates, strictly increasing', () => {
    const { dates } = loadLpp2005Rec();
    for (const s of dates) expect(isCalendarDate(s), s).toBe(true);
    expectStrictlyIncreasing(dates, 'dates');
  });

  it('returns fresh copies on every call', () => {
    const a = loadLpp2005Rec();
    a.dates[0] = 'x';
    a.dates.length = 0;
    for (const c of LPP2005REC_COLUMNS) a.columns[c].fill(0);
    const b = loadLpp2005Rec();
    expect(b.dates[0]).toBe('2005-11-01');
    expect(b.dates.length).toBe(377);
    for (const c of LPP2005REC_COLUMNS) {
      expect(b.columns[c]).not.toBe(a.columns[c]);
      expectSameDoubles(b.columns[c], csv.columns[c], c);
    }
  });

  it('DATASETS entry matches the file', () => {
    expect(DATASETS.lpp2005rec.rows).toBe(csv.rows);
    expect(DATASETS.lpp2005rec.columns).toEqual(csv.header);
  });
});
